package store_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/store"
)

func record(list, id, name string) *entity.Entity {
	return &entity.Entity{List: list, ID: id, Kind: entity.KindPerson,
		Names:      []entity.Name{{Full: name, Type: entity.NamePrimary}},
		BirthDates: []entity.Date{{Year: 1961}}, Nationalities: []string{"EG"}}
}

func hit(e *entity.Entity, score float64) store.Hit {
	return store.Hit{Hit: vigil.Hit{Score: score, List: e.List, SourceID: e.ID, Name: e.PrimaryName(), MatchedName: e.PrimaryName()}, Record: e}
}

func screening(subjectID, name string, hits ...store.Hit) store.Screening {
	return store.Screening{SubjectID: subjectID, Subject: vigil.Subject{Name: name, DateOfBirth: entity.Date{Year: 1961}},
		Editions: []string{"aaa111", "bbb222"}, Threshold: 0.8, Hits: hits}
}

func mustRecord(t *testing.T, db *store.DB, p auth.Principal, s store.Screening) *store.ScreeningResult {
	t.Helper()
	r, err := db.RecordScreening(ctx, p, s)
	if err != nil {
		t.Fatalf("RecordScreening(%s): %v", s.SubjectID, err)
	}
	return r
}

func count(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestRecordScreening(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		p := mustUser(t, db, "sam", auth.RoleScreener)
		zaw := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman")
		low := record("un_sc", "QDi.006", "Someone Else")
		r := mustRecord(t, db, p, screening("C-1", "Ayman al Zawahiri", hit(zaw, 0.95), hit(low, 0.5)))
		if len(r.Alerts) != 1 || r.ScreeningID == 0 {
			t.Fatalf("first screening: %+v; want one alert", r)
		}
		a, err := db.GetAlert(ctx, r.Alerts[0])
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != review.StatusOpen || a.Version != 1 || a.SubjectID != "C-1" || a.List != "us_ofac_sdn" || a.SourceID != "6366" {
			t.Fatalf("alert = %+v", a)
		}
		var seen entity.Entity
		if err := json.Unmarshal(a.Record, &seen); err != nil || seen.ID != "6366" || seen.PrimaryName() != "AL-ZAWAHIRI, Ayman" {
			t.Fatalf("alert record not attached: %s (%v)", a.Record, err)
		}
		// Re-screening does not duplicate the open alert.
		r2 := mustRecord(t, db, p, screening("C-1", "Ayman al Zawahiri", hit(zaw, 0.97)))
		if len(r2.Alerts) != 0 || !slices.Equal(r2.Existing, r.Alerts) {
			t.Fatalf("re-screen: %+v; want existing %v", r2, r.Alerts)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM alerts`); n != 1 {
			t.Fatalf("%d alerts, want 1", n)
		}
		// A changed subject adds a version; the same one does not.
		mustRecord(t, db, p, screening("C-1", "Ayman al-Zawahiri Jr", hit(zaw, 0.9)))
		ana := mustUser(t, db, "ana", auth.RoleAnalyst)
		s, err := db.GetSubject(ctx, ana, "C-1")
		if err != nil {
			t.Fatal(err)
		}
		if len(s.History) != 2 || len(s.Screenings) != 3 || s.Attrs.Name != "Ayman al-Zawahiri Jr" {
			t.Fatalf("subject: %d versions, %d screenings, name %q; want 2, 3, the new name", len(s.History), len(s.Screenings), s.Attrs.Name)
		}
		if !slices.Equal(s.Screenings[0].Editions, []string{"aaa111", "bbb222"}) {
			t.Fatalf("editions = %v", s.Screenings[0].Editions)
		}
		if _, err := db.GetSubject(ctx, ana, "C-404"); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("unknown subject: %v", err)
		}
		// Ad hoc: only the audit entry.
		before := count(t, db, `SELECT COUNT(*) FROM screenings`)
		ah := mustRecord(t, db, p, screening("", "Ayman al Zawahiri", hit(zaw, 0.95)))
		if ah.ScreeningID != 0 || len(ah.Alerts) != 0 || count(t, db, `SELECT COUNT(*) FROM screenings`) != before {
			t.Fatalf("ad hoc wrote a screening: %+v", ah)
		}
		// Audit: 3 recorded + 1 view + 1 ad hoc.
		if n := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE action IN ('screening.recorded', 'screening.ad_hoc', 'subject.view')`); n != 5 {
			t.Fatalf("%d screening/view audit entries, want 5", n)
		}
		if f := verify(t, db); f != nil {
			t.Fatal(f)
		}
	})
}

func TestRecordScreeningInvalid(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		p := mustUser(t, db, "sam", auth.RoleScreener)
		zaw := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman")
		noRecord := hit(zaw, 0.9)
		noRecord.Record = nil
		bad := []store.Screening{
			{SubjectID: "C-1", Threshold: 1.5},
			{SubjectID: "C-1", Hits: []store.Hit{noRecord}},
			{SubjectID: "C-1", Hits: []store.Hit{{Hit: vigil.Hit{Score: 0.9}}}},
			{SubjectID: string(make([]byte, 300))},
		}
		for i, s := range bad {
			if _, err := db.RecordScreening(ctx, p, s); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("case %d: %v, want invalid", i, err)
			}
		}
		if _, err := db.RecordScreenings(ctx, p, make([]store.Screening, 1001)); apperr.CodeOf(err) != apperr.TooLarge {
			t.Errorf("huge batch: %v", err)
		}
		// A batch with one bad screening writes nothing.
		batch := []store.Screening{screening("C-1", "A", hit(zaw, 0.9)), {SubjectID: "C-2", Threshold: 2}}
		if _, err := db.RecordScreenings(ctx, p, batch); err == nil {
			t.Fatal("bad batch accepted")
		}
		if n := count(t, db, `SELECT COUNT(*) FROM subjects`); n != 0 {
			t.Fatalf("bad batch wrote %d subjects", n)
		}
		// A failure inside the transaction, after the first screening's
		// subject, screening, alert and audit entry were written, rolls
		// all of it back.
		first := screening("C-7", "A", hit(zaw, 0.9))
		first.IdempotencyKey = "k"
		mustRecord(t, db, p, first)
		before := [3]int{count(t, db, `SELECT COUNT(*) FROM subjects`), count(t, db, `SELECT COUNT(*) FROM alerts`), count(t, db, `SELECT COUNT(*) FROM audit_log`)}
		reused := screening("C-9", "B", hit(zaw, 0.9))
		reused.IdempotencyKey = "k"
		if _, err := db.RecordScreenings(ctx, p, []store.Screening{screening("C-8", "A", hit(zaw, 0.9)), reused}); !isConflict(err) {
			t.Fatalf("batch with a reused key: %v, want conflict", err)
		}
		after := [3]int{count(t, db, `SELECT COUNT(*) FROM subjects`), count(t, db, `SELECT COUNT(*) FROM alerts`), count(t, db, `SELECT COUNT(*) FROM audit_log`)}
		if after != before {
			t.Fatalf("failed batch left subjects/alerts/audit %v, before %v", after, before)
		}
	})
}

func TestIdempotency(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		p := mustUser(t, db, "sam", auth.RoleScreener)
		zaw := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman")
		s := screening("C-1", "Ayman al Zawahiri", hit(zaw, 0.95))
		s.IdempotencyKey = "req-1"
		r1 := mustRecord(t, db, p, s)
		audits := count(t, db, `SELECT COUNT(*) FROM audit_log`)
		r2 := mustRecord(t, db, p, s)
		if !r2.Replayed || r2.ScreeningID != r1.ScreeningID || !slices.Equal(r2.Alerts, r1.Alerts) {
			t.Fatalf("replay = %+v, first = %+v", r2, r1)
		}
		if count(t, db, `SELECT COUNT(*) FROM screenings`) != 1 || count(t, db, `SELECT COUNT(*) FROM audit_log`) != audits {
			t.Fatal("replay wrote again")
		}
		s.Subject.Name = "Someone else"
		if _, err := db.RecordScreening(ctx, p, s); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("key reused for another request: %v", err)
		}
		// Keys are per actor.
		q := mustUser(t, db, "sue", auth.RoleScreener)
		s.Subject.Name = "Ayman al Zawahiri"
		if r := mustRecord(t, db, q, s); r.Replayed {
			t.Fatal("another actor's key replayed")
		}
		// Alert changes too.
		ana := mustUser(t, db, "ana", auth.RoleAnalyst)
		c := store.AlertChange{IdempotencyKey: "mv-1", AlertID: r1.Alerts[0], Version: 1}
		a1, err := db.MoveAlert(ctx, ana, c, review.StatusInReview)
		if err != nil {
			t.Fatal(err)
		}
		a2, err := db.MoveAlert(ctx, ana, c, review.StatusInReview)
		if err != nil || a2.Version != a1.Version || a2.Version != 2 {
			t.Fatalf("replayed move = %+v, %v", a2, err)
		}
		n1, err := db.AddNote(ctx, ana, a1.ID, "note-1", "checked DOB")
		if err != nil {
			t.Fatal(err)
		}
		n2, err := db.AddNote(ctx, ana, a1.ID, "note-1", "checked DOB")
		if err != nil || n2.ID != n1.ID {
			t.Fatalf("replayed note = %+v, %v", n2, err)
		}
		if notes, _ := db.AlertNotes(ctx, a1.ID); len(notes) != 1 {
			t.Fatalf("%d notes, want 1", len(notes))
		}
	})
}
