package synth

import (
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// Genders as indexes of personPool.given.
const (
	genderUnknown = iota
	genderMale
	genderFemale
)

// personPool holds the name parts of the persons of one culture (the
// country the seed record is tied to).
type personPool struct {
	weight    int         // seed persons of this culture
	countries []string    // their countries, one per record, so picks follow the seed
	given     [3][]string // first given names by gender
	middle    []string
	family    []string // family names without particle, none held out
	held      []string // held-out family names, used only by unrelated queries
	particles []string // one per family name seen with a particle
	// particled holds the family names seen with a particle: only they
	// get one, so that "al-" never meets "Brodsky".
	particled map[string]bool
	middles   []int // middle-name count of each name seen, capped at 2
}

// orgPool holds the words of the organisation names of one culture.
type orgPool struct {
	weight    int
	countries []string
	templates [][]string // names without legal form, as word sequences
	legal     []string   // legal forms, one per name that had one
	named     int        // names seen, for the share with a legal form
	words     []string   // content words, none held out
	held      []string   // held-out content words
}

// minPool is the fewest distinct family names (or organisation words) a
// culture needs to get a pool of its own; smaller ones are merged into
// one mixed pool.
const minPool = 30

// personBuilder collects person name parts before they are deduplicated.
type personBuilder struct {
	weight       int
	countries    []string
	given        [3]map[string]bool
	middle       map[string]bool
	family, held map[string]bool
	particles    []string
	particled    map[string]bool
	middles      []int
}

func newPersonBuilder() *personBuilder {
	return &personBuilder{
		given:  [3]map[string]bool{{}, {}, {}},
		middle: map[string]bool{}, family: map[string]bool{}, held: map[string]bool{},
		particled: map[string]bool{},
	}
}

// addRecord adds the Latin-script names of a seed person.
func (b *personBuilder) addRecord(e *entity.Entity, country string) {
	b.weight++
	b.countries = append(b.countries, country)
	g := genderOf(e)
	for _, n := range e.Names {
		if n.Type == entity.NameOriginalScript {
			continue
		}
		given, middle, family, ok := splitPerson(n)
		if !ok {
			continue
		}
		b.given[g][given] = true
		b.middles = append(b.middles, min(len(middle), 2))
		for _, m := range middle {
			b.middle[m] = true
		}
		particle, rest := splitParticle(family)
		if particle != "" {
			b.particles = append(b.particles, particle)
			b.particled[rest] = true
		}
		if heldOut(rest) {
			b.held[rest] = true
		} else {
			b.family[rest] = true
		}
	}
}

// merge adds o's parts to b.
func (b *personBuilder) merge(o *personBuilder) {
	b.weight += o.weight
	b.countries = append(b.countries, o.countries...)
	for g := range b.given {
		addAll(b.given[g], o.given[g])
	}
	addAll(b.middle, o.middle)
	addAll(b.family, o.family)
	addAll(b.held, o.held)
	b.particles = append(b.particles, o.particles...)
	addAll(b.particled, o.particled)
	b.middles = append(b.middles, o.middles...)
}

func (b *personBuilder) pool() *personPool {
	p := &personPool{
		weight: b.weight, countries: b.countries, middle: sorted(b.middle),
		family: sorted(b.family), held: sorted(b.held), particles: b.particles, particled: b.particled, middles: b.middles,
	}
	for g := range b.given {
		p.given[g] = sorted(b.given[g])
	}
	return p
}

// genderOf returns the record's gender when it gives exactly one.
func genderOf(e *entity.Entity) int {
	if len(e.Genders) != 1 {
		return genderUnknown
	}
	switch e.Genders[0] {
	case entity.GenderMale:
		return genderMale
	case entity.GenderFemale:
		return genderFemale
	}
	return genderUnknown
}

// splitPerson splits a personal name into its first given name, middle
// names and family name, in the case conventions of tidy. It uses the
// parts the source gives, else "FAMILY, Given Middle", else "Given Middle
// Family". Names with anything but Latin name words are rejected.
func splitPerson(n entity.Name) (given string, middle []string, family string, ok bool) {
	var first []string
	switch {
	case hasPart(n.Parts, entity.PartFamily) && hasPart(n.Parts, entity.PartGiven):
		var fam []string
		for _, p := range n.Parts {
			switch p.Type {
			case entity.PartGiven, entity.PartMiddle, entity.PartPatronymic:
				first = append(first, strings.Fields(p.Value)...)
			case entity.PartFamily:
				fam = append(fam, p.Value)
			}
		}
		family = strings.Join(fam, " ")
	case strings.Count(n.Full, ",") == 1:
		f, g, _ := strings.Cut(n.Full, ",")
		family, first = strings.TrimSpace(f), strings.Fields(g)
	default:
		ws := strings.Fields(n.Full)
		if len(ws) < 2 {
			return "", nil, "", false
		}
		family, first = ws[len(ws)-1], ws[:len(ws)-1]
	}
	if !nameWords(family) {
		return "", nil, "", false
	}
	family = tidyAll(family)
	if k := len(first); k > 1 && trailingParticle(first[k-1]) {
		// "ZAWAHIRI, Ayman al-" is Ayman al-Zawahiri; "LADEN, Usama bin"
		// is Usama bin Laden.
		p := strings.ToLower(first[k-1])
		if !strings.HasSuffix(p, "-") {
			p += " "
		}
		family = p + family
		first = first[:k-1]
	}
	for len(first) > 1 && trailingParticle(first[0]) {
		first = first[1:] // "QUYDIR, al Hmeid" gives Hmeid, not "al"
	}
	if len(first) == 0 || !nameWord(first[0]) || trailingParticle(first[0]) {
		return "", nil, "", false
	}
	for _, m := range first[1:] {
		if nameWord(m) && !trailingParticle(m) {
			middle = append(middle, tidy(m))
		}
	}
	return tidy(first[0]), middle, family, true
}

func hasPart(parts []entity.NamePart, t entity.PartType) bool {
	return slices.ContainsFunc(parts, func(p entity.NamePart) bool { return p.Type == t && strings.TrimSpace(p.Value) != "" })
}

func addAll(dst, src map[string]bool) {
	for k := range src {
		dst[k] = true
	}
}

// sorted returns the keys of m in order, so that generation does not
// depend on map iteration order.
func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// cultureOf is the first country the record is tied to, or "".
func cultureOf(e *entity.Entity) string {
	for _, cs := range [][]string{e.Nationalities, e.Citizenships(), e.Countries} {
		if len(cs) > 0 {
			return cs[0]
		}
	}
	for _, a := range e.Addresses() {
		if a.Country != "" {
			return a.Country
		}
	}
	return ""
}
