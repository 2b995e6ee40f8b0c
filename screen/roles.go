package screen

import (
	"slices"
	"strings"
	"sync"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/names"
)

// Roles of name parts that the tokens alone do not tell (see
// match.Roles): which part of a listed person's name is the principal
// family name, and which words of an organisation's name are places.

// familyMask returns the bit of the principal family name among the
// tokens of a listed person's name: the first ordinary word of the
// family name the list gives as a name part, else of the part before
// the comma of "LAST, First", else of the last word ("PRIDMORE-SMITH"
// → pridmore, "RANGEL GÓMEZ" → rangel, "AL-RAWI" → rawi) unless the
// name is a chain of "bin" links. A comma followed only by a generation
// ("DIAZ, III") is not "LAST, First".
// Names whose family name cannot be found this way get 0.
func familyMask(n entity.Name, full string, toks []names.Token) uint16 {
	fam := ""
	for _, p := range n.Parts {
		if p.Type == entity.PartFamily {
			fam = p.Value
			break
		}
	}
	if fam == "" {
		last, first, comma := strings.Cut(full, ",")
		if comma && !generation(first) && !strings.Contains(first, ",") {
			fam = last
		} else {
			words := strings.Fields(last)
			if len(words) < 2 || slices.ContainsFunc(toks, nasab) {
				return 0
			}
			fam = words[len(words)-1]
		}
	}
	var text string
	for _, w := range strings.Fields(fam) {
		// An article glued with a hyphen is not the name: "At-Tayyan",
		// "ash-Sheikh".
		if pre, rest, ok := strings.Cut(w, "-"); ok && len([]rune(pre)) <= 3 && rest != "" {
			w = rest
		}
		for _, t := range names.Analyze(w, names.Person) {
			if t.Class == names.Plain {
				text = t.Text
				break
			}
		}
		if text != "" {
			break
		}
	}
	for i, t := range toks {
		if i < 16 && t.Text == text && t.Class == names.Plain {
			return 1 << i
		}
	}
	return 0
}

// nasab reports whether t links a name to a parent's (bin, ibn, bint,
// ould): in such a name the last word, unless the list says otherwise,
// is a house or tribe ("Khalid bin Faisal Al Saud") that is often left
// out, not a family name.
func nasab(t names.Token) bool {
	switch t.Text {
	case "bin", "ibn", "bint", "binti", "ben", "ould", "wuld":
		return t.Class == names.Particle
	}
	return false
}

// generation reports whether s names only a generation: Jr, Sr, II, III.
func generation(s string) bool {
	f := strings.Fields(names.Fold(s))
	return len(f) == 1 && slices.Contains([]string{"jr", "sr", "ii", "iii", "iv"}, f[0])
}

// placeSet holds the folded one-word city names of the listed records'
// addresses; countries and their adjectives come from package country,
// remembered per word.
type placeSet struct {
	cities    map[string]bool
	countries sync.Map // word → bool
}

// minPlace is the shortest word taken for a place: shorter ones are
// codes, particles and initials as often.
const minPlace = 4

func newPlaceSet() *placeSet { return &placeSet{cities: map[string]bool{}} }

// add adds the cities of a record's addresses.
func (ps *placeSet) add(e *entity.Entity) {
	for _, a := range e.Addresses() {
		if f := strings.Fields(names.Fold(a.City)); len(f) == 1 && len(f[0]) >= minPlace {
			ps.cities[f[0]] = true
		}
	}
}

// mask returns the bits of the tokens of an organisation's name that
// name a country (or its adjective) or a listed city.
func (ps *placeSet) mask(toks []names.Token) uint16 {
	var m uint16
	for i, t := range toks {
		if i >= 16 || t.Class != names.Plain || len(t.Text) < minPlace {
			continue
		}
		if ps.cities[t.Text] || ps.country(t.Text) {
			m |= 1 << i
		}
	}
	return m
}

func (ps *placeSet) country(w string) bool {
	if v, ok := ps.countries.Load(w); ok {
		return v.(bool)
	}
	_, ok := country.Code(w)
	ps.countries.Store(w, ok)
	return ok
}
