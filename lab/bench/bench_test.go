package bench

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/testdata"
)

// unLists is the UN list of February 2026: 1,003 records.
func unLists(t *testing.T) string {
	return testdata.Path(t, "lists", "current", "un-2026-02")
}

var quiet = slog.New(slog.DiscardHandler)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "bench.json")
	got, err := Run(context.Background(), Config{Lists: unLists(t), Runs: 2, Requests: 200, Clients: 4}, quiet)
	if err != nil {
		t.Fatalf("bench: %v", err)
	}
	if err := got.Write(out); err != nil {
		t.Fatal(err)
	}
	stdout := got.Text()
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	// 730 <INDIVIDUAL> and 273 <ENTITY> elements in the UN file (grep -c):
	// the subjects are the 730 individuals' primary names.
	if rep.Lists != 1 || rep.Records != 1003 || rep.SubjectCount != 730 {
		t.Errorf("lists %d, records %d, subjects %d; want 1, 1003, 730", rep.Lists, rep.Records, rep.SubjectCount)
	}
	if len(rep.BatchRates) != 2 || rep.BatchMedian <= 0 || rep.Requests != 200 || rep.Clients != 4 {
		t.Errorf("runs %v median %v requests %d clients %d", rep.BatchRates, rep.BatchMedian, rep.Requests, rep.Clients)
	}
	// Every listed person screened against its own list must hit.
	if rep.SubjectsAlert != 730 {
		t.Errorf("%d of 730 listed persons hit their own record", rep.SubjectsAlert)
	}
	if rep.P50ms <= 0 || rep.P99ms < rep.P50ms || rep.Maxms < rep.P99ms {
		t.Errorf("latencies p50 %v p99 %v max %v are not ordered", rep.P50ms, rep.P99ms, rep.Maxms)
	}
	if rep.RSSMB <= 0 || rep.PeakRSSMB < rep.RSSMB {
		t.Errorf("RSS %v MB, peak %v MB", rep.RSSMB, rep.PeakRSSMB)
	}
	if _, err := time.Parse(time.RFC3339, rep.Date); err != nil {
		t.Errorf("date %q: %v", rep.Date, err)
	}
	if !strings.Contains(stdout, "target:") || !strings.Contains(stdout, "p99") {
		t.Errorf("stdout lacks the figures:\n%s", stdout)
	}

	md := filepath.Join(dir, "bench.md")
	if err := rep.Write(md); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(md); !strings.Contains(string(b), "| batch throughput, median |") {
		t.Errorf("markdown report:\n%s", b)
	}
	if err := rep.Write(filepath.Join(dir, "bench.txt")); err == nil {
		t.Error("writing a .txt report succeeded; want an error")
	}
}

func TestLatencyQuantile(t *testing.T) {
	var l latencies
	for i := 1; i <= 100; i++ {
		l.samples = append(l.samples, time.Duration(i)*time.Millisecond)
	}
	tests := []struct {
		q    float64
		want float64
	}{{0.5, 50}, {0.99, 99}, {1, 100}, {0, 1}}
	for _, tt := range tests {
		if got := l.quantile(tt.q); got != tt.want {
			t.Errorf("quantile(%v) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if got := (latencies{}).quantile(0.5); got != 0 {
		t.Errorf("empty quantile = %v", got)
	}
	if got := median([]float64{3, 1, 2}); got != 2 {
		t.Errorf("median = %v", got)
	}
	if got := median([]float64{4, 1, 2, 3}); got != 2.5 {
		t.Errorf("median = %v", got)
	}
}

// RunRecorded stores every screening, over HTTP, in a fresh SQLite
// database: each of the first 50 listed persons of the UN list, screened
// by name, raises at least one alert.
func TestRunRecorded(t *testing.T) {
	rep, err := RunRecorded(context.Background(), Config{Lists: unLists(t), Requests: 50, Clients: 4}, quiet)
	if err != nil {
		t.Fatalf("bench --recorded: %v", err)
	}
	stdout := rep.Text()
	if !strings.Contains(stdout, "recorded: sqlite, 1003 records listed, 4 clients") ||
		!strings.Contains(stdout, "50 recorded screenings (50 with alerts,") ||
		!strings.Contains(stdout, "target:   recorded screenings with alerts, sqlite  >= 300/s") {
		t.Errorf("bench --recorded output:\n%s", stdout)
	}
}
