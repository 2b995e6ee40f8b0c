package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/store"
)

// A database left at an older schema: every command that opens it refuses
// with a message naming "vigil db migrate"; "vigil db status" lists what
// is pending; "vigil db migrate" applies it; then the database opens.
func TestDBMigrate(t *testing.T) {
	data := t.TempDir()
	if _, errOut, err := runVigil(t, "--data-dir", data, "users", "add", "ann", "--role", "analyst"); err != nil {
		t.Fatalf("users add on a new database: %v\n%s", err, errOut)
	}
	// Take the schema back to version 2, as an earlier Vigil left it,
	// with each later migration's own down section.
	if _, err := store.MigrateDownTo(context.Background(), "", data, 2); err != nil {
		t.Fatal(err)
	}

	_, _, err := runVigil(t, "--data-dir", data, "users", "list")
	if err == nil || !regexp.MustCompile(`schema is at version 2 and this version of Vigil needs \d+ \(\d+ pending\)`).MatchString(err.Error()) ||
		!strings.Contains(err.Error(), `run "vigil db migrate" with the same --data-dir or --db`) {
		t.Fatalf("users list on an old schema = %v, want a refusal naming vigil db migrate", err)
	}
	out, _, err := runVigil(t, "--data-dir", data, "db", "status")
	if err != nil || !regexp.MustCompile(`00002 +00002_alert_records.sql +applied`).MatchString(out) ||
		!regexp.MustCompile(`00004 +migrate_memory.go +pending`).MatchString(out) || !regexp.MustCompile(`\d+ migration\(s\) pending`).MatchString(out) {
		t.Fatalf("db status = %v:\n%s", err, out)
	}
	out, _, err = runVigil(t, "--data-dir", data, "db", "migrate")
	if err != nil || !strings.Contains(out, "applied 00003 00003_snapshots_in_force.sql") || !strings.Contains(out, "applied 00004 migrate_memory.go") {
		t.Fatalf("db migrate = %v:\n%s", err, out)
	}
	out, _, err = runVigil(t, "--data-dir", data, "users", "list")
	if err != nil || !strings.Contains(out, "ann") {
		t.Fatalf("users list after migrate = %v:\n%s", err, out)
	}
	if out, _, err = runVigil(t, "--data-dir", data, "db", "migrate"); err != nil || !strings.Contains(out, "up to date") {
		t.Fatalf("second db migrate = %v:\n%s", err, out)
	}
}
