package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

// TestGroupCommitIsolation records many screenings at once, one of which
// fails inside the transaction (an idempotency key reused for another
// request): the others must all be written, and only that one fail.
func TestGroupCommitIsolation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		p := mustUser(t, db, "sam", auth.RoleScreener)
		rec := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman")
		first := screening("C-0", "Ayman al Zawahiri", hit(rec, 0.9))
		first.IdempotencyKey = "k"
		mustRecord(t, db, p, first)
		const n = 40
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				s := screening(fmt.Sprint("C-", i+1), "Ayman al Zawahiri", hit(rec, 0.9))
				if i == n/2 {
					s.IdempotencyKey = "k" // same key, different request
				}
				_, errs[i] = db.RecordScreening(ctx, p, s)
			})
		}
		wg.Wait()
		for i, err := range errs {
			if i == n/2 {
				if !isConflict(err) {
					t.Errorf("reused key: %v, want conflict", err)
				}
			} else if err != nil {
				t.Errorf("screening %d: %v", i, err)
			}
		}
		if got := count(t, db, `SELECT COUNT(*) FROM screenings`); got != n {
			t.Fatalf("%d screenings, want %d", got, n)
		}
		if f := verify(t, db); f != nil {
			t.Fatal(f)
		}
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := db.RecordScreening(cancelled, p, screening("C-X", "x")); !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled: %v", err)
		}
	})
}
