package main

import (
	"database/sql"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A database left at an older schema: every command that opens it refuses
// with a message naming "vigil db migrate"; "vigil db status" lists what
// is pending; "vigil db migrate" applies it; then the database opens.
func TestDBMigrate(t *testing.T) {
	data := t.TempDir()
	if _, errOut, err := runVigil(t, "--data-dir", data, "users", "add", "ann", "--role", "analyst"); err != nil {
		t.Fatalf("users add on a new database: %v\n%s", err, errOut)
	}
	// Take the schema back to version 2, as an earlier Vigil left it.
	raw, err := sql.Open("sqlite", filepath.Join(data, "vigil.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP INDEX snapshots_in_force`, `DELETE FROM goose_db_version WHERE version_id > 2`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	dropLaterTables(t, raw)
	raw.Close()

	_, _, err = runVigil(t, "--data-dir", data, "users", "list")
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

// dropLaterTables drops the tables that migrations after version 2
// created, whatever they are.
func dropLaterTables(t *testing.T, db *sql.DB) {
	t.Helper()
	v2 := map[string]bool{"users": true, "api_keys": true, "snapshots": true, "subjects": true, "subject_versions": true,
		"screenings": true, "alerts": true, "alert_notes": true, "fp_memory": true, "audit_log": true, "audit_head": true,
		"idempotency": true, "alert_records": true, "goose_db_version": true}
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var later []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !v2[name] {
			later = append(later, name)
		}
	}
	rows.Close()
	for _, name := range later {
		if _, err := db.Exec(`DROP TABLE ` + name); err != nil {
			t.Fatal(err)
		}
	}
	// What later migrations added to the tables of version 2.
	for _, q := range []string{`DROP INDEX alert_records_record`, `DROP INDEX subject_versions_id`,
		`ALTER TABLE alerts DROP COLUMN cause`, `ALTER TABLE screenings DROP COLUMN engine`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}
