package names

import "strings"

// Ge'ez (Ethiopic) letters are syllables: each consonant has seven
// forms, one per vowel, in rows of eight code points. The generic table
// (see generic.go) reads them the way Amharic and Tigrinya names are
// romanised: the sixth form (sadis) is the bare consonant (አሕመድ Ahmed),
// the first form is e (መለስ Meles) and a after the laryngeals ሀ ሐ ኀ አ ዐ
// (ሀይሌ Haile, አበበ Abebe); ejectives and the glottal stop lose their
// apostrophe. Words end at the Ethiopic word space and punctuation.

func isEthiopic(r rune) bool { return r >= 0x1200 && r <= 0x139F || r >= 0x2D80 && r <= 0x2DDF }

func foldEthiopicWord(rs []rune) (string, int) {
	var b strings.Builder
	n := 0
	for ; n < len(rs) && isEthiopic(rs[n]); n++ {
		r := rs[n]
		if r >= 0x1361 && r <= 0x1368 { // word space and punctuation
			n++
			break
		}
		b.WriteString(genericValue(r))
	}
	return b.String(), max(n, 1)
}
