// Package country normalises the country names that lists write
// ("Korea, North", "Iran (Islamic Republic of)", "Russian Federation",
// "Burma / Birmanie", "Saudi Arabian") to ISO 3166-1 alpha-2 codes.
//
// The table holds all 249 ISO 3166-1 countries with their alpha-3 codes,
// the spellings the real lists use, and the demonyms lists write as
// nationality values. Decisions worth knowing:
//
//   - Kosovo is "XK", the user-assigned code the EU, UN bodies and the
//     lists use; it is not in ISO 3166-1 proper.
//   - Crimea, Sevastopol and Donbas are regions of Ukraine and resolve to "UA"
//     (UN General Assembly resolution 68/262); lists write "Region: Crimea".
//   - Palestinian, West Bank and Gaza resolve to "PS".
//   - States that no longer exist keep their ISO 3166-3 former alpha-2
//     code, so that "USSR" is not silently turned into Russia: Soviet Union
//     "SU", Yugoslavia (and Serbia and Montenegro, the same state renamed in
//     2003) "YU", Czechoslovakia "CS", East Germany "DD", Netherlands
//     Antilles "AN". Successors lists the states that followed them, so a
//     matcher can treat "SU" as agreeing with "UA".
//   - Soviet republics written as "Ukrainian SSR", "Kazakh SSR", "RSFSR"
//     resolve to the present state.
//   - Ambiguous demonyms take the country lists mean by them: "Congolese"
//     is "CD", "Dominican" is "DO", "Korean" alone resolves to nothing.
package country

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Code returns the ISO 3166-1 alpha-2 code for a country as lists write
// it: a short, formal or official name, a common or historic name, a
// demonym ("Iraqi"), or a code (alpha-2 or alpha-3, in capitals only, so
// that the words "na", "no", "us" are not taken for Namibia, Norway and the
// United States). Matching ignores case, accents, punctuation and spacing.
//
// When the whole text is not a known name, Code tries, in order: the text
// without parenthesised remarks ("Libya (in custody)"), each side of a
// slash ("Burma / Birmanie"), the part after a colon ("Region: Crimea"), the
// first sentence ("United States. Also believed ..."), each without leading
// qualifiers ("possibly", "former", "now") and with trailing words dropped
// ("Kuwaiti citizenship withdrawn in 2002", "Tunisian passport").
// It reports false when no country is found.
func Code(s string) (string, bool) {
	if c, ok := codeLookup(strings.TrimSpace(s)); ok {
		return c, true
	}
	if c, ok := lookup(s); ok {
		return c, true
	}
	for _, cand := range candidates(s) {
		if c, ok := lenient(key(cand)); ok {
			return c, true
		}
	}
	return "", false
}

// Name returns the English short name for an alpha-2 code (any case), or ""
// when the code is unknown.
func Name(code string) string { return names[strings.ToUpper(code)] }

// Alpha3 returns the ISO 3166-1 alpha-3 code for an alpha-2 code, or ""
// when the code has none (historic codes, Kosovo).
func Alpha3(code string) string { return alpha3[strings.ToUpper(code)] }

// Successors returns the present states that followed a former state code
// ("SU", "YU", "CS", "DD", "AN"), or nil for any other code.
func Successors(code string) []string {
	s := successors[strings.ToUpper(code)]
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}

// codeLookup resolves an upper-case alpha-2 or alpha-3 code.
func codeLookup(s string) (string, bool) {
	if len(s) < 2 || len(s) > 3 || strings.ToUpper(s) != s {
		return "", false
	}
	if _, ok := names[s]; ok && len(s) == 2 {
		return s, true
	}
	c, ok := byAlpha3[s]
	return c, ok
}

// lookup returns the code of the name whose key is key(s). Lists write
// most country values in ASCII; for those the key is built in a buffer
// on the stack, so that a lookup allocates nothing.
func lookup(s string) (string, bool) {
	var buf [64]byte
	if k, ok := appendASCIIKey(buf[:0], s); ok {
		c, found := byName[string(k)]
		return c, found
	}
	c, ok := byName[key(s)]
	return c, ok
}

// appendASCIIKey appends key(s) to dst when s is all ASCII, and reports
// false when it is not. For ASCII, key keeps letters and digits (lower
// case), makes every run of other characters one space, and writes "&"
// as the word "and".
func appendASCIIKey(dst []byte, s string) ([]byte, bool) {
	start := len(dst)
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return dst, false
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', 'A' <= c && c <= 'Z':
			if !inWord && len(dst) > start {
				dst = append(dst, ' ')
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			inWord = true
		case c == '&':
			if len(dst) > start {
				dst = append(dst, ' ')
			}
			dst = append(dst, "and"...)
			inWord = false
		default:
			inWord = false
		}
	}
	return dst, true
}

// key normalises a name for lookup: accents removed, lower case, every run
// of characters other than letters and digits made one space.
func key(s string) string {
	if !isASCII(s) {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '&':
			b.WriteString(" and ")
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
