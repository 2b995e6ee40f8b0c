package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// recombine returns a copy of a template whose content words are replaced
// by words from words: held-out words always, others three times in four,
// and at least one. It reports false when the template has no content word.
func recombine(rnd *rand.Rand, tmpl, words []string) ([]string, bool) {
	out := make([]string, len(tmpl))
	replaced := false
	var content []int
	for i, w := range tmpl {
		out[i] = w
		if !contentWord(w) {
			continue
		}
		content = append(content, i)
		if heldOut(w) || rnd.IntN(4) > 0 {
			out[i] = pick(rnd, words)
			replaced = true
		}
	}
	if len(content) == 0 {
		return nil, false
	}
	if !replaced {
		i := pick(rnd, content)
		out[i] = pick(rnd, words)
	}
	return out, true
}

// orgName draws a name from the pool: a recombined template and, in the
// seed's proportion, a legal form.
func (p *orgPool) orgName(rnd *rand.Rand, words []string) (name []string, legal string) {
	for range 10 {
		if ws, ok := recombine(rnd, pick(rnd, p.templates), words); ok {
			name = ws
			break
		}
	}
	if name == nil {
		name = []string{pick(rnd, words), pick(rnd, words)}
	}
	if chance(rnd, len(p.legal), p.named) {
		legal = pick(rnd, p.legal)
	}
	return name, legal
}

func joinName(words []string, legal string) string {
	s := strings.Join(words, " ")
	if legal != "" {
		s += " " + legal
	}
	return s
}

// org draws a synthetic organisation.
func (g *Generator) org(rnd *rand.Rand) *entity.Entity {
	p := g.orgs[pickWeighted(rnd, g.orgCum)]
	words, legal := p.orgName(rnd, p.words)
	e := &entity.Entity{Kind: entity.KindOrganization,
		Names: []entity.Name{{Full: joinName(words, legal), Type: entity.NamePrimary}}}
	for range pick(rnd, g.orgStats.aliases) {
		e.Names = append(e.Names, p.orgAlias(rnd, words, legal))
	}
	country := pick(rnd, p.countries)
	if country != "" {
		e.Countries = []string{country}
	}
	e.Documents = g.orgStats.documents(rnd, country)
	return e
}

// orgAlias draws an alias: the name without (or with another) legal form,
// or a former name recombined afresh.
func (p *orgPool) orgAlias(rnd *rand.Rand, words []string, legal string) entity.Name {
	switch rnd.IntN(3) {
	case 0:
		if legal != "" {
			return entity.Name{Full: joinName(words, ""), Type: entity.NameAlias}
		}
	case 1:
		if other := pick(rnd, p.legal); other != "" && other != legal {
			return entity.Name{Full: joinName(words, other), Type: entity.NameAlias}
		}
	}
	ws, l := p.orgName(rnd, p.words)
	return entity.Name{Full: joinName(ws, l), Type: entity.NameFormer}
}

// vessel draws a synthetic vessel with a fresh, valid IMO number.
func (g *Generator) vessel(st *state) *entity.Entity {
	p := g.vessels
	words, _ := p.orgName(st.rnd, p.words)
	v := &entity.Vessel{IMO: st.imo(), Flag: pick(st.rnd, p.countries)}
	return &entity.Entity{Kind: entity.KindVessel, Vessel: v,
		Names: []entity.Name{{Full: strings.Join(words, " "), Type: entity.NamePrimary}}}
}

// imo draws an IMO number not used before in this run: six digits and
// their check digit (the sum of the digits weighted 7 to 2, modulo 10).
func (st *state) imo() string {
	if len(st.imos) >= maxIMOs {
		return ""
	}
	for {
		base := 100000 + st.rnd.IntN(900000)
		if st.imos[base] {
			continue
		}
		st.imos[base] = true
		sum, x := 0, base
		for w := 2; w <= 7; w++ {
			sum += (x % 10) * w
			x /= 10
		}
		return strconv.Itoa(base*10 + sum%10)
	}
}

// maxIMOs is the most IMO numbers drawn in one run, well below the 900,000
// possible, so that drawing a fresh one stays quick.
const maxIMOs = 500_000
