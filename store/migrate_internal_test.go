package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/review"
)

// eachDSN runs fn with a fresh SQLite folder and with a fresh PostgreSQL
// schema (skipped, saying why, without VIGIL_TEST_POSTGRES).
func eachDSN(t *testing.T, fn func(t *testing.T, dsn, dir string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, "", t.TempDir()) })
	t.Run("postgres", func(t *testing.T) { fn(t, pgtest.DSN(t, "vigil_migrate"), "") })
}

// atVersion creates the schema of the database up to version v only, as
// an earlier version of Vigil left it, and returns the connection.
func atVersion(t *testing.T, dsn, dir string, v int64) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, dialect, err := connect(ctx, dsn, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := provider(db, dialect)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, v); err != nil {
		t.Fatal(err)
	}
	return db
}

// knownVersions returns the versions of every migration this Vigil knows, in order.
func knownVersions(t *testing.T, dsn, dir string) []int64 {
	t.Helper()
	db, dialect, err := connect(context.Background(), dsn, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := provider(db, dialect)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, s := range p.ListSources() {
		out = append(out, s.Version)
	}
	return out
}

// Open refuses a database whose schema is older than this version of
// Vigil, saying so, and changes nothing; Migrate applies what is pending;
// then Open works. Open also refuses a schema newer than it knows.
func TestOpen_PendingMigrations(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn, dir string) {
		ctx := context.Background()
		atVersion(t, dsn, dir, 2)
		all := knownVersions(t, dsn, dir)
		latest, later := all[len(all)-1], all[2:]
		_, err := Open(ctx, dsn, dir)
		if !errors.Is(err, ErrPendingMigrations) || !strings.Contains(err.Error(), "schema is at version 2") ||
			!strings.Contains(err.Error(), fmt.Sprintf("needs %d (%d pending)", latest, len(later))) {
			t.Fatalf("Open of a version 2 database = %v, want ErrPendingMigrations naming versions 2 and %d", err, latest)
		}
		status, err := SchemaStatus(ctx, dsn, dir)
		if err != nil {
			t.Fatal(err)
		}
		var pending []int64
		for _, m := range status {
			if !m.Applied {
				pending = append(pending, m.Version)
			}
		}
		if len(status) != len(all) || !reflect.DeepEqual(pending, later) || status[0].Name != "00001_init.sql" || status[3].Name != "migrate_memory.go" {
			t.Fatalf("status %+v, want %d migrations, %v pending", status, len(all), later)
		}
		applied, err := Migrate(ctx, dsn, dir)
		if err != nil || len(applied) != len(later) || applied[0].Version != 3 || applied[len(applied)-1].Version != latest {
			t.Fatalf("Migrate = %+v, %v; want %v applied", applied, err, later)
		}
		db, err := Open(ctx, dsn, dir)
		if err != nil {
			t.Fatalf("Open after Migrate: %v", err)
		}
		db.Close()
		if applied, err := Migrate(ctx, dsn, dir); err != nil || len(applied) != 0 {
			t.Fatalf("second Migrate = %+v, %v; want nothing to do", applied, err)
		}
		// A schema from a newer Vigil is refused as well.
		raw := atVersion(t, dsn, dir, 4)
		if _, err := raw.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (99, TRUE)`); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(ctx, dsn, dir); err == nil || !strings.Contains(err.Error(), "newer than this version of Vigil knows") {
			t.Fatalf("Open of a newer schema = %v", err)
		}
	})
}

// WithMigrate (serve --migrate) applies pending migrations at Open.
func TestOpen_WithMigrate(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn, dir string) {
		atVersion(t, dsn, dir, 1)
		db, err := Open(context.Background(), dsn, dir, WithMigrate())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		if err := db.sql.QueryRow(`SELECT COUNT(*) FROM alert_records`).Scan(&n); err != nil {
			t.Fatalf("table of migration 2 missing after Open WithMigrate: %v", err)
		}
	})
}

// Migration 4 computes the false-positive memory of each remembered record
// again with the one field set, from the record as it joined the alert;
// before it, memory kept five fields, which every record would now differ
// from.
func TestMigration4_MemoryFieldSet(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn, dir string) {
		ctx := context.Background()
		raw := atVersion(t, dsn, dir, 3)
		rec := &entity.Entity{List: "us_ofac_sdn", ID: "V-1", Kind: entity.KindVessel,
			Names:  []entity.Name{{Full: "OCEAN STAR", Type: entity.NamePrimary}},
			Vessel: &entity.Vessel{IMO: "9187629", Flag: "PA"}}
		recJSON, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		// What the earlier version remembered of it: its names alone.
		old := `{"names":["OCEAN STAR"]}`
		for _, q := range []string{
			`INSERT INTO subjects (id, external_id, attrs, fingerprint, created_at, updated_at) VALUES (1, 'C-1', '{"name":"Ocean Star"}', 'x', 't', 't')`,
			`INSERT INTO alerts (id, subject_id, list, source_id, status, score, hit, record, subject_attrs, screening_id, created_at, updated_at)
				VALUES (7, 1, 'us_ofac_sdn', 'V-1', 'closed', 0.9, '{}', '{}', '{"name":["OCEAN STAR"]}', 1, 't', 't')`,
			`INSERT INTO alert_records (alert_id, subject_id, list, source_id, record) VALUES (7, 1, 'us_ofac_sdn', 'V-1', '` + string(recJSON) + `')`,
			`INSERT INTO fp_memory (subject_id, list, source_id, subject_attrs, record_attrs, subject_fp, record_fp, alert_id, at)
				VALUES (1, 'us_ofac_sdn', 'V-1', '{"name":["OCEAN STAR"]}', '` + old + `', 'x', 'y', 7, 't')`,
		} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if _, err := Migrate(ctx, dsn, dir); err != nil {
			t.Fatal(err)
		}
		var attrs, fp string
		if err := raw.QueryRow(`SELECT record_attrs, record_fp FROM fp_memory`).Scan(&attrs, &fp); err != nil {
			t.Fatal(err)
		}
		var got review.Attrs
		if err := json.Unmarshal([]byte(attrs), &got); err != nil {
			t.Fatal(err)
		}
		want := review.RecordAttrs(rec)
		if !reflect.DeepEqual(got, want) || fp != want.Fingerprint() || len(got["vessel"]) != 1 {
			t.Fatalf("record attributes after migration 4 = %v (%s), want %v", got, fp, want)
		}
		// The record as the reviewer saw it is now remembered as unchanged.
		ref := review.Ref{List: "us_ofac_sdn", SourceID: "V-1"}
		mem := review.Memory{ref: {SubjectAttrs: review.Attrs{"name": {"OCEAN STAR"}}, RecordAttrs: got}}
		if _, suppressed := review.CheckMemory(review.Attrs{"name": {"OCEAN STAR"}}, []review.Ref{ref},
			func(review.Ref) *entity.Entity { return rec }, mem); !suppressed {
			t.Error("the remembered record is not taken as unchanged after migration 4")
		}
	})
}
