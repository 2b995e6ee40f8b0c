package network

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// ClusterQuery asks for the groups of the graph.
type ClusterQuery struct {
	// Types, when set, restricts the relations that join nodes (say, the
	// shared phones, addresses and documents and facilitated travel).
	Types []Relation
	// MinSize leaves out smaller groups: 2 when 0.
	MinSize int
	// Limit is the number of clusters returned, largest first: 100 when 0.
	Limit int
	// Hubs is the number of hubs named per cluster: 3 when 0.
	Hubs int
	// Members is the number of members listed per cluster: 50 when 0.
	Members int
	// Communities, when set, groups by community (label propagation)
	// instead of by connected component: a component of a million people
	// joined by a few hubs splits into the groups around each hub.
	Communities bool
}

// Hub is a node many members of a cluster are linked through.
type Hub struct {
	Node   Node `json:"node"`
	Degree int  `json:"degree"`
	// Share is the fraction of the cluster's edges that touch the hub.
	Share float64 `json:"share"`
}

// Cluster is one connected component.
type Cluster struct {
	ID       int   `json:"id"`
	Size     int   `json:"size"`
	Edges    int   `json:"edges"`
	Subjects int   `json:"subjects"`
	Listed   int   `json:"listed"`
	Hubs     []Hub `json:"hubs"`
	// Communities is the number of communities label propagation finds
	// inside the component.
	Communities int    `json:"communities"`
	Members     []Node `json:"members"`
}

// Clusters is the grouping of the whole graph.
type Clusters struct {
	// Components counts every connected component of at least MinSize.
	Components int `json:"components"`
	// Modularity measures the community split over the whole graph
	// (-0.5..1; above 0.3 means real communities).
	Modularity  float64   `json:"modularity"`
	Communities int       `json:"communities"`
	Clusters    []Cluster `json:"clusters"`
}

// Clusters finds the connected components of the graph (through the
// relations asked for), the communities inside them by label
// propagation, and each component's hubs: its members of highest degree.
func (g *Graph) Clusters(q ClusterQuery) (Clusters, error) {
	mask, err := typeMask(q.Types)
	if err != nil {
		return Clusters{}, err
	}
	minSize, limit, nHubs, nMembers := cmp.Or(q.MinSize, 2), cmp.Or(q.Limit, 100), cmp.Or(q.Hubs, 3), cmp.Or(q.Members, 50)
	n := len(g.nodes)
	// Union-find with path halving.
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	deg := make([]int32, n)
	m := 0
	for _, e := range g.edges {
		if mask&(1<<e.typ) == 0 {
			continue
		}
		m++
		deg[e.from]++
		deg[e.to]++
		a, b := find(e.from), find(e.to)
		if a != b {
			if a < b {
				a, b = b, a
			}
			parent[a] = b
		}
	}
	label := g.propagate(mask, deg)
	group := find
	if q.Communities {
		group = func(x int32) int32 { return label[x] }
	}
	// Group by component (or community).
	size := make(map[int32]int)
	for i := range parent {
		if deg[i] > 0 {
			size[group(int32(i))]++
		}
	}
	var roots []int32
	for r, s := range size {
		if s >= minSize {
			roots = append(roots, r)
		}
	}
	slices.SortFunc(roots, func(a, b int32) int { return cmp.Or(cmp.Compare(size[b], size[a]), cmp.Compare(a, b)) })
	out := Clusters{Components: len(roots), Modularity: g.modularity(mask, label, deg, m)}
	comms := make(map[int32]bool)
	for i, l := range label {
		if deg[i] > 0 {
			comms[l] = true
		}
	}
	out.Communities = len(comms)
	roots = roots[:min(limit, len(roots))]
	idx := make(map[int32]int, len(roots))
	for i, r := range roots {
		idx[r] = i
		out.Clusters = append(out.Clusters, Cluster{ID: i + 1, Size: size[r]})
	}
	members := make([][]int32, len(roots))
	commsOf := make([]map[int32]bool, len(roots))
	for v := range parent {
		if deg[v] == 0 {
			continue
		}
		i, ok := idx[group(int32(v))]
		if !ok {
			continue
		}
		c := &out.Clusters[i]
		c.Edges += int(deg[v])
		if g.nodes[v].Subject {
			c.Subjects++
		}
		if g.nodes[v].Listed {
			c.Listed++
		}
		members[i] = append(members[i], int32(v))
		if commsOf[i] == nil {
			commsOf[i] = make(map[int32]bool)
		}
		commsOf[i][label[v]] = true
	}
	for i := range out.Clusters {
		c := &out.Clusters[i]
		c.Edges /= 2
		c.Communities = len(commsOf[i])
		ms := members[i]
		slices.SortStableFunc(ms, func(a, b int32) int { return cmp.Compare(deg[b], deg[a]) })
		for _, v := range ms[:min(nHubs, len(ms))] {
			if deg[v] < 2 {
				break
			}
			c.Hubs = append(c.Hubs, Hub{Node: g.nodes[v], Degree: int(deg[v]), Share: float64(deg[v]) / float64(max(c.Edges, 1))})
		}
		for _, v := range ms[:min(nMembers, len(ms))] {
			c.Members = append(c.Members, g.nodes[v])
		}
	}
	return out, nil
}

// propagate runs label propagation: every node takes the label most of
// its neighbours carry (the smallest on a tie), for a few rounds.
func (g *Graph) propagate(mask uint32, deg []int32) []int32 {
	label := make([]int32, len(g.nodes))
	for i := range label {
		label[i] = int32(i)
	}
	var scratch []int32
	// Nodes are visited in a fixed pseudo-random order (the same answer
	// every time), which keeps one label from flooding a whole component
	// in index order.
	order := make([]int32, len(g.nodes))
	for i := range order {
		order[i] = int32(i)
	}
	r := rand.New(rand.NewPCG(9, 9))
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for round := 0; round < 8; round++ {
		changed := 0
		for _, v := range order {
			if deg[v] == 0 {
				continue
			}
			scratch = scratch[:0]
			for _, a := range g.adj[g.off[v]:g.off[v+1]] {
				ei, _ := edgeIndex(a)
				if mask&(1<<g.edges[ei].typ) != 0 {
					scratch = append(scratch, label[g.other(a)])
				}
			}
			slices.Sort(scratch)
			best, bestN := label[v], 0
			for i := 0; i < len(scratch); {
				j := i
				for j < len(scratch) && scratch[j] == scratch[i] {
					j++
				}
				if j-i > bestN {
					best, bestN = scratch[i], j-i
				}
				i = j
			}
			if best != label[v] {
				label[v] = best
				changed++
			}
		}
		if changed == 0 {
			break
		}
	}
	return label
}

// modularity is Newman's Q of the labelling.
func (g *Graph) modularity(mask uint32, label, deg []int32, m int) float64 {
	if m == 0 {
		return 0
	}
	inside := make(map[int32]int)
	total := make(map[int32]int)
	for _, e := range g.edges {
		if mask&(1<<e.typ) == 0 {
			continue
		}
		if label[e.from] == label[e.to] {
			inside[label[e.from]]++
		}
	}
	for v, d := range deg {
		total[label[v]] += int(d)
	}
	q := 0.0
	for l, t := range total {
		f := float64(t) / float64(2*m)
		q += float64(inside[l])/float64(m) - f*f
	}
	return q
}
