package names

import "strings"

// Ge'ez (Ethiopic) letters are syllables: each consonant has seven
// forms, one per vowel, in rows of eight code points. The generic table
// (see generic.go) reads them; these rules follow the way Amharic and
// Tigrinya names are romanised:
//   - the sixth form (sadis) is the bare consonant: አሕመድ Ahmed, not
//     "ahhemade";
//   - the first form is e (መለስ Meles), a after the laryngeals ሀ ሐ ኀ አ ዐ
//     (ሀይሌ Haile, አበበ Abebe);
//   - long vowels are written single, ḥ and ś as h and s.

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
		v := genericValue(r)
		if r < 0x1380 {
			v = ethiopicForm(r, v)
		}
		b.WriteString(v)
	}
	return b.String(), max(n, 1)
}

// ethiopicForm corrects the generic value v of the syllable r by its form.
func ethiopicForm(r rune, v string) string {
	if v == "" {
		return ""
	}
	v = ethiopicFix.Replace(v)
	row := r &^ 7
	switch r & 7 {
	case 0:
		if laryngeal(row) {
			return v
		}
		return strings.TrimSuffix(v, "a") + "e"
	case 3, 4:
		return v[:len(v)-1] // aa, ee
	case 5:
		return strings.TrimSuffix(v, "e")
	}
	return v
}

// ethiopicFix writes ḥ, ḫ, ś and the ejectives as names do.
var ethiopicFix = strings.NewReplacer("hh", "h", "sz", "s", "kx", "kh", "x", "h", "c", "ch")

func laryngeal(row rune) bool {
	return row == 0x1200 || row == 0x1210 || row == 0x1280 || row == 0x12A0 || row == 0x12D0
}
