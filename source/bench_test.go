package source

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
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

// BenchmarkLoadDir loads the folder or file VIGIL_BENCH_LISTS (skipped
// when unset), such as a synthetic list of a million records. Besides
// wall time it reports the process CPU time per load (cpu-ms/op) and
// the process's peak resident memory during the last load (peak-rss-MB,
// Linux; the high-water mark is reset before each load).
func BenchmarkLoadDir(b *testing.B) {
	dir := os.Getenv("VIGIL_BENCH_LISTS")
	if dir == "" {
		b.Skip("VIGIL_BENCH_LISTS not set")
	}
	ctx := context.Background()
	start := cputime.Process()
	peak := 0.0
	records := 0
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		resetPeak := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
		b.StartTimer()
		snaps, err := LoadDir(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		records = 0
		for _, s := range snaps {
			records += s.Len()
		}
		if resetPeak {
			peak = vmHWM(b)
		}
	}
	b.ReportMetric(float64(cputime.Process()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	b.ReportMetric(peak, "peak-rss-MB")
	b.ReportMetric(float64(records), "records")
}

// vmHWM returns the process's peak resident memory in MB (VmHWM).
func vmHWM(b *testing.B) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				b.Fatalf("VmHWM: %v", err)
			}
			return kb / 1024
		}
	}
	return 0
}
