package names

import "strings"

// Khmer is read with the generic table (see generic.go) and these rules
// of the UN/BGN romanisation of Khmer, where the generic reading is wrong
// for names:
//   - a consonant with a subscript (coeng ្) starts a cluster; any other
//     consonant followed by a consonant carries its inherent vowel, a in
//     the first series and o in the second (ន + រ "nor");
//   - the register marks ៉ ៊ are not written; ប with ៉ is p;
//   - the vowels ិ ី are i, ុ u (o in the first series: Sokha, Pol), ឹ e
//     and ោ o, as Cambodian names write them (Sihanouk, Hun, Kem,
//     Norodom), not the generic ei, o, oe, ao; ា ending a word in the
//     second series is ea (ជា Chea); the register marks ៉ ៊ move a
//     consonant to the first and second series;
//     ំ after a vowel sign is m (ឈុំ Chhum), after a consonant am (សំរិន
//     Samrin).

func isKhmer(r rune) bool { return r >= 0x1780 && r <= 0x17FF }

func isKhmerConsonant(r rune) bool { return r >= 0x1780 && r <= 0x17A2 }

// khmerSecondSeries are the consonants whose inherent vowel is o.
func khmerSecondSeries(r rune) bool {
	switch r {
	case 'គ', 'ឃ', 'ង', 'ជ', 'ឈ', 'ញ', 'ឌ', 'ឍ', 'ន', 'ទ', 'ធ', 'ព', 'ភ', 'ម', 'យ', 'រ', 'ល', 'វ':
		return true
	}
	return false
}

const khmerCoeng = 0x17D2

func foldKhmerWord(rs []rune, french bool) (string, int) {
	n := 0
	for n < len(rs) && isKhmer(rs[n]) && !(rs[n] >= 0x17D4 && rs[n] <= 0x17DA) {
		n++
	}
	if n == 0 {
		return "", 1
	}
	word := rs[:n]
	var b strings.Builder
	second := false // the series of the last consonant, after its register mark
	for i, r := range word {
		v := genericValue(r)
		if kv, ok := khmerVowels[r]; ok {
			v = kv
		}
		if isKhmerConsonant(r) && !(i > 0 && word[i-1] == khmerCoeng) {
			second = khmerSecondSeries(r)
			if i+1 < len(word) && (word[i+1] == 0x17C9 || word[i+1] == 0x17CA) {
				second = word[i+1] == 0x17CA // ៉ makes it first series, ៊ second
			}
		}
		switch {
		case r == 0x17BB && !second:
			v = "o" // ុ in the first series: សុខា Sokha, ប៉ុល Pol (ហ៊ុន Hun)
		case r == 0x17B6 && second && i+1 == len(word):
			v = "ea" // ា ending a word in the second series: ជា Chea
		case french && r == 0x17BB && second:
			v = "ou" // the French spelling of u: សីហនុ Sihanouk (see KhmerReading)
		case french && r == 0x17B6 && second:
			v = "ea" // and of the second-series ា before a final: អ៊ាវ Eav
		case french && r == 0x17C0:
			v = "ea" // and of ៀ: ទៀ Tea, យៀប Yeap
		}
		if r == 'ប' && i+1 < len(word) && word[i+1] == 0x17C9 {
			v = "p"
		}
		if r == 'ំ' && i > 0 && !isKhmerConsonant(word[i-1]) {
			v = "m" // after a vowel sign: ុំ um, not uam
		}
		switch {
		case isKhmerConsonant(r):
			if len(v) == 2 && v[0] == v[1] {
				v = v[:1] // ណ "nn" is n
			}
			b.WriteString(v)
			sub := i > 0 && word[i-1] == khmerCoeng
			// A consonant before another carries the inherent vowel,
			// unless the other ends the word after a vowel sign (then
			// it is that syllable's final); so does a consonant alone
			// (ស Sar) and one that begins the last syllable (សម Sam,
			// ពត Pot, សំផន Samphan).
			onset := i == 0 || !(word[i-1] >= 0x17B6 && word[i-1] <= 0x17C5)
			if !sub && (i+1 < len(word) && isKhmerConsonant(word[i+1]) && (i+2 < len(word) || onset) || len(word) == 1) {
				if khmerSecondSeries(r) {
					b.WriteByte('o')
				} else {
					b.WriteByte('a')
				}
			}
		case r == 0x17C9 || r == 0x17CA || r == khmerCoeng || r == 0x17CB:
			// Register marks, the subscript sign, and the bantoc ់ that
			// shortens the vowel: not written (បាញ់ Banh, ប្រាក់ Prak).
		case len(v) == 2 && v[0] == v[1]:
			b.WriteByte(v[0])
		default:
			b.WriteString(v)
		}
	}
	return b.String(), n
}

// KhmerReading returns the second reading of a name in Khmer script,
// in the French-influenced spelling most Cambodian names keep in Latin
// letters beside the UN/BGN one Fold follows: the vowel /u/ (ុ in the
// second series) is ou (សីហនុ Sihanouk), and the diphthong /iə/ is ea
// whether ៀ or the second-series ា writes it (ទៀ Tea, យៀប Yeap, អ៊ាវ Eav;
// Fold writes ៀ ie as in Ieng and Khieu, and ា ea only ending a word,
// as in Chea). It reports false when the reading
// would be the same.
func KhmerReading(s string) (string, bool) {
	if !strings.ContainsAny(s, "\u17BB\u17C0\u17B6") {
		return "", false
	}
	if r := altMark + s; Fold(r) != Fold(s) {
		return r, true
	}
	return "", false
}

// khmerVowels are the vowel signs that Cambodian names write otherwise
// than the generic table.
var khmerVowels = map[rune]string{'ិ': "i", 'ី': "i", 'ុ': "u", 'ឹ': "e", 'ោ': "o"}
