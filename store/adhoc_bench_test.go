package store_test

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/cputime"
	"github.com/vigil-screening/vigil/store"
)

// BenchmarkAdHocAudit records ad hoc screenings (the audit entry only, as
// POST /v1/screen does), each with two hits: "alone" one per transaction,
// "batchN" N per transaction, "parallel" RecordScreening from
// 8×GOMAXPROCS goroutines through the group commit. cpu-µs/op is the
// process's CPU time (for SQLite, the database's work included; not
// PostgreSQL's server).
func BenchmarkAdHocAudit(b *testing.B) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			db := benchDB(b, dialect)
			p := auth.Principal{UserID: 1, Username: "bench", Roles: []auth.Role{auth.RoleScreener}}
			recs := synthetic("us_ofac_sdn", 2)
			one := func() store.Screening {
				return screening("", "Some Person", hit(recs[0], 0.95), hit(recs[1], 0.85))
			}
			cpu := func(b *testing.B, per int, f func()) {
				c0 := cputime.Process()
				f()
				b.ReportMetric(float64((cputime.Process()-c0).Microseconds())/float64(b.N*per), "cpu-µs/screening")
			}
			b.Run("alone", func(b *testing.B) {
				cpu(b, 1, func() {
					for b.Loop() {
						if _, err := db.RecordScreenings(ctx, p, []store.Screening{one()}); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
			for _, n := range []int{8, 64} {
				b.Run(fmt.Sprint("batch", n), func(b *testing.B) {
					batch := make([]store.Screening, n)
					cpu(b, n, func() {
						for b.Loop() {
							for i := range batch {
								batch[i] = one()
							}
							if _, err := db.RecordScreenings(ctx, p, batch); err != nil {
								b.Fatal(err)
							}
						}
					})
				})
			}
			// "announced": as POST /v1/screen does, each client announces
			// its screening, computes it (a fixed busy loop standing in
			// for the engine) and records it.
			b.Run("announced", func(b *testing.B) {
				b.SetParallelism(4)
				t0, s0 := db.GroupStats()
				cpu(b, 1, func() {
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							t := db.Announce()
							work()
							if _, err := t.Record(ctx, p, one()); err != nil {
								b.Error(err)
								return
							}
						}
					})
				})
				if t1, s1 := db.GroupStats(); t1 > t0 {
					b.ReportMetric(float64(s1-s0)/float64(t1-t0), "screenings/tx")
				}
			})
			b.Run("parallel", func(b *testing.B) {
				b.SetParallelism(8)
				t0, s0 := db.GroupStats()
				cpu(b, 1, func() {
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							if _, err := db.RecordScreening(ctx, p, one()); err != nil {
								b.Error(err)
								return
							}
						}
					})
				})
				if t1, s1 := db.GroupStats(); t1 > t0 {
					b.ReportMetric(float64(s1-s0)/float64(t1-t0), "screenings/tx")
				}
			})
		})
	}
}

// work does a fixed amount of CPU work (about 100 µs on the
// development machine): the engine's share of a request.
func work() {
	buf := make([]byte, 4096)
	for i := range 25 {
		sum := sha256.Sum256(buf)
		copy(buf[i*32:], sum[:])
	}
}
