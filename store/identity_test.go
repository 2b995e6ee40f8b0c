package store_test

import (
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/store"
)

// merged returns a hit on primary whose identity is also on others, with
// the other records attached.
func merged(score float64, primary *entity.Entity, others ...*entity.Entity) store.Hit {
	h := hit(primary, score)
	for _, o := range others {
		h.Also = append(h.Also, vigil.Ref{List: o.List, SourceID: o.ID})
		h.AlsoRecords = append(h.AlsoRecords, o)
	}
	return h
}

// The reviewer's case: au_dfat/147 as primary, the same identity on the UN
// and OFAC SDN lists in Also. A false positive needs four eyes.
func TestFourEyesOnMergedIdentity(t *testing.T) {
	dfat := record("au_dfat", "147", "HUSSEIN AL-TIKRITI, Saddam")
	un := record("un_sc", "111923", "HUSSEIN AL-TIKRITI, Saddam")
	sdn := record("us_ofac_sdn", "2676", "HUSSEIN AL-TIKRITI, Saddam")
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		r := mustRecord(t, db, tm.screener, screening("C-1", "Saddam Hussein al-Tikriti", merged(0.95, dfat, un, sdn)))
		if len(r.Alerts) != 1 {
			t.Fatalf("screening: %+v; want one alert", r)
		}
		a := must(db.GetAlert(ctx, r.Alerts[0]))
		want := []review.Ref{{List: "au_dfat", SourceID: "147"}, {List: "un_sc", SourceID: "111923"}, {List: "us_ofac_sdn", SourceID: "2676"}}
		if !refsEqual(a.Records, want) {
			t.Fatalf("records = %v, want %v", a.Records, want)
		}
		a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
		for _, d := range []review.Disposition{review.FalsePositive, review.Inconclusive} {
			a = must(db.DecideAlert(ctx, tm.ana, change(a, "different person"), d))
			if a.Status != review.StatusEscalated || a.Proposal == nil {
				t.Fatalf("%s on merged identity: %s, proposal %v; want a four-eyes proposal", d, a.Status, a.Proposal)
			}
			a = must(db.MoveAlert(ctx, tm.sup, change(a, "look again"), review.StatusInReview))
		}
		// The same identity on lists none of which is high impact closes
		// with one person.
		ca := record("ca_sema", "9", "HUSSEIN AL-TIKRITI, Saddam")
		r = mustRecord(t, db, tm.screener, screening("C-2", "Saddam Hussein al-Tikriti", merged(0.95, dfat, ca)))
		b := must(db.GetAlert(ctx, r.Alerts[0]))
		b = must(db.MoveAlert(ctx, tm.ana, change(b, ""), review.StatusInReview))
		if b = must(db.DecideAlert(ctx, tm.ana, change(b, "different person"), review.FalsePositive)); b.Status != review.StatusClosed {
			t.Fatalf("low-impact merged identity: %s; want closed", b.Status)
		}
	})
}

// One open alert per (subject, identity): a screening whose primary is
// another record of an open alert's identity merges into it.
func TestOneOpenAlertPerIdentity(t *testing.T) {
	dfat := record("au_dfat", "147", "HUSSEIN AL-TIKRITI, Saddam")
	un := record("un_sc", "111923", "HUSSEIN AL-TIKRITI, Saddam")
	sdn := record("us_ofac_sdn", "2676", "HUSSEIN AL-TIKRITI, Saddam")
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		r := mustRecord(t, db, tm.screener, screening("C-1", "Saddam Hussein", merged(0.9, dfat, un)))
		first := must(db.GetAlert(ctx, r.Alerts[0]))
		// Primary un_sc, with a record the alert did not cover yet.
		r = mustRecord(t, db, tm.screener, screening("C-1", "Saddam Hussein", merged(0.9, un, dfat, sdn)))
		if len(r.Alerts) != 0 || len(r.Existing) != 1 || r.Existing[0] != first.ID {
			t.Fatalf("second screening: %+v; want existing alert %d", r, first.ID)
		}
		a := must(db.GetAlert(ctx, first.ID))
		want := []review.Ref{{List: "au_dfat", SourceID: "147"}, {List: "un_sc", SourceID: "111923"}, {List: "us_ofac_sdn", SourceID: "2676"}}
		if !refsEqual(a.Records, want) || a.Version != first.Version+1 {
			t.Fatalf("merged alert: records %v version %d; want %v version %d", a.Records, a.Version, want, first.Version+1)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'alert.merge'`); n != 1 {
			t.Fatalf("%d merge audit entries, want 1", n)
		}
		// Nothing new: no version change, no audit entry.
		r = mustRecord(t, db, tm.screener, screening("C-1", "Saddam Hussein", hit(sdn, 0.9)))
		if len(r.Existing) != 1 || r.Existing[0] != first.ID {
			t.Fatalf("third screening: %+v", r)
		}
		if a2 := must(db.GetAlert(ctx, first.ID)); a2.Version != a.Version {
			t.Fatalf("version moved to %d without a change", a2.Version)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM alerts`); n != 1 {
			t.Fatalf("%d alerts, want 1", n)
		}
		// The list filter finds the alert by any record of its identity.
		if _, total, err := db.ListAlerts(ctx, store.AlertFilter{List: "us_ofac_sdn"}); err != nil || total != 1 {
			t.Fatalf("ListAlerts(us_ofac_sdn) = %d, %v", total, err)
		}
		// A reviewer holding the pre-merge version is refused.
		_, err := db.MoveAlert(ctx, tm.ana, change(first, ""), review.StatusInReview)
		wantCode(t, "stale after merge", err, apperr.Conflict)
	})
}

// False-positive memory is per record: a decision on an identity covers
// the records it had, and a hit is suppressed only when all its records
// were covered and none changed.
func TestFalsePositiveMemoryPerRecord(t *testing.T) {
	dfat := record("au_dfat", "147", "HUSSEIN AL-TIKRITI, Saddam")
	un := record("un_sc", "111923", "HUSSEIN AL-TIKRITI, Saddam")
	sdn := record("us_ofac_sdn", "2676", "HUSSEIN AL-TIKRITI, Saddam")
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		// A false positive on au_dfat alone.
		r := mustRecord(t, db, tm.screener, screening("C-1", "Saddam Hussein", hit(dfat, 0.9)))
		a := must(db.GetAlert(ctx, r.Alerts[0]))
		a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
		must(db.DecideAlert(ctx, tm.ana, change(a, "born 1990"), review.FalsePositive))
		if n := count(t, db, `SELECT COUNT(*) FROM fp_memory`); n != 1 {
			t.Fatalf("fp_memory has %d rows, want 1", n)
		}
		// It does not suppress the same identity seen with its UN and OFAC
		// records, which nobody reviewed.
		r = mustRecord(t, db, tm.screener, screening("C-1", "Saddam Hussein", merged(0.9, dfat, un, sdn)))
		if len(r.Alerts) != 1 || len(r.Suppressed) != 0 {
			t.Fatalf("merged identity after a dfat-only FP: %+v; want an alert", r)
		}
		b := must(db.GetAlert(ctx, r.Alerts[0]))
		wantChanges := []review.Change{
			{Side: "record", Record: "un_sc/111923", Attribute: "not_reviewed"},
			{Side: "record", Record: "us_ofac_sdn/2676", Attribute: "not_reviewed"},
		}
		if !changesEqual(b.Changes, wantChanges) {
			t.Fatalf("changes = %+v, want %+v", b.Changes, wantChanges)
		}
		// Closing that (with four eyes) covers all three records.
		b = must(db.MoveAlert(ctx, tm.ana, change(b, ""), review.StatusInReview))
		b = must(db.DecideAlert(ctx, tm.ana, change(b, "born 1990"), review.FalsePositive))
		must(db.ApproveAlert(ctx, tm.sup, change(b, "agreed")))
		if n := count(t, db, `SELECT COUNT(*) FROM fp_memory`); n != 3 {
			t.Fatalf("fp_memory has %d rows, want 3", n)
		}
		// Any of the records as primary, with the group: suppressed.
		for _, h := range []store.Hit{merged(0.9, un, dfat, sdn), merged(0.9, sdn, un), hit(dfat, 0.9)} {
			if r = mustRecord(t, db, tm.screener, screening("C-1", "Saddam Hussein", h)); len(r.Suppressed) != 1 || len(r.Alerts) != 0 {
				t.Fatalf("%s/%s after group FP: %+v; want suppressed", h.List, h.SourceID, r)
			}
		}
		// A change to one record of the group alerts again and says which.
		sdn2 := *sdn
		sdn2.BirthDates = []entity.Date{{Year: 1937}}
		r = mustRecord(t, db, tm.screener, screening("C-1", "Saddam Hussein", merged(0.9, dfat, un, &sdn2)))
		if len(r.Alerts) != 1 {
			t.Fatalf("changed OFAC record: %+v; want an alert", r)
		}
		c := must(db.GetAlert(ctx, r.Alerts[0]))
		wantChanges = []review.Change{{Side: "record", Record: "us_ofac_sdn/2676", Attribute: "birth_dates", Before: []string{"1961"}, After: []string{"1937"}}}
		if !changesEqual(c.Changes, wantChanges) || c.Changes[0].Record != "us_ofac_sdn/2676" {
			t.Fatalf("changes = %+v, want %+v", c.Changes, wantChanges)
		}
		// An Also record the screening could not attach is not taken as
		// unchanged.
		c = must(db.MoveAlert(ctx, tm.ana, change(c, ""), review.StatusInReview))
		c = must(db.DecideAlert(ctx, tm.ana, change(c, "born 1990"), review.FalsePositive))
		must(db.ApproveAlert(ctx, tm.sup, change(c, "agreed")))
		blind := merged(0.9, dfat, un, &sdn2)
		blind.AlsoRecords = blind.AlsoRecords[:1]
		if r = mustRecord(t, db, tm.screener, screening("C-1", "Saddam Hussein", blind)); len(r.Alerts) != 1 {
			t.Fatalf("unknown Also record: %+v; want an alert", r)
		}
	})
}

func refsEqual(a, b []review.Ref) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// An alert raised before the records column existed reads its identity
// from the stored hit, and the four-eyes rule still sees it.
func TestLegacyAlertRecords(t *testing.T) {
	dfat := record("au_dfat", "147", "HUSSEIN AL-TIKRITI, Saddam")
	un := record("un_sc", "111923", "HUSSEIN AL-TIKRITI, Saddam")
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		r := mustRecord(t, db, tm.screener, screening("C-1", "Saddam Hussein", merged(0.9, dfat, un)))
		if _, err := db.SQL().Exec(`UPDATE alerts SET records = ''`); err != nil {
			t.Fatal(err)
		}
		a := must(db.GetAlert(ctx, r.Alerts[0]))
		if want := []review.Ref{{List: "au_dfat", SourceID: "147"}, {List: "un_sc", SourceID: "111923"}}; !refsEqual(a.Records, want) {
			t.Fatalf("records = %v, want %v", a.Records, want)
		}
		a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
		if a = must(db.DecideAlert(ctx, tm.ana, change(a, "not him"), review.FalsePositive)); a.Status != review.StatusEscalated {
			t.Fatalf("legacy merged alert: %s, want escalated", a.Status)
		}
	})
}
