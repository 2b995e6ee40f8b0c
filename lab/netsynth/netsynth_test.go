package netsynth_test

import (
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/lab/netsynth"
	"github.com/vigil-screening/vigil/network"
)

// A thousandth of the issue's graph builds with the sizes asked, and its
// exposure paths are real paths of the graph ending at listed records.
func TestSmall(t *testing.T) {
	c := netsynth.Issue.Scale(1000)
	g, err := netsynth.Build(c)
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges := g.Len()
	if edges != c.Edges || nodes != c.Subjects+c.Listed+c.Facilitators+c.Addresses {
		t.Fatalf("%d nodes %d edges, want %d edges", nodes, edges, c.Edges)
	}
	found := 0
	for i := range 200 {
		x, err := g.Exposure(network.Query{From: netsynth.SubjectID(i), Hops: 3, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range x.Paths {
			found++
			if !p.Target().Listed || p.Hops() > 3 || len(p.Nodes) != p.Hops()+1 {
				t.Fatalf("path %+v", p)
			}
			for j, s := range p.Steps {
				a, b := p.Nodes[j].ID, p.Nodes[j+1].ID
				if !(s.From == a && s.To == b || s.From == b && s.To == a) {
					t.Fatalf("step %d does not join %s and %s", j, a, b)
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no exposure found in 200 subjects")
	}
	c2, err := g.Clusters(network.ClusterQuery{})
	if err != nil || c2.Components == 0 || c2.Clusters[0].Hubs[0].Degree < c.FacilitatorDegree/2 {
		t.Fatalf("clusters %+v %v", c2.Clusters[0].Hubs, err)
	}
}

// scale reads $VIGIL_NET_SCALE (1 = the issue's million; 10 = a tenth).
func scale() netsynth.Config {
	d, _ := strconv.Atoi(os.Getenv("VIGIL_NET_SCALE"))
	if d <= 1 {
		return netsynth.Issue
	}
	return netsynth.Issue.Scale(d)
}

var shared struct {
	once sync.Once
	g    *network.Graph
	err  error
}

func graph(b *testing.B) *network.Graph {
	shared.once.Do(func() { shared.g, shared.err = netsynth.Build(scale()) })
	if shared.err != nil {
		b.Fatal(shared.err)
	}
	return shared.g
}

// BenchmarkBuild builds the graph; it reports the heap the graph keeps.
//
//	go test -run '^$' -bench Build -benchtime 1x -timeout 30m ./lab/netsynth
func BenchmarkBuild(b *testing.B) {
	c := scale()
	for b.Loop() {
		g, err := netsynth.Build(c)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MiB")
		var peak runtime.MemStats
		runtime.ReadMemStats(&peak)
		b.ReportMetric(float64(peak.Sys)/(1<<20), "sys-MiB")
		runtime.KeepAlive(g)
		b.StartTimer()
	}
}

// queries are the subjects asked about: random ones, and as many
// passengers of the largest facilitator (the worst case: two hops reach
// thousands).
func queries(g *network.Graph, n int) []string {
	r := rand.New(rand.NewPCG(7, 7))
	c := scale()
	var out []string
	for range n / 2 {
		out = append(out, netsynth.SubjectID(r.IntN(c.Subjects)))
	}
	for _, e := range g.Edges("subject:F000") {
		if len(out) == n {
			break
		}
		out = append(out, e.To)
	}
	return out
}

func benchExposure(b *testing.B, hops int) {
	g := graph(b)
	qs := queries(g, 2000)
	var times []time.Duration
	paths := 0
	b.ResetTimer()
	for b.Loop() {
		times = times[:0]
		for _, q := range qs {
			start := time.Now()
			x, err := g.Exposure(network.Query{From: q, Hops: hops})
			if err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(start))
			paths += x.Total
		}
	}
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
	b.ReportMetric(ms(times[len(times)*99/100]), "p99-ms")
	b.ReportMetric(ms(times[len(times)-1]), "max-ms")
	b.ReportMetric(float64(paths)/float64(b.N*len(qs)), "paths/query")
}

// BenchmarkExposure2 and BenchmarkExposure3 time 2,000 exposure queries
// (half random subjects, half passengers of the largest facilitator) and
// report the median and the 99th percentile of one query.
//
//	go test -run '^$' -bench 'Exposure|Clusters' -benchtime 1x -timeout 30m ./lab/netsynth
func BenchmarkExposure2(b *testing.B) { benchExposure(b, 2) }
func BenchmarkExposure3(b *testing.B) { benchExposure(b, 3) }

// BenchmarkClusters groups the whole graph.
func BenchmarkClusters(b *testing.B) {
	g := graph(b)
	b.ResetTimer()
	for b.Loop() {
		c, err := g.Clusters(network.ClusterQuery{Communities: true})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(c.Components), "groups")
		b.ReportMetric(float64(c.Communities), "communities")
		b.ReportMetric(c.Modularity, "modularity")
	}
}
