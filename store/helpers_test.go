package store_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

// pgEnv names the PostgreSQL server the tests use, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable
const pgEnv = "VIGIL_TEST_POSTGRES"

// eachDB runs fn once on a fresh SQLite database and once on a fresh
// PostgreSQL schema (skipped, with the reason, when pgEnv is not set).
func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, openDB(t, pgDSN(t))) })
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

// pgDSN creates a fresh schema on the test server and returns a DSN whose
// search_path selects it; the schema is dropped when the test ends.
func pgDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(pgEnv)
	if base == "" {
		t.Skipf("PostgreSQL tests need %s, e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", pgEnv)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "vigil_test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("postgres: create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("postgres: drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", pgEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
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
