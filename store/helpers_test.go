package store_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/store"
)

// eachDB runs fn once on a fresh SQLite database and once on a fresh
// PostgreSQL schema (skipped, with the reason, when $VIGIL_TEST_POSTGRES is not set).
func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, openDB(t, pgtest.DSN(t, "vigil_test"))) })
}

func openSQLite(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), "", t.TempDir(), store.WithClock(testClock()))
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openDB(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, "", store.WithClock(testClock()))
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// testClock returns a clock that starts at a fixed time and moves one
// millisecond per reading, so times are distinct and reproducible. It is
// safe for concurrent use.
func testClock() func() time.Time {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var n atomic.Int64
	return func() time.Time {
		return t0.Add(time.Duration(n.Add(1)) * time.Millisecond)
	}
}

var ctx = context.Background()

// mustUser creates a user and returns its principal.
func mustUser(t testing.TB, db *store.DB, name string, roles ...auth.Role) auth.Principal {
	t.Helper()
	u, err := db.CreateUser(ctx, store.System, name, roles)
	if err != nil {
		t.Fatalf("create user %s: %v", name, err)
	}
	return auth.Principal{UserID: u.ID, Username: u.Username, Roles: u.Roles}
}

func isConflict(err error) bool { return apperr.CodeOf(err) == apperr.Conflict }

func errorsAs(err error, target **apperr.Error) bool { return errors.As(err, target) }
