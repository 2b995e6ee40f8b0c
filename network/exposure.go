package network

import (
	"cmp"
	"fmt"
	"slices"
)

// Query asks for the exposure of one node.
type Query struct {
	// From is the node asked about.
	From string
	// Hops is the longest path searched: DefaultHops when 0, at most MaxHops.
	Hops int
	// Limit is the number of paths (or nodes) returned: 50 when 0.
	Limit int
	// Types, when set, restricts the relations followed.
	Types []Relation
}

// Step is one edge of a path, as walked.
type Step struct {
	Edge
	// Forward is true when the path walks the edge from From to To.
	Forward bool `json:"forward"`
}

// Path is a chain of edges from the node asked about to a listed record.
type Path struct {
	// Nodes are the nodes walked, the first the node asked about and the
	// last the listed record.
	Nodes []Node `json:"nodes"`
	Steps []Step `json:"steps"`
	// Strength is the product of the edges' confidences, an ended
	// relationship counting half.
	Strength float64 `json:"strength"`
	// Sourcing is the weakest source kind on the path.
	Sourcing SourceKind `json:"sourcing"`
}

// Target returns the listed record the path reaches.
func (p *Path) Target() Node { return p.Nodes[len(p.Nodes)-1] }

// Hops returns the path's length.
func (p *Path) Hops() int { return len(p.Steps) }

// Exposure is every path of at most Hops edges from a node to a listed
// record, ranked: shorter first, then stronger, then better sourced.
type Exposure struct {
	From  Node   `json:"from"`
	Hops  int    `json:"hops"`
	Paths []Path `json:"paths"`
	// Total is the number of paths found; Truncated is true when the
	// search stopped at its bounds (maxPaths paths or maxWork edges
	// looked at) and more paths may exist.
	Total     int  `json:"total"`
	Truncated bool `json:"truncated,omitempty"`
	// Listed is the number of distinct listed records reached.
	Listed int `json:"listed"`
}

// Bounds of one exposure search, so that a hub of millions of edges
// cannot make a query run away: the work is counted in adjacency entries
// looked at, and the paths kept for ranking are capped.
const (
	maxPaths = 20_000
	maxWork  = 20_000_000
)

func (q *Query) norm() (int, int, error) {
	k := q.Hops
	if k == 0 {
		k = DefaultHops
	}
	if k < 1 || k > MaxHops {
		return 0, 0, fmt.Errorf("hops %d: must be 1 to %d", q.Hops, MaxHops)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	return k, limit, nil
}

func typeMask(types []Relation) (uint32, error) {
	if len(types) == 0 {
		return ^uint32(0), nil
	}
	var m uint32
	for _, t := range types {
		c, ok := relCode[t]
		if !ok {
			return 0, fmt.Errorf("relation %q: %w", t, ErrRelation)
		}
		m |= 1 << c
	}
	return m, nil
}

// raw path found by the search: edge entries walked.
type rawPath struct {
	adj      []int32
	strength float64
	rank     int
	target   int32
}

// Exposure searches every simple path of at most q.Hops edges from q.From
// to a listed record. A path ends at the first listed record it meets.
func (g *Graph) Exposure(q Query) (Exposure, error) {
	k, limit, err := q.norm()
	if err != nil {
		return Exposure{}, err
	}
	mask, err := typeMask(q.Types)
	if err != nil {
		return Exposure{}, err
	}
	src, ok := g.index[q.From]
	if !ok {
		return Exposure{}, fmt.Errorf("node %q: %w", q.From, ErrUnknownNode)
	}
	s := search{g: g, k: k, mask: mask, nodes: []int32{src}}
	s.walk(src, 1.0, 0)
	out := Exposure{From: g.nodes[src], Hops: k, Total: len(s.found), Truncated: s.truncated}
	slices.SortFunc(s.found, func(a, b rawPath) int {
		return cmp.Or(cmp.Compare(len(a.adj), len(b.adj)), cmp.Compare(b.strength, a.strength),
			cmp.Compare(a.rank, b.rank), cmp.Compare(g.nodes[a.target].ID, g.nodes[b.target].ID))
	})
	seen := make(map[int32]bool)
	for _, p := range s.found {
		seen[p.target] = true
	}
	out.Listed = len(seen)
	for _, p := range s.found[:min(limit, len(s.found))] {
		out.Paths = append(out.Paths, g.expand(src, p))
	}
	return out, nil
}

type search struct {
	g         *Graph
	k         int
	mask      uint32
	nodes     []int32 // the path so far
	adj       []int32
	found     []rawPath
	work      int
	truncated bool
}

func (s *search) onPath(v int32) bool {
	return slices.Contains(s.nodes, v)
}

func (s *search) walk(u int32, strength float64, rank int) {
	g := s.g
	depth := len(s.nodes) // hops of the path after one more step
	for _, a := range g.adj[g.off[u]:g.off[u+1]] {
		s.work++
		if s.work > maxWork || len(s.found) >= maxPaths {
			s.truncated = true
			return
		}
		ei, _ := edgeIndex(a)
		e := &g.edges[ei]
		if s.mask&(1<<e.typ) == 0 {
			continue
		}
		v := g.other(a)
		if int(g.dist[v])+depth > s.k || s.onPath(v) {
			continue
		}
		st := strength * e.conf
		if e.ended {
			st /= 2
		}
		rk := max(rank, g.provs[e.prov].Kind.rank())
		s.adj = append(s.adj, a)
		s.nodes = append(s.nodes, v)
		if g.nodes[v].Listed {
			s.found = append(s.found, rawPath{adj: slices.Clone(s.adj), strength: st, rank: rk, target: v})
		} else if depth < s.k {
			s.walk(v, st, rk)
		}
		s.adj = s.adj[:len(s.adj)-1]
		s.nodes = s.nodes[:len(s.nodes)-1]
		if s.truncated {
			return
		}
	}
}

var kinds = []SourceKind{FromList, FromOrganisation, FromShared, "unknown"}

func (g *Graph) expand(src int32, p rawPath) Path {
	out := Path{Nodes: []Node{g.nodes[src]}, Strength: p.strength, Sourcing: kinds[p.rank]}
	for _, a := range p.adj {
		ei, fwd := edgeIndex(a)
		out.Steps = append(out.Steps, Step{Edge: g.edgeAt(ei), Forward: fwd})
		out.Nodes = append(out.Nodes, g.nodes[g.other(a)])
	}
	return out
}

// Reached is a node within reach of a listed record.
type Reached struct {
	Node Node `json:"node"`
	Hops int  `json:"hops"`
	// Path is one shortest path from the listed record to the node.
	Path Path `json:"path"`
}

// Neighbourhood is everyone within Hops of a node.
type Neighbourhood struct {
	From    Node      `json:"from"`
	Hops    int       `json:"hops"`
	Reached []Reached `json:"reached"`
	// Total counts the nodes within reach, Subjects those of them that
	// are recorded subjects; Reached holds the first Limit, nearest first
	// and subjects before other records at the same distance.
	Total    int `json:"total"`
	Subjects int `json:"subjects"`
}

// Within returns every node within q.Hops of q.From (a listed record,
// usually), each with one shortest path, found by breadth-first search.
func (g *Graph) Within(q Query) (Neighbourhood, error) {
	k, limit, err := q.norm()
	if err != nil {
		return Neighbourhood{}, err
	}
	mask, err := typeMask(q.Types)
	if err != nil {
		return Neighbourhood{}, err
	}
	src, ok := g.index[q.From]
	if !ok {
		return Neighbourhood{}, fmt.Errorf("node %q: %w", q.From, ErrUnknownNode)
	}
	parent := map[int32]int32{src: 0} // adjacency entry that reached the node
	depth := map[int32]int{src: 0}
	var order []int32
	frontier := []int32{src}
	for d := 1; d <= k && len(frontier) > 0; d++ {
		var next []int32
		for _, u := range frontier {
			for _, a := range g.adj[g.off[u]:g.off[u+1]] {
				ei, _ := edgeIndex(a)
				if mask&(1<<g.edges[ei].typ) == 0 {
					continue
				}
				v := g.other(a)
				if _, ok := depth[v]; ok {
					continue
				}
				depth[v], parent[v] = d, a
				next = append(next, v)
				order = append(order, v)
			}
		}
		frontier = next
	}
	out := Neighbourhood{From: g.nodes[src], Hops: k, Total: len(order)}
	slices.SortStableFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(depth[a], depth[b]), cmp.Compare(b2i(!g.nodes[a].Subject), b2i(!g.nodes[b].Subject)))
	})
	for _, v := range order {
		if g.nodes[v].Subject {
			out.Subjects++
		}
	}
	for _, v := range order[:min(limit, len(order))] {
		var adj []int32
		for w := v; w != src; w = g.other(flip(parent[w])) {
			adj = append(adj, parent[w])
		}
		slices.Reverse(adj)
		p := g.expand(src, rawPath{adj: adj, strength: g.strength(adj), rank: g.rank(adj)})
		out.Reached = append(out.Reached, Reached{Node: g.nodes[v], Hops: depth[v], Path: p})
	}
	return out, nil
}

// flip turns an adjacency entry round: the same edge seen from its other end.
func flip(a int32) int32 { return -a - 1 }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (g *Graph) strength(adj []int32) float64 {
	s := 1.0
	for _, a := range adj {
		ei, _ := edgeIndex(a)
		s *= g.edges[ei].conf
		if g.edges[ei].ended {
			s /= 2
		}
	}
	return s
}

func (g *Graph) rank(adj []int32) int {
	r := 0
	for _, a := range adj {
		ei, _ := edgeIndex(a)
		r = max(r, g.provs[g.edges[ei].prov].Kind.rank())
	}
	return r
}
