package match

import (
	"unicode"

	"github.com/vigil-screening/vigil/names"
)

// Roles is what the caller knows of a name beyond its tokens: which parts
// are the principal family name of a listed person (from the list's own
// name parts, a "LAST, First" form, or the last word), which parts of an
// organisation's name name a country or city, and whether the name is an
// organisation's or vessel's.
type Roles struct {
	Family uint16 // bit i: part i is the principal family name
	Place  uint16 // bit i: part i names a country or city
	Org    bool
}

// Mark records roles on a prepared name and reads what the name itself
// tells:
//
//   - A name written in Chinese characters or Hangul is Syllabic: each of
//     its parts is a syllable or a run of syllables, so that a particle or
//     an initial read from it ("de", "bin", "a") is an ordinary part with
//     its full weight.
//   - In an organisation's name, a number or series marker ("2", "II") and
//     a place name weigh as much as a part seen once,
//     whatever their frequency in the lists: "IRAN" is frequent on the
//     lists, but "Siemens Iran" is not "Siemens".
func (v *Vocab) Mark(n *Name, r Roles) {
	n.Family, n.Org = r.Family, r.Org
	n.Syllabic = !r.Org && Syllabic(n.Raw) && personalName(n.Raw)
	floor := distinctWeight * v.Weight(-1)
	if r.Org {
		v.lowerOrgWords(n)
	}
	for i := range n.Parts {
		p := &n.Parts[i]
		switch {
		case n.Syllabic && (p.Class == names.Particle || p.Class == names.Initial):
			p.Class = names.Plain
			p.Weight = v.Weight(p.Tok)
			if p.Tok < 0 && len(p.Text) <= 3 {
				p.Weight *= shortUnknownFactor
			}
		case r.Org && (isNumber(p.Text) || r.Place&(1<<i) != 0):
			p.Weight = max(p.Weight, floor)
		}
	}
	n.Total, n.FamilyCost = 0, 0
	for i, p := range n.Parts {
		n.Total += p.Weight
		if n.Family&(1<<i) != 0 {
			// The rarer the family name, the more its absence says (with
			// the square of its rarity): one that many records of a list
			// share ("Al Saud") is often left out.
			rarity := min(p.Weight/v.Weight(-1), 1)
			n.FamilyCost = p.Weight * (unmatchedFamily - unmatchedListed) * rarity * rarity
		}
	}
}

// distinctWeight is the least weight, in weights of a part seen once, of
// the parts of an organisation's name that tell one organisation from
// another whatever their frequency: numbers and places.
const distinctWeight = 1

// Syllabic reports whether s is written in Chinese characters or Hangul
// only (spaces and punctuation aside), in which a different character or
// syllable makes a different name.
func Syllabic(s string) bool {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < 0x80
	}
	if ascii {
		return false
	}
	n := 0
	for _, r := range s {
		switch {
		case isHangulSyllable(r) || unicode.Is(unicode.Han, r):
			n++
		case unicode.IsLetter(r):
			return false
		}
	}
	return n > 0
}

func isHangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// isNumber reports whether a part is a number or a series marker: digits,
// or a Roman numeral from II up (not I, V, X, VI or XI, which are also
// initials and names).
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c >= '0' && c <= '9' {
		for i := 1; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	if c := s[0]; c != 'i' && c != 'v' && c != 'x' || len(s) > 5 {
		return false
	}
	switch s {
	case "ii", "iii", "iv", "vii", "viii", "ix", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx":
		return true
	}
	return false
}

// TokenVariants returns the variant groups of token id as a part of a
// listed name (given: a part where a given name may stand), as Prepare
// gives them: for a caller that keeps listed names by token id.
func (v *Vocab) TokenVariants(tok int32, given bool) *Variants {
	return v.variantsOf(tok, v.Text(tok), given)
}
