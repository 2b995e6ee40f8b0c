// Package pgtest gives tests a throwaway PostgreSQL schema on the server
// named by $VIGIL_TEST_POSTGRES, so every storage test can run against the
// real server as well as SQLite.
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// Env names the environment variable holding the test server's address,
// e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const Env = "VIGIL_TEST_POSTGRES"

// Base returns the test server's address, or "" when none is configured.
func Base() string { return os.Getenv(Env) }

// DSN creates a fresh schema named prefix_<random> on the test server and
// returns a DSN whose search_path selects it; the schema is dropped when
// the test ends. Without a server configured the test is skipped, saying
// so clearly.
func DSN(tb testing.TB, prefix string) string {
	tb.Helper()
	base := Base()
	if base == "" {
		tb.Skipf("skipped: this test needs PostgreSQL; set %s, e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable", Env)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := prefix + "_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("postgres: %v", err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		tb.Fatalf("postgres: create schema: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			tb.Errorf("postgres: drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", Env, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
