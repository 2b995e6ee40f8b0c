package store_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/requestid"
	"github.com/vigil-screening/vigil/store"
)

// TestAdHocSharedChain records ad hoc screenings from two handles on one
// database (two processes of Vigil) while both also append other entries:
// on PostgreSQL ad hoc groups are sealed after the head their process last
// committed (store/adhoc.go), which the other handle keeps moving. Every
// screening must get exactly one entry, with its request id, and the chain
// must verify.
func TestAdHocSharedChain(t *testing.T) {
	run := func(t *testing.T, a, b *store.DB) {
		pa := mustUser(t, a, "ann", auth.RoleScreener)
		const perWorker, workers = 40, 4
		var wg sync.WaitGroup
		errs := make(chan error, 4*workers*perWorker)
		for w := range workers {
			for _, db := range []*store.DB{a, b} {
				wg.Go(func() {
					for i := range perWorker {
						s := screening("", "Ayman al Zawahiri")
						rctx := requestid.With(ctx, fmt.Sprintf("req-%p-%d-%d", db, w, i))
						if _, err := db.RecordScreening(rctx, pa, s); err != nil {
							errs <- err
						}
						if i%10 == 0 {
							if err := db.Audit(ctx, pa, audit.ActionExport, "other", map[string]any{"i": i}); err != nil {
								errs <- err
							}
						}
					}
				})
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		want := 2 * workers * perWorker
		if got := count(t, a, `SELECT COUNT(*) FROM audit_log WHERE action = $1`, string(audit.ActionScreenAdHoc)); got != want {
			t.Fatalf("%d ad hoc entries, want %d", got, want)
		}
		if got := count(t, a, `SELECT COUNT(DISTINCT details) FROM audit_log WHERE action = $1 AND details LIKE '%"request_id":"req-%'`, string(audit.ActionScreenAdHoc)); got != want {
			t.Fatalf("%d ad hoc entries with distinct request ids, want %d", got, want)
		}
		for _, db := range []*store.DB{a, b} {
			if f := verify(t, db); f != nil {
				t.Fatal(f)
			}
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		a, err := store.Open(ctx, "", dir)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		b, err := store.Open(ctx, "", dir)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		run(t, a, b)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := pgtest.DSN(t, "vigil_test")
		run(t, openDB(t, dsn), openDB(t, dsn))
	})
}
