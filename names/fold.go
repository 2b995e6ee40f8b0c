// Package names analyses personal and organisation names for screening:
// it folds case, accents and punctuation, transliterates non-Latin scripts
// to Latin, splits names into tagged parts and derives keys (consonant
// skeletons, name variants, canonical legal forms) that stay equal across
// the ways the same name is romanised.
//
// Analysis runs once per listed name when the index is built and once per
// query, so it favours clarity over speed but avoids waste.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"
)

// MaxInput is the longest name, in bytes, that is analysed; the rest is
// ignored. No real name comes near it; it bounds the work a hostile input
// can cause.
const MaxInput = 1024

// Fold returns s in lower-case Latin letters and digits separated by single
// spaces: diacritics are removed, other scripts transliterated, apostrophes
// dropped and other punctuation turned into spaces.
// Fold("Pérez-GARCÍA, José") == "perez garcia jose";
// Fold("Владимир Путин") == "vladimir putin".
func Fold(s string) string {
	s = capInput(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	space := true // last byte written was a space (or nothing yet)
	emit := func(t string) {
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c == ' ' {
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
			b.WriteByte(c)
			space = false
		}
	}
	runes := []rune(s)
	persian := isPersian(runes)
	foreign := ForeignHan(s)
	r2 := foreign && strings.HasPrefix(s, rReading)
	alt := strings.HasPrefix(s, altMark)
	family := strings.HasPrefix(s, familyMark)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if r < utf8.RuneSelf {
			emit(foldASCII(r))
			continue
		}
		if isArabicLetter(r) {
			if t, n := foldArabic(runes, i, persian); n > 0 {
				emit(t)
				i += n - 1
				continue
			}
		}
		if t, n := arabicProclitic(runes, i); n > 0 {
			emit(t)
			i += n - 1
			continue
		}
		if isArabicLetter(r) && (i == 0 || !isArabicLetter(runes[i-1])) && r == 'ا' && i+2 < len(runes) && runes[i+1] == 'ل' && isArabicLetter(runes[i+2]) {
			// The Arabic article al- is written joined to its noun; the
			// Latin forms write it apart ("al-Tikriti"), so split it.
			emit("al ")
			i++
			continue
		}
		if isHangul(r) && (i == 0 || !isHangul(runes[i-1])) && hangulRun(runes[i:]) >= 3 && hangulRun(runes[i:]) <= 4 {
			// Korean personal names are written without a space; the
			// first syllable of three or four is the family name ("김정은"
			// → "kim jongun"). Two syllables stay one word: they may be a
			// given name written apart ("은정 김"), which must not become
			// "un jong kim" and meet Kim Jong Un.
			emit(hangul(r) + " ")
			continue
		}
		if isHan(r) {
			n := hanRun(runes[i:])
			if foreign {
				emit(hanTranscription(runes[i:i+n], r2))
			} else {
				emit(hanToPinyin(runes[i : i+n]))
			}
			i += n - 1
			continue
		}
		if alt && isHebrewLetter(r) {
			if t, n := foldHebrewWord(runes[i:], true); n > 0 {
				emit(t)
				i += n - 1
				continue
			}
		}
		if t, n := foldKana(runes[i:]); n > 0 {
			emit(t)
			i += n - 1
			continue
		}
		a := alt
		if family && isThaiLao(r) {
			a = lastThaiWord(runes, i) // see ThaiFamilyReading
		}
		if t, n := foldScriptWord(runes[i:], a); n > 0 {
			emit(t)
			i += n - 1
			continue
		}
		emit(foldRune(r))
	}
	return strings.TrimRight(b.String(), " ")
}

// capInput cuts s to MaxInput bytes at a rune boundary and replaces
// invalid UTF-8 with spaces.
func capInput(s string) string {
	if len(s) > MaxInput {
		cut := MaxInput
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	return s
}

func foldASCII(r rune) string {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return asciiStrings[r]
	case r >= 'A' && r <= 'Z':
		return asciiStrings[r+'a'-'A']
	case r == '\'' || r == '`':
		return ""
	default:
		return " "
	}
}

// asciiStrings holds one-letter strings so that folding ASCII allocates nothing.
var asciiStrings = func() [128]string {
	var t [128]string
	for i := range t {
		t[i] = string(rune(i))
	}
	return t
}()

// foldRune folds one non-ASCII rune to Latin letters, a space, or "".
func foldRune(r rune) string {
	if t, ok := scriptTable[r]; ok {
		return t
	}
	if t, ok := scriptTable[unicode.ToLower(r)]; ok {
		return t
	}
	if r >= 0xAC00 && r <= 0xD7A3 {
		return hangul(r)
	}
	if isApostrophe(r) {
		return ""
	}
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) {
		if readMark(r) {
			return genericValue(r) // Thaana and Tibetan write vowels as marks
		}
		return ""
	}
	// Decompose (é → e + ´, ﬁ → fi, ｆ → f) and fold the pieces.
	d := norm.NFKD.String(string(r))
	if d == string(r) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return " "
		}
		if g := genericValue(r); g != "" {
			return g // a script without a table of its own
		}
		return string(unicode.ToLower(r))
	}
	var b strings.Builder
	for _, p := range d {
		switch {
		case p < utf8.RuneSelf:
			b.WriteString(foldASCII(p))
		case unicode.Is(unicode.Mn, p):
		default:
			if t, ok := scriptTable[unicode.ToLower(p)]; ok {
				b.WriteString(t)
			} else if unicode.IsLetter(p) || unicode.IsDigit(p) {
				b.WriteRune(unicode.ToLower(p))
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// readMark reports whether the combining mark r stands for a sound in
// its script (a vowel sign of Thaana, Syriac, Tibetan, ...) rather than a
// diacritic of a letter or an Arabic or Hebrew vowel point, which names
// are compared without.
func readMark(r rune) bool {
	return r >= 0x0700 && r < 0x1AB0 && !(r >= 0x0870 && r <= 0x08FF)
}

func isApostrophe(r rune) bool {
	switch r {
	case '’', '‘', 'ʼ', 'ʻ', 'ʿ', 'ʾ', '´', '′', 'ʹ':
		return true
	}
	return false
}

func isArabicLetter(r rune) bool { return r >= 0x0620 && r <= 0x06FF && unicode.IsLetter(r) }

func isHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// hangulRun counts the Hangul syllables at the start of rs.
func hangulRun(rs []rune) int {
	n := 0
	for n < len(rs) && isHangul(rs[n]) {
		n++
	}
	return n
}

func isHan(r rune) bool { return r >= 0x3400 && unicode.Is(unicode.Han, r) }

func hanRun(rs []rune) int {
	n := 0
	for n < len(rs) && isHan(rs[n]) {
		n++
	}
	return n
}

// pinyinArgs asks for toneless pinyin and drops characters without one.
var pinyinArgs = pinyin.Args{Style: pinyin.Normal, Fallback: func(rune, pinyin.Args) []string { return nil }}

// hanToPinyin romanises a run of Chinese characters in Hanyu Pinyin
// without tones. A run of two or three characters is taken for a personal
// name as the lists write it: family name apart, given name joined
// ("李方伟" → "li fangwei"); longer runs give one word per character.
func hanToPinyin(rs []rune) string {
	syl := make([]string, 0, len(rs))
	for _, r := range rs {
		if p := pinyin.SinglePinyin(r, pinyinArgs); len(p) > 0 {
			syl = append(syl, p[0])
		}
	}
	if len(syl) >= 2 && len(syl) <= 3 && len(syl) == len(rs) {
		return " " + syl[0] + " " + strings.Join(syl[1:], "") + " "
	}
	return " " + strings.Join(syl, " ") + " "
}
