package store_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/store"
)

// world is a database that went through every kind of write the trail
// binds: users and keys (one revoked, one user disabled), a list import,
// recorded screenings (new subject, merged identity, changed attributes,
// suppressed hit), an ad hoc screening, four eyes, a false positive
// closed, reopened and closed again, an assignment, notes, a view.
type world struct {
	tm         team
	a1, a2, a3 *review.Alert
	screening  int64 // C-2's first screening: it raised a2 and a3
	note       int64 // the first note, on a1
	lastNote   int64 // the last state change of the trail, a note on a3
	revokedKey string
	activation string     // an activation rev exchanged for a key
	pending    string     // an activation of rev2 not yet exchanged
	head       audit.Head // the chain's head when populate ends
}

func populate(t *testing.T, db *store.DB) *world {
	t.Helper()
	must := mustFn(t)
	if _, err := db.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	w := &world{tm: newTeam(t, db)}
	mustUser(t, db, "old", "analyst")
	if err := db.DisableUser(ctx, store.System, "old"); err != nil {
		t.Fatal(err)
	}
	k, _, err := db.CreateKey(ctx, store.System, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.RevokeKey(ctx, store.System, k.ID); err != nil {
		t.Fatal(err)
	}
	w.revokedKey = k.ID
	if _, _, err := db.CreateKey(ctx, store.System, "sam"); err != nil {
		t.Fatal(err)
	}
	mustUser(t, db, "rev", "analyst")
	mustUser(t, db, "rev2", "supervisor")
	act, secret, err := db.CreateActivation(ctx, store.System, "rev")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Activate(ctx, secret); err != nil {
		t.Fatal(err)
	}
	w.activation = act.ID
	if _, _, err := db.CreateActivation(ctx, store.System, "rev2"); err != nil {
		t.Fatal(err)
	}
	pend, _, err := db.CreateActivation(ctx, store.System, "rev2") // voids the first
	if err != nil {
		t.Fatal(err)
	}
	w.pending = pend.ID
	if err := db.SaveSnapshot(ctx, store.System, snap("us_ofac_sdn", "feed01", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 3)); err != nil {
		t.Fatal(err)
	}

	// C-1: one identity on two lists (four eyes), then a third list joins.
	zaw, zawUN, zawUK := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman"), record("un_sc", "QDi.006", "AYMAN AL-ZAWAHIRI"),
		record("gb_hmt", "6812", "AL-ZAWAHIRI, Ayman")
	h := hit(zaw, 0.95)
	h.Also, h.AlsoRecords = []vigil.Ref{{List: "un_sc", SourceID: "QDi.006"}}, []*entity.Entity{zawUN}
	r := mustRecord(t, db, w.tm.screener, screening("C-1", "Ayman al Zawahiri", h, hit(record("un_sc", "QDi.1", "Someone Else"), 0.5)))
	w.a1 = must(db.GetAlert(ctx, r.Alerts[0]))
	h.Also, h.AlsoRecords = append(h.Also, vigil.Ref{List: "gb_hmt", SourceID: "6812"}), append(h.AlsoRecords, zawUK)
	if r := mustRecord(t, db, w.tm.screener, screening("C-1", "Ayman al Zawahiri", h)); len(r.Existing) != 1 {
		t.Fatalf("merge: %+v", r)
	}
	w.a1 = must(db.GetAlert(ctx, w.a1.ID))
	// C-3: the same record hit twice, the second time with another list:
	// the second hit joins the alert the first raised.
	h3 := hit(record("eu_fsf", "EU.1", "AL-ZAWAHIRI, Ayman"), 0.9)
	h3b := h3
	h3b.Also, h3b.AlsoRecords = []vigil.Ref{{List: "ch_seco", SourceID: "CH.1"}}, []*entity.Entity{record("ch_seco", "CH.1", "AL-ZAWAHIRI, Ayman")}
	if r := mustRecord(t, db, w.tm.screener, screening("C-3", "Ayman al Zawahiri", h3, h3b)); len(r.Alerts) != 1 || len(r.Existing) != 1 {
		t.Fatalf("C-3: %+v", r)
	}
	// C-2: two alerts on a list that needs no four eyes.
	d1, d2 := record("au_dfat", "147", "AL-ZAWAHIRI, Ayman"), record("au_dfat", "148", "ZAWAHIRI, A.")
	r = mustRecord(t, db, w.tm.screener, screening("C-2", "Ayman Zawahiri", hit(d1, 0.9), hit(d2, 0.85)))
	w.screening = r.ScreeningID
	w.a2, w.a3 = must(db.GetAlert(ctx, r.Alerts[0])), must(db.GetAlert(ctx, r.Alerts[1]))
	// C-1 changes: a new version of the subject.
	mustRecord(t, db, w.tm.screener, screening("C-1", "Ayman al-Zawahiri Jr", h))
	mustRecord(t, db, w.tm.screener, screening("", "Ad Hoc Person", hit(d1, 0.9)))

	// Four eyes on a1.
	w.a1 = must(db.MoveAlert(ctx, w.tm.ana, change(w.a1, ""), review.StatusInReview))
	n, err := db.AddNote(ctx, w.tm.ana, w.a1.ID, "", "called the bank")
	if err != nil {
		t.Fatal(err)
	}
	w.note = n.ID
	w.a1 = must(db.DecideAlert(ctx, w.tm.ana, change(w.a1, "same date of birth"), review.TrueMatch))
	w.a1 = must(db.ApproveAlert(ctx, w.tm.sup, change(w.a1, "agreed")))
	// A false positive, reopened (its memory forgotten), closed again.
	w.a2 = must(db.MoveAlert(ctx, w.tm.bob, change(w.a2, ""), review.StatusInReview))
	w.a2 = must(db.DecideAlert(ctx, w.tm.bob, change(w.a2, "other person"), review.FalsePositive))
	w.a2 = must(db.MoveAlert(ctx, w.tm.sup, change(w.a2, "look again"), review.StatusInReview))
	w.a2 = must(db.DecideAlert(ctx, w.tm.sup, change(w.a2, "still another person"), review.FalsePositive))
	// a3 given to bob, who takes it into review.
	w.a3 = must(db.AssignAlert(ctx, w.tm.sup, change(w.a3, ""), "bob"))
	w.a3 = must(db.MoveAlert(ctx, w.tm.bob, change(w.a3, ""), review.StatusInReview))
	// C-2 again: d1 is remembered as a false positive, d2 is a3.
	if r := mustRecord(t, db, w.tm.screener, screening("C-2", "Ayman Zawahiri", hit(d1, 0.9), hit(d2, 0.85))); len(r.Suppressed) != 1 || len(r.Existing) != 1 {
		t.Fatalf("re-screening C-2: %+v", r)
	}
	if n, err = db.AddNote(ctx, w.tm.bob, w.a3.ID, "", "asked for the passport"); err != nil {
		t.Fatal(err)
	}
	w.lastNote = n.ID
	if _, err := db.GetSubject(ctx, w.tm.ana, "C-1"); err != nil {
		t.Fatal(err)
	}
	if w.head, err = db.AuditHead(ctx); err != nil {
		t.Fatal(err)
	}
	return w
}

func mustVerify(t *testing.T, db *store.DB) *store.Verification {
	t.Helper()
	v, err := db.Verify(ctx, 100)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return v
}

func diffs(r *audit.StateReport) string {
	var b strings.Builder
	for _, d := range r.Differences {
		fmt.Fprintln(&b, d)
	}
	return b.String()
}

// want names a difference: problem, table/row and column.
func want(p audit.Problem, table string, row any, column string) string {
	return fmt.Sprintf("%s %s/%v %s", p, table, row, column)
}

func names(r *audit.StateReport) []string {
	var out []string
	for _, d := range r.Differences {
		out = append(out, want(d.Problem, d.Table, d.Row, d.Column))
	}
	slices.Sort(out)
	return out
}

func exec(t *testing.T, db *store.DB, queries ...string) int64 {
	t.Helper()
	var n int64
	for _, q := range queries {
		res, err := db.SQL().Exec(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		k, _ := res.RowsAffected()
		n += k
	}
	return n
}

func seqOf(t *testing.T, db *store.DB, action audit.Action, object string) int64 {
	t.Helper()
	return int64(count(t, db, `SELECT MAX(seq) FROM audit_log WHERE action = $1 AND object = $2`, string(action), object))
}

// Each attack changes the tables (and maybe the trail) directly in the
// database. Verify names every difference; for the attacks that leave
// the trail alone, the chain by itself (VerifyAudit, all that "vigil
// audit verify" checked before) still says intact.
func TestVerifyStateTamper(t *testing.T) {
	tests := []struct {
		name string
		// tamper changes the database and returns the differences Verify
		// must report, exactly.
		tamper func(t *testing.T, db *store.DB, w *world) []string
		// chain is the chain's finding, when the attack touches the trail.
		chain func(db *store.DB, w *world) *audit.Finding
		// after checks more, when set.
		after func(t *testing.T, db *store.DB, w *world)
	}{
		{name: "an alert's state and disposition", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, fmt.Sprintf(`UPDATE alerts SET status = 'closed', disposition = 'false_positive', reason = 'not him' WHERE id = %d`, w.a3.ID))
			return []string{want(audit.Changed, "alerts", w.a3.ID, "disposition"), want(audit.Changed, "alerts", w.a3.ID, "reason"),
				want(audit.Changed, "alerts", w.a3.ID, "status")}
		}},
		{name: "a screening's hits", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, fmt.Sprintf(`UPDATE screenings SET hits = '[]' WHERE id = %d`, w.screening))
			return []string{want(audit.Changed, "screenings", w.screening, "hits")}
		}},
		{name: "a note deleted", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, fmt.Sprintf(`DELETE FROM alert_notes WHERE id = %d`, w.note))
			return []string{want(audit.Missing, "alert_notes", w.note, "")}
		}},
		{name: "an alert inserted", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, fmt.Sprintf(`INSERT INTO alerts (id, subject_id, list, source_id, status, score, hit, record, subject_attrs, screening_id, created_at, updated_at)
				SELECT 999, subject_id, 'un_sc', 'QDi.999', 'open', 0.99, hit, record, subject_attrs, screening_id, created_at, updated_at FROM alerts WHERE id = %d`, w.a3.ID))
			return []string{want(audit.Extra, "alerts", 999, "")}
		}},
		{name: "a screening deleted with its alerts", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			alerts := fmt.Sprintf("SELECT id FROM alerts WHERE screening_id = %d", w.screening)
			n := exec(t, db, `DELETE FROM alert_records WHERE alert_id IN (`+alerts+`)`, `DELETE FROM fp_memory WHERE alert_id IN (`+alerts+`)`,
				`DELETE FROM alert_notes WHERE alert_id IN (`+alerts+`)`, `DELETE FROM alerts WHERE screening_id = `+fmt.Sprint(w.screening),
				`DELETE FROM screenings WHERE id = `+fmt.Sprint(w.screening))
			return []string{fmt.Sprint("missing rows: ", n)} // one difference per row deleted
		}},
		{name: "a user's roles", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, `UPDATE users SET roles = 'analyst,supervisor' WHERE username = 'ana'`)
			return []string{want(audit.Changed, "users", "ana", "roles")}
		}},
		{name: "a revoked key restored", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, `UPDATE api_keys SET revoked_at = '' WHERE id = '`+w.revokedKey+`'`)
			return []string{want(audit.Changed, "api_keys", w.revokedKey, "revoked_at")}
		}},
		{name: "a used activation made usable again", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, `UPDATE api_keys SET revoked_at = '' WHERE id = '`+w.activation+`'`)
			return []string{want(audit.Changed, "api_keys", w.activation, "revoked_at")}
		}},
		{name: "a pending activation turned into a key", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, `UPDATE api_keys SET kind = 'key', expires_at = '' WHERE id = '`+w.pending+`'`)
			return []string{want(audit.Changed, "api_keys", w.pending, "expires_at"), want(audit.Changed, "api_keys", w.pending, "kind")}
		}},
		{name: "a disabled user enabled", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, `UPDATE users SET disabled = FALSE WHERE username = 'old'`)
			return []string{want(audit.Changed, "users", "old", "disabled")}
		}},
		{name: "false-positive memory inserted", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, fmt.Sprintf(`INSERT INTO fp_memory (subject_id, list, source_id, subject_attrs, record_attrs, subject_fp, record_fp, alert_id, at)
				SELECT %d, 'us_ofac_sdn', '6366', subject_attrs, record_attrs, subject_fp, record_fp, %d, at FROM fp_memory WHERE alert_id = %d`,
				subjectRow(t, db, w.a1), w.a1.ID, w.a2.ID))
			return []string{want(audit.Extra, "fp_memory", fmt.Sprintf("%d/us_ofac_sdn/6366", subjectRow(t, db, w.a1)), "")}
		}},
		{name: "an assignee changed, then laundered by a decision", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			exec(t, db, fmt.Sprintf(`UPDATE alerts SET assignee = 'ana' WHERE id = %d`, w.a3.ID))
			// ana is now the assignee as far as the table says, so she may decide.
			a3, err := db.GetAlert(ctx, w.a3.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.DecideAlert(ctx, w.tm.ana, change(a3, "not him"), review.FalsePositive); err != nil {
				t.Fatal(err)
			}
			return []string{want(audit.Inconsistent, "alerts", w.a3.ID, "assignee")}
		}},
		{name: "a disposition rewritten with its entry", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			seq := seqOf(t, db, audit.ActionAlertApprove, fmt.Sprintf("alert/%d", w.a1.ID))
			exec(t, db, fmt.Sprintf(`UPDATE alerts SET disposition = 'false_positive' WHERE id = %d`, w.a1.ID),
				fmt.Sprintf(`UPDATE audit_log SET details = REPLACE(details, '"true_match"', '"false_positive"') WHERE seq = %d`, seq))
			return nil // the entry says what the table holds; the chain is broken
		}, chain: func(db *store.DB, w *world) *audit.Finding {
			return &audit.Finding{Problem: audit.Altered, Seq: int64(countDB(db, `SELECT MAX(seq) FROM audit_log WHERE action = 'alert.approve'`))}
		}},
		{name: "two adjacent entries swapped", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			seq := seqOf(t, db, audit.ActionAlertApprove, fmt.Sprintf("alert/%d", w.a1.ID))
			exec(t, db, fmt.Sprintf(`UPDATE audit_log SET seq = -1 WHERE seq = %d`, seq),
				fmt.Sprintf(`UPDATE audit_log SET seq = %d WHERE seq = %d`, seq, seq+1),
				fmt.Sprintf(`UPDATE audit_log SET seq = %d WHERE seq = -1`, seq+1))
			// The replay meets a2's change before a1's approval: the order
			// of the rows does not matter to the state.
			return nil
		}, chain: func(db *store.DB, w *world) *audit.Finding {
			// The approval, now stored one later, is where the chain breaks.
			seq := int64(countDB(db, `SELECT MAX(seq) FROM audit_log WHERE action = 'alert.approve'`))
			return &audit.Finding{Problem: audit.Reordered, Seq: seq - 1, OriginalSeq: seq}
		}},
		{name: "the last entries deleted and the head rewound", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			truncateTrail(t, db, 2) // the note on a3 and the view of C-1
			return []string{want(audit.Extra, "alert_notes", w.lastNote, "")}
		}},
		// Deleting the last entries and the rows they describe leaves a
		// shorter trail and state that agree: only a head kept outside the
		// database shows it.
		{name: "the last entries deleted with their rows", tamper: func(t *testing.T, db *store.DB, w *world) []string {
			truncateTrail(t, db, 2)
			exec(t, db, fmt.Sprintf(`DELETE FROM alert_notes WHERE id = %d`, w.lastNote))
			return nil
		}, after: func(t *testing.T, db *store.DB, w *world) {
			if f, err := db.CheckAuditAnchor(ctx, w.head); err != nil || f == nil || f.Problem != audit.Missing {
				t.Fatalf("anchor: %v %v, want the kept head missing", f, err)
			}
		}},
	}
	eachDB(t, func(t *testing.T, db *store.DB) {
		w := populate(t, db)
		// Untouched, the tables hold exactly what the trail describes.
		v := mustVerify(t, db)
		if v.Finding != nil || !v.State.Consistent || v.State.Unchecked != nil || v.State.UnknownActions != nil {
			t.Fatalf("untouched database: finding %v, state %s\n%s", v.Finding, v.State.Summary(), diffs(v.State))
		}
		var rows int64
		for _, table := range []string{"users", "api_keys", "snapshots", "subjects", "subject_versions", "screenings", "alerts",
			"alert_records", "alert_notes", "fp_memory"} {
			rows += int64(count(t, db, "SELECT COUNT(*) FROM "+table))
		}
		if v.State.Rows != rows || rows < 30 {
			t.Fatalf("compared %d rows, the tables hold %d", v.State.Rows, rows)
		}
		saveTables(t, db)
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				defer restoreTables(t, db)
				wanted := tc.tamper(t, db, w)
				slices.Sort(wanted)
				v := mustVerify(t, db)
				var chain *audit.Finding
				if tc.chain != nil {
					chain = tc.chain(db, w)
				}
				if !sameFinding(v.Finding, chain) {
					t.Fatalf("chain finding = %v, want %v", v.Finding, chain)
				}
				got := names(v.State)
				if len(wanted) == 1 && strings.HasPrefix(wanted[0], "missing rows: ") {
					n := strings.TrimPrefix(wanted[0], "missing rows: ")
					if fmt.Sprint(v.State.Total) != n || len(got) != int(v.State.Total) || slices.ContainsFunc(got, func(s string) bool { return !strings.HasPrefix(s, "missing") }) {
						t.Fatalf("differences %v (total %d), want %s rows missing", got, v.State.Total, n)
					}
					want := []string{want(audit.Missing, "screenings", w.screening, ""), want(audit.Missing, "alerts", w.a2.ID, ""), want(audit.Missing, "alerts", w.a3.ID, "")}
					for _, d := range want {
						if !slices.Contains(got, d) {
							t.Fatalf("differences %v lack %q", got, d)
						}
					}
				} else if !slices.Equal(got, wanted) || v.State.Total != int64(len(wanted)) || v.State.Consistent != (len(wanted) == 0) {
					t.Fatalf("differences:\n%s(total %d)\nwant %q", diffs(v.State), v.State.Total, wanted)
				}
				if tc.chain == nil {
					// What the chain alone (the old verify) says.
					if f, _, err := db.VerifyAudit(ctx); f != nil || err != nil {
						t.Fatalf("chain alone: %v %v, want intact", f, err)
					}
				}
				for _, d := range v.State.Differences {
					if d.Problem == audit.Changed && (d.Found == d.Want || d.Column == "") {
						t.Errorf("difference %v does not show the two values", d)
					}
				}
				if tc.after != nil {
					tc.after(t, db, w)
				}
			})
		}
	})
}

// The tables the tamper tests change, parents first.
var tamperTables = []string{"users", "api_keys", "snapshots", "subjects", "subject_versions", "screenings", "alerts",
	"alert_records", "alert_notes", "fp_memory", "idempotency", "audit_log", "audit_head"}

// saveTables copies the tables into saved_*, for restoreTables.
func saveTables(t *testing.T, db *store.DB) {
	t.Helper()
	for _, table := range tamperTables {
		exec(t, db, "CREATE TABLE saved_"+table+" AS SELECT * FROM "+table)
	}
}

// restoreTables puts the saved tables back and checks that the state is
// whole again.
func restoreTables(t *testing.T, db *store.DB) {
	t.Helper()
	for _, table := range slices.Backward(tamperTables) {
		exec(t, db, "DELETE FROM "+table)
	}
	for _, table := range tamperTables {
		exec(t, db, "INSERT INTO "+table+" SELECT * FROM saved_"+table)
	}
	if v := mustVerify(t, db); v.Finding != nil || !v.State.Consistent {
		t.Fatalf("restored: %v, %s", v.Finding, v.State.Summary())
	}
}

func sameFinding(got, want *audit.Finding) bool {
	if got == nil || want == nil {
		return got == want
	}
	return got.Problem == want.Problem && got.Seq == want.Seq && got.OriginalSeq == want.OriginalSeq
}

func countDB(db *store.DB, query string, args ...any) int {
	var n int
	db.SQL().QueryRow(query, args...).Scan(&n)
	return n
}

func subjectRow(t *testing.T, db *store.DB, a *review.Alert) int64 {
	t.Helper()
	return int64(count(t, db, `SELECT subject_id FROM alerts WHERE id = $1`, a.ID))
}

// truncateTrail deletes the last n entries and rewinds audit_head to the
// entry before them, as an attacker who can write the database can.
func truncateTrail(t *testing.T, db *store.DB, n int) {
	t.Helper()
	head, err := db.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	last := head.Seq - int64(n)
	var hash string
	if err := db.SQL().QueryRow(`SELECT hash FROM audit_log WHERE seq = $1`, last).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	exec(t, db, fmt.Sprintf(`DELETE FROM audit_log WHERE seq > %d`, last),
		fmt.Sprintf(`UPDATE audit_head SET seq = %d, hash = '%s' WHERE id = 1`, last, hash))
}

// unbind rewrites the trail as a version before the binding wrote it:
// the same entries without "bind", re-chained.
func unbind(t *testing.T, db *store.DB) {
	t.Helper()
	var entries []audit.Entry
	var all bytes.Buffer
	if _, err := db.ExportAudit(ctx, &all, time.Time{}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(strings.TrimSpace(all.String()), "\n") {
		var e audit.Entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		entries = append(entries, e)
	}
	prev := audit.GenesisHash
	for _, e := range entries {
		var d map[string]any
		if err := json.Unmarshal(e.Details, &d); err != nil {
			t.Fatal(err)
		}
		delete(d, "bind")
		raw, _ := json.Marshal(d)
		var err error
		if e.Details, err = audit.CanonicalDetails(raw); err != nil {
			t.Fatal(err)
		}
		if err := e.Seal(prev); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
		_, err = db.SQL().Exec(`UPDATE audit_log SET details = $1, prev_hash = $2, hash = $3 WHERE seq = $4`, string(e.Details), e.PrevHash, e.Hash, e.Seq)
		if err != nil {
			t.Fatal(err)
		}
	}
	exec(t, db, `UPDATE audit_head SET hash = '`+prev+`' WHERE id = 1`)
}

// A database written before the binding: Verify says which rows it could
// not check rather than failing or calling them extra, still checks what
// old entries said in full (notes, revocations, disabled users) and what
// later entries bind, and finds tampering with those.
func TestVerifyStateBeforeBinding(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		w := populate(t, db)
		unbind(t, db)
		v := mustVerify(t, db)
		if v.Finding != nil || !v.State.Consistent {
			t.Fatalf("old database: finding %v, %s\n%s", v.Finding, v.State.Summary(), diffs(v.State))
		}
		// Everything but notes: users and keys come from Bootstrap and
		// the team; alert_records and fp_memory belong to old alerts.
		for _, table := range []string{"users", "api_keys", "snapshots", "subjects", "subject_versions", "screenings", "alerts", "alert_records", "fp_memory"} {
			if v.State.Unchecked[table] != int64(count(t, db, "SELECT COUNT(*) FROM "+table)) {
				t.Errorf("unchecked %s: %d, want all %d rows", table, v.State.Unchecked[table], count(t, db, "SELECT COUNT(*) FROM "+table))
			}
		}
		if v.State.Unchecked["alert_notes"] != 0 || !strings.Contains(v.State.Summary(), "predate the binding") {
			t.Errorf("summary: %s", v.State.Summary())
		}
		// What old entries said in full is still checked.
		exec(t, db, fmt.Sprintf(`DELETE FROM alert_notes WHERE id = %d`, w.note), `UPDATE api_keys SET revoked_at = '' WHERE id = '`+w.revokedKey+`'`)
		// A changed old alert cannot be seen: it is counted, not checked.
		exec(t, db, fmt.Sprintf(`UPDATE alerts SET disposition = 'false_positive' WHERE id = %d`, w.a1.ID))
		// New entries bind what they write, also on old rows.
		a3, err := db.GetAlert(ctx, w.a3.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.DecideAlert(ctx, w.tm.bob, change(a3, "not him"), review.FalsePositive); err != nil {
			t.Fatal(err)
		}
		r := mustRecord(t, db, w.tm.screener, screening("C-9", "New Person", hit(record("un_sc", "QDi.9", "NEW, Person"), 0.9)))
		exec(t, db, fmt.Sprintf(`UPDATE alerts SET status = 'open' WHERE id = %d`, w.a3.ID),
			fmt.Sprintf(`UPDATE alerts SET score = 0.5 WHERE id = %d`, r.Alerts[0]))
		v = mustVerify(t, db)
		wanted := []string{want(audit.Changed, "alerts", w.a3.ID, "status"), want(audit.Changed, "alerts", r.Alerts[0], "score"),
			want(audit.Changed, "api_keys", w.revokedKey, "revoked_at"), want(audit.Missing, "alert_notes", w.note, "")}
		slices.Sort(wanted)
		if got := names(v.State); !slices.Equal(got, wanted) || v.Finding != nil {
			t.Fatalf("finding %v, differences:\n%swant %q", v.Finding, diffs(v.State), wanted)
		}
	})
}

// A password hash replaced in the table (say, by one whose password the
// attacker knows) differs from the one the trail bound.
func TestVerifyStatePassword(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		mustUser(t, db, "ana", "analyst")
		if err := db.SetPassword(ctx, store.System, "ana", "correct horse battery staple"); err != nil {
			t.Fatal(err)
		}
		if v := mustVerify(t, db); !v.State.Consistent {
			t.Fatalf("after SetPassword: %s\n%s", v.State.Summary(), diffs(v.State))
		}
		exec(t, db, `UPDATE users SET password_hash = '$argon2id$v=19$m=65536,t=3,p=1$forged' WHERE username = 'ana'`)
		v := mustVerify(t, db)
		if got := names(v.State); !slices.Equal(got, []string{want(audit.Changed, "users", "ana", "password_hash")}) {
			t.Fatalf("differences %v", got)
		}
	})
}
