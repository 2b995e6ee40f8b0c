package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/store"
)

// TestMonitoring: a subject is monitored from its first screening until
// the retention has passed, unless its own end overrides it or its
// monitoring was ended; both changes are audited, bound and replayed,
// and a change made behind the store's back is found by Verify — as is
// one of an alert's cause or a screening's engine.
func TestMonitoring(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		p := mustUser(t, db, "sam", auth.RoleScreener)
		sup := mustUser(t, db, "sue", auth.RoleSupervisor)
		zaw := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman")
		for _, id := range []string{"M-1", "M-2", "M-3"} {
			s := screening(id, "Ayman al Zawahiri", hit(zaw, 0.95))
			s.Engine = "screen/test"
			if id == "M-1" {
				s.Hits[0].Cause = &store.Cause{Kind: "listing_added", Text: "added to us_ofac_sdn in the edition of 2026-01-01", Edition: "2026-01-01"}
			}
			mustRecord(t, db, p, s)
		}
		rows := func(retention time.Duration) []string {
			var ids []int64
			for i := range int64(10) {
				ids = append(ids, i+1)
			}
			subs, err := db.MonitoredByRowID(ctx, ids, retention)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, s := range subs {
				out = append(out, s.ExtID)
			}
			return out
		}
		if got := rows(0); !slices.Equal(got, []string{"M-1", "M-2", "M-3"}) {
			t.Fatalf("monitored without retention = %v", got)
		}
		// The test clock starts in 2026; a retention of a day has passed
		// for nobody, of a nanosecond for everybody.
		if got := rows(time.Nanosecond); len(got) != 0 {
			t.Errorf("monitored after the retention = %v, want none", got)
		}
		m, err := db.EndMonitoring(ctx, sup, "M-2", "customer left", 0)
		if err != nil || m.Active || m.EndedBy != "sue" {
			t.Fatalf("EndMonitoring = %+v, %v", m, err)
		}
		if _, err := db.EndMonitoring(ctx, sup, "M-2", "again", 0); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("ending twice = %v, want a conflict", err)
		}
		if _, err := db.EndMonitoring(ctx, sup, "M-9", "unknown", 0); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("ending an unknown subject = %v, want not found", err)
		}
		if _, err := db.EndMonitoring(ctx, sup, "M-1", "  ", 0); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("ending without a reason = %v, want invalid", err)
		}
		// An end already past is refused, naming until; nothing changes.
		if _, err := db.SetMonitoring(ctx, sup, "M-3", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), "court order", 0); apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(apperr.MessageOf(err), "until") {
			t.Errorf("SetMonitoring in the past = %v, want invalid naming until", err)
		}
		if m, err := db.Monitoring(ctx, "M-3", 0); err != nil || !m.Active || m.Override {
			t.Errorf("after a refused past end: %+v, %v; want still active, no override", m, err)
		}
		until := time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
		m, err = db.SetMonitoring(ctx, sup, "M-3", until, "court order", time.Nanosecond)
		if err != nil || !m.Active || !m.Override || !m.Until.Equal(until) {
			t.Fatalf("SetMonitoring = %+v, %v", m, err)
		}
		if got := rows(0); !slices.Equal(got, []string{"M-1", "M-3"}) {
			t.Errorf("monitored after the end and the override = %v, want M-1 M-3", got)
		}
		if got := rows(time.Nanosecond); !slices.Equal(got, []string{"M-3"}) {
			t.Errorf("monitored after the retention = %v, want M-3 (its own end is 2040)", got)
		}
		mon, total, err := db.MonitorCounts(ctx, 0)
		if err != nil || mon != 2 || total != 3 {
			t.Errorf("MonitorCounts = %d of %d, %v; want 2 of 3", mon, total, err)
		}
		v := mustVerify(t, db)
		if v.Finding != nil || len(v.State.Differences) > 0 {
			t.Fatalf("verify: %+v\n%s", v.Finding, diffs(v.State))
		}
		var m2, m3, alert, scr int64
		db.SQL().QueryRow(`SELECT id FROM subjects WHERE external_id = 'M-2'`).Scan(&m2)
		db.SQL().QueryRow(`SELECT id FROM subjects WHERE external_id = 'M-3'`).Scan(&m3)
		db.SQL().QueryRow(`SELECT a.id, a.screening_id FROM alerts a JOIN subjects s ON s.id = a.subject_id WHERE s.external_id = 'M-1'`).Scan(&alert, &scr)
		exec(t, db,
			fmt.Sprintf(`UPDATE monitoring SET ended_at = '' WHERE subject_id = %d`, m2),
			fmt.Sprintf(`DELETE FROM monitoring WHERE subject_id = %d`, m3),
			fmt.Sprintf(`UPDATE alerts SET cause = '' WHERE id = %d`, alert),
			fmt.Sprintf(`UPDATE screenings SET engine = 'screen/other' WHERE id = %d`, scr))
		v = mustVerify(t, db)
		got := names(v.State)
		wantDiffs := []string{want(audit.Changed, "alerts", alert, "cause"), want(audit.Changed, "monitoring", m2, "ended_at"),
			want(audit.Missing, "monitoring", m3, ""), want(audit.Changed, "screenings", scr, "engine")}
		slices.Sort(wantDiffs)
		if !slices.Equal(got, wantDiffs) {
			t.Errorf("verify after tampering:\n got %v\nwant %v", got, wantDiffs)
		}
	})
}

// TestAnnotateListingChange: an alert whose record changed gets a note,
// once per key; the change is audited and bound.
func TestAnnotateListingChange(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		p := mustUser(t, db, "sam", auth.RoleScreener)
		ann := mustUser(t, db, "ann", auth.RoleAnalyst)
		rec := record("own", "P-1", "Ivan SIDOROV")
		r := mustRecord(t, db, p, screening("A-1", "Ivan Sidorov", hit(rec, 0.95)))
		a, err := db.GetAlert(ctx, r.Alerts[0])
		if err != nil {
			t.Fatal(err)
		}
		if a, err = db.MoveAlert(ctx, ann, store.AlertChange{AlertID: a.ID, Version: a.Version}, review.StatusInReview); err != nil {
			t.Fatal(err)
		}
		if a, err = db.DecideAlert(ctx, ann, store.AlertChange{AlertID: a.ID, Version: a.Version, Reason: "other passport"}, review.FalsePositive); err != nil {
			t.Fatal(err)
		}
		ids, err := db.AlertsOnRecord(ctx, review.Ref{List: "own", SourceID: "P-1"})
		if err != nil || len(ids) != 0 {
			t.Fatalf("alerts on P-1 after a false positive = %v, %v; want none (false-positive memory covers it)", ids, err)
		}
		r2 := mustRecord(t, db, p, screening("A-2", "Ivan Sidorov", hit(rec, 0.95)))
		ids, err = db.AlertsOnRecord(ctx, review.Ref{List: "own", SourceID: "P-1"})
		if err != nil || !slices.Equal(ids, r2.Alerts) {
			t.Fatalf("alerts on P-1 = %v, %v; want %v", ids, err, r2.Alerts)
		}
		c := store.Cause{Kind: "delisted", Text: "own/P-1 was removed from own in the edition of 2026-02-01: delisted."}
		done, err := db.AnnotateListingChange(ctx, store.System, ids[0], "revet:1:P-1", c)
		if err != nil || !done {
			t.Fatalf("annotate = %v, %v", done, err)
		}
		if done, err = db.AnnotateListingChange(ctx, store.System, ids[0], "revet:1:P-1", c); err != nil || done {
			t.Fatalf("annotate again = %v, %v; want nothing done", done, err)
		}
		notes, err := db.AlertNotes(ctx, ids[0])
		if err != nil || len(notes) != 1 || notes[0].Text != c.Text {
			t.Fatalf("notes = %+v, %v", notes, err)
		}
		v := mustVerify(t, db)
		if v.Finding != nil || len(v.State.Differences) > 0 {
			t.Fatalf("verify: %+v\n%s", v.Finding, diffs(v.State))
		}
		exec(t, db, fmt.Sprintf(`UPDATE alert_notes SET text = 'nothing to see' WHERE id = %d`, notes[0].ID))
		if got := names(mustVerify(t, db).State); !slices.Equal(got, []string{want(audit.Changed, "alert_notes", notes[0].ID, "text")}) {
			t.Errorf("verify after rewriting the annotation = %v", got)
		}
	})
}

// TestExpireMonitoring: the subjects past their retention (or own end)
// have their monitoring ended, each audited and replayed; the others
// stay.
func TestExpireMonitoring(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		p := mustUser(t, db, "sam", auth.RoleScreener)
		sup := mustUser(t, db, "sue", auth.RoleSupervisor)
		for _, id := range []string{"X-1", "X-2", "X-3"} {
			mustRecord(t, db, p, screening(id, "Someone Else"))
		}
		if _, err := db.SetMonitoring(ctx, sup, "X-2", time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC), "court order", 0); err != nil {
			t.Fatal(err)
		}
		if n, err := db.ExpireMonitoring(ctx, store.System, 24*time.Hour, 10); err != nil || n != 0 {
			t.Fatalf("expire within the retention = %d, %v; want none", n, err)
		}
		n, err := db.ExpireMonitoring(ctx, store.System, time.Nanosecond, 10)
		if err != nil || n != 2 {
			t.Fatalf("expire after the retention = %d, %v; want X-1 and X-3", n, err)
		}
		for id, active := range map[string]bool{"X-1": false, "X-2": true, "X-3": false} {
			m, err := db.Monitoring(ctx, id, time.Nanosecond)
			if err != nil || m.Active != active || (!active && !strings.HasPrefix(m.Reason, "retention")) {
				t.Errorf("%s: %+v, %v; want active %v", id, m, err, active)
			}
		}
		if n, err := db.ExpireMonitoring(ctx, store.System, time.Nanosecond, 10); err != nil || n != 0 {
			t.Fatalf("expire again = %d, %v; want none", n, err)
		}
		if c := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'subject.monitor_end'`); c != 2 {
			t.Errorf("%d monitor_end entries, want 2", c)
		}
		v := mustVerify(t, db)
		if v.Finding != nil || len(v.State.Differences) > 0 {
			t.Fatalf("verify: %+v\n%s", v.Finding, diffs(v.State))
		}
	})
}
