package network

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Holding is one owner's direct stake in an asset, merged from every
// ownership edge between the two that is in force on the date asked.
type Holding struct {
	Owner Node `json:"owner"`
	Asset Node `json:"asset"`
	// Share is the percentage when Known.
	Share float64 `json:"share"`
	Known bool    `json:"known"`
	// Edges are the ownership edges in force that state the holding; when
	// they give different shares, the one that started last is used and
	// Conflict says so.
	Edges    []Edge `json:"edges"`
	Conflict bool   `json:"conflict,omitempty"`
}

// OwnerShare is an owner's aggregate stake in the target through every
// chain of ownership: the shares multiplied along each chain and summed
// over the chains.
type OwnerShare struct {
	Owner Node `json:"owner"`
	// Share is the sum over the chains whose every share is known.
	Share float64 `json:"share"`
	// Unknown counts the chains with a share that is not known: the
	// aggregate is then at least Share, never a guess.
	Unknown int `json:"unknown,omitempty"`
	// Chains shows the computation, one line a chain:
	// "A -51%-> B -100%-> T = 51%".
	Chains []string `json:"chains"`
	// Direct is true when the owner holds the target directly.
	Direct bool `json:"direct,omitempty"`
}

// Ownership is what the graph says about who owns the target.
type Ownership struct {
	Target Node   `json:"target"`
	AsOf   string `json:"as_of,omitempty"`
	// Owners are every direct and indirect owner, largest aggregate first.
	Owners []OwnerShare `json:"owners"`
	// Cycles are chains of ownership that come back to an entity already
	// on them: they are cut there (each entity counted once per chain).
	Cycles []string `json:"cycles,omitempty"`
	// Ended are ownership edges into the owners' tree that ended on or
	// before AsOf: shown, not counted.
	Ended []Edge `json:"ended,omitempty"`
	Rule  Rule   `json:"fifty_percent_rule"`
}

// Rule is OFAC's 50 percent rule applied to the target: property of an
// entity owned 50 percent or more, directly or indirectly, individually
// or in aggregate, by one or more blocked persons is blocked. An entity
// blocked by the rule is itself a blocked person for the entities it owns
// (OFAC's guidance counts its whole stake, not the product of shares).
type Rule struct {
	// Blocked is true when the target is listed as blocked or the rule blocks it.
	Blocked bool `json:"blocked"`
	// Listed is true when the target itself is a blocked listed record.
	Listed bool `json:"listed,omitempty"`
	// Share is the sum of the known direct stakes held by blocked persons.
	Share float64 `json:"share"`
	// Undetermined is true when the known stakes stay below 50 percent but
	// blocked persons hold further stakes of unknown size: a reviewer must
	// find the share.
	Undetermined bool `json:"undetermined,omitempty"`
	// Computation shows the arithmetic, one line per entity the rule
	// looked at, the target last.
	Computation []string `json:"computation"`
}

// inForce says whether an edge holds on date asOf (YYYY-MM-DD, "" for
// "whatever the sources say, ended or not"). Dates compare as text,
// shorter dates ("2020") standing for their whole period.
func inForce(x *extra, asOf string) bool {
	if asOf == "" {
		return x.End == ""
	}
	if x.Start != "" && x.Start > asOf && !strings.HasPrefix(asOf, x.Start) {
		return false
	}
	if x.End != "" && x.End < asOf && !strings.HasPrefix(asOf, x.End) {
		return false
	}
	return true
}

// holdings returns the direct holdings in asset v on date asOf, and the
// ended edges it left out.
func (g *Graph) holdings(v int32, asOf string) ([]Holding, []Edge) {
	owns := relCode[Owns]
	by := make(map[int32]*Holding)
	var order []int32
	var ended []Edge
	latest := make(map[int32]string)
	for _, a := range g.adj[g.off[v]:g.off[v+1]] {
		if a >= 0 { // v is the owner of this edge, not the asset
			continue
		}
		ei := -a - 1
		e := &g.edges[ei]
		if e.typ != owns {
			continue
		}
		x := &g.provs[e.prov]
		if !inForce(x, asOf) {
			ended = append(ended, g.edgeAt(ei))
			continue
		}
		h := by[e.from]
		if h == nil {
			h = &Holding{Owner: g.nodes[e.from], Asset: g.nodes[v]}
			by[e.from] = h
			order = append(order, e.from)
		}
		h.Edges = append(h.Edges, g.edgeAt(ei))
		if e.known {
			if h.Known && e.share != h.Share {
				h.Conflict = true
			}
			if !h.Known || x.Start >= latest[e.from] {
				h.Share, h.Known = e.share, true
				latest[e.from] = x.Start
			}
		}
	}
	out := make([]Holding, 0, len(order))
	for _, o := range order {
		out = append(out, *by[o])
	}
	return out, ended
}

// maxChains bounds the ownership chains walked for one target.
const maxChains = 100_000

// Ownership aggregates who owns the target on date asOf (YYYY-MM-DD; ""
// counts the edges that have no end date).
func (g *Graph) Ownership(target, asOf string) (Ownership, error) {
	t, ok := g.index[target]
	if !ok {
		return Ownership{}, fmt.Errorf("node %q: %w", target, ErrUnknownNode)
	}
	out := Ownership{Target: g.nodes[t], AsOf: asOf}
	agg := make(map[int32]*OwnerShare)
	var order []int32
	cache := make(map[int32][]Holding)
	hold := func(v int32) []Holding {
		if h, ok := cache[v]; ok {
			return h
		}
		h, ended := g.holdings(v, asOf)
		cache[v] = h
		out.Ended = append(out.Ended, ended...)
		return h
	}
	chains := 0
	// walk goes up from v: path holds the assets below (v last), labels
	// the shares walked.
	var walk func(v int32, path []int32, share float64, known bool, text string)
	walk = func(v int32, path []int32, share float64, known bool, text string) {
		for _, h := range hold(v) {
			o := g.index[h.Owner.ID]
			if slices.Contains(path, o) {
				out.Cycles = append(out.Cycles, g.nodes[o].label()+" -> "+text)
				continue
			}
			chains++
			if chains > maxChains {
				return
			}
			s, k := share, known && h.Known
			lbl := "?%"
			if h.Known {
				s *= h.Share / 100
				lbl = pct(h.Share)
			}
			line := g.nodes[o].label() + " -" + lbl + "-> " + text
			os := agg[o]
			if os == nil {
				os = &OwnerShare{Owner: g.nodes[o]}
				agg[o] = os
				order = append(order, o)
			}
			if k {
				os.Share += s * 100
				os.Chains = append(os.Chains, line+" = "+pct(s*100))
			} else {
				os.Unknown++
				os.Chains = append(os.Chains, line+" = unknown")
			}
			if len(path) == 1 {
				os.Direct = true
			}
			walk(o, append(path, o), s, k, line)
		}
	}
	walk(t, []int32{t}, 1, true, g.nodes[t].label())
	if chains > maxChains {
		out.Cycles = append(out.Cycles, fmt.Sprintf("stopped after %d chains", maxChains))
	}
	for _, o := range order {
		out.Owners = append(out.Owners, *agg[o])
	}
	slices.SortStableFunc(out.Owners, func(a, b OwnerShare) int { return cmp.Compare(b.Share, a.Share) })
	out.Rule = g.fiftyPercent(t, hold)
	return out, nil
}

// fiftyPercent applies the rule to t: the entities above t (its owners'
// tree) are settled first, repeating until nothing changes so that cycles
// settle too.
func (g *Graph) fiftyPercent(t int32, hold func(int32) []Holding) Rule {
	// The owners' tree, t included.
	tree := []int32{t}
	seen := map[int32]bool{t: true}
	for i := 0; i < len(tree) && len(tree) < maxChains; i++ {
		for _, h := range hold(tree[i]) {
			o := g.index[h.Owner.ID]
			if !seen[o] {
				seen[o] = true
				tree = append(tree, o)
			}
		}
	}
	blocked := make(map[int32]bool)
	for _, v := range tree {
		if g.nodes[v].Blocked {
			blocked[v] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, v := range tree {
			if blocked[v] {
				continue
			}
			if s, _, _ := g.blockedStake(v, hold, blocked); s >= 50 {
				blocked[v] = true
				changed = true
			}
		}
	}
	r := Rule{Blocked: blocked[t], Listed: g.nodes[t].Blocked}
	// Show the computation for every entity of the tree the rule blocked
	// (upper ones first), then the target.
	for i := len(tree) - 1; i >= 0; i-- {
		v := tree[i]
		if v == t || g.nodes[v].Blocked || !blocked[v] {
			continue
		}
		_, _, line := g.blockedStake(v, hold, blocked)
		r.Computation = append(r.Computation, line)
	}
	s, unknown, line := g.blockedStake(t, hold, blocked)
	r.Share = s
	r.Undetermined = !r.Blocked && unknown > 0
	if r.Listed {
		line = "listed as blocked; and " + line
	}
	r.Computation = append(r.Computation, line)
	return r
}

// blockedStake sums the direct stakes in v held by blocked persons.
func (g *Graph) blockedStake(v int32, hold func(int32) []Holding, blocked map[int32]bool) (float64, int, string) {
	var terms []string
	sum, unknown := 0.0, 0
	for _, h := range hold(v) {
		o := g.index[h.Owner.ID]
		if !blocked[o] {
			continue
		}
		why := "blocked by the rule"
		if g.nodes[o].Blocked {
			why = "listed"
		}
		if !h.Known {
			unknown++
			terms = append(terms, "? ("+g.nodes[o].label()+", "+why+", share unknown)")
			continue
		}
		sum += h.Share
		terms = append(terms, pct(h.Share)+" ("+g.nodes[o].label()+", "+why+")")
	}
	verdict := "below 50%: not blocked by the rule"
	switch {
	case sum >= 50:
		verdict = ">= 50%: blocked"
	case unknown > 0:
		verdict = "below 50% on known shares, " + strconv.Itoa(unknown) + " unknown: undetermined"
	}
	if len(terms) == 0 {
		return 0, 0, g.nodes[v].label() + ": no stake held by a blocked person: not blocked by the rule"
	}
	return sum, unknown, g.nodes[v].label() + ": " + strings.Join(terms, " + ") + " = " + pct(sum) + " " + verdict
}

// FiftyPercent applies the rule to every entity that has an owner and
// returns those it blocks (and those it cannot decide) that are not
// listed as blocked themselves.
func (g *Graph) FiftyPercent(asOf string) []Ownership {
	owns := relCode[Owns]
	var out []Ownership
	for v := range g.nodes {
		if g.nodes[v].Blocked {
			continue
		}
		has := false
		for _, a := range g.adj[g.off[v]:g.off[v+1]] {
			if a < 0 && g.edges[-a-1].typ == owns {
				has = true
				break
			}
		}
		if !has {
			continue
		}
		o, _ := g.Ownership(g.nodes[v].ID, asOf)
		if o.Rule.Blocked || o.Rule.Undetermined {
			out = append(out, o)
		}
	}
	return out
}

func (n Node) label() string {
	if n.Name == "" {
		return n.ID
	}
	return n.Name + " [" + n.ID + "]"
}

func pct(f float64) string {
	return strconv.FormatFloat(math.Round(f*10000)/10000, 'f', -1, 64) + "%"
}
