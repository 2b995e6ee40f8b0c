package store_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/store"
)

// fillAudit appends n entries and returns them as exported.
func fillAudit(t *testing.T, db *store.DB, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		if err := db.Audit(ctx, store.System, audit.ActionSubjectView, fmt.Sprintf("subject/S-%d", i), map[string]any{"i": i, "note": "x"}); err != nil {
			t.Fatal(err)
		}
	}
}

func verify(t *testing.T, db *store.DB) *audit.Finding {
	t.Helper()
	f, _, err := db.VerifyAudit(ctx)
	if err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	return f
}

func TestAuditTamper(t *testing.T) {
	tests := []struct {
		name   string
		tamper []string
		want   audit.Finding
	}{
		{"intact", nil, audit.Finding{}},
		{"update detail", []string{`UPDATE audit_log SET details = '{"i":4,"note":"y"}' WHERE seq = 4`},
			audit.Finding{Problem: audit.Altered, Seq: 4}},
		{"update actor", []string{`UPDATE audit_log SET actor = 'mallory' WHERE seq = 7`},
			audit.Finding{Problem: audit.Altered, Seq: 7}},
		{"update time", []string{`UPDATE audit_log SET at = '2020-01-01T00:00:00.000000Z' WHERE seq = 2`},
			audit.Finding{Problem: audit.Altered, Seq: 2}},
		{"delete row", []string{`DELETE FROM audit_log WHERE seq = 5`},
			audit.Finding{Problem: audit.Missing, Seq: 5}},
		{"delete first", []string{`DELETE FROM audit_log WHERE seq = 1`},
			audit.Finding{Problem: audit.Missing, Seq: 1}},
		{"delete last", []string{`DELETE FROM audit_log WHERE seq = 10`},
			audit.Finding{Problem: audit.Missing, Seq: 10}},
		{"swap rows 3 and 6", []string{
			`UPDATE audit_log SET seq = -1 WHERE seq = 3`,
			`UPDATE audit_log SET seq = 3 WHERE seq = 6`,
			`UPDATE audit_log SET seq = 6 WHERE seq = -1`},
			audit.Finding{Problem: audit.Reordered, Seq: 3, OriginalSeq: 6}},
		{"swap adjacent rows 4 and 5", []string{
			`UPDATE audit_log SET seq = -1 WHERE seq = 4`,
			`UPDATE audit_log SET seq = 4 WHERE seq = 5`,
			`UPDATE audit_log SET seq = 5 WHERE seq = -1`},
			audit.Finding{Problem: audit.Reordered, Seq: 4, OriginalSeq: 5}},
		{"swap the first two rows", []string{
			`UPDATE audit_log SET seq = -1 WHERE seq = 1`,
			`UPDATE audit_log SET seq = 1 WHERE seq = 2`,
			`UPDATE audit_log SET seq = 2 WHERE seq = -1`},
			audit.Finding{Problem: audit.Reordered, Seq: 1, OriginalSeq: 2}},
		{"rewrite a hash", []string{`UPDATE audit_log SET hash = '` + audit.GenesisHash[:63] + `1' WHERE seq = 8`},
			audit.Finding{Problem: audit.Altered, Seq: 8}},
	}
	eachDB(t, func(t *testing.T, db *store.DB) {
		// One database per dialect: each case restores the rows it changed.
		fillAudit(t, db, 10)
		saved := snapshotAudit(t, db)
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				defer restoreAudit(t, db, saved)
				for _, q := range tc.tamper {
					if _, err := db.SQL().Exec(q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				got := verify(t, db)
				if tc.want.Problem == "" {
					if got != nil {
						t.Fatalf("intact chain: %v", got)
					}
					return
				}
				if got == nil || got.Problem != tc.want.Problem || got.Seq != tc.want.Seq || got.OriginalSeq != tc.want.OriginalSeq {
					t.Fatalf("finding = %+v, want %+v", got, tc.want)
				}
			})
		}
	})
}

type auditRow struct {
	seq                                            int64
	at, actor, action, object, details, prev, hash string
}

func snapshotAudit(t *testing.T, db *store.DB) []auditRow {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT seq, at, actor, action, object, details, prev_hash, hash FROM audit_log ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var r auditRow
		if err := rows.Scan(&r.seq, &r.at, &r.actor, &r.action, &r.object, &r.details, &r.prev, &r.hash); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func restoreAudit(t *testing.T, db *store.DB, rows []auditRow) {
	t.Helper()
	if _, err := db.SQL().Exec(`DELETE FROM audit_log`); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		_, err := db.SQL().Exec(`INSERT INTO audit_log (seq, at, actor, action, object, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			r.seq, r.at, r.actor, r.action, r.object, r.details, r.prev, r.hash)
		if err != nil {
			t.Fatal(err)
		}
	}
	if f := verify(t, db); f != nil {
		t.Fatalf("restored chain: %v", f)
	}
}

func TestAuditExport(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		fillAudit(t, db, 5)
		var all bytes.Buffer
		n, err := db.ExportAudit(ctx, &all, time.Time{}, time.Time{})
		if err != nil || n != 5 {
			t.Fatalf("ExportAudit = %d, %v; want 5", n, err)
		}
		// The export verifies on its own.
		v := &audit.Verifier{}
		sc := bufio.NewScanner(&all)
		var entries []audit.Entry
		for sc.Scan() {
			var e audit.Entry
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				t.Fatalf("line %q: %v", sc.Text(), err)
			}
			if f, err := v.Next(&e); f != nil || err != nil {
				t.Fatalf("exported entry %d: %v %v", e.Seq, f, err)
			}
			entries = append(entries, e)
		}
		// A time window: entries 2..3 (the test clock adds 1ms per reading).
		var part bytes.Buffer
		n, err = db.ExportAudit(ctx, &part, entries[1].At, entries[3].At)
		if err != nil || n != 2 {
			t.Fatalf("window export = %d, %v; want 2\n%s", n, err, part.String())
		}
	})
}

// Deleting the last entries and rewriting audit_head to match leaves a
// chain that verifies from inside the database; a head kept outside
// catches it, and so does a rewrite of the anchored entry.
func TestAuditAnchor(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		head0, err := db.AuditHead(ctx)
		if err != nil || head0.Seq != 0 || head0.Hash != audit.GenesisHash {
			t.Fatalf("empty head = %v, %v", head0, err)
		}
		fillAudit(t, db, 10)
		head, err := db.AuditHead(ctx)
		if err != nil || head.Seq != 10 {
			t.Fatalf("head = %v, %v; want seq 10", head, err)
		}
		anchor := func(h audit.Head) *audit.Finding {
			t.Helper()
			f, err := db.CheckAuditAnchor(ctx, h)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		if f := anchor(head); f != nil {
			t.Fatalf("intact chain, current head: %v", f)
		}
		if f := anchor(head0); f != nil {
			t.Fatalf("intact chain, empty head: %v", f)
		}
		saved := snapshotAudit(t, db)
		for _, q := range []string{
			`DELETE FROM audit_log WHERE seq > 8`,
			`UPDATE audit_head SET seq = 8, hash = '` + saved[7].hash + `' WHERE id = 1`,
		} {
			if _, err := db.SQL().Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if f := verify(t, db); f != nil {
			t.Fatalf("a clean truncation is visible from inside: %v (the test assumption is wrong)", f)
		}
		if f := anchor(head); f == nil || f.Problem != audit.Missing || f.Seq != 10 {
			t.Fatalf("truncated chain, kept head: %v; want entry 10 missing", f)
		}
		// Fill the gap with forged entries: the hash no longer matches.
		fillAudit(t, db, 2)
		if f := verify(t, db); f != nil {
			t.Fatalf("forged tail: %v (it is re-chained, so the chain alone accepts it)", f)
		}
		if f := anchor(head); f == nil || f.Problem != audit.Altered || f.Seq != 10 {
			t.Fatalf("forged tail, kept head: %v; want entry 10 altered", f)
		}
	})
}
