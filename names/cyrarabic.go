package names

import (
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ArabicReading returns a second Latin reading of a name written in
// Cyrillic, for names of Arabic origin as Russian writes them. It reports
// false when s has no Cyrillic letters (then there is no second reading).
//
// The letters are read as in the standard table (see translit.go) except:
//   - в is w and х is h (Завахири Zawahiri, Хасан Hasan, Давуд Dawud),
//     but в stays v where Arabic names never have it (see slavicV), so
//     that the Slavic parts of a mixed name keep their standard reading:
//     Абдурахманов Магомед Магомедзакирович ends in -ov and -ovich;
//   - дж is j (Джихад Jihad), where the standard table gives "dzh";
//   - the article at the start of a word, in the forms аль-, ал-, эль-,
//     эл- before any letter, or assimilated before a sun letter (аз-З,
//     ас-С, ад-Д, ар-Р, ат-Т, ан-Н, аш-Ш, and the same with э), is "al":
//     аз-Завахири al-Zawahiri. The assimilated forms count only when the
//     next word starts with the article's own consonant, as Russian
//     always writes them, and only with a hyphen: written apart
//     ("аз Завахири") they stay "az", since the Korean surname Ан
//     ("Ан Нам Сон") and other short words would be read as the article.
//     Аль and эль written apart are "al" and "el" anyway.
//
// ъ and ь are dropped and the ending -ий/-ый stays "iy"/"yy" as in the
// standard table. Other characters, Latin letters, digits, punctuation
// and invalid bytes, are copied unchanged. A capital Cyrillic letter gives
// a capital Latin letter (a whole word in capitals stays in capitals).
// The caller keeps the standard reading too, and the best reading wins,
// so a Slavic name keeps its standard matches.
func ArabicReading(s string) (string, bool) {
	if !hasCyrillicLetter(s) {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	prev := ' '
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isCyrillicLetter(r) {
			b.WriteString(s[i : i+n])
			prev = r
			i += n
			continue
		}
		if !isLetterOrMark(prev) {
			if art, sep, m := cyrArticle(s[i:]); m > 0 {
				b.WriteString(art)
				b.WriteString(sep)
				i += m
				prev = '-'
				continue
			}
		}
		lat, m := cyrLetter(s[i:])
		if lat == "w" && slavicV(prev, s[i+m:]) {
			lat = "v"
		}
		next, _ := utf8.DecodeRuneInString(s[i+m:])
		writeCased(&b, lat, unicode.IsUpper(r), unicode.IsUpper(prev) || unicode.IsUpper(next))
		prev = r
		i += m
	}
	return b.String(), true
}

// cyrArabic holds the lower-case Cyrillic letters and their Latin form in
// the Arabic-origin reading: the cyrillic table of translit.go with в and
// х read as w and h (дж is read in cyrLetter).
var cyrArabic = arabicOriginCyrillic()

func arabicOriginCyrillic() map[rune]string {
	t := maps.Clone(cyrillic)
	t['в'], t['х'] = "w", "h"
	return t
}

// cyrLetter reads the Cyrillic letter at the start of s and returns its
// Latin form and the number of bytes read: two letters for дж, one
// otherwise. A letter missing from the table is returned as written, for
// Fold to read.
func cyrLetter(s string) (string, int) {
	r, n := utf8.DecodeRuneInString(s)
	lr := unicode.ToLower(r)
	if lr == 'д' {
		if r2, n2 := utf8.DecodeRuneInString(s[n:]); unicode.ToLower(r2) == 'ж' {
			return "j", n + n2
		}
	}
	if lat, ok := cyrArabic[lr]; ok {
		return lat, n
	}
	return s[:n], n
}

// cyrArticle returns the Latin form of the Arabic article that starts s,
// the hyphen after it as written, and the number of bytes both take in s;
// or n == 0 when s does not start with the article (see ArabicReading for
// the forms read).
func cyrArticle(s string) (art, sep string, n int) {
	v, n1 := utf8.DecodeRuneInString(s)
	c, n2 := utf8.DecodeRuneInString(s[n1:])
	lv, lc := unicode.ToLower(v), unicode.ToLower(c)
	if lv != 'а' && lv != 'э' {
		return "", "", 0
	}
	i := n1 + n2
	lam := lc == 'л'
	if lam {
		if soft, n := utf8.DecodeRuneInString(s[i:]); unicode.ToLower(soft) == 'ь' {
			i += n
		}
	} else if !strings.ContainsRune("зсдртнш", lc) {
		return "", "", 0
	}
	hyphen, ns := utf8.DecodeRuneInString(s[i:])
	if !isHyphen(hyphen) {
		return "", "", 0
	}
	next, _ := utf8.DecodeRuneInString(s[i+ns:])
	if !isCyrillicLetter(next) || !lam && unicode.ToLower(next) != lc {
		return "", "", 0
	}
	art = "al"
	switch {
	case unicode.IsUpper(v) && unicode.IsUpper(c):
		art = "AL"
	case unicode.IsUpper(v):
		art = "Al"
	}
	return art, s[i : i+ns], i + ns
}

// writeCased writes lat to b, capitalised when upper is set: the whole of
// it when shout is set too (a word in capitals), else its first letter.
func writeCased(b *strings.Builder, lat string, upper, shout bool) {
	if !upper || lat == "" || lat[0] >= utf8.RuneSelf {
		b.WriteString(lat)
		return
	}
	for i := 0; i < len(lat); i++ {
		c := lat[i]
		if (i == 0 || shout) && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		b.WriteByte(c)
	}
}

func isHyphen(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—':
		return true
	}
	return false
}

func isCyrillicLetter(r rune) bool {
	return r >= 0x0400 && r <= 0x052F && unicode.IsLetter(r)
}

func isLetterOrMark(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

func hasCyrillicLetter(s string) bool {
	for _, r := range s {
		if isCyrillicLetter(r) {
			return true
		}
	}
	return false
}

// slavicV reports whether в, between the rune prev and the text rest, is
// read v even in a name of Arabic origin: at the start of a word before a
// consonant (Владимир, Вл-, no Arabic word starts with two consonants), or
// in the Slavic suffixes -ов, -ев, -ёв, their feminine -ова, -ева and the
// patronymics -ович, -евич, -овна, -евна.
func slavicV(prev rune, rest string) bool {
	next, _ := utf8.DecodeRuneInString(rest)
	if !isLetterOrMark(prev) {
		return isCyrillicLetter(next) && !strings.ContainsRune("аеёиоуыэюяіїєәөұүӣӯ", unicode.ToLower(next))
	}
	switch unicode.ToLower(prev) {
	case 'о', 'е', 'ё':
	default:
		return false
	}
	end := 0
	for end < len(rest) && end <= 4 { // the suffixes are at most 4 bytes
		r, n := utf8.DecodeRuneInString(rest[end:])
		if !isLetterOrMark(r) {
			break
		}
		end += n
	}
	for _, suffix := range []string{"", "а", "ич", "на"} {
		if strings.EqualFold(rest[:end], suffix) {
			return true
		}
	}
	return false
}
