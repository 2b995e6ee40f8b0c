package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
)

// Query is a subject to screen against the synthetic list.
type Query struct {
	Subject vigil.Subject
	// Want is the id of the synthetic record the subject is a noisy copy
	// of, or "" for a subject that is on no list.
	Want string
	// Treatment says how the name was changed: "none", "typo", "reorder",
	// "drop_middle", "initial_middle", "lower_case", "split_fields",
	// "alias", "drop_legal_form", "swap_words"; "unrelated" for names on no list.
	Treatment string
}

// Noisy returns n queries, each a noisy copy of a random record: the name
// changed by one treatment, and some of the record's birth date, gender
// and nationality.
func Noisy(records []*entity.Entity, n int, rnd *rand.Rand) []Query {
	if len(records) == 0 || n <= 0 {
		return nil
	}
	qs := make([]Query, n)
	for i := range qs {
		e := records[rnd.IntN(len(records))]
		var q Query
		switch e.Kind {
		case entity.KindPerson:
			q = noisyPerson(rnd, e)
		default:
			q = noisyOrg(rnd, e)
		}
		q.Want = e.ID
		if rnd.IntN(10) < 7 {
			q.Subject.Kind = e.Kind
		}
		q.Subject.ID = "q-" + e.ID
		qs[i] = q
	}
	return qs
}

var personTreatments = []string{"none", "typo", "reorder", "drop_middle", "initial_middle", "lower_case", "split_fields", "alias"}

func noisyPerson(rnd *rand.Rand, e *entity.Entity) Query {
	n := partsOf(e.Names[0])
	t := pick(rnd, personTreatments)
	var s vigil.Subject
	switch t {
	case "typo":
		if rnd.IntN(2) == 0 {
			n.given = typo(rnd, n.given)
		} else {
			n.family = typo(rnd, n.family)
		}
	case "drop_middle":
		n.middle = nil
	case "initial_middle":
		for i, m := range n.middle {
			n.middle[i] = string([]rune(m)[:1])
		}
	case "alias":
		if a, ok := strongAlias(e); ok {
			n = partsOf(a)
		} else {
			t = "none"
		}
	}
	switch t {
	case "reorder":
		s.Name = strings.Join(append([]string{n.family, n.given}, n.middle...), " ")
	case "lower_case":
		s.Name = strings.ToLower(n.render(styleWestern, entity.NamePrimary).Full)
	case "split_fields":
		s.FirstName, s.MiddleName, s.LastName = n.given, strings.Join(n.middle, " "), n.family
	default:
		s.Name = n.render(styleWestern, entity.NamePrimary).Full
	}
	addAttributes(rnd, &s, e)
	return Query{Subject: s, Treatment: t}
}

// partsOf reads back the parts of a synthetic personal name.
func partsOf(name entity.Name) personName {
	var n personName
	for _, p := range name.Parts {
		switch p.Type {
		case entity.PartGiven:
			n.given = p.Value
		case entity.PartMiddle:
			n.middle = append(n.middle, p.Value)
		case entity.PartFamily:
			n.family = p.Value
		}
	}
	return n
}

func strongAlias(e *entity.Entity) (entity.Name, bool) {
	for _, n := range e.Names[1:] {
		if n.Type == entity.NameAlias && len(n.Parts) > 0 {
			return n, true
		}
	}
	return entity.Name{}, false
}

// addAttributes copies, each half the time or less, the record's first
// birth date, gender and nationality to the subject.
func addAttributes(rnd *rand.Rand, s *vigil.Subject, e *entity.Entity) {
	if len(e.BirthDates) > 0 && rnd.IntN(2) == 0 {
		s.DateOfBirth = birthDate(e.BirthDates[0])
	}
	if len(e.Genders) > 0 && rnd.IntN(3) == 0 {
		s.Gender = e.Genders[0]
	}
	if len(e.Nationalities) > 0 && rnd.IntN(3) == 0 {
		s.Nationality = e.Nationalities[0]
	}
}

var orgTreatments = []string{"none", "typo", "drop_legal_form", "swap_words", "lower_case"}

func noisyOrg(rnd *rand.Rand, e *entity.Entity) Query {
	ws := strings.Fields(e.Names[0].Full)
	t := pick(rnd, orgTreatments)
	switch t {
	case "typo":
		i := longest(ws)
		ws[i] = typo(rnd, ws[i])
	case "drop_legal_form":
		if rest, legal := cutLegal(ws); legal != "" && len(rest) > 0 {
			ws = rest
		} else {
			t = "none"
		}
	case "swap_words":
		if len(ws) > 1 {
			i := rnd.IntN(len(ws) - 1)
			ws[i], ws[i+1] = ws[i+1], ws[i]
		} else {
			t = "none"
		}
	}
	name := strings.Join(ws, " ")
	if t == "lower_case" {
		name = strings.ToLower(name)
	}
	return Query{Subject: vigil.Subject{Name: name}, Treatment: t}
}

// longest returns the index of the longest word.
func longest(ws []string) int {
	best := 0
	for i, w := range ws {
		if runeCount(w) > runeCount(ws[best]) {
			best = i
		}
	}
	return best
}

// typo makes one typing error in a word of five letters or more: a
// letter dropped, doubled or replaced, or two neighbours swapped, never at
// the first or last letter. Shorter words are returned unchanged.
func typo(rnd *rand.Rand, w string) string {
	rs := []rune(w)
	if len(rs) < 5 {
		return w
	}
	i := 1 + rnd.IntN(len(rs)-3) // rs[i] and rs[i+1] are inner letters
	drop := string(rs[:i]) + string(rs[i+1:])
	var out string
	switch rnd.IntN(4) {
	case 0:
		return drop
	case 1:
		return string(rs[:i+1]) + string(rs[i:])
	case 2:
		rs[i] = rune('a' + rnd.IntN(26))
		out = string(rs)
	default:
		rs[i], rs[i+1] = rs[i+1], rs[i]
		out = string(rs)
	}
	if out == w { // the same letter drawn, or equal neighbours swapped
		return drop
	}
	return out
}

// Unrelated returns n queries whose names are on no synthetic list: real
// given names with held-out family names, and organisation templates of
// two content words or more filled with held-out words. It may return
// fewer than n when the seed holds no held-out words.
func (g *Generator) Unrelated(n int, rnd *rand.Rand) []Query {
	qs := make([]Query, 0, max(n, 0))
	for i := range n {
		var s vigil.Subject
		if len(g.orgs) == 0 || (len(g.persons) > 0 && rnd.IntN(10) < 7) {
			s = g.unrelatedPerson(rnd)
		} else {
			s = g.unrelatedOrg(rnd)
		}
		if s.Name == "" {
			continue
		}
		s.ID = "u-" + strconv.Itoa(i+1)
		qs = append(qs, Query{Subject: s, Treatment: "unrelated"})
	}
	return qs
}

func (g *Generator) unrelatedPerson(rnd *rand.Rand) vigil.Subject {
	p := g.persons[pickWeighted(rnd, g.personCum)]
	held := p.held
	if len(held) == 0 {
		held = g.heldFamily
	}
	if len(held) == 0 {
		return vigil.Subject{}
	}
	n, _ := p.name(rnd, g.personStats.gender(rnd), held)
	s := vigil.Subject{Name: n.render(styleWestern, entity.NamePrimary).Full}
	if rnd.IntN(2) == 0 {
		if d := g.personStats.birthDates(rnd); len(d) > 0 {
			s.DateOfBirth = birthDate(d[0])
		}
	}
	return s
}

func (g *Generator) unrelatedOrg(rnd *rand.Rand) vigil.Subject {
	p := g.orgs[pickWeighted(rnd, g.orgCum)]
	held := p.held
	if len(held) == 0 {
		held = g.heldWords
	}
	if len(held) == 0 {
		return vigil.Subject{}
	}
	for range 10 {
		tmpl := pick(rnd, p.templates)
		ws := make([]string, 0, len(tmpl))
		replaced := 0
		for _, w := range tmpl {
			if contentWord(w) {
				w = pick(rnd, held)
				replaced++
			}
			ws = append(ws, w)
		}
		if replaced >= 2 {
			return vigil.Subject{Name: strings.Join(ws, " ")}
		}
	}
	return vigil.Subject{}
}

// birthDate is a birth date as a subject gives it: the start of a
// range, without "circa".
func birthDate(d entity.Date) entity.Date {
	d.Circa, d.ToYear, d.ToMonth, d.ToDay = false, 0, 0, 0
	return d
}
