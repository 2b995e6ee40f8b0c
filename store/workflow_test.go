package store_test

import (
	"testing"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/store"
)

type team struct {
	screener, ana, bob, sup, sup2 auth.Principal
}

func newTeam(t *testing.T, db *store.DB) team {
	t.Helper()
	return team{
		screener: mustUser(t, db, "sam", auth.RoleScreener),
		ana:      mustUser(t, db, "ana", auth.RoleAnalyst),
		bob:      mustUser(t, db, "bob", auth.RoleAnalyst),
		sup:      mustUser(t, db, "sue", auth.RoleSupervisor),
		sup2:     mustUser(t, db, "sid", auth.RoleSupervisor),
	}
}

// raise records a screening of subject against one record of list and
// returns the alert raised.
func raise(t *testing.T, db *store.DB, p auth.Principal, subject, list, id string) *review.Alert {
	t.Helper()
	r := mustRecord(t, db, p, screening(subject, "Ayman al Zawahiri", hit(record(list, id, "AL-ZAWAHIRI, Ayman"), 0.95)))
	if len(r.Alerts) != 1 {
		t.Fatalf("screening %s vs %s/%s raised %v", subject, list, id, r.Alerts)
	}
	a, err := db.GetAlert(ctx, r.Alerts[0])
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func change(a *review.Alert, reason string) store.AlertChange {
	return store.AlertChange{AlertID: a.ID, Version: a.Version, Reason: reason}
}

// mustFn returns a helper that fails t on an error and returns the alert.
func mustFn(t *testing.T) func(*review.Alert, error) *review.Alert {
	return func(a *review.Alert, err error) *review.Alert {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
}

func wantCode(t *testing.T, what string, err error, code apperr.Code) {
	t.Helper()
	if apperr.CodeOf(err) != code {
		t.Errorf("%s: got %v (%s), want %s", what, err, apperr.CodeOf(err), code)
	}
}

func TestWorkflowDirectClose(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		a := raise(t, db, tm.screener, "C-1", "us_bis_dpl", "D-1") // not high impact
		wantCode(t, "decide an open alert", func() error {
			_, err := db.DecideAlert(ctx, tm.ana, change(a, "r"), review.FalsePositive)
			return err
		}(), apperr.Conflict)
		a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
		if a.Assignee != "ana" || a.Version != 2 {
			t.Fatalf("after start: %+v", a)
		}
		_, err := db.DecideAlert(ctx, tm.ana, change(a, ""), review.FalsePositive)
		wantCode(t, "missing reason", err, apperr.Invalid)
		_, err = db.DecideAlert(ctx, tm.ana, change(a, "r"), "maybe")
		wantCode(t, "bad disposition", err, apperr.Invalid)
		_, err = db.MoveAlert(ctx, tm.ana, change(a, "done"), review.StatusClosed)
		wantCode(t, "close by move", err, apperr.Invalid)
		a = must(db.DecideAlert(ctx, tm.ana, change(a, "different DOB and nationality"), review.FalsePositive))
		if a.Status != review.StatusClosed || a.Disposition != review.FalsePositive || a.ClosedBy != "ana" || a.Version != 3 {
			t.Fatalf("closed alert = %+v", a)
		}
		_, err = db.MoveAlert(ctx, tm.ana, change(a, "reopen"), review.StatusInReview)
		wantCode(t, "analyst reopens", err, apperr.Forbidden)
		a = must(db.MoveAlert(ctx, tm.sup, change(a, "new information"), review.StatusInReview))
		if a.Status != review.StatusInReview || a.Disposition != "" {
			t.Fatalf("reopened = %+v", a)
		}
	})
}

func TestWorkflowTransitions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		a := raise(t, db, tm.screener, "C-1", "us_bis_dpl", "D-1")
		_, err := db.MoveAlert(ctx, tm.ana, change(a, "x"), review.StatusEscalated)
		wantCode(t, "open → escalated", err, apperr.Conflict)
		a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
		_, err = db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusEscalated)
		wantCode(t, "escalate without reason", err, apperr.Invalid)
		a = must(db.MoveAlert(ctx, tm.ana, change(a, "unsure"), review.StatusEscalated))
		_, err = db.MoveAlert(ctx, tm.ana, change(a, "back"), review.StatusInReview)
		wantCode(t, "analyst returns escalated", err, apperr.Forbidden)
		_, err = db.DecideAlert(ctx, tm.ana, change(a, "fine"), review.Inconclusive)
		wantCode(t, "analyst decides escalated", err, apperr.Forbidden)
		a = must(db.DecideAlert(ctx, tm.sup, change(a, "not enough data"), review.Inconclusive))
		if a.Status != review.StatusClosed || a.Disposition != review.Inconclusive {
			t.Fatalf("= %+v", a)
		}
		_, err = db.GetAlert(ctx, 9999)
		wantCode(t, "unknown alert", err, apperr.NotFound)
		_, err = db.MoveAlert(ctx, tm.ana, store.AlertChange{AlertID: 9999, Version: 1}, review.StatusInReview)
		wantCode(t, "move unknown alert", err, apperr.NotFound)
	})
}

func TestWorkflowAssign(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		a := raise(t, db, tm.screener, "C-1", "us_bis_dpl", "D-1")
		a = must(db.AssignAlert(ctx, tm.ana, change(a, ""), "ana"))
		_, err := db.AssignAlert(ctx, tm.bob, change(a, ""), "bob")
		wantCode(t, "analyst takes another's alert", err, apperr.Forbidden)
		_, err = db.AssignAlert(ctx, tm.ana, change(a, ""), "bob")
		wantCode(t, "analyst gives alert away", err, apperr.Forbidden)
		_, err = db.AssignAlert(ctx, tm.sup, change(a, ""), "nobody")
		wantCode(t, "assign to unknown user", err, apperr.Invalid)
		a = must(db.AssignAlert(ctx, tm.sup, change(a, ""), "bob"))
		if a.Assignee != "bob" {
			t.Fatalf("assignee = %q", a.Assignee)
		}
	})
}

func TestFourEyes(t *testing.T) {
	tests := []struct {
		list     string
		d        review.Disposition
		fourEyes bool
	}{
		{"us_ofac_sdn", review.TrueMatch, true},
		{"us_ofac_sdn", review.FalsePositive, true},
		{"un_sc", review.FalsePositive, true},
		{"us_bis_dpl", review.TrueMatch, true},
		{"us_bis_dpl", review.FalsePositive, false},
		{"un_sc", review.Inconclusive, true},
		{"us_bis_dpl", review.Inconclusive, false},
	}
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		for i, tc := range tests {
			a := raise(t, db, tm.screener, "C-"+string(rune('A'+i)), tc.list, "R-1")
			a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
			a = must(db.DecideAlert(ctx, tm.ana, change(a, "reason"), tc.d))
			if !tc.fourEyes {
				if a.Status != review.StatusClosed {
					t.Errorf("%s %s: status %s, want closed", tc.list, tc.d, a.Status)
				}
				continue
			}
			if a.Status != review.StatusEscalated || a.Proposal == nil || a.Proposal.By != "ana" {
				t.Fatalf("%s %s: %+v, want an escalated proposal", tc.list, tc.d, a)
			}
			_, err := db.ApproveAlert(ctx, tm.bob, change(a, ""))
			wantCode(t, "analyst approves", err, apperr.Forbidden)
			_, err = db.DecideAlert(ctx, tm.sup, change(a, "again"), tc.d)
			wantCode(t, "decide over a proposal", err, apperr.Conflict)
			a = must(db.ApproveAlert(ctx, tm.sup, change(a, "agreed")))
			if a.Status != review.StatusClosed || a.Disposition != tc.d || a.ClosedBy != "ana" || a.ApprovedBy != "sue" || a.Proposal != nil {
				t.Errorf("%s %s: approved = %+v", tc.list, tc.d, a)
			}
		}
		// A supervisor's own proposal needs another supervisor.
		a := raise(t, db, tm.screener, "C-Z", "un_sc", "R-2")
		a = must(db.MoveAlert(ctx, tm.sup, change(a, ""), review.StatusInReview))
		a = must(db.DecideAlert(ctx, tm.sup, change(a, "same passport"), review.TrueMatch))
		_, err := db.ApproveAlert(ctx, tm.sup, change(a, ""))
		wantCode(t, "self-approval", err, apperr.Forbidden)
		// Rejecting a proposal returns the alert to review.
		a = must(db.MoveAlert(ctx, tm.sup2, change(a, "check the passport again"), review.StatusInReview))
		if a.Status != review.StatusInReview || a.Proposal != nil {
			t.Fatalf("rejected = %+v", a)
		}
		_, err = db.ApproveAlert(ctx, tm.sup2, change(a, ""))
		wantCode(t, "approve without proposal", err, apperr.Conflict)
	})
}

func TestOptimisticConcurrency(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		a := raise(t, db, tm.screener, "C-1", "us_bis_dpl", "D-1")
		stale := change(a, "")
		must(db.MoveAlert(ctx, tm.ana, stale, review.StatusInReview))
		_, err := db.AssignAlert(ctx, tm.sup, stale, "bob")
		wantCode(t, "stale version", err, apperr.Conflict)
		got := must(db.GetAlert(ctx, a.ID))
		if got.Assignee != "ana" || got.Version != 2 {
			t.Fatalf("stale update overwrote: %+v", got)
		}
	})
}

func TestWorkflowRoles(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		a := raise(t, db, tm.screener, "C-1", "us_bis_dpl", "D-1")
		alerts, total, err := db.ListAlerts(ctx, store.AlertFilter{Status: review.StatusOpen, List: "us_bis_dpl"})
		if err != nil || total != 1 || len(alerts) != 1 || alerts[0].ID != a.ID {
			t.Fatalf("ListAlerts = %v, %d, %v", alerts, total, err)
		}
		if _, total, _ := db.ListAlerts(ctx, store.AlertFilter{Status: review.StatusClosed}); total != 0 {
			t.Fatalf("closed alerts: %d", total)
		}
		_, _, err = db.ListAlerts(ctx, store.AlertFilter{Limit: 5000})
		wantCode(t, "huge page", err, apperr.Invalid)
	})
}

// Only the assignee or a supervisor decides; an unassigned alert goes to
// whoever decides it; a blank reason is no reason.
func TestDecideNeedsAssignee(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		tm := newTeam(t, db)
		must := mustFn(t)
		a := raise(t, db, tm.screener, "C-1", "us_bis_dpl", "D-1")
		a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
		_, err := db.DecideAlert(ctx, tm.bob, change(a, "not him"), review.FalsePositive)
		wantCode(t, "bob decides ana's alert", err, apperr.Forbidden)
		_, err = db.DecideAlert(ctx, tm.ana, change(a, " \t\n"), review.FalsePositive)
		wantCode(t, "blank reason", err, apperr.Invalid)
		if got := must(db.GetAlert(ctx, a.ID)); got.Status != review.StatusInReview || got.Version != a.Version {
			t.Fatalf("refused decisions changed the alert: %+v", got)
		}
		// A supervisor may decide an alert assigned to someone else.
		if a = must(db.DecideAlert(ctx, tm.sup, change(a, "different DOB"), review.FalsePositive)); a.Status != review.StatusClosed || a.ClosedBy != "sue" {
			t.Fatalf("supervisor decision: %+v", a)
		}
		// An alert given to bob is bob's: ana can neither start work on it
		// nor decide it.
		b := raise(t, db, tm.screener, "C-2", "us_bis_dpl", "D-1")
		b = must(db.AssignAlert(ctx, tm.sup, change(b, ""), "bob"))
		_, err = db.MoveAlert(ctx, tm.ana, change(b, ""), review.StatusInReview)
		wantCode(t, "ana moves bob's alert", err, apperr.Forbidden)
		b = must(db.MoveAlert(ctx, tm.bob, change(b, ""), review.StatusInReview))
		_, err = db.DecideAlert(ctx, tm.ana, change(b, "x"), review.Inconclusive)
		wantCode(t, "ana decides bob's alert", err, apperr.Forbidden)
		if b = must(db.DecideAlert(ctx, tm.bob, change(b, "x"), review.Inconclusive)); b.Status != review.StatusClosed {
			t.Fatalf("bob's decision: %+v", b)
		}
	})
}

// TestConfiguredHighImpactList checks that the four-eyes policy given to
// Open is the one applied: with the BIS list configured as high impact, a
// false positive on it needs a second person, as on the UN list by default.
func TestConfiguredHighImpactList(t *testing.T) {
	db, err := store.Open(ctx, "", t.TempDir(), store.WithClock(testClock()),
		store.WithPolicy(review.Policy{HighImpactLists: []string{"us_bis_dpl"}}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tm := newTeam(t, db)
	must := mustFn(t)
	a := raise(t, db, tm.screener, "C-1", "us_bis_dpl", "D-1")
	a = must(db.MoveAlert(ctx, tm.ana, change(a, ""), review.StatusInReview))
	a = must(db.DecideAlert(ctx, tm.ana, change(a, "different DOB and nationality"), review.FalsePositive))
	if a.Status == review.StatusClosed || a.Proposal == nil {
		t.Fatalf("false positive on a configured high-impact list closed by one person: %+v", a)
	}
}
