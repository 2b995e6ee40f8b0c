package un

import "unicode"

// scripts are the writing systems names in the lists use, with their
// ISO 15924 codes, in the order they are tested.
var scripts = []struct {
	code  string
	table *unicode.RangeTable
}{
	{"Arab", unicode.Arabic},
	{"Cyrl", unicode.Cyrillic},
	{"Hang", unicode.Hangul},
	{"Hani", unicode.Han},
	{"Grek", unicode.Greek},
	{"Hebr", unicode.Hebrew},
	{"Thai", unicode.Thai},
	{"Mymr", unicode.Myanmar},
	{"Ethi", unicode.Ethiopic},
	{"Geor", unicode.Georgian},
	{"Armn", unicode.Armenian},
	{"Deva", unicode.Devanagari},
	{"Latn", unicode.Latin},
}

// Script returns the ISO 15924 code of the script most letters of s are
// written in, "Kore" for Korean mixing Hangul and Han, or "" for text
// without letters.
func Script(s string) string {
	counts := make([]int, len(scripts))
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		for i, sc := range scripts {
			if unicode.Is(sc.table, r) {
				counts[i]++
				break
			}
		}
	}
	best := -1
	for i, c := range counts {
		if c > 0 && (best < 0 || c > counts[best]) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	code := scripts[best].code
	if (code == "Hang" && counts[3] > 0) || (code == "Hani" && counts[2] > 0) {
		return "Kore"
	}
	return code
}
