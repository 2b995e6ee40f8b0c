package synth

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/internal/cputime"
	"github.com/vigil-screening/vigil/screen"
)

// Result is what Run measured.
type Result struct {
	Seed    int // seed records given
	Records int // synthetic records generated
	Names   int // their names (primary and aliases)
	// Generate is the time to build the generator and draw the records;
	// Build the time screen.New took to index them.
	Generate, Build time.Duration
	// BuildCPU and ScreenCPU are the CPU time the process used while
	// building and screening: on a busy machine they show the work done
	// better than the elapsed times.
	BuildCPU, ScreenCPU time.Duration
	// HeapEntitiesMiB is the live heap after generation (the records as
	// entity.Entity values, the queries, the generator and the seed when
	// the caller holds it). The records are then packed (Pack is the time
	// it took) and dropped: HeapRecordsMiB is the live heap when the
	// build starts, with the records packed, HeapEngineMiB the live heap
	// after screen.NewPacked: the difference is the engine's index.
	HeapEntitiesMiB, HeapRecordsMiB, HeapEngineMiB float64
	Pack                                           time.Duration
	PackedMiB                                      float64 // the packed records' size
	// GenPeakRSSMiB is the process's high-water mark after generation,
	// BuildStartRSSMiB its resident memory when the build starts (after
	// a collection that returns the generation's garbage to the system):
	// the seed lists, the records and the queries. The high-water mark is
	// then reset where Linux allows it (BuildPeakReset), so that
	// PeakRSSMiB is the peak of the build and screening alone.
	GenPeakRSSMiB, BuildStartRSSMiB float64
	BuildPeakReset                  bool
	// RSSMiB is the process's resident memory after the build, PeakRSSMiB
	// its high-water mark (VmRSS, VmHWM; 0 where /proc is missing). Both
	// include the seed lists and whatever else the process holds.
	RSSMiB, PeakRSSMiB float64
	// Workers goroutines screened Queries subjects in Screen.
	Workers, Queries int
	Screen           time.Duration
	PerSecond        float64
	// PerCPUSecond is the subjects screened per second of CPU time.
	PerCPUSecond float64
	// Noisy noisy copies were screened and Found of them alerted on their
	// record at screen.DefaultThreshold: Recall = Found/Noisy.
	Noisy, Found int
	Recall       float64
	// Unrelated names on no list were screened and FalseAlerts of them
	// alerted on some record.
	Unrelated, FalseAlerts int
	FalseAlertRate         float64
	// ByTreatment is the recall of each treatment of the noisy copies.
	ByTreatment []TreatmentRecall
}

// TreatmentRecall is the recall of one treatment of the noisy copies.
type TreatmentRecall struct {
	Treatment    string
	Found, Total int
}

// randomSeed fixes Run's random source, so that runs are repeatable.
const randomSeed = 20261126

// Run generates n records from seed, indexes them with screen.New and
// screens queries subjects (three quarters noisy copies of records, one
// quarter names on no list) with one worker per CPU. It measures each step.
func Run(ctx context.Context, seed []*entity.Entity, n, queries int) (Result, error) {
	start := time.Now()
	g, err := NewGenerator(seed)
	if err != nil {
		return Result{Seed: len(seed)}, err
	}
	took := time.Since(start)
	res, err := RunGenerator(ctx, g, n, queries)
	res.Generate += took
	return res, err
}

// RunGenerator is Run with a generator made beforehand: a caller that
// drops the seed records once the generator is made (they take some 44
// MiB for the current lists) measures a process that holds only the
// generated records, the queries and the engine.
func RunGenerator(ctx context.Context, g *Generator, n, queries int) (Result, error) {
	res := Result{Seed: g.seeds}
	if n <= 0 || queries < 0 {
		return res, fmt.Errorf("synth: want a positive number of records and queries, not %d and %d", n, queries)
	}
	rnd := rand.New(rand.NewPCG(randomSeed, uint64(n)))
	start := time.Now()
	recs, err := g.Generate(n, rnd)
	if err != nil {
		return res, err
	}
	res.Generate = time.Since(start)
	res.Records = len(recs)
	for _, e := range recs {
		res.Names += len(e.Names)
	}
	noisy := queries * 3 / 4
	qs := append(Noisy(recs, noisy, rnd), g.Unrelated(queries-noisy, rnd)...)
	res.HeapEntitiesMiB = liveHeapMiB()
	if err := ctx.Err(); err != nil {
		return res, err
	}
	start = time.Now()
	packedRecs := packed.Pack(recs)
	res.Pack = time.Since(start)
	res.PackedMiB = float64(packedRecs.Size()) / (1 << 20)
	recs = nil // the engine keeps the records packed, and the process no other copy
	res.HeapRecordsMiB = liveHeapMiB()
	_, res.GenPeakRSSMiB = procMemMiB()
	debug.FreeOSMemory()
	res.BuildStartRSSMiB, _ = procMemMiB()
	res.BuildPeakReset = resetPeakRSS()

	start, cpu := time.Now(), cputime.Process()
	eng := screen.NewPacked(packedRecs, screen.Config{})
	res.Build, res.BuildCPU = time.Since(start), cputime.Process()-cpu
	res.HeapEngineMiB = liveHeapMiB()
	res.RSSMiB, res.PeakRSSMiB = procMemMiB()

	res.Workers = runtime.GOMAXPROCS(0)
	start, cpu = time.Now(), cputime.Process()
	outcomes, err := screenAll(ctx, eng, qs, res.Workers)
	if err != nil {
		return res, err
	}
	res.Screen, res.ScreenCPU = time.Since(start), cputime.Process()-cpu
	res.Queries = len(qs)
	res.PerSecond = float64(len(qs)) / res.Screen.Seconds()
	if res.ScreenCPU > 0 {
		res.PerCPUSecond = float64(len(qs)) / res.ScreenCPU.Seconds()
	}
	res.tally(qs, outcomes)
	runtime.KeepAlive(eng)
	return res, nil
}

// outcome is what screening one query found.
type outcome struct {
	found bool // a hit on the wanted record
	alert bool // any hit at all
}

// screenAll screens the queries with workers goroutines at the default
// threshold.
func screenAll(ctx context.Context, eng *screen.Engine, qs []Query, workers int) ([]outcome, error) {
	out := make([]outcome, len(qs))
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(qs); i = int(next.Add(1) - 1) {
				hits, err := eng.Screen(ctx, qs[i].Subject, vigil.Options{})
				if err != nil {
					errs[w] = fmt.Errorf("screen query %s: %w", qs[i].Subject.ID, err)
					return
				}
				out[i] = outcome{alert: len(hits) > 0, found: slices.ContainsFunc(hits, func(h vigil.Hit) bool {
					return h.List == List && h.SourceID == qs[i].Want
				})}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tally counts recall and false alerts.
func (r *Result) tally(qs []Query, outs []outcome) {
	by := map[string]*TreatmentRecall{}
	for i, q := range qs {
		if q.Want == "" {
			r.Unrelated++
			if outs[i].alert {
				r.FalseAlerts++
			}
			continue
		}
		r.Noisy++
		t := by[q.Treatment]
		if t == nil {
			t = &TreatmentRecall{Treatment: q.Treatment}
			by[q.Treatment] = t
		}
		t.Total++
		if outs[i].found {
			r.Found++
			t.Found++
		}
	}
	for _, k := range sortedKeys(by) {
		r.ByTreatment = append(r.ByTreatment, *by[k])
	}
	if r.Noisy > 0 {
		r.Recall = float64(r.Found) / float64(r.Noisy)
	}
	if r.Unrelated > 0 {
		r.FalseAlertRate = float64(r.FalseAlerts) / float64(r.Unrelated)
	}
}

// liveHeapMiB collects garbage and returns the live heap in MiB.
func liveHeapMiB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// resetPeakRSS resets the process's VmHWM to its present VmRSS (Linux
// 4.0 and later) and reports whether it could.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// procMemMiB returns VmRSS and VmHWM from /proc/self/status in MiB, or
// zeros where it cannot be read.
func procMemMiB() (rss, hwm float64) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 64)
		if err != nil {
			continue
		}
		if key == "VmRSS" {
			rss = kb / 1024
		} else {
			hwm = kb / 1024
		}
	}
	return rss, hwm
}

// String summarises the result on a few lines.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "records %d (%d names) from %d seed records, generated in %s\n", r.Records, r.Names, r.Seed, r.Generate.Round(time.Millisecond))
	peak := "peak since the build started"
	if !r.BuildPeakReset {
		peak = "peak of the whole run"
	}
	fmt.Fprintf(&b, "RSS peak %.0f MiB during generation; live heap %.0f MiB with the records as entities, %.0f MiB packed (records %.0f MiB, in %s); RSS %.0f MiB when the build starts\n",
		r.GenPeakRSSMiB, r.HeapEntitiesMiB, r.HeapRecordsMiB, r.PackedMiB, r.Pack.Round(time.Millisecond), r.BuildStartRSSMiB)
	fmt.Fprintf(&b, "index built in %s (CPU %s); live heap %.0f MiB before, %.0f MiB after; RSS %.0f MiB, %s %.0f MiB\n",
		r.Build.Round(time.Millisecond), r.BuildCPU.Round(time.Millisecond), r.HeapRecordsMiB, r.HeapEngineMiB, r.RSSMiB, peak, r.PeakRSSMiB)
	fmt.Fprintf(&b, "screened %d subjects with %d workers in %s (CPU %s): %.0f subjects/s, %.0f per CPU-second\n",
		r.Queries, r.Workers, r.Screen.Round(time.Millisecond), r.ScreenCPU.Round(time.Millisecond), r.PerSecond, r.PerCPUSecond)
	fmt.Fprintf(&b, "recall %.4f (%d/%d noisy copies); false alerts %.4f (%d/%d unrelated)\n",
		r.Recall, r.Found, r.Noisy, r.FalseAlertRate, r.FalseAlerts, r.Unrelated)
	b.WriteString("by treatment:")
	for _, t := range r.ByTreatment {
		fmt.Fprintf(&b, " %s %d/%d", t.Treatment, t.Found, t.Total)
	}
	b.WriteString("\n")
	return b.String()
}
