package source

import (
	"context"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/cputime"
	"github.com/vigil-screening/vigil/internal/testdata"
)

// BenchmarkLoadCurrent loads every list of lists/current, as a user
// loading today's lists would. Besides wall time per load it reports the
// process CPU time per load (cpu-ms/op), user plus system, all threads.
func BenchmarkLoadCurrent(b *testing.B) {
	dir := testdata.Path(b, "lists", "current")
	ctx := context.Background()
	start := cputime.Process()
	for b.Loop() {
		snaps, err := LoadDir(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(snaps) == 0 {
			b.Fatal("nothing loaded")
		}
	}
	b.ReportMetric(float64(cputime.Process()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkScanCurrent finds and recognises the editions of lists/current
// without reading them: the cost of detection.
func BenchmarkScanCurrent(b *testing.B) {
	dir := testdata.Path(b, "lists", "current")
	for b.Loop() {
		found, err := Scan(dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(found.Editions) != 9 {
			b.Fatalf("%d editions, want 9", len(found.Editions))
		}
	}
}
