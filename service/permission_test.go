package service_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/subject"
)

var operator = auth.Operator("test@host")

// oneHit is an engine that knows one record and hits it for every name.
type oneHit struct{}

var record = &entity.Entity{List: "un_sc", ID: "1", Kind: entity.KindPerson, Names: []entity.Name{{Full: "A B", Type: entity.NamePrimary}}}

func (oneHit) Screen(ctx context.Context, s vigil.Subject, opts vigil.Options) ([]vigil.Hit, error) {
	return []vigil.Hit{{Score: 0.9, List: "un_sc", SourceID: "1", Name: "A B", MatchedName: "A B"}}, nil
}

func (oneHit) Compare(ctx context.Context, a, b vigil.Subject) (vigil.Hit, error) {
	return vigil.Hit{Score: 0.5}, nil
}

func (oneHit) Entity(list, id string) *entity.Entity {
	if list == "un_sc" && id == "1" {
		return record
	}
	return nil
}

// newService returns a service over a fresh SQLite database, screening
// with oneHit.
func newService(t *testing.T) (*service.Service, *store.DB) {
	t.Helper()
	db, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := service.New(service.Config{Store: db, Logger: slog.New(slog.DiscardHandler)})
	svc.SetLists(&service.Lists{Engine: oneHit{}, Editions: []snapshot.Meta{{Source: "un_sc", Hash: "h"}}})
	return svc, db
}

// Every use case checks the caller's roles against the permission table
// itself, before anything else: whatever adapter calls the service (the
// API, the command line, a job, a web page), a caller whose roles do not
// allow the action is refused with apperr.Forbidden, and one whose roles
// allow it is not.
func TestService_Permissions(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	sub := vigil.Subject{Name: "A B"}
	cases := []struct {
		name   string
		action auth.Action
		call   func(p auth.Principal) error
	}{
		{"Screen", auth.ActionScreen, func(p auth.Principal) error { _, err := svc.Screen(ctx, p, sub, vigil.Options{}, ""); return err }},
		{"ScreenBatch", auth.ActionScreen, func(p auth.Principal) error {
			_, err := svc.ScreenBatch(ctx, p, []vigil.Subject{sub}, vigil.Options{})
			return err
		}},
		{"ScreenRows", auth.ActionScreen, func(p auth.Principal) error {
			return svc.ScreenRows(ctx, p, vigil.Options{}, service.SliceRows([]subject.Row{{Line: 1, Subject: sub}}),
				func(subject.Row, vigil.Result) error { return nil })
		}},
		{"RecordScreening", auth.ActionScreen, func(p auth.Principal) error {
			_, err := svc.RecordScreening(ctx, p, "S-"+p.Username, sub, "")
			return err
		}},
		{"Compare", auth.ActionCompare, func(p auth.Principal) error { _, err := svc.Compare(ctx, p, sub, sub); return err }},
		{"InForce", auth.ActionViewLists, func(p auth.Principal) error { _, err := svc.InForce(ctx, p); return err }},
		{"Editions", auth.ActionViewLists, func(p auth.Principal) error { _, err := svc.Editions(ctx, p); return err }},
		{"Entity", auth.ActionViewEntity, func(p auth.Principal) error { _, err := svc.Entity(ctx, p, "un_sc", "1"); return err }},
		{"Subject", auth.ActionViewSubject, func(p auth.Principal) error { _, err := svc.Subject(ctx, p, "nobody"); return err }},
		{"Alerts", auth.ActionListAlerts, func(p auth.Principal) error { _, _, err := svc.Alerts(ctx, p, service.AlertFilter{}); return err }},
		{"Alert", auth.ActionListAlerts, func(p auth.Principal) error { _, err := svc.Alert(ctx, p, 999); return err }},
		{"MoveAlert", auth.ActionReview, func(p auth.Principal) error {
			_, err := svc.MoveAlert(ctx, p, service.AlertChange{AlertID: 999, Version: 1}, review.StatusInReview)
			return err
		}},
		{"AssignAlert", auth.ActionReview, func(p auth.Principal) error {
			_, err := svc.AssignAlert(ctx, p, service.AlertChange{AlertID: 999, Version: 1}, "x")
			return err
		}},
		{"DecideAlert", auth.ActionReview, func(p auth.Principal) error {
			_, err := svc.DecideAlert(ctx, p, service.AlertChange{AlertID: 999, Version: 1, Reason: "r"}, review.FalsePositive)
			return err
		}},
		{"ApproveAlert", auth.ActionApprove, func(p auth.Principal) error {
			_, err := svc.ApproveAlert(ctx, p, service.AlertChange{AlertID: 999, Version: 1})
			return err
		}},
		{"AddNote", auth.ActionReview, func(p auth.Principal) error { _, err := svc.AddNote(ctx, p, 999, "", "text"); return err }},
		{"ExportAudit", auth.ActionReadAudit, func(p auth.Principal) error {
			_, err := svc.ExportAudit(ctx, p, io.Discard, zeroTime, zeroTime)
			return err
		}},
		{"VerifyAudit", auth.ActionReadAudit, func(p auth.Principal) error { _, _, err := svc.VerifyAudit(ctx, p); return err }},
		{"Verify", auth.ActionReadAudit, func(p auth.Principal) error { _, err := svc.Verify(ctx, p, 10); return err }},
		{"AuditHead", auth.ActionReadAudit, func(p auth.Principal) error { _, err := svc.AuditHead(ctx, p); return err }},
		{"CheckAuditAnchor", auth.ActionReadAudit, func(p auth.Principal) error {
			_, err := svc.CheckAuditAnchor(ctx, p, audit.Head{Seq: 1})
			return err
		}},
		{"Users", auth.ActionManageUsers, func(p auth.Principal) error { _, err := svc.Users(ctx, p); return err }},
		{"CreateUser", auth.ActionManageUsers, func(p auth.Principal) error {
			_, err := svc.CreateUser(ctx, p, "u-"+cleanName(p.Username), []auth.Role{auth.RoleScreener})
			return err
		}},
		{"DisableUser", auth.ActionManageUsers, func(p auth.Principal) error { return svc.DisableUser(ctx, p, "nobody") }},
		{"SetPassword", auth.ActionManageUsers, func(p auth.Principal) error {
			return svc.SetPassword(ctx, p, "nobody", "a long enough password")
		}},
		{"Keys", auth.ActionManageKeys, func(p auth.Principal) error { _, err := svc.Keys(ctx, p); return err }},
		{"CreateKey", auth.ActionManageKeys, func(p auth.Principal) error { _, _, err := svc.CreateKey(ctx, p, "nobody"); return err }},
		{"RevokeKey", auth.ActionManageKeys, func(p auth.Principal) error { return svc.RevokeKey(ctx, p, "000000000000") }},
		{"ImportLists", auth.ActionImportLists, func(p auth.Principal) error {
			_, err := svc.ImportLists(ctx, p, t.TempDir(), source.DefaultChecks())
			return err
		}},
	}
	principals := []auth.Principal{operator, {Username: "nobody"}}
	for _, r := range []auth.Role{auth.RoleScreener, auth.RoleAnalyst, auth.RoleSupervisor, auth.RoleAuditor, auth.RoleAdmin} {
		principals = append(principals, auth.Principal{UserID: 1000, Username: string(r) + "-user", Roles: []auth.Role{r}})
	}
	for _, c := range cases {
		for _, p := range principals {
			err := c.call(p)
			forbidden := apperr.CodeOf(err) == apperr.Forbidden
			if want := !auth.Allowed(p, c.action); forbidden != want {
				t.Errorf("%s as %s (roles %v): error %v; want forbidden = %v", c.name, p.Username, p.Roles, err, want)
			}
		}
	}
}

var zeroTime = time.Time{}

func cleanName(s string) string { return strings.NewReplacer(":", "-", "@", "-").Replace(s) }
