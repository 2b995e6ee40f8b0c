package jobs_test

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/internal/testpub"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// A job added in a transaction exists exactly when the transaction
// commits; a unique job is not queued twice while one waits.
func TestEnqueueInTransaction(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		q, err := jobs.NewQueue(db.SQL(), db.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		count := func() int {
			var n int
			if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM river_job`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		for _, commit := range []bool{false, true, true} {
			tx, err := db.SQL().BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := q.EnqueueTx(ctx, tx, []store.Job{store.RefreshJob{Source: "un_sc"}}); err != nil {
				t.Fatal(err)
			}
			if commit {
				err = tx.Commit()
			} else {
				err = tx.Rollback()
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if n := count(); n != 1 {
			t.Errorf("%d jobs after a rolled-back insert and two committed ones of a unique job, want 1", n)
		}
	})
}

// The runner refreshes a scheduled source at start, from a publisher on
// 127.0.0.1 serving a real list; a conditional request then finds it not
// modified; a new edition is accepted; a download cut short fails, is
// retried with backoff, and leaves the edition in force.
func TestScheduledRefresh(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		pub := testpub.New()
		pub.Serve("/list", testdata.Path(t, "lists", "editions", "un-2024-11", "consolidated.xml"), time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC))
		srv := httptest.NewServer(pub)
		defer srv.Close()
		svc := newService(t, db, testSource("un_sc", "consolidated.xml", srv.URL+"/list"))
		startRunner(t, jobs.Config{Store: db, Service: svc, Schedules: []jobs.Schedule{{Source: "un_sc", Every: time.Hour}}})

		attempts := func() []service.RefreshAttempt {
			a, err := svc.RefreshAttempts(ctx, operator, "un_sc", 100)
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		waitFor(t, "the refresh at start", func() bool { return len(attempts()) == 1 })
		a := attempts()[0]
		if a.Status != store.RefreshAccepted || a.HTTPStatus != 200 || a.Bytes == 0 || a.Edition == "" || a.Actor != "system" {
			t.Fatalf("first attempt %+v, want accepted with HTTP 200, bytes and an edition, by system", a)
		}
		first := a.Edition

		waitIdle(t, db)
		if err := svc.RequestRefresh(ctx, operator, "un_sc"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "a second refresh", func() bool { return len(attempts()) == 2 })
		if a := attempts()[0]; a.Status != store.RefreshNotModified || a.HTTPStatus != 304 || a.Bytes != 0 {
			t.Fatalf("second attempt %+v, want not_modified (304, no bytes)", a)
		}

		waitIdle(t, db)
		pub.Serve("/list", testdata.Path(t, "lists", "current", "un-2026-02", "consolidated.xml"), time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC))
		if err := svc.RequestRefresh(ctx, operator, "un_sc"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "a third refresh", func() bool { return len(attempts()) == 3 })
		a = attempts()[0]
		if a.Status != store.RefreshAccepted || a.Edition == first {
			t.Fatalf("third attempt %+v, want a new edition accepted (first was %s)", a, first)
		}
		second := a.Edition

		waitIdle(t, db)
		pub.CutShort("/list", testdata.Path(t, "lists", "current", "un-2026-02", "consolidated.xml"))
		if err := svc.RequestRefresh(ctx, operator, "un_sc"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "two failed attempts (the job retried)", func() bool { return len(attempts()) >= 5 })
		for _, a := range attempts()[:2] {
			if a.Status != store.RefreshFailed || a.Error == "" || a.HTTPStatus != 200 {
				t.Errorf("attempt %+v, want failed with the error", a)
			}
		}
		inForce, err := db.InForceSnapshot(ctx, "un_sc")
		if err != nil {
			t.Fatal(err)
		}
		if inForce.Edition != second {
			t.Errorf("edition in force %s after a damaged download, want %s", inForce.Edition, second)
		}
	})
}
