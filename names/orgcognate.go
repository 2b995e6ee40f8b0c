package names

import "strings"

// Organisation names are full of international words that Russian and
// English share with their own endings: корпорация corporation,
// реконструкции reconstruction, технологический technological,
// тактическое tactical, электроника electronics. No list of groups holds
// them all, but their derivational endings correspond: -ция is -tion,
// -ический is -ic(al), -ика is -ic(s). CognateKey reads a word with such
// an ending, in either language, as one spelling: the Russian ending is
// written as the English one, then c is s before e, i, y and k elsewhere,
// ch is kh (technology, техно), x is ks, and the consonant skeleton of the
// result is the key. "korporatsiya" and "corporation" share "=~krprtn".
// A word without such an ending, or whose skeleton has fewer than four
// consonants, has no key: the ending says the word is a derived common
// noun or adjective, and four consonants tell one from another.

// cognateEndings maps a derivational ending (after the Russian inflection
// is dropped, see slavicStem) to its English form; longest first.
var cognateEndings = []struct{ from, to string }{
	{"atsionn", "ation"}, {"tsionn", "tion"}, // инновационный
	{"ichesk", "ic"}, // технический, тактическое
	{"ations", "ation"}, {"tions", "tion"},
	{"ation", "ation"}, {"tion", "tion"}, // English
	{"ical", "ic"}, {"ics", "ic"}, {"ic", "ic"},
	{"ats", "ation"}, {"ts", "tion"}, // корпорация, реконструкции
	{"ik", "ic"}, // электроника
}

// CognateKey returns the variant key of an international word of an
// organisation's name (see above), or false.
func CognateKey(tok string) (string, bool) {
	if len(tok) < 7 {
		return "", false
	}
	w := slavicStem(tok)
	found := false
	for _, e := range cognateEndings {
		if strings.HasSuffix(w, e.from) && len(w)-len(e.from) >= 4 {
			w, found = w[:len(w)-len(e.from)]+e.to, true
			break
		}
	}
	if !found {
		return "", false
	}
	sk := Skeleton(cognateSpelling(w))
	if len(sk) < 4 {
		return "", false
	}
	return "=~" + sk, true
}

// cognateSpelling writes the Latin spellings of international words as
// Russian readings write them: c as s before e, i, y and as k elsewhere,
// ch as kh, ck as k, x as ks, ph as f.
func cognateSpelling(w string) string {
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 'c' && next == 'h':
			b.WriteString("kh")
			i++
		case c == 'c' && next == 'k':
			b.WriteByte('k')
			i++
		case c == 'c' && (next == 'e' || next == 'i' || next == 'y'):
			b.WriteByte('s')
		case c == 'c':
			b.WriteByte('k')
		case c == 'x':
			b.WriteString("ks")
		case c == 'p' && next == 'h':
			b.WriteByte('f')
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
