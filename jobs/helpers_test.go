package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

var ctx = context.Background()

// eachDB runs fn on a fresh SQLite database and on a fresh PostgreSQL
// schema (skipped, saying why, without $VIGIL_TEST_POSTGRES), both with
// the job queue.
func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, openDB(t, "", t.TempDir())) })
	t.Run("postgres", func(t *testing.T) { fn(t, openDB(t, pgtest.DSN(t, "vigil_jobs"), "")) })
}

func openDB(t testing.TB, dsn, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(ctx, dsn, dir, store.WithQueue(jobs.NewQueue))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// startRunner starts a runner with quick polling, stopped at the end of
// the test.
func startRunner(t *testing.T, cfg jobs.Config) *jobs.Runner {
	t.Helper()
	if cfg.PollInterval == 0 {
		cfg.PollInterval = 50 * time.Millisecond
	}
	if cfg.RetryBase == 0 {
		cfg.RetryBase = 100 * time.Millisecond
	}
	r, err := jobs.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Stop(5 * time.Second); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return r
}

// waitFor polls cond until it holds, failing the test after 30 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// testSource is a source whose one file is served by url.
func testSource(name, file, url string) source.Source {
	return source.Source{Name: name, Format: "test", Downloads: []source.Download{{URL: url, File: file}}}
}

// newService returns a service over db that refreshes srcs into a
// temporary folder.
func newService(t *testing.T, db *store.DB, srcs ...source.Source) *service.Service {
	return service.New(service.Config{Store: db, Refresh: service.Refresh{
		Dir: t.TempDir(), Sources: srcs, Fetcher: source.NewFetcher(20 * time.Second),
	}})
}

// operator is the principal of the commands.
var operator = auth.Operator("test@host")

// waitIdle waits until no job waits or runs: a unique job asked for
// while one like it runs would be skipped.
func waitIdle(t *testing.T, db *store.DB) {
	t.Helper()
	waitFor(t, "the queue to be idle", func() bool {
		var n int
		err := db.SQL().QueryRow(`SELECT COUNT(*) FROM river_job WHERE state NOT IN ('completed', 'cancelled', 'discarded')`).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n == 0
	})
}
