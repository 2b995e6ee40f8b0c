package source

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/testdata"
)

// BenchmarkLoadCurrent loads every list of lists/current, as a user
// loading today's lists would. Besides wall time per load it reports the
// process CPU time per load (cpu-ms/op), user plus system, all threads.
func BenchmarkLoadCurrent(b *testing.B) {
	dir := testdata.Path(b, "lists", "current")
	ctx := context.Background()
	start := cpuTime(b)
	for b.Loop() {
		snaps, err := LoadDir(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(snaps) == 0 {
			b.Fatal("nothing loaded")
		}
	}
	b.ReportMetric(float64(cpuTime(b)-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// cpuTime returns the CPU time the process has used so far.
func cpuTime(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
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
