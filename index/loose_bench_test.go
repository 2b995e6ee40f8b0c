package index

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/names"
	"github.com/vigil-screening/vigil/source"
)

// BenchmarkBuildLoose builds the map of loose keys (see loose.go) of an
// index of every name of the current lists: the cost the first query
// from a loose script pays, once per index.
func BenchmarkBuildLoose(b *testing.B) {
	snaps, err := source.LoadDir(context.Background(), filepath.Join(testdata.Dir(b), "lists", "current"))
	if err != nil {
		b.Fatal(err)
	}
	var entries []Entry
	for _, s := range snaps {
		for _, e := range s.All() {
			for _, n := range e.Names {
				entries = append(entries, Entry{Raw: n.Full, Tokens: names.Analyze(n.Full, names.Any)})
			}
		}
	}
	ix := Build(entries)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if len(ix.buildLoose()) == 0 {
			b.Fatal("no loose keys")
		}
	}
}
