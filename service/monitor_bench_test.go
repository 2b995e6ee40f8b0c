package service_test

import (
	"cmp"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/internal/cputime"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/lab/synth"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/subject"
)

// The targets of continuous vetting (docs/monitoring.md), as benchmarks:
//
//	VIGIL_REVET_POP=10000,100000 VIGIL_REVET_DELTA=10,100,1000 \
//	    go test -run '^$' -bench Revet -benchtime 3x ./service
//
// BenchmarkRevet enrols a synthetic population (names from lab/synth,
// written straight to the store: the population's own screening is not
// what is measured here), builds the monitored-subject index (timed and
// weighed once per population), then accepts editions that each add
// DELTA synthetic records, a twentieth of them listing a monitored
// person, and times the re-vetting of each edition: plan (difference,
// annotations) and every chunk (reverse query, screening of the
// candidates, recording). The cost should follow the delta, not the
// population.

func envInts(name, def string) []int {
	v := os.Getenv(name)
	if v == "" {
		v = def
	}
	var out []int
	for _, f := range strings.Split(v, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

func benchSeed(b *testing.B) []*entity.Entity {
	seed, err := synth.LoadSeed(ctx, testdata.Path(b, "lists", "current"))
	if err != nil {
		b.Fatal(err)
	}
	return seed
}

// openBenchStore opens a fresh store: SQLite in a temporary folder (under
// $TMPDIR), or with VIGIL_REVET_DB=postgres a fresh schema named
// $VIGIL_BENCH_SCHEMA (default vigil_bench) and a random suffix, dropped
// at the end.
func openBenchStore(b *testing.B) *store.DB {
	dsn, dir := "", b.TempDir()
	if os.Getenv("VIGIL_REVET_DB") == "postgres" {
		prefix := cmp.Or(os.Getenv("VIGIL_BENCH_SCHEMA"), "vigil_bench")
		dsn, dir = pgtest.DSN(b, prefix), ""
	}
	db, err := store.Open(ctx, dsn, dir, store.WithQueue(jobs.NewQueue))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func personSubject(id string, e *entity.Entity) vigil.Subject {
	s := vigil.Subject{ID: id, Kind: e.Kind, Name: e.PrimaryName()}
	if len(e.BirthDates) > 0 {
		s.DateOfBirth = e.BirthDates[0]
	}
	return s
}

func BenchmarkRevet(b *testing.B) {
	seed := benchSeed(b)
	deltas := envInts("VIGIL_REVET_DELTA", "10,100,1000")
	sumDelta := 0
	for _, d := range deltas {
		sumDelta += d
	}
	for _, pop := range envInts("VIGIL_REVET_POP", "10000,100000") {
		rnd := rand.New(rand.NewPCG(uint64(pop), 7))
		recs, err := synth.Generate(seed, pop+sumDelta*12, rnd)
		if err != nil {
			b.Fatal(err)
		}
		people, listed := recs[:pop], recs[pop:]
		db := openBenchStore(b)
		base := &snapshot.Snapshot{Source: "synthetic", Format: "test", Edition: "2026-01-01", Hash: "base",
			Records: packed.Pack([]*entity.Entity{listed[0]})}
		listed = listed[1:]
		if err := db.SaveSnapshot(ctx, store.System, base); err != nil {
			b.Fatal(err)
		}
		svc := service.New(service.Config{Store: db, Monitor: service.Monitor{ChunkSize: 200}})
		if err := svc.LoadStored(ctx); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for i := 0; i < pop; i += store.MaxBatch {
			var batch []store.Screening
			for j := i; j < min(i+store.MaxBatch, pop); j++ {
				batch = append(batch, store.Screening{SubjectID: fmt.Sprintf("S-%07d", j), Subject: personSubject("", people[j]),
					Editions: []string{"base"}, Threshold: 0.8, Hits: []store.Hit{}})
			}
			if _, err := db.RecordScreenings(ctx, store.System, batch); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("population %d written in %s (%.0f subjects/s, store only)", pop, time.Since(start).Round(time.Millisecond),
			float64(pop)/time.Since(start).Seconds())
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		start = time.Now()
		if _, _, err := svc.WarmSubjectIndex(ctx); err != nil {
			b.Fatal(err)
		}
		build := time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&m1)
		b.Logf("population %d: index built in %s, %.1f MiB of heap", pop, build.Round(time.Millisecond), float64(m1.HeapAlloc-m0.HeapAlloc)/(1<<20))
		edition := 0
		current := base.Entities()
		for _, d := range deltas {
			b.Run(fmt.Sprintf("pop=%d/delta=%d", pop, d), func(b *testing.B) {
				var cands, alerts, screened int64
				var cpu time.Duration // of the process, while timed
				for range b.N {
					b.StopTimer()
					edition++
					if len(listed) < d {
						b.Fatal("out of synthetic records: use -benchtime 3x or fewer")
					}
					add := listed[:d]
					listed = listed[d:]
					// A twentieth of the delta lists a monitored person.
					for k := 0; k < d/20; k++ {
						p := *people[rnd.IntN(pop)]
						p.List, p.ID = "synthetic", fmt.Sprintf("relisted-%d-%d", edition, k)
						add[k] = &p
					}
					for _, e := range add {
						e.List = "synthetic"
					}
					current = append(append([]*entity.Entity(nil), current...), add...)
					snap := &snapshot.Snapshot{Source: "synthetic", Format: "test", Edition: fmt.Sprintf("2026-02-%02d", edition%28+1),
						Hash: fmt.Sprintf("ed-%d", edition), Records: packed.Pack(current)}
					if err := db.SaveSnapshot(ctx, store.System, snap); err != nil {
						b.Fatal(err)
					}
					if err := svc.LoadStored(ctx); err != nil {
						b.Fatal(err)
					}
					runs, err := db.Revets(ctx, 1)
					if err != nil {
						b.Fatal(err)
					}
					id := runs[0].ID
					b.StartTimer()
					cpu0 := cputime.Process()
					if err := svc.PlanRevet(ctx, service.System, id); err != nil {
						b.Fatal(err)
					}
					r, err := db.Revet(ctx, id)
					if err != nil {
						b.Fatal(err)
					}
					for c := range r.Chunks {
						if _, err := svc.RevetChunk(ctx, service.System, id, c); err != nil {
							b.Fatal(err)
						}
					}
					b.StopTimer()
					cpu += cputime.Process() - cpu0
					if r, err = db.Revet(ctx, id); err != nil || r.Status != store.RevetDone {
						b.Fatalf("run %d: %+v, %v", id, r, err)
					}
					cands, alerts, screened = cands+r.Candidates, alerts+r.Alerts, screened+r.Screened
					b.StartTimer()
				}
				b.ReportMetric(float64(cands)/float64(b.N), "candidates/op")
				b.ReportMetric(float64(screened)/float64(b.N), "alerted-subjects/op")
				b.ReportMetric(float64(alerts)/float64(b.N), "alerts/op")
				b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			})
		}
	}
}

// enrollProfile starts a CPU profile of the enrolment alone (not the
// list import before it) into the file $VIGIL_ENROLL_CPUPROFILE names,
// if set, and returns what stops it.
func enrollProfile(b *testing.B) func() {
	path := os.Getenv("VIGIL_ENROLL_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEnroll enrols synthetic people (recorded and screened against
// the current lists), VIGIL_ENROLL_N of them (default 20,000), on SQLite
// or (VIGIL_REVET_DB=postgres) PostgreSQL, and reports subjects/s.
func BenchmarkEnroll(b *testing.B) {
	seed := benchSeed(b)
	n := envInts("VIGIL_ENROLL_N", "20000")[0]
	rnd := rand.New(rand.NewPCG(11, 13))
	recs, err := synth.Generate(seed, n, rnd)
	if err != nil {
		b.Fatal(err)
	}
	for range b.N {
		b.StopTimer()
		db := openBenchStore(b)
		svc := service.New(service.Config{Store: db})
		if _, err := svc.ImportLists(ctx, service.System, testdata.Path(b, "lists", "current"), source.Checks{}); err != nil {
			b.Fatal(err)
		}
		if err := svc.LoadStored(ctx); err != nil {
			b.Fatal(err)
		}
		i := 0
		next := func() (subject.Row, error) {
			if i == len(recs) {
				return subject.Row{}, io.EOF
			}
			i++
			return subject.Row{Line: i, Subject: personSubject(fmt.Sprintf("E-%07d", i), recs[i-1])}, nil
		}
		// The engine alone on the same subjects, for comparison (skipped
		// with VIGIL_ENROLL_ENGINE=0: at a million it doubles the run).
		if os.Getenv("VIGIL_ENROLL_ENGINE") != "0" {
			snaps, err := db.InForceSnapshots(ctx)
			if err != nil {
				b.Fatal(err)
			}
			eng, _ := service.BuildEngine(snaps, screen.Config{})
			cpu0 := cputime.Process()
			for _, r := range recs {
				if _, err := eng.Screen(ctx, personSubject("", r), vigil.Options{Threshold: screen.DefaultThreshold, Limit: service.RecordedLimit}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(recs))/(cputime.Process()-cpu0).Seconds(), "screened/cpu-s")
		}
		i = 0
		b.StartTimer()
		stopProfile := enrollProfile(b)
		cpu0, start := cputime.Process(), time.Now()
		sum, err := svc.EnrollSubjects(ctx, auth.Operator("bench@host"), next, nil)
		if err != nil {
			b.Fatal(err)
		}
		stopProfile()
		b.ReportMetric((cputime.Process() - cpu0).Seconds(), "cpu-s")
		b.ReportMetric(time.Since(start).Seconds(), "wall-s")
		b.ReportMetric(float64(sum.Created)/time.Since(start).Seconds(), "subjects/s")
		b.ReportMetric(float64(sum.Created)/(cputime.Process()-cpu0).Seconds(), "subjects/cpu-s")
		b.ReportMetric(float64(sum.Alerts), "alerts")
	}
}
