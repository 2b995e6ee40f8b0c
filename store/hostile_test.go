package store_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/store"
)

// TestHostileInput sends what PostgreSQL would reject or what should never
// be stored; each must be an apperr.Invalid naming the field, on both
// databases, and must write nothing.
func TestHostileInput(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		rec := record("us_bis_dpl", "D-1", "X")
		a := raise(t, db, tm.screener, "C-1", "us_bis_dpl", "D-1")
		a = mustFn(t)(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
		audits := count(t, db, `SELECT COUNT(*) FROM audit_log`)
		huge := strings.Repeat("x", 70<<10)
		tests := []struct {
			name, field string
			call        func() error
		}{
			{"subject id invalid utf-8", "subject_id", func() error {
				_, err := db.RecordScreening(ctx, tm.screener, screening("C-\xff", "x", hit(rec, 0.9)))
				return err
			}},
			{"subject id NUL", "subject_id", func() error {
				_, err := db.RecordScreening(ctx, tm.screener, screening("C-\x00", "x", hit(rec, 0.9)))
				return err
			}},
			{"huge subject", "subject", func() error {
				_, err := db.RecordScreening(ctx, tm.screener, screening("C-9", huge, hit(rec, 0.9)))
				return err
			}},
			{"idempotency key invalid", "idempotency_key", func() error {
				s := screening("C-9", "x", hit(rec, 0.9))
				s.IdempotencyKey = "\xfe\xff"
				_, err := db.RecordScreening(ctx, tm.screener, s)
				return err
			}},
			{"hit source id binary", "hits", func() error {
				h := hit(rec, 0.9)
				h.SourceID = "\x00\x01\xff"
				_, err := db.RecordScreening(ctx, tm.screener, screening("C-9", "x", h))
				return err
			}},
			{"reason invalid utf-8", "reason", func() error {
				_, err := db.DecideAlert(ctx, tm.ana, change(a, "bad \xc3\x28"), review.FalsePositive)
				return err
			}},
			{"reason huge", "reason", func() error {
				_, err := db.DecideAlert(ctx, tm.ana, change(a, huge), review.FalsePositive)
				return err
			}},
			{"note NUL", "text", func() error {
				_, err := db.AddNote(ctx, tm.ana, a.ID, "", "a\x00b")
				return err
			}},
			{"note blank", "text", func() error {
				_, err := db.AddNote(ctx, tm.ana, a.ID, "", "  \n")
				return err
			}},
			{"assignee binary", "assignee", func() error {
				_, err := db.AssignAlert(ctx, tm.sup, change(a, ""), "\xff")
				return err
			}},
			{"user name binary", "username", func() error {
				_, err := db.CreateUser(ctx, store.System, "\xff", []auth.Role{auth.RoleAdmin})
				return err
			}},
			{"disable binary", "username", func() error { return db.DisableUser(ctx, store.System, "a\x00") }},
			{"revoke binary", "id", func() error { return db.RevokeKey(ctx, store.System, "\xff") }},
			{"subject view binary", "subject_id", func() error {
				_, err := db.GetSubject(ctx, tm.ana, "\xff")
				return err
			}},
		}
		for _, tc := range tests {
			err := tc.call()
			var e *apperr.Error
			if apperr.CodeOf(err) != apperr.Invalid || !errorsAs(err, &e) || e.Field != tc.field {
				t.Errorf("%s: %v, want invalid %s", tc.name, err, tc.field)
			}
		}
		if n := count(t, db, `SELECT COUNT(*) FROM audit_log`); n != audits {
			t.Errorf("hostile input wrote %d audit entries", n-audits)
		}
		if _, err := db.CheckPassword(ctx, "\xff", "x"); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Errorf("CheckPassword binary name: %v", err)
		}
	})
}
