package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/store"
)

// TestTwoHandles runs two *store.DB on one database, as two processes
// would, and screens the same subjects from many goroutines at once.
func TestTwoHandles(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		open := func() *store.DB {
			db, err := store.Open(context.Background(), "", dir)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}
		concurrentScreenings(t, open(), open())
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := pgtest.DSN(t, "vigil_test")
		concurrentScreenings(t, openDB(t, dsn), openDB(t, dsn))
	})
}

func concurrentScreenings(t *testing.T, a, b *store.DB) {
	const subjects, workers, rounds = 5, 8, 10
	p := mustUser(t, a, "sam", auth.RoleScreener)
	rec := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman")
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds)
	for w := range workers {
		db := a
		if w%2 == 1 {
			db = b
		}
		wg.Go(func() {
			for i := range rounds {
				s := screening(fmt.Sprintf("C-%d", (w+i)%subjects), "Ayman al Zawahiri", hit(rec, 0.9))
				if _, err := db.RecordScreening(ctx, p, s); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := count(t, a, `SELECT COUNT(*) FROM alerts`); n != subjects {
		t.Fatalf("%d alerts, want one per subject (%d)", n, subjects)
	}
	if n := count(t, a, `SELECT COUNT(*) FROM screenings`); n != workers*rounds {
		t.Fatalf("%d screenings, want %d", n, workers*rounds)
	}
	// The chain is intact from either handle: user + screenings entries.
	for _, db := range []*store.DB{a, b} {
		f, n, err := db.VerifyAudit(ctx)
		if err != nil || f != nil || n != workers*rounds+1 {
			t.Fatalf("verify: %v %v after %d entries, want %d", f, err, n, workers*rounds+1)
		}
	}
	// Concurrent updates of one alert: exactly one wins, the others get
	// a conflict.
	alerts, _, err := a.ListAlerts(ctx, store.AlertFilter{SubjectID: "C-0"})
	if err != nil || len(alerts) != 1 {
		t.Fatalf("ListAlerts = %v, %v", alerts, err)
	}
	ana := mustUser(t, a, "ana", auth.RoleAnalyst)
	var mu sync.Mutex
	wins := 0
	for w := range workers {
		db := a
		if w%2 == 1 {
			db = b
		}
		wg.Go(func() {
			_, err := db.MoveAlert(ctx, ana, store.AlertChange{AlertID: alerts[0].ID, Version: 1}, review.StatusInReview)
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				wins++
			} else if !isConflict(err) {
				t.Errorf("concurrent move: %v", err)
			}
		})
	}
	wg.Wait()
	if wins != 1 {
		t.Fatalf("%d concurrent updates won, want 1", wins)
	}
}

// TestConcurrentStart opens several handles on one fresh database at once,
// as processes starting together would: migrations run once, under a
// lock, and Bootstrap creates one admin.
func TestConcurrentStart(t *testing.T) {
	dsn := pgtest.DSN(t, "vigil_test")
	const n = 4
	dbs := make([]*store.DB, n)
	keys := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			dbs[i], errs[i] = store.Open(ctx, dsn, "")
			if errs[i] == nil {
				keys[i], errs[i] = dbs[i].Bootstrap(ctx)
			}
		})
	}
	wg.Wait()
	created := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("handle %d: %v", i, errs[i])
		}
		defer dbs[i].Close()
		if keys[i] != "" {
			created++
		}
	}
	if created != 1 || count(t, dbs[0], `SELECT COUNT(*) FROM users`) != 1 {
		t.Fatalf("%d handles created an admin, want 1", created)
	}
}

// TestConcurrentIdempotency sends one request with one key from two
// handles at once: one screening is written, both get its result.
func TestConcurrentIdempotency(t *testing.T) {
	dsn := pgtest.DSN(t, "vigil_test")
	a, b := openDB(t, dsn), openDB(t, dsn)
	p := mustUser(t, a, "sam", auth.RoleScreener)
	rec := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman")
	const n = 8
	results := make([]*store.ScreeningResult, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		db := a
		if i%2 == 1 {
			db = b
		}
		wg.Go(func() {
			s := screening("C-1", "Ayman al Zawahiri", hit(rec, 0.9))
			s.IdempotencyKey = "same-request"
			results[i], errs[i] = db.RecordScreening(ctx, p, s)
		})
	}
	wg.Wait()
	replays := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("request %d: %v", i, errs[i])
		}
		if results[i].ScreeningID != results[0].ScreeningID {
			t.Fatalf("request %d got screening %d, request 0 got %d", i, results[i].ScreeningID, results[0].ScreeningID)
		}
		if results[i].Replayed {
			replays++
		}
	}
	if replays != n-1 || count(t, a, `SELECT COUNT(*) FROM screenings`) != 1 || count(t, a, `SELECT COUNT(*) FROM alerts`) != 1 {
		t.Fatalf("%d replays, want %d; screenings and alerts must be 1", replays, n-1)
	}
}
