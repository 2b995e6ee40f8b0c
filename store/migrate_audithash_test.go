package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/vigil-screening/vigil/auth"
)

// TestAuditHashIndexDownUp: migration 91 drops the unique index on
// audit_log.hash and its undoing restores it; the trail written before,
// across and after both verifies whole, and the head is unchanged by
// either (SQLite rebuilds the table for it).
func TestAuditHashIndexDownUp(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn, dir string) {
		ctx := context.Background()
		sam := auth.Principal{Username: "sam", Roles: []auth.Role{auth.RoleScreener}}
		record := func(prefix string) {
			t.Helper()
			db, err := Open(ctx, dsn, dir)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for i := range 3 {
				s := testScreening(fmt.Sprintf("%s-%d", prefix, i), "Ayman al Zawahiri", testHit(testRecord("us_ofac_sdn", fmt.Sprint(6000+i), "AL-ZAWAHIRI, Ayman"), 0.95))
				ad := s
				ad.SubjectID = ""
				if _, err := db.RecordScreenings(ctx, sam, []Screening{s, ad}); err != nil {
					t.Fatal(err)
				}
			}
			if f, n, err := db.VerifyAudit(ctx); err != nil || f != nil {
				t.Fatalf("verify after %s (%d entries): %v %v", prefix, n, f, err)
			}
		}
		// unique reports whether a second row with an existing hash is
		// refused (the statement is rolled back either way).
		unique := func() bool {
			t.Helper()
			raw, _, err := connect(ctx, dsn, dir)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			tx, err := raw.Begin()
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			_, err = tx.Exec(`INSERT INTO audit_log (seq, at, actor, action, object, details, prev_hash, hash)
				SELECT seq + 1000000, at, actor, action, object, details, prev_hash, hash FROM audit_log WHERE seq = 1`)
			return err != nil
		}
		head := func() string {
			t.Helper()
			db, err := Open(ctx, dsn, dir)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			h, err := db.AuditHead(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return fmt.Sprint(h)
		}
		record("new")
		if unique() {
			t.Fatal("audit_log.hash still unique after migration 91")
		}
		h := head()
		if _, err := MigrateDownTo(ctx, dsn, dir, 90); err != nil {
			t.Fatal(err)
		}
		if !unique() {
			t.Fatal("audit_log.hash not unique once migration 91 is undone")
		}
		if dir == "" { // a database restored or made by hand may name the constraint otherwise
			raw, _, err := connect(ctx, dsn, dir)
			if err != nil {
				t.Fatal(err)
			}
			_, err = raw.Exec(`ALTER TABLE audit_log RENAME CONSTRAINT audit_log_hash_key TO restored_hash_unique`)
			raw.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		if _, err := Migrate(ctx, dsn, dir); err != nil {
			t.Fatal(err)
		}
		if got := head(); got != h {
			t.Fatalf("head %s after down and up, want %s", got, h)
		}
		if dir != "" { // the rebuilt table has its indexes again
			raw, _, err := connect(ctx, dsn, dir)
			if err != nil {
				t.Fatal(err)
			}
			var n int
			err = raw.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND name IN
				('audit_log_at', 'audit_log_object', 'audit_log_actor', 'audit_log_action')`).Scan(&n)
			raw.Close()
			if err != nil || n != 4 {
				t.Fatalf("%d of audit_log's 4 indexes after the rebuild (%v)", n, err)
			}
		}
		record("again")
		if unique() {
			t.Fatal("audit_log.hash unique after migration 91 is applied again")
		}
	})
}
