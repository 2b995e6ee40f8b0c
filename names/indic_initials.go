package names

// Names in the Brahmic scripts of India abbreviate given names the way
// English does, and write the initial as the English name of the letter
// (Kannada ಬಿ. ಎಸ್. ಯಡಿಯೂರಪ್ಪ B. S. Yediyurappa, Tamil சி. என். அண்ணாதுரை
// C. N. Annadurai) or, in Tamil, as the first syllable of the father's
// name (மு. க. ஸ்டாலின் M. K. Stalin). A word followed by a full stop is
// read as that initial: the letter whose English name it is, else its
// first letter.

// letterNames are the English names of the Latin letters as Indic
// scripts write them, folded.
var letterNames = map[string]string{
	"e": "a", "ee": "a", "bi": "b", "si": "c", "di": "d", "i": "e", "ef": "f", "eph": "f", "ji": "g",
	"ech": "h", "hech": "h", "aich": "h", "ai": "i", "je": "j", "jay": "j", "ke": "k", "kay": "k",
	"el": "l", "em": "m", "en": "n", "o": "o", "pi": "p", "kyu": "q", "ar": "r", "aar": "r",
	"es": "s", "ti": "t", "tee": "t", "yu": "u", "vi": "v", "dablyu": "w", "eks": "x", "vai": "y",
	"jed": "z", "zed": "z",
}

// brahmicInitial returns the initial that the romanised word stands for
// when the word is followed by a full stop (next), or "" otherwise.
func brahmicInitial(roman string, rs []rune, n int) string {
	if roman == "" || n >= len(rs) || rs[n] != '.' {
		return ""
	}
	if l, ok := letterNames[roman]; ok {
		return l
	}
	return roman[:1]
}

// TamilReading returns the second reading of a name in Tamil script, in
// which ச is ch rather than s: Tamil writes both with one letter, and
// the Latin forms use either (Sundar, Sivaji; Chidambaram, Chennai). It
// reports false when s has no Tamil letter.
func TamilReading(s string) (string, bool) {
	for _, r := range s {
		if r == 0x0B9A { // ச
			return altMark + s, true
		}
	}
	return "", false
}
