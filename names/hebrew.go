package names

import "strings"

// Hebrew is written without short vowels, and the same letter stands for
// a stop or a fricative (ב b/v, כ k/kh, פ p/f) by its place in the word.
// foldHebrewWord reads a whole word, so that each letter knows its
// neighbours, by these rules:
//   - ב and כ are b and k at the start of a word or when marked with a
//     dagesh; elsewhere כ is kh, and ב is v after a vowel letter (א ה ו
//     י) or at the end of a word (Avraham, Yaakov), else b (Goldberg,
//     and עבד Abd);
//   - פ is f unless marked with a dagesh: unpointed, a word-initial פ in
//     a name is as often f (Federman, Faisal, Fahd: every such name in the
//     lists' Hebrew-script names) as p;
//   - ו starts a word as v, וו is v, ו before a final vowel letter is v
//     (Levi, Chava); elsewhere it is the vowel o, or u after ה at the end
//     (Netanyahu);
//   - י starts a word as y, elsewhere it is the vowel i (יי is y);
//   - ה at the end of a word is the vowel a (Sara); elsewhere it is h,
//     written "eh" after a letter whose Latin form would make a digraph
//     with it (כהן Kehn, not Khn, so that it meets Cohen);
//   - ח is h, as modern Israeli romanisation and the Latin forms of
//     Arabic names write it; א and ע are written a at the start of a
//     word (אל al, עבד Abd) and not at all elsewhere;
//   - with a geresh (׳ or ') ג ז צ ח ת ד ע ט are the sounds Hebrew
//     borrows for foreign and Arabic names: j, zh, d (ض), kh, th, dh, gh,
//     z;
//   - vowel points, when present, are written (a, e, i, o, u);
//   - ש is sh, or s with a sin dot.
//
// The matcher compares names from this script by their consonant
// skeleton, so the rules aim at the skeleton of the usual Latin form.
func foldHebrewWord(rs []rune, alt bool) (string, int) {
	units, n := hebrewUnits(rs)
	if len(units) == 0 {
		return "", 0
	}
	var b strings.Builder
	for k := range units {
		s := hebrewLetter(units, k)
		if alt && units[k].letter == 'צ' {
			// The second reading: צ׳ ch, צ z (see HebrewReading).
			s = "z"
			if units[k].geresh {
				s = "ch"
			}
		}
		if strings.HasPrefix(s, "h") && k > 0 && strings.ContainsAny(lastByte(b.String()), "tdkszcgp") {
			s = "e" + s
		}
		b.WriteString(s)
		b.WriteString(units[k].vowel)
	}
	return b.String(), n
}

// hebrewUnit is one letter with its marks.
type hebrewUnit struct {
	letter rune
	dagesh bool // U+05BC: stop, not fricative (or shuruk on ו)
	geresh bool // ׳ or ': a borrowed sound
	sin    bool // U+05C2: ש read s
	vowel  string
}

// hebrewUnits splits the Hebrew word at the start of rs into letters
// with their marks, and returns them and the number of runes read.
// Gershayim (״ or ") inside a word, which mark an acronym, are skipped.
func hebrewUnits(rs []rune) ([]hebrewUnit, int) {
	var units []hebrewUnit
	i := 0
	for i < len(rs) {
		r := rs[i]
		switch {
		case isHebrewLetter(r):
			units = append(units, hebrewUnit{letter: finalToBase(r)})
		case len(units) == 0:
			return nil, 0
		case r == 0x05BC:
			units[len(units)-1].dagesh = true
		case r == 0x05C2:
			units[len(units)-1].sin = true
		case r >= 0x0591 && r <= 0x05C7:
			if v, ok := hebrewPoints[r]; ok && units[len(units)-1].vowel == "" {
				units[len(units)-1].vowel = v
			}
		case (r == 0x05F3 || r == '\'' || isApostrophe(r)) && !units[len(units)-1].geresh:
			units[len(units)-1].geresh = true
		case (r == 0x05F4 || r == '"') && i+1 < len(rs) && isHebrewLetter(rs[i+1]):
			// Gershayim in an acronym: the letters on both sides are one word.
		default:
			return units, i
		}
		i++
	}
	return units, i
}

// hebrewLetter returns the Latin form of the letter at k in its word.
func hebrewLetter(u []hebrewUnit, k int) string {
	c := u[k]
	first, last := k == 0, k == len(u)-1
	var prev, next rune
	if !first {
		prev = u[k-1].letter
	}
	if !last {
		next = u[k+1].letter
	}
	if c.geresh {
		if s, ok := hebrewGeresh[c.letter]; ok {
			return s
		}
	}
	switch c.letter {
	case 'א', 'ע':
		if first && c.vowel == "" {
			return "a" // a word starts with a vowel: אל al, עבד Abd, אמנה Amana
		}
		return ""
	case 'ב':
		if first || c.dagesh || (!isHebrewVowelLetter(prev) || prev == 'ע') && !last {
			return "b"
		}
		return "v"
	case 'כ':
		if first || c.dagesh {
			return "k"
		}
		return "kh"
	case 'פ':
		if c.dagesh {
			return "p"
		}
		return "f"
	case 'ש':
		if c.sin {
			return "s"
		}
		return "sh"
	case 'ו':
		return hebrewVav(u, k)
	case 'י':
		switch {
		case first, next == 'י':
			return "y"
		case prev == 'י':
			return "" // the second of יי, written y by the first
		}
		return "i"
	case 'ה':
		if last && !first {
			if c.vowel != "" {
				return ""
			}
			return "a"
		}
		return "h"
	}
	return hebrew[c.letter]
}

// hebrewVav reads ו at k: a consonant v or a vowel o or u.
func hebrewVav(u []hebrewUnit, k int) string {
	c := u[k]
	first, last := k == 0, k == len(u)-1
	switch {
	case c.vowel == "o":
		return "" // holam male: the point writes the o
	case c.dagesh && !first:
		return "u" // shuruk
	case first:
		return "v"
	case u[k-1].letter == 'ו':
		return "" // the second of וו, written v by the first
	case !last && u[k+1].letter == 'ו':
		return "v"
	case last && u[k-1].letter == 'ה':
		return "u" // -yahu
	case k == len(u)-2 && isHebrewVowelLetter(u[k+1].letter) && u[k+1].letter != 'ו':
		return "v" // Levi, Chava
	}
	return "o"
}

// isHebrewVowelLetter reports whether r is a letter that often only
// carries or marks a vowel.
func isHebrewVowelLetter(r rune) bool {
	switch r {
	case 'א', 'ה', 'ו', 'י', 'ע':
		return true
	}
	return false
}

// isHebrewLetter reports whether r is a Hebrew letter, final form or
// Yiddish ligature.
func isHebrewLetter(r rune) bool {
	return r >= 'א' && r <= 'ת' || r >= 0x05F0 && r <= 0x05F2
}

// finalToBase returns the ordinary form of a final letter.
func finalToBase(r rune) rune {
	switch r {
	case 'ך':
		return 'כ'
	case 'ם':
		return 'מ'
	case 'ן':
		return 'נ'
	case 'ף':
		return 'פ'
	case 'ץ':
		return 'צ'
	}
	return r
}

// HebrewReading returns the second reading of a name in Hebrew script
// that writes צ, the letter Israeli romanisation writes ts or tz. Latin
// forms write it two other ways, which this reading follows: plain צ as
// z, the traditional English spelling of Hebrew names (ציון Zion, בצלאל
// Bezalel, צבי Zvi, צדוק Zadok), and צ with a geresh (צ׳ or צ') as ch, the
// sound the Academy of the Hebrew Language's rules for foreign names give
// it (צ׳רצ׳יל Churchill, סמוטריץ׳ Smotrich). The primary reading (Fold)
// keeps ts, and d for צ׳, which the lists' Hebrew-script names of Arabic
// people need (רמצ׳אן Ramadan, for ض). It reports false when s has no צ.
func HebrewReading(s string) (string, bool) {
	if strings.ContainsAny(s, "צץ") {
		return altMark + s, true
	}
	return "", false
}

// hebrewGeresh holds the sounds a geresh gives to a letter.
var hebrewGeresh = map[rune]string{
	'ג': "j", 'ז': "zh", 'צ': "d", 'ח': "kh", 'ת': "th", 'ד': "dh", 'ע': "gh", 'ט': "z",
}

// hebrewPoints are the vowel points, by their vowel.
var hebrewPoints = map[rune]string{
	0x05B0: "", 0x05B1: "e", 0x05B2: "a", 0x05B3: "o", 0x05B4: "i", 0x05B5: "e",
	0x05B6: "e", 0x05B7: "a", 0x05B8: "a", 0x05B9: "o", 0x05BA: "o", 0x05BB: "u", 0x05C7: "o",
}
