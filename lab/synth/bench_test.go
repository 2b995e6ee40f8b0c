package synth

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
)

// BenchmarkScale measures the engine on a synthetic list: by default the
// scale target of 1,000,000 records, screened with 20,000 subjects. It
// runs only when -bench selects it:
//
//	VIGIL_SCALE_N=100000 go test -run='^$' -bench=Scale -benchtime=1x ./synth
//
// VIGIL_SCALE_N sets the records, VIGIL_SCALE_Q the subjects.
func BenchmarkScale(b *testing.B) {
	n := envInt(b, "VIGIL_SCALE_N", 1_000_000)
	q := envInt(b, "VIGIL_SCALE_Q", 20_000)
	// The seed lists are read apart from the other tests' cached copy
	// and dropped once the generator is made: the process measured holds
	// the synthetic records, the queries and the engine, not 44 MiB of
	// real lists it would not have.
	g := scaleGenerator(b)
	var res Result
	for b.Loop() {
		var err error
		if res, err = RunGenerator(context.Background(), g, n, q); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(res.Generate.Seconds(), "gen-s")
	b.ReportMetric(res.Build.Seconds(), "build-s")
	b.ReportMetric(res.BuildCPU.Seconds(), "build-cpu-s")
	b.ReportMetric(res.HeapEntitiesMiB, "heap-entities-MiB")
	b.ReportMetric(res.HeapRecordsMiB, "heap-records-MiB")
	b.ReportMetric(res.HeapEngineMiB, "heap-engine-MiB")
	b.ReportMetric(res.RSSMiB, "rss-MiB")
	b.ReportMetric(res.PeakRSSMiB, "peak-rss-MiB")
	b.ReportMetric(res.BuildStartRSSMiB, "build-start-rss-MiB")
	b.ReportMetric(res.GenPeakRSSMiB, "gen-peak-rss-MiB")
	b.ReportMetric(res.PerSecond, "subjects/s")
	b.ReportMetric(res.PerCPUSecond, "subjects/cpu-s")
	b.ReportMetric(res.Recall, "recall")
	b.ReportMetric(res.FalseAlertRate, "false-alert-rate")
	b.Logf("\n%s", res)
}

// scaleGenerator makes a generator from the current lists, read for it
// alone.
func scaleGenerator(b *testing.B) *Generator {
	seed, err := LoadSeed(context.Background(), testdata.Path(b, "lists", "current"))
	if err != nil {
		b.Fatalf("load seed: %v", err)
	}
	g, err := NewGenerator(seed)
	if err != nil {
		b.Fatal(err)
	}
	return g
}

func envInt(b *testing.B, key string, def int) int {
	b.Helper()
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive number", key, v)
	}
	return n
}
