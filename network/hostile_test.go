package network_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/network"
)

var org = network.Provenance{Kind: network.FromOrganisation, Source: "test", AssertedBy: "t"}

func edge(from, to string, typ network.Relation) network.Edge {
	return network.Edge{From: from, To: to, Type: typ, Confidence: 1, Provenance: org}
}

func owns(from, to string, share float64) network.Edge {
	e := edge(from, to, network.Owns)
	if share >= 0 {
		e.Share, e.ShareKnown = share, true
	}
	return e
}

func build(t testing.TB, nodes []network.Node, edges ...network.Edge) *network.Graph {
	t.Helper()
	b := network.NewBuilder(len(nodes), len(edges))
	for _, n := range nodes {
		b.AddNode(n)
	}
	for _, e := range edges {
		if err := b.AddEdge(e); err != nil {
			t.Fatal(err)
		}
	}
	return b.Build()
}

func TestBadEdges(t *testing.T) {
	b := network.NewBuilder(0, 0)
	b.AddNode(network.Node{ID: "a"})
	b.AddNode(network.Node{ID: "b"})
	for _, c := range []struct {
		e    network.Edge
		want error
	}{
		{edge("a", "a", network.FamilyOf), network.ErrSelfLoop},
		{edge("a", "zz", network.FamilyOf), network.ErrUnknownNode},
		{edge("", "a", network.FamilyOf), network.ErrUnknownNode},
		{owns("a", "b", 100.5), network.ErrShare},
		{owns("a", "b", -1), nil}, // unknown share: fine
		{network.Edge{From: "a", To: "b", Type: network.Owns, Share: -3, ShareKnown: true}, network.ErrShare},
		{network.Edge{From: "a", To: "b", Type: network.Owns, Share: math.NaN(), ShareKnown: true}, network.ErrShare},
		{network.Edge{From: "a", To: "b", Type: network.FamilyOf, Share: 10, ShareKnown: true}, network.ErrShareNotOwns},
		{network.Edge{From: "a", To: "b", Type: "cousin"}, network.ErrRelation},
		{network.Edge{From: "a", To: "b", Type: network.Paid, Confidence: 1.5}, network.ErrConfidence},
	} {
		err := b.AddEdge(c.e)
		if !errors.Is(err, c.want) {
			t.Errorf("%+v: error %v, want %v", c.e, err, c.want)
		}
		if err != nil && !strings.Contains(err.Error(), "edge") {
			t.Errorf("error %q does not name the edge", err)
		}
	}
	// A duplicate from the same source is merged, not doubled.
	before := b.Stats.Edges
	if err := b.AddEdge(owns("a", "b", -1)); err != nil || b.Stats.Edges != before || b.Stats.Duplicates != 1 {
		t.Fatalf("duplicate: %v, stats %+v", err, b.Stats)
	}
	// The same link seen from the other end, undirected: one edge.
	b.AddEdge(edge("a", "b", network.FamilyOf))
	b.AddEdge(edge("b", "a", network.FamilyOf))
	if g := b.Build(); len(g.Edges("a")) != 2 {
		t.Fatalf("edges %+v", g.Edges("a"))
	}
}

func TestParseRelation(t *testing.T) {
	for in, want := range map[string]network.Relation{"Owner of": network.Owns, "family": network.FamilyOf,
		"shares-phone": network.SharesPhone, "FACILITATED TRAVEL": network.FacilitatedTravel} {
		if got, err := network.ParseRelation(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	if _, err := network.ParseRelation("enemy of"); err == nil || !strings.Contains(err.Error(), "travelled_with") {
		t.Fatalf("error %v", err)
	}
}

// A cycle of ownership A -> B -> C -> A with the listed L owning 60% of A:
// every chain is cut where it meets itself; L's aggregate in C is
// 60% x 50% x 50% = 15%, and the rule blocks A (60%), B (50% held by
// blocked A) and C (50% held by blocked B).
func TestOwnershipCycle(t *testing.T) {
	g := build(t, []network.Node{{ID: "L", Listed: true, Blocked: true}, {ID: "A"}, {ID: "B"}, {ID: "C"}},
		owns("L", "A", 60), owns("A", "B", 50), owns("B", "C", 50), owns("C", "A", 40))
	o, err := g.Ownership("C", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + o.Text())
	share := map[string]float64{}
	for _, w := range o.Owners {
		share[w.Owner.ID] = w.Share
	}
	if share["B"] != 50 || share["A"] != 25 || share["L"] != 15 || len(o.Cycles) != 1 {
		t.Fatalf("shares %v cycles %v", share, o.Cycles)
	}
	if !o.Rule.Blocked || len(o.Rule.Computation) != 3 {
		t.Fatalf("rule %+v", o.Rule)
	}
	// Unknown shares are unknown: a listed owner of unknown share leaves
	// the rule undetermined, never blocked by a guess.
	g = build(t, []network.Node{{ID: "L", Listed: true, Blocked: true}, {ID: "M", Listed: true, Blocked: true}, {ID: "T"}},
		owns("L", "T", 30), owns("M", "T", -1))
	o, _ = g.Ownership("T", "")
	if o.Rule.Blocked || !o.Rule.Undetermined || o.Rule.Share != 30 {
		t.Fatalf("rule %+v", o.Rule)
	}
	for _, w := range o.Owners {
		if w.Owner.ID == "M" && (w.Unknown != 1 || w.Share != 0) {
			t.Fatalf("M %+v", w)
		}
	}
	if flags := g.FiftyPercent(""); len(flags) != 1 || flags[0].Target.ID != "T" {
		t.Fatalf("FiftyPercent %+v", flags)
	}
}

// A hub of 200,000 edges: exposure through it stays bounded and right.
func TestHugeDegree(t *testing.T) {
	const n = 200_000
	b := network.NewBuilder(n+3, n+2)
	b.AddNode(network.Node{ID: "hub", Name: "facilitator"})
	b.AddNode(network.Node{ID: "s", Subject: true})
	b.AddNode(network.Node{ID: "L", Listed: true})
	b.AddEdge(edge("s", "hub", network.TravelledWith))
	for i := range n {
		id := fmt.Sprint("p", i)
		b.AddNode(network.Node{ID: id, Listed: i%1000 == 0})
		b.AddEdge(edge("hub", id, network.FacilitatedTravel))
	}
	b.AddEdge(edge("p1", "L", network.Paid))
	g := b.Build()
	x, err := g.Exposure(network.Query{From: "s", Hops: 3, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	// 200 listed passengers at 2 hops, L at 3 hops via p1.
	if x.Total != 201 || x.Listed != 201 || len(x.Paths) != 5 || x.Paths[0].Hops() != 2 || x.Truncated {
		t.Fatalf("total %d listed %d paths %d truncated %v", x.Total, x.Listed, len(x.Paths), x.Truncated)
	}
	n2, _ := g.Within(network.Query{From: "hub", Hops: 1, Limit: 10})
	if n2.Total != n+1 || len(n2.Reached) != 10 || !n2.Reached[0].Node.Subject {
		t.Fatalf("within: %d reached, first %+v", n2.Total, n2.Reached[0].Node)
	}
	c, _ := g.Clusters(network.ClusterQuery{})
	if c.Components != 1 || c.Clusters[0].Hubs[0].Node.ID != "hub" || c.Clusters[0].Size != n+3 {
		t.Fatalf("clusters %+v", c.Clusters[0].Hubs)
	}
}

// bruteForce enumerates every simple path of at most k edges from src
// that ends at its first listed node, without pruning.
func bruteForce(adj map[string][]string, listed map[string]bool, src string, k int) map[string]int {
	count := map[string]int{}
	var walk func(u string, path []string)
	walk = func(u string, path []string) {
		for _, v := range adj[u] {
			if slices.Contains(path, v) {
				continue
			}
			if listed[v] {
				count[strings.Join(append(slices.Clone(path), v), ">")]++
				continue
			}
			if len(path) < k {
				walk(v, append(path, v))
			}
		}
	}
	walk(src, []string{src})
	return count
}

// Random graphs with self loops refused, duplicate edges, cycles and
// parallel edges: exposure finds exactly the paths a brute force finds.
func TestExposureMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 40 {
		n := 5 + r.IntN(25)
		b := network.NewBuilder(n, 0)
		listed := map[string]bool{}
		for i := range n {
			id := fmt.Sprint(i)
			l := r.IntN(4) == 0
			listed[id] = l
			b.AddNode(network.Node{ID: id, Listed: l})
		}
		adj := map[string][]string{}
		for range n * 2 {
			a, c := fmt.Sprint(r.IntN(n)), fmt.Sprint(r.IntN(n))
			e := edge(a, c, network.Relations()[r.IntN(len(network.Relations()))])
			e.Source = fmt.Sprint("s", r.IntN(2))
			err := b.AddEdge(e)
			if a == c {
				if !errors.Is(err, network.ErrSelfLoop) {
					t.Fatalf("self loop: %v", err)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		g := b.Build()
		for i := range n {
			for _, e := range g.Edges(fmt.Sprint(i)) {
				if e.From == fmt.Sprint(i) {
					adj[e.From] = append(adj[e.From], e.To)
					adj[e.To] = append(adj[e.To], e.From)
				}
			}
		}
		for k := 1; k <= 4; k++ {
			src := fmt.Sprint(r.IntN(n))
			want := bruteForce(adj, listed, src, k)
			total := 0
			for _, c := range want {
				total += c
			}
			x, err := g.Exposure(network.Query{From: src, Hops: k, Limit: 1 << 20})
			if err != nil {
				t.Fatal(err)
			}
			if x.Total != total {
				t.Fatalf("round %d k %d from %s: %d paths, brute force %d", round, k, src, x.Total, total)
			}
			got := map[string]int{}
			for i, p := range x.Paths {
				checkPath(t, g, p)
				var ids []string
				for _, nd := range p.Nodes {
					ids = append(ids, nd.ID)
				}
				got[strings.Join(ids, ">")]++
				if i > 0 && p.Hops() < x.Paths[i-1].Hops() {
					t.Fatal("paths not ranked by length")
				}
			}
			for k, c := range want {
				if got[k] != c {
					t.Fatalf("path %s: %d, brute force %d", k, got[k], c)
				}
			}
		}
	}
}

func TestQueryBounds(t *testing.T) {
	g := build(t, []network.Node{{ID: "a"}, {ID: "b", Listed: true}}, edge("a", "b", network.Paid))
	for _, q := range []network.Query{{From: "a", Hops: 5}, {From: "a", Hops: -1}, {From: "zz"}, {From: "a", Types: []network.Relation{"x"}}} {
		if _, err := g.Exposure(q); err == nil {
			t.Errorf("%+v: no error", q)
		}
		if _, err := g.Within(q); err == nil {
			t.Errorf("%+v: no error", q)
		}
	}
	x, _ := g.Exposure(network.Query{From: "a", Types: []network.Relation{network.FamilyOf}})
	if x.Total != 0 {
		t.Fatal("type filter ignored")
	}
}

// FuzzBuild feeds arbitrary edge lists: the builder refuses or takes each
// edge, and no query panics.
func FuzzBuild(f *testing.F) {
	f.Add([]byte("ab0ba1aa2bc3"), 2)
	f.Add([]byte{0, 1, 10, 1, 0, 10, 2, 2, 2}, 4)
	f.Fuzz(func(t *testing.T, data []byte, k int) {
		b := network.NewBuilder(8, 0)
		for i := range 8 {
			b.AddNode(network.Node{ID: fmt.Sprint(i), Listed: i%3 == 0, Blocked: i%3 == 0})
		}
		for i := 0; i+2 < len(data); i += 3 {
			e := network.Edge{From: fmt.Sprint(data[i] % 9), To: fmt.Sprint(data[i+1] % 9), Provenance: org}
			rels := network.Relations()
			e.Type = rels[int(data[i+2])%len(rels)]
			if e.Type == network.Owns && data[i+2]%2 == 0 {
				e.Share, e.ShareKnown = float64(data[i+2])-20, true
			}
			_ = b.AddEdge(e)
		}
		g := b.Build()
		for i := range 9 {
			id := fmt.Sprint(i)
			if x, err := g.Exposure(network.Query{From: id, Hops: k}); err == nil {
				for _, p := range x.Paths {
					checkPath(t, g, p)
					_ = x.Text()
				}
			}
			_, _ = g.Within(network.Query{From: id, Hops: k})
			if o, err := g.Ownership(id, ""); err == nil {
				_ = o.Text()
				if o.Rule.Share > 100*8 {
					t.Fatalf("share %v", o.Rule.Share)
				}
			}
		}
		if _, err := g.Clusters(network.ClusterQuery{}); err != nil {
			t.Fatal(err)
		}
	})
}
