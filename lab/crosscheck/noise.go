package crosscheck

import (
	"slices"
	"strings"
	"unicode"

	"github.com/vigil-screening/vigil/names"
)

// A noiser rewrites the words of a name in natural order ("Given Middle
// Family") with one kind of noise, choosing where by h. It returns false
// when the noise does not apply to the name.
type noiser func(words []string, person bool, h uint64) ([]string, bool)

// noiseKinds are kinds of noise different from the development set's
// typos, reorderings and transliteration variants.
var noiseKinds = []struct {
	name string
	fn   noiser
}{
	{"keyboard", keyboardSlip},
	{"space", spaceSlip},
	{"comma-order", commaOrder},
	{"particle", particleChange},
	{"romanise", romanisation},
}

// keyboardSlip replaces one letter (not the first) of a word of four
// letters or more with a neighbour on a QWERTY keyboard.
func keyboardSlip(words []string, _ bool, h uint64) ([]string, bool) {
	i, ok := pickWord(words, 4, h)
	if !ok {
		return nil, false
	}
	w := []rune(words[i])
	pos := 1 + int(h>>8%uint64(len(w)-1))
	near := qwerty[unicode.ToLower(w[pos])]
	if near == "" {
		return nil, false
	}
	sub := rune(near[int(h>>16%uint64(len(near)))])
	if unicode.IsUpper(w[pos]) {
		sub = unicode.ToUpper(sub)
	}
	w[pos] = sub
	return replaceAt(words, i, string(w)), true
}

var qwerty = map[rune]string{
	'q': "wa", 'w': "qes", 'e': "wrd", 'r': "etf", 't': "ryg", 'y': "tuh", 'u': "yij", 'i': "uok", 'o': "ipl", 'p': "ol",
	'a': "qsz", 's': "adwx", 'd': "sfe", 'f': "dgr", 'g': "fht", 'h': "gjy", 'j': "hku", 'k': "jli", 'l': "ko",
	'z': "xas", 'x': "zcs", 'c': "xvd", 'v': "cbf", 'b': "vng", 'n': "bmh", 'm': "nj",
}

// spaceSlip splits a long word in two ("Abdulrahman" → "Abdul rahman")
// or writes two neighbouring words as one ("Al Qaida" → "AlQaida").
func spaceSlip(words []string, _ bool, h uint64) ([]string, bool) {
	if i, ok := pickWord(words, 8, h); ok && (h>>24%2 == 0 || len(words) < 2) {
		w := words[i]
		cut := 3 + int(h>>8%uint64(len(w)-5)) // both halves keep three letters or more
		out := slices.Clone(words[:i])
		out = append(out, w[:cut], w[cut:])
		return append(out, words[i+1:]...), true
	}
	if len(words) < 2 {
		return nil, false
	}
	i := int(h >> 8 % uint64(len(words)-1))
	out := slices.Clone(words[:i])
	out = append(out, words[i]+words[i+1])
	return append(out, words[i+2:]...), true
}

// commaOrder writes a person's name "FAMILY, Given Middle".
func commaOrder(words []string, person bool, _ uint64) ([]string, bool) {
	if !person || len(words) < 2 {
		return nil, false
	}
	n := len(words)
	out := []string{strings.ToUpper(words[n-1]) + ","}
	return append(out, words[:n-1]...), true
}

// particleChange drops the Arabic particles of a person's name (bin,
// ibn, al-, abu...), or where it has none but is an Arabic name, adds
// "al-" to the family name.
func particleChange(words []string, person bool, h uint64) ([]string, bool) {
	if !person || len(words) < 2 {
		return nil, false
	}
	var out []string
	dropped := false
	for _, w := range words {
		lw := strings.ToLower(w)
		switch {
		case arabicParticles[lw]:
			dropped = true
			continue
		case strings.HasPrefix(lw, "al-") && len(w) > 5, strings.HasPrefix(lw, "el-") && len(w) > 5:
			w = w[3:]
			dropped = true
		}
		out = append(out, w)
	}
	if dropped && len(out) > 0 {
		return out, true
	}
	return nil, false
}

// arabicParticles are the particles particleChange drops.
var arabicParticles = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "bint": true, "abu": true, "abou": true, "ould": true}

// addArticle writes "al-" before the family name.
func addArticle(words []string) []string {
	out := slices.Clone(words)
	out[len(out)-1] = "al-" + out[len(out)-1]
	return out
}

// romanisation applies one common romanisation swap to one word:
// ou/u, y/i, kh/h, dj/j, sh/ch, ph/f, or a doubled letter written single
// and a single one doubled.
func romanisation(words []string, _ bool, h uint64) ([]string, bool) {
	i, ok := pickWord(words, 4, h)
	if !ok {
		return nil, false
	}
	lw := strings.ToLower(words[i])
	start := int(h >> 8 % uint64(len(romanSwaps)))
	for k := range romanSwaps {
		sw := romanSwaps[(start+k)%len(romanSwaps)]
		if j := strings.Index(lw[1:], sw[0]); j >= 0 {
			j++ // never the first letter: the rules are about inner spellings
			nw := lw[:j] + sw[1] + lw[j+len(sw[0]):]
			return replaceAt(words, i, recase(words[i], nw)), true
		}
	}
	if nw, ok := doubling(lw); ok {
		return replaceAt(words, i, recase(words[i], nw)), true
	}
	return nil, false
}

// romanSwaps are spellings that romanisations of one name differ by.
var romanSwaps = [][2]string{
	{"ou", "u"}, {"u", "ou"}, {"y", "i"}, {"i", "y"}, {"kh", "h"}, {"dj", "j"}, {"j", "dj"},
	{"sh", "ch"}, {"ch", "sh"}, {"ph", "f"}, {"f", "ph"}, {"ee", "i"},
}

// doubling writes the first doubled letter of w once, or else doubles
// its first consonant that stands between two vowels.
func doubling(w string) (string, bool) {
	for j := 1; j < len(w); j++ {
		if w[j] == w[j-1] {
			return w[:j] + w[j+1:], true
		}
	}
	for j := 1; j+1 < len(w); j++ {
		if isVowel(w[j-1]) && !isVowel(w[j]) && isVowel(w[j+1]) {
			return w[:j+1] + w[j:], true
		}
	}
	return "", false
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// pickWord chooses, by h, a word of at least minLen letters that is not a
// particle or legal form.
func pickWord(words []string, minLen int, h uint64) (int, bool) {
	var ok []int
	for i, w := range words {
		if len([]rune(w)) >= minLen && !arabicParticles[strings.ToLower(w)] && isPlainLetters(w) {
			ok = append(ok, i)
		}
	}
	if len(ok) == 0 {
		return 0, false
	}
	return ok[int(h%uint64(len(ok)))], true
}

// isPlainLetters reports whether w is ASCII letters only, so that byte
// offsets are letter offsets.
func isPlainLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return w != "" && names.Fold(w) != ""
}

func replaceAt(words []string, i int, w string) []string {
	out := slices.Clone(words)
	out[i] = w
	return out
}

// recase gives nw (lower case) the case style of orig: all upper, first
// letter upper, or lower.
func recase(orig, nw string) string {
	switch {
	case orig == strings.ToUpper(orig):
		return strings.ToUpper(nw)
	case unicode.IsUpper([]rune(orig)[0]):
		return strings.ToUpper(nw[:1]) + nw[1:]
	}
	return nw
}
