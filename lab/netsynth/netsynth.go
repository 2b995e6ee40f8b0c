// Package netsynth makes synthetic relationship graphs for measuring the
// network package at the issue's scale: a million subjects and five
// million edges with realistic hubs (a few facilitators linked to
// thousands, shared addresses linked to hundreds), families, payments and
// travel between subjects, and a sprinkling of links to listed records.
// The graph is reproducible from its seed.
package netsynth

import (
	"fmt"
	"math/rand/v2"

	"github.com/vigil-screening/vigil/network"
)

// Config sizes a graph.
type Config struct {
	Subjects int // recorded subjects
	Listed   int // listed records
	Edges    int // edges in all
	// Facilitators are hubs linked to FacilitatorDegree subjects each;
	// Addresses are shared addresses linked to AddressDegree subjects each.
	Facilitators, FacilitatorDegree int
	Addresses, AddressDegree        int
	// ToListed is the number of subject–listed-record edges.
	ToListed int
	Seed     uint64
}

// Issue is the issue's target: 1,000,000 subjects, 5,000,000 edges.
var Issue = Config{Subjects: 990_000, Listed: 10_000, Edges: 5_000_000, Facilitators: 20, FacilitatorDegree: 5_000,
	Addresses: 1_000, AddressDegree: 400, ToListed: 100_000, Seed: 9}

// Scale returns c with every count divided by d (for quick runs).
func (c Config) Scale(d int) Config {
	c.Subjects, c.Listed, c.Edges, c.Addresses, c.ToListed = c.Subjects/d, c.Listed/d, c.Edges/d, max(c.Addresses/d, 1), c.ToListed/d
	c.FacilitatorDegree = max(c.FacilitatorDegree/d, 10)
	return c
}

// SubjectID is the node of subject i.
func SubjectID(i int) string { return fmt.Sprintf("subject:S%07d", i) }

// Build makes the graph: nodes first, then the hubs' edges, the links to
// listed records, and random edges between subjects up to Edges.
func Build(c Config) (*network.Graph, error) {
	r := rand.New(rand.NewPCG(c.Seed, 1))
	b := network.NewBuilder(c.Subjects+c.Listed+c.Facilitators+c.Addresses, c.Edges)
	for i := range c.Subjects {
		b.AddNode(network.Node{ID: SubjectID(i), Kind: "person", Subject: true})
	}
	for i := range c.Listed {
		b.AddNode(network.Node{ID: fmt.Sprintf("syn_list/L%06d", i), Kind: "person", Listed: true, Blocked: true})
	}
	provs := make([]network.Provenance, 64)
	for i := range provs {
		provs[i] = network.Provenance{Kind: []network.SourceKind{network.FromList, network.FromOrganisation, network.FromShared}[i%3],
			Source: fmt.Sprintf("source %d", i), Date: fmt.Sprintf("2026-%02d-01", 1+i%12), AssertedBy: fmt.Sprintf("user%d", i%7)}
	}
	add := func(from, to string, t network.Relation) error {
		if from == to {
			return nil
		}
		return b.AddEdge(network.Edge{From: from, To: to, Type: t, Confidence: 0.5 + r.Float64()/2, Provenance: provs[r.IntN(len(provs))]})
	}
	subj := func() string { return SubjectID(r.IntN(c.Subjects)) }
	for f := range c.Facilitators {
		id := fmt.Sprintf("subject:F%03d", f)
		b.AddNode(network.Node{ID: id, Name: fmt.Sprintf("facilitator %d", f), Subject: true})
		for range c.FacilitatorDegree {
			if err := add(id, subj(), network.FacilitatedTravel); err != nil {
				return nil, err
			}
		}
	}
	for a := range c.Addresses {
		id := fmt.Sprintf("value:address:A%05d", a)
		b.AddNode(network.Node{ID: id, Name: fmt.Sprintf("address %d", a), Kind: "value"})
		for range c.AddressDegree {
			if err := add(subj(), id, network.SharesAddress); err != nil {
				return nil, err
			}
		}
	}
	for range c.ToListed {
		if err := add(subj(), fmt.Sprintf("syn_list/L%06d", r.IntN(c.Listed)), []network.Relation{network.FamilyOf, network.Paid, network.AssociateOf}[r.IntN(3)]); err != nil {
			return nil, err
		}
	}
	rels := []network.Relation{network.FamilyOf, network.Paid, network.TravelledWith, network.EmployedBy, network.SharesPhone}
	for b.Stats.Edges < c.Edges {
		if err := add(subj(), subj(), rels[r.IntN(len(rels))]); err != nil {
			return nil, err
		}
	}
	return b.Build(), nil
}
