package store_test

import (
	"slices"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/store"
)

func TestFalsePositiveMemory(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		rec := record("us_bis_dpl", "D-1", "AL-ZAWAHIRI, Ayman")
		s := screening("C-1", "Ayman al Zawahiri", hit(rec, 0.9))
		r := mustRecord(t, db, tm.screener, s)
		a := must(db.GetAlert(ctx, r.Alerts[0]))
		a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
		must(db.DecideAlert(ctx, tm.ana, change(a, "born 1990, not 1961"), review.FalsePositive))

		// Same pair, nothing changed: remembered, no alert.
		r = mustRecord(t, db, tm.screener, s)
		if len(r.Alerts) != 0 || len(r.Suppressed) != 1 || r.Suppressed[0].SourceID != "D-1" {
			t.Fatalf("unchanged pair: %+v; want suppressed", r)
		}
		// An irrelevant change to the record (a remark) is not a change.
		rec2 := *rec
		rec2.EnsureMore().Remarks = "new remark"
		if r = mustRecord(t, db, tm.screener, screening("C-1", "Ayman al Zawahiri", hit(&rec2, 0.9))); len(r.Suppressed) != 1 {
			t.Fatalf("remark change: %+v; want suppressed", r)
		}
		// A new birth date on the record alerts again and says what changed.
		rec3 := *rec
		rec3.BirthDates = []entity.Date{{Year: 1961}, {Year: 1990}}
		r = mustRecord(t, db, tm.screener, screening("C-1", "Ayman al Zawahiri", hit(&rec3, 0.9)))
		if len(r.Alerts) != 1 {
			t.Fatalf("changed record: %+v; want a new alert", r)
		}
		a = must(db.GetAlert(ctx, r.Alerts[0]))
		want := []review.Change{{Side: "record", Attribute: "birth_dates", Before: []string{"1961"}, After: []string{"1961", "1990"}}}
		if !changesEqual(a.Changes, want) {
			t.Fatalf("changes = %+v, want %+v", a.Changes, want)
		}
		// Close it again as a false positive; then the subject changes.
		a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
		must(db.DecideAlert(ctx, tm.ana, change(a, "still not him"), review.FalsePositive))
		s3 := screening("C-1", "Ayman al Zawahiri", hit(&rec3, 0.9))
		if r = mustRecord(t, db, tm.screener, s3); len(r.Suppressed) != 1 {
			t.Fatalf("after second close: %+v; want suppressed", r)
		}
		s3.Subject.Nationality = "EG"
		r = mustRecord(t, db, tm.screener, s3)
		if len(r.Alerts) != 1 {
			t.Fatalf("changed subject: %+v; want a new alert", r)
		}
		a = must(db.GetAlert(ctx, r.Alerts[0]))
		want = []review.Change{{Side: "subject", Attribute: "nationality", After: []string{"EG"}}}
		if !changesEqual(a.Changes, want) {
			t.Fatalf("changes = %+v, want %+v", a.Changes, want)
		}
		// A true match is not remembered as a false positive: the other
		// subject keeps alerting while its alert is open, and the
		// memory of C-1 does not leak to C-2.
		r = mustRecord(t, db, tm.screener, screening("C-2", "Ayman al Zawahiri", hit(rec, 0.9)))
		if len(r.Alerts) != 1 {
			t.Fatalf("other subject: %+v; want an alert", r)
		}
	})
}

func changesEqual(a, b []review.Change) bool {
	return slices.EqualFunc(a, b, func(x, y review.Change) bool {
		return x.Side == y.Side && x.Record == y.Record && x.Attribute == y.Attribute && slices.Equal(x.Before, y.Before) && slices.Equal(x.After, y.After)
	})
}

// A listed record that gains an IMO number or a crypto address after the
// pair was closed as a false positive alerts again, saying what it gained:
// false-positive memory compares every field screening compares (one
// field set, snapshot.MatchingFields), not five.
func TestFalsePositiveMemory_NewIdentifiers(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		ship := &entity.Entity{List: "us_ofac_sdn", ID: "V-1", Kind: entity.KindVessel,
			Names: []entity.Name{{Full: "OCEAN STAR", Type: entity.NamePrimary}}}
		s := screening("C-9", "Ocean Star", hit(ship, 0.9))
		s.Subject.Kind = entity.KindVessel
		r := mustRecord(t, db, tm.screener, s)
		a := must(db.GetAlert(ctx, r.Alerts[0]))
		a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
		a = must(db.DecideAlert(ctx, tm.ana, change(a, "a fishing boat of the same name"), review.FalsePositive))
		// The pair decided on is four eyes on us_ofac_sdn: approve it.
		must(db.ApproveAlert(ctx, tm.sup, change(a, "agreed")))
		if r = mustRecord(t, db, tm.screener, s); len(r.Suppressed) != 1 {
			t.Fatalf("unchanged pair: %+v; want suppressed", r)
		}
		withIMO := *ship.Copy()
		withIMO.Vessel = &entity.Vessel{IMO: "9187629"}
		withCrypto := *withIMO.Copy() // decided on with its IMO number: only the address is new
		withCrypto.EnsureMore().Crypto = []entity.CryptoAddress{{Currency: "ETH", Address: "0x7f367cc41522ce07553e823bf3be79a889debe1b"}}
		for _, c := range []struct {
			what, field string
			rec         *entity.Entity
		}{{"an IMO number", "vessel", &withIMO}, {"a crypto address", "crypto", &withCrypto}} {
			s := screening("C-9", "Ocean Star", hit(c.rec, 0.9))
			s.Subject.Kind = entity.KindVessel
			r := mustRecord(t, db, tm.screener, s)
			if len(r.Alerts) != 1 {
				t.Fatalf("record that gained %s: %+v; want a new alert", c.what, r)
			}
			got := must(db.GetAlert(ctx, r.Alerts[0]))
			if len(got.Changes) != 1 || got.Changes[0].Side != "record" || got.Changes[0].Attribute != c.field || len(got.Changes[0].After) != 1 {
				t.Fatalf("record that gained %s: changes %+v, want the record's %s", c.what, got.Changes, c.field)
			}
			// Closed again as a false positive, the record is remembered as it is now.
			got = must(db.MoveAlert(ctx, tm.ana, change(got, ""), review.StatusInReview))
			got = must(db.DecideAlert(ctx, tm.ana, change(got, "still the fishing boat"), review.FalsePositive))
			must(db.ApproveAlert(ctx, tm.sup, change(got, "agreed")))
		}
	})
}
