// Package crosscheck builds a second, held-out yardstick for the
// screening engine from the lists themselves rather than from the
// development set: names in their original scripts (UN, UK, Australia,
// OpenSanctions networks) screened against the Latin names of the same
// records, other lists' Latin names with noise of kinds the development
// set does not use, and names that must not alert.
//
// Every case is an evalset.Case, so the figures are measured and
// printed the same way as the development set's.
package crosscheck

import "unicode"

// Script returns the ISO 15924 code of the script most letters of s are
// written in ("Latn", "Cyrl", "Arab", "Hani", "Hang", ...), or "" when s
// has no letters.
func Script(s string) string {
	counts := map[string]int{}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		counts[scriptOf(r)]++
	}
	best, n := "", 0
	for _, code := range scriptOrder {
		if counts[code] > n {
			best, n = code, counts[code]
		}
	}
	return best
}

// scriptOrder fixes the order in which ties are broken.
var scriptOrder = []string{"Latn", "Cyrl", "Arab", "Hani", "Hang", "Kana", "Grek", "Hebr", "Armn", "Geor", "Thai", "Deva", "Mymr", "Ethi", "Other"}

var scriptTables = []struct {
	code  string
	table *unicode.RangeTable
}{
	{"Latn", unicode.Latin}, {"Cyrl", unicode.Cyrillic}, {"Arab", unicode.Arabic},
	{"Hani", unicode.Han}, {"Hang", unicode.Hangul}, {"Kana", unicode.Hiragana}, {"Kana", unicode.Katakana},
	{"Grek", unicode.Greek}, {"Hebr", unicode.Hebrew}, {"Armn", unicode.Armenian},
	{"Geor", unicode.Georgian}, {"Thai", unicode.Thai}, {"Deva", unicode.Devanagari},
	{"Mymr", unicode.Myanmar}, {"Ethi", unicode.Ethiopic},
}

func scriptOf(r rune) string {
	for _, t := range scriptTables {
		if unicode.Is(t.table, r) {
			return t.code
		}
	}
	return "Other"
}

// NonLatin reports whether s is written mostly in a script other than Latin.
func NonLatin(s string) bool {
	sc := Script(s)
	return sc != "" && sc != "Latn"
}
