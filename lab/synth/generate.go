package synth

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/vigil-screening/vigil/entity"
)

// Generator recombines the name parts of seed records into synthetic ones.
// It is read-only once built, so one Generator may serve several
// goroutines, each with its own *rand.Rand.
type Generator struct {
	persons []*personPool
	orgs    []*orgPool
	vessels *orgPool // nil when the seed has no usable vessel names
	// personCum and orgCum are the cumulative weights of the pools.
	personCum, orgCum []int
	// kinds holds the seed's count of persons, organisations, vessels.
	kinds                 [3]int
	personStats, orgStats attrStats
	// heldFamily and heldWords are every held-out family name and
	// organisation word, for cultures that have none of their own.
	heldFamily, heldWords []string
	seeds                 int // seed records given
}

// ErrEmptySeed is returned when the seed holds no usable names.
var ErrEmptySeed = errors.New("synth: seed has no person or organisation with a usable Latin-script name")

// NewGenerator collects the name parts and attribute shapes of the seed
// records. Records of other kinds (aircraft, unknown) are ignored.
func NewGenerator(seed []*entity.Entity) (*Generator, error) {
	people := map[string]*personBuilder{}
	orgs := map[string]*orgBuilder{}
	vessels := newOrgBuilder()
	g := &Generator{seeds: len(seed)}
	for _, e := range seed {
		if e == nil {
			continue
		}
		c := cultureOf(e)
		switch e.Kind {
		case entity.KindPerson:
			builder(people, c, newPersonBuilder).addRecord(e, c)
			g.personStats.add(e)
		case entity.KindOrganization:
			builder(orgs, c, newOrgBuilder).addRecord(e, c)
			g.orgStats.add(e)
		case entity.KindVessel:
			flag := c
			if e.Vessel != nil && e.Vessel.Flag != "" {
				flag = e.Vessel.Flag
			}
			vessels.addRecord(e, flag)
		}
	}
	g.setPersons(people)
	g.setOrgs(orgs)
	if vp := vessels.pool(); len(vp.templates) > 0 && len(vp.words) > 0 {
		g.vessels = vp
	}
	g.kinds = [3]int{poolWeight(g.persons), poolWeight(g.orgs), 0}
	if g.vessels != nil {
		g.kinds[2] = g.vessels.weight
	}
	if len(g.persons) == 0 && len(g.orgs) == 0 {
		return nil, ErrEmptySeed
	}
	return g, nil
}

func builder[B any](m map[string]*B, key string, mk func() *B) *B {
	b, ok := m[key]
	if !ok {
		b = mk()
		m[key] = b
	}
	return b
}

// setPersons turns the builders into pools, merging the cultures with too
// few names into one mixed pool, and drops pools that cannot make a name.
func (g *Generator) setPersons(m map[string]*personBuilder) {
	mixed := newPersonBuilder()
	for _, c := range sortedKeys(m) {
		b := m[c]
		if c == "" || len(b.family) < minPool {
			mixed.merge(b)
			continue
		}
		g.persons = append(g.persons, b.pool())
	}
	g.persons = append(g.persons, mixed.pool())
	g.persons = slices.DeleteFunc(g.persons, func(p *personPool) bool {
		return len(p.family) == 0 || len(p.given[0])+len(p.given[1])+len(p.given[2]) == 0
	})
	total := 0
	for _, p := range g.persons {
		total += p.weight
		g.personCum = append(g.personCum, total)
		g.heldFamily = append(g.heldFamily, p.held...)
	}
}

func (g *Generator) setOrgs(m map[string]*orgBuilder) {
	mixed := newOrgBuilder()
	for _, c := range sortedKeys(m) {
		b := m[c]
		if c == "" || len(b.words) < minPool {
			mixed.merge(b)
			continue
		}
		g.orgs = append(g.orgs, b.pool())
	}
	g.orgs = append(g.orgs, mixed.pool())
	g.orgs = slices.DeleteFunc(g.orgs, func(p *orgPool) bool {
		return len(p.templates) == 0 || len(p.words) == 0
	})
	total := 0
	for _, p := range g.orgs {
		total += p.weight
		g.orgCum = append(g.orgCum, total)
		g.heldWords = append(g.heldWords, p.held...)
	}
}

type weighted interface{ poolWeight() int }

func (p *personPool) poolWeight() int { return p.weight }
func (p *orgPool) poolWeight() int    { return p.weight }

// poolWeight is the total weight of the pools.
func poolWeight[P weighted](ps []P) int {
	total := 0
	for _, p := range ps {
		total += p.poolWeight()
	}
	return total
}

// pickWeighted returns a random index into cum, a slice of cumulative
// weights, in proportion to the weights.
func pickWeighted(rnd *rand.Rand, cum []int) int {
	x := rnd.IntN(cum[len(cum)-1])
	return sort.SearchInts(cum, x+1)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// maxTriesPerRecord bounds the draws spent per record before Generate
// gives up: a seed too small for n distinct names fails instead of
// looping.
const maxTriesPerRecord = 50

// Generate returns n synthetic records of list "synthetic" with ids
// syn-0000001, syn-0000002, ... and distinct primary names. The same
// generator, n and random source state give the same records.
func (g *Generator) Generate(n int, rnd *rand.Rand) ([]*entity.Entity, error) {
	if n < 0 {
		return nil, fmt.Errorf("synth: cannot generate %d records", n)
	}
	st := &state{rnd: rnd, names: make(map[uint64]struct{}, n), imos: map[int]bool{}}
	out := make([]*entity.Entity, 0, n)
	for tries := 0; len(out) < n; tries++ {
		if tries > maxTriesPerRecord*(n+20) {
			return nil, fmt.Errorf("synth: seed too small: %d distinct records after %d draws, %d wanted", len(out), tries, n)
		}
		e := g.record(st)
		h := hash64(e.Names[0].Full)
		if _, dup := st.names[h]; dup {
			continue
		}
		st.names[h] = struct{}{}
		e.List, e.ID = List, fmt.Sprintf("syn-%07d", len(out)+1)
		out = append(out, e)
	}
	return out, nil
}

// Generate builds a Generator from seed and returns n records from it.
func Generate(seed []*entity.Entity, n int, rnd *rand.Rand) ([]*entity.Entity, error) {
	g, err := NewGenerator(seed)
	if err != nil {
		return nil, err
	}
	return g.Generate(n, rnd)
}

// state is what one Generate call tracks: its random source, the primary
// names and IMO numbers used so far.
type state struct {
	rnd   *rand.Rand
	names map[uint64]struct{}
	imos  map[int]bool
}

// record draws one record of a kind chosen in the seed's proportions.
func (g *Generator) record(st *state) *entity.Entity {
	x := st.rnd.IntN(g.kinds[0] + g.kinds[1] + g.kinds[2])
	switch {
	case x < g.kinds[0]:
		return g.person(st.rnd)
	case x < g.kinds[0]+g.kinds[1]:
		return g.org(st.rnd)
	default:
		return g.vessel(st)
	}
}
