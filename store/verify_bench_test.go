package store_test

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/store"
)

var (
	verifyScreenings = flag.Int("verify.screenings", 100000, "recorded screenings in BenchmarkVerify's database")
	verifyDir        = flag.String("verify.dir", "", "SQLite folder for BenchmarkVerify: filled on first use, reused after (to repeat a measurement)")
)

// BenchmarkVerify times Verify (chain, replay and comparison of every
// table) on a database of -verify.screenings recorded screenings, each of
// a new subject with three hits: two raise alerts, each covering two
// records (the hit's and the same identity on another list); one alert
// in ten is then reviewed and decided. It reports the CPU time Verify
// used (this process only) and the largest live heap during it.
//
//	go test ./store -run '^$' -bench Verify -benchtime 2x [-verify.screenings 100000] [-verify.dir DIR]
func BenchmarkVerify(b *testing.B) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			db := benchDB(b, dialect)
			if dialect == "sqlite" && *verifyDir != "" {
				var err error
				if db, err = store.Open(ctx, "", *verifyDir, store.WithMigrate()); err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { db.Close() })
			}
			if n := countDB(db, `SELECT COUNT(*) FROM screenings`); n == 0 {
				start := time.Now()
				alerts := fillVerify(b, db, *verifyScreenings)
				b.Logf("%s: %d screenings, %d alerts recorded in %s", dialect, *verifyScreenings, alerts, time.Since(start).Round(time.Second))
			} else {
				b.Logf("%s: reusing %d screenings in %s", dialect, n, *verifyDir)
			}
			var peak atomic.Uint64
			var v *store.Verification
			var cpu time.Duration
			b.ResetTimer()
			for b.Loop() {
				stop := sampleHeap(&peak)
				before := cpuTime()
				var err error
				v, err = db.Verify(ctx, 10)
				cpu += cpuTime() - before
				stop()
				if err != nil || v.Finding != nil || !v.State.Consistent {
					b.Fatalf("Verify: %v, %v, %s", err, v.Finding, v.State.Summary())
				}
			}
			b.ReportMetric(float64(v.Entries), "entries")
			b.ReportMetric(float64(v.State.Rows), "rows")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-live-heap-MiB")
		})
	}
}

// fillVerify records n screenings in batches of 1000 and reviews one
// alert in ten; it returns the number of alerts raised.
func fillVerify(b *testing.B, db *store.DB, n int) int {
	b.Helper()
	p := auth.Principal{UserID: 1, Username: "bench", Roles: []auth.Role{auth.RoleScreener}}
	ana := auth.Principal{UserID: 2, Username: "ana", Roles: []auth.Role{auth.RoleAnalyst}}
	sdn, un := synthetic("us_ofac_sdn", 3), synthetic("au_dfat", 3)
	hitOf := func(i int, score float64) store.Hit {
		h := hit(sdn[i], score)
		h.Also, h.AlsoRecords = []vigil.Ref{{List: un[i].List, SourceID: un[i].ID}}, []*entity.Entity{un[i]}
		return h
	}
	var raised []int64
	for done := 0; done < n; {
		batch := make([]store.Screening, min(1000, n-done))
		for i := range batch {
			batch[i] = screening(fmt.Sprint("S-", done+i), "Some Person", hitOf(0, 0.95), hitOf(1, 0.85), hitOf(2, 0.5))
		}
		res, err := db.RecordScreenings(ctx, p, batch)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			raised = append(raised, r.Alerts...)
		}
		done += len(batch)
	}
	for i := 0; i < len(raised); i += 10 {
		a, err := db.MoveAlert(ctx, ana, store.AlertChange{AlertID: raised[i], Version: 1}, review.StatusInReview)
		if err == nil {
			_, err = db.DecideAlert(ctx, ana, store.AlertChange{AlertID: a.ID, Version: a.Version, Reason: "other person"}, review.Inconclusive)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return len(raised)
}

// sampleHeap records the largest live heap (as the garbage collector
// measured it at the end of a cycle) seen until stop is called.
func sampleHeap(peak *atomic.Uint64) (stop func()) {
	runtime.GC()
	done := make(chan struct{})
	var wg sync.WaitGroup
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	wg.Go(func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// cpuTime is the CPU time (user and system) this process has used: on a
// shared machine it says more than the wall clock. The database server's
// time (PostgreSQL) is not in it.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
