package synth

import (
	"math/rand/v2"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// personName is a personal name in parts.
type personName struct {
	given    string
	middle   []string
	particle string // "al-", "bin ", "van " or ""
	family   string
}

// familyFull is the family name with its particle.
func (n personName) familyFull() string { return n.particle + n.family }

// Name styles, in the ways the lists write personal names.
const (
	styleWestern = iota // Given Middle Family
	styleOFAC           // FAMILY, Given Middle
	styleUK             // Given Middle FAMILY
	styles
)

// render writes the name in a style, with its parts.
func (n personName) render(style int, typ entity.NameType) entity.Name {
	parts := []entity.NamePart{{Type: entity.PartGiven, Value: n.given}}
	for _, m := range n.middle {
		parts = append(parts, entity.NamePart{Type: entity.PartMiddle, Value: m})
	}
	parts = append(parts, entity.NamePart{Type: entity.PartFamily, Value: n.familyFull()})
	first := strings.Join(append([]string{n.given}, n.middle...), " ")
	var full string
	switch style {
	case styleOFAC:
		full = strings.ToUpper(n.familyFull()) + ", " + first
	case styleUK:
		full = first + " " + strings.ToUpper(n.familyFull())
	default:
		full = first + " " + n.familyFull()
	}
	return entity.Name{Full: full, Type: typ, Parts: parts}
}

// givenName draws a first given name of gender g; it returns genderUnknown
// when the pool has no names of that gender.
func (p *personPool) givenName(rnd *rand.Rand, g int) (string, int) {
	if g != genderUnknown && len(p.given[g]) > 0 {
		return pick(rnd, p.given[g]), g
	}
	all := len(p.given[0]) + len(p.given[1]) + len(p.given[2])
	i := rnd.IntN(all)
	for _, names := range p.given {
		if i < len(names) {
			return names[i], genderUnknown
		}
		i -= len(names)
	}
	panic("unreachable")
}

// name draws a name of gender g from the pool, with family names from
// families (the pool's own, or its held-out ones). A family name seen with
// a particle gets one of the pool's particles three times in four.
func (p *personPool) name(rnd *rand.Rand, g int, families []string) (personName, int) {
	var n personName
	n.given, g = p.givenName(rnd, g)
	for range pick(rnd, p.middles) {
		if m := pick(rnd, p.middle); m != "" && m != n.given {
			n.middle = append(n.middle, m)
		}
	}
	n.family = pick(rnd, families)
	if p.particled[n.family] && rnd.IntN(4) > 0 {
		n.particle = pick(rnd, p.particles)
	}
	return n, g
}

// person draws a synthetic person.
func (g *Generator) person(rnd *rand.Rand) *entity.Entity {
	p := g.persons[pickWeighted(rnd, g.personCum)]
	n, gender := p.name(rnd, g.personStats.gender(rnd), p.family)
	style := rnd.IntN(styles)
	e := &entity.Entity{Kind: entity.KindPerson, Names: []entity.Name{n.render(style, entity.NamePrimary)}}
	for range pick(rnd, g.personStats.aliases) {
		e.Names = append(e.Names, p.alias(rnd, n, gender, style))
	}
	e.BirthDates = g.personStats.birthDates(rnd)
	switch gender {
	case genderMale:
		e.Genders = []entity.Gender{entity.GenderMale}
	case genderFemale:
		e.Genders = []entity.Gender{entity.GenderFemale}
	}
	country := pick(rnd, p.countries)
	if country != "" {
		e.Nationalities = []string{country}
	}
	e.Documents = g.personStats.documents(rnd, country)
	return e
}

// alias draws an alias of n: a respelt family name, another given name,
// or (as a weak alias) a single nickname-like word.
func (p *personPool) alias(rnd *rand.Rand, n personName, gender, style int) entity.Name {
	switch rnd.IntN(3) {
	case 0:
		// A respelling that happens to be a held-out name is not used,
		// so that unrelated queries stay on no list.
		if f := respell(rnd, n.family); !heldOut(f) {
			n.family = f
			return n.render(style, entity.NameAlias)
		}
		fallthrough
	case 1:
		n.given, _ = p.givenName(rnd, gender)
		n.middle = nil
		return n.render(style, entity.NameAlias)
	default:
		return entity.Name{Full: pick(rnd, p.family), Type: entity.NameWeakAlias}
	}
}

// respellings are romanisation variants: each pair may be swapped.
var respellings = [][2]string{
	{"ou", "u"}, {"y", "i"}, {"ee", "i"}, {"kh", "h"}, {"sh", "ch"}, {"ph", "f"},
	{"ei", "ey"}, {"oo", "u"}, {"aa", "a"}, {"ck", "k"}, {"dj", "j"}, {"ia", "iya"},
}

// respell changes w as another romanisation might write it: it swaps one
// variant pair, or else doubles a letter.
func respell(rnd *rand.Rand, w string) string {
	lower := strings.ToLower(w)
	if len(lower) == len(w) && len(w) > 1 {
		start := rnd.IntN(len(respellings))
		for k := range respellings {
			r := respellings[(start+k)%len(respellings)]
			for _, from := range []int{0, 1} {
				a, b := r[from], r[1-from]
				if i := strings.Index(lower[1:], a); i >= 0 {
					i++
					return w[:i] + matchCase(w[i:i+len(a)], b) + w[i+len(a):]
				}
			}
		}
	}
	rs := []rune(w)
	if len(rs) == 0 {
		return w
	}
	i := rnd.IntN(len(rs))
	return string(rs[:i+1]) + string(rs[i:])
}

// matchCase returns repl in capitals when like is in capitals.
func matchCase(like, repl string) string {
	if strings.ToUpper(like) == like && strings.ToLower(like) != like {
		return strings.ToUpper(repl)
	}
	return repl
}
