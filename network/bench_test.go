package network_test

import (
	"testing"

	"github.com/vigil-screening/vigil/network"
)

// Benchmarks on the real FtM graphs of ../shared/data/networks:
//
//	go test -run '^$' -bench Real -benchmem ./network

// BenchmarkRealBuild reads nothing: it builds the graph of the PEP file's
// records (read once) again and again.
func BenchmarkRealBuild(b *testing.B) {
	ents, _ := readFtM(b, "sa_wiki_peps.entities.ftm.json")
	b.ResetTimer()
	for b.Loop() {
		nb := network.NewBuilder(len(ents), 0)
		network.AddEntities(nb, ents, func(string) string { return "" })
		nb.Build()
	}
}

func BenchmarkRealPEPWithin2(b *testing.B) {
	g, _ := graphOf(b, "sa_wiki_peps.entities.ftm.json")
	var ids []string
	g.Nodes(func(n network.Node) bool { ids = append(ids, n.ID); return true })
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := g.Within(network.Query{From: ids[i%len(ids)], Hops: 2, Limit: 1000}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkRealZalaOwnership(b *testing.B) {
	g, _ := graphOf(b, "zala_cluster.entities.ftm.json")
	b.ResetTimer()
	for b.Loop() {
		if _, err := g.Ownership(cst, "2026-12-01"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRealPEPClusters(b *testing.B) {
	g, _ := graphOf(b, "sa_wiki_peps.entities.ftm.json")
	b.ResetTimer()
	for b.Loop() {
		if _, err := g.Clusters(network.ClusterQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}
