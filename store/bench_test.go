package store_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

// BenchmarkRecordScreening records screenings of distinct subjects, each
// with two hits over the threshold (so two alerts) and one under it.
// "single" is RecordScreening from 8×GOMAXPROCS goroutines (group commit
// shares transactions among them);
// "batch100" is RecordScreenings of 100 per transaction.
func BenchmarkRecordScreening(b *testing.B) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			db := benchDB(b, dialect)
			p := auth.Principal{UserID: 1, Username: "bench", Roles: []auth.Role{auth.RoleScreener}}
			recs := synthetic("us_ofac_sdn", 3)
			var next atomic.Int64
			one := func() store.Screening {
				id := next.Add(1)
				return screening(fmt.Sprint("S-", id), "Some Person", hit(recs[0], 0.95), hit(recs[1], 0.85), hit(recs[2], 0.5))
			}
			b.Run("single", func(b *testing.B) {
				b.SetParallelism(8) // 8×GOMAXPROCS clients, as an HTTP server would have
				start := time.Now()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if _, err := db.RecordScreening(ctx, p, one()); err != nil {
							b.Error(err)
							return
						}
					}
				})
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "screenings/s")
			})
			b.Run("batch100", func(b *testing.B) {
				start := time.Now()
				b.RunParallel(func(pb *testing.PB) {
					batch := make([]store.Screening, 100)
					for pb.Next() {
						for i := range batch {
							batch[i] = one()
						}
						if _, err := db.RecordScreenings(ctx, p, batch); err != nil {
							b.Error(err)
							return
						}
					}
				})
				b.ReportMetric(float64(b.N*100)/time.Since(start).Seconds(), "screenings/s")
			})
		})
	}
}
