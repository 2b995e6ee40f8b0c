package synth

import (
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// particles connect name parts ("al-Zawahiri", "bin Laden", "van Dijk").
// They are recombined on their own, so that a family name can gain or lose one.
var particles = map[string]bool{
	"al": true, "el": true, "ul": true, "bin": true, "ben": true, "ibn": true, "bint": true,
	"abu": true, "abou": true, "abd": true, "ould": true, "van": true, "von": true, "de": true,
	"da": true, "del": true, "della": true, "der": true, "di": true, "du": true, "la": true,
	"le": true, "dos": true, "das": true, "mac": true,
}

// stopWords are organisation words kept in place when a name is recombined.
var stopWords = map[string]bool{
	"of": true, "and": true, "the": true, "for": true, "&": true, "de": true, "la": true,
	"del": true, "el": true, "al": true, "in": true, "y": true, "et": true, "des": true, "du": true,
}

// splitParticle splits the leading particles off a family name:
// "al-ZAWAHIRI" gives "al-", "ZAWAHIRI"; "Abd al-Ghafur" gives "abd al-",
// "Ghafur". A family name that is particles alone is not split.
func splitParticle(family string) (particle, rest string) {
	rest = family
	for {
		i := strings.IndexAny(rest, " -")
		if i <= 0 || i == len(rest)-1 || !particles[strings.ToLower(rest[:i])] {
			return strings.ToLower(family[:len(family)-len(rest)]), rest
		}
		rest = rest[i+1:]
	}
}

// trailingParticle reports whether w is a particle as OFAC writes it at
// the end of the given names ("ZAWAHIRI, Ayman al-").
func trailingParticle(w string) bool {
	return particles[strings.ToLower(strings.TrimSuffix(w, "-"))]
}

// nameWord reports whether w is a plausible name word in Latin script:
// at least two letters, and only letters, hyphens and apostrophes.
func nameWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r) && unicode.Is(unicode.Latin, r):
			letters++
		case r == '-' || r == '\'':
		default:
			return false
		}
	}
	return letters >= 2
}

// nameWords reports whether every word of s is a name word.
func nameWords(s string) bool {
	ws := strings.Fields(s)
	for _, w := range ws {
		if !nameWord(w) {
			return false
		}
	}
	return len(ws) > 0
}

// tidy turns an all-capitals word into title case ("AL-ZAWAHIRI" becomes
// "Al-Zawahiri") so that parts from lists with different conventions
// combine; words in mixed case are kept as written ("McClellan").
func tidy(w string) string {
	if strings.ToUpper(w) != w {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	start := true
	for _, r := range w {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == '-' || r == ' ' || r == '\''
	}
	return b.String()
}

// tidyAll applies tidy to each space-separated word of s.
func tidyAll(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		ws[i] = tidy(w)
	}
	return strings.Join(ws, " ")
}

// heldOut reports whether a name word is kept out of every generated
// record, so that queries built from it are on no list. About one word
// in ten is held out, chosen by a hash of its lower-case form: the same
// word is held out whatever record or culture it comes from.
func heldOut(w string) bool {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(w)))
	return h.Sum32()%10 == 0
}

// hash64 is the FNV-1a hash of the lower-case form of s.
func hash64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.ToLower(s)))
	return h.Sum64()
}

// runeCount is the number of runes in s.
func runeCount(s string) int { return utf8.RuneCountInString(s) }
