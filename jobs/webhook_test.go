package jobs_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/webhook"
)

// receiver is a webhook receiver on 127.0.0.1 that checks every
// delivery's signature and keeps those that verify. It answers with the
// codes queued by failNext, then 200.
type receiver struct {
	secret string
	mu     sync.Mutex
	got    []received
	bad    []string // why a request was refused
	codes  []int
}

type received struct {
	delivery string
	event    store.Event
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if err := webhook.Verify(r.Header.Get(webhook.HeaderSignature), rc.secret, body, time.Now(), webhook.DefaultTolerance); err != nil {
		rc.bad = append(rc.bad, err.Error())
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var ev store.Event
	if err := json.Unmarshal(body, &ev); err != nil || r.Header.Get(webhook.HeaderEvent) != string(ev.Type) {
		rc.bad = append(rc.bad, "body or Vigil-Event header: "+string(body))
		http.Error(w, "bad", http.StatusBadRequest)
		return
	}
	if len(rc.codes) > 0 {
		code := rc.codes[0]
		rc.codes = rc.codes[1:]
		http.Error(w, "not now", code)
		return
	}
	rc.got = append(rc.got, received{delivery: r.Header.Get(webhook.HeaderDelivery), event: ev})
}

func (rc *receiver) failNext(codes ...int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.codes = append(rc.codes, codes...)
}

func (rc *receiver) events() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

func (rc *receiver) refused() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.bad...)
}

// Every event the service emits reaches a registered receiver, signed,
// once: an accepted edition, a new alert, a reopened alert. A receiver
// that fails twice gets the same delivery id on the third attempt.
func TestWebhookDeliveries(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		rc := &receiver{}
		srv := httptest.NewServer(rc)
		defer srv.Close()
		svc := hookService(t, db, 0)
		nh, err := svc.CreateWebhook(ctx, operator, srv.URL+"/hook", nil)
		if err != nil {
			t.Fatal(err)
		}
		rc.mu.Lock()
		rc.secret = nh.Secret
		rc.mu.Unlock()
		if hooks, err := svc.Webhooks(ctx, operator); err != nil || len(hooks) != 1 || !hooks[0].Enabled || len(hooks[0].Events) != 3 {
			t.Fatalf("webhooks = %+v, %v", hooks, err)
		}
		startRunner(t, jobs.Config{Store: db, Service: svc})

		if _, err := svc.ImportLists(ctx, operator, testdata.Path(t, "lists", "current", "un-2026-02"), source.Checks{}); err != nil {
			t.Fatal(err)
		}
		if err := svc.LoadStored(ctx); err != nil {
			t.Fatal(err)
		}
		sam, ann, sue := newUser(t, svc, "sam", auth.RoleScreener), newUser(t, svc, "ann", auth.RoleAnalyst), newUser(t, svc, "sue", auth.RoleSupervisor)
		sub, err := vigil.SubjectInput{Name: "Aiman Muhammed Rabi al-Zawahiri"}.Subject("S-1")
		if err != nil {
			t.Fatal(err)
		}
		rec, err := svc.RecordScreening(ctx, sam, "S-1", sub, "")
		if err != nil || len(rec.Alerts) == 0 {
			t.Fatalf("screening = %+v, %v; want an alert", rec, err)
		}
		waitFor(t, "two deliveries", func() bool { return len(rc.events()) == 2 })

		rc.failNext(500, 503)
		a := reopen(t, svc, rec.Alerts[0], ann, sue)
		waitFor(t, "the reopened alert's delivery", func() bool { return len(rc.events()) == 3 })

		got := rc.events()
		seen := map[string]bool{}
		for i, want := range []store.EventType{store.EventEditionAccepted, store.EventAlertCreated, store.EventAlertReopened} {
			if got[i].event.Type != want || seen[got[i].delivery] || got[i].delivery == "" {
				t.Errorf("delivery %d: %s (%s), want %s with a new delivery id", i, got[i].event.Type, got[i].delivery, want)
			}
			seen[got[i].delivery] = true
		}
		var data map[string]any
		json.Unmarshal(got[2].event.Data, &data)
		if data["alert_id"] != float64(a.ID) || data["subject_id"] != "S-1" || data["by"] != "sue" {
			t.Errorf("alert.reopened data = %v", data)
		}
		if bad := rc.refused(); len(bad) != 0 {
			t.Errorf("the receiver refused %d requests: %v", len(bad), bad)
		}
		var ds []service.Delivery
		waitFor(t, "the delivery recorded as delivered", func() bool {
			ds, err = svc.Deliveries(ctx, operator, nh.ID, 10)
			if err != nil || len(ds) != 3 {
				t.Fatalf("deliveries = %+v, %v", ds, err)
			}
			return ds[0].Status == store.DeliveryDelivered
		})
		if d := ds[0]; d.Status != store.DeliveryDelivered || d.Attempts != 3 || d.UID != got[2].delivery || d.DeliveredAt == nil {
			t.Errorf("reopened delivery %+v, want delivered at the third attempt with id %s", d, got[2].delivery)
		}
		if hooks, _ := svc.Webhooks(ctx, operator); hooks[0].Failures != 0 || !hooks[0].Enabled {
			t.Errorf("webhook after a success = %+v, want enabled with no failures", hooks[0])
		}
		verifies(t, db)
	})
}

// A receiver that keeps failing gets its webhook disabled after the
// configured number of failed attempts, with the reason; its pending
// deliveries are skipped and new events make none. A test delivery
// works again once it is enabled.
func TestWebhookDisabledAfterFailures(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		rc := &receiver{}
		srv := httptest.NewServer(rc)
		defer srv.Close()
		svc := hookService(t, db, 3)
		nh, err := svc.CreateWebhook(ctx, operator, srv.URL+"/hook", []store.EventType{store.EventEditionAccepted})
		if err != nil {
			t.Fatal(err)
		}
		rc.mu.Lock()
		rc.secret = nh.Secret
		rc.mu.Unlock()
		rc.failNext(500, 500, 500, 500)
		startRunner(t, jobs.Config{Store: db, Service: svc})
		if _, err := svc.TestWebhook(ctx, operator, nh.ID); err != nil {
			t.Fatal(err)
		}
		var hook service.Webhook
		waitFor(t, "the webhook disabled", func() bool {
			hooks, err := svc.Webhooks(ctx, operator)
			if err != nil {
				t.Fatal(err)
			}
			hook = hooks[0]
			return !hook.Enabled
		})
		if hook.Failures != 3 || hook.DisabledReason != "disabled after 3 failed attempts in a row; the last: HTTP 500" {
			t.Errorf("disabled webhook %+v", hook)
		}
		if _, err := svc.TestWebhook(ctx, operator, nh.ID); err == nil {
			t.Error("a test delivery to a disabled webhook was accepted")
		}
		if _, err := svc.ImportLists(ctx, operator, testdata.Path(t, "lists", "current", "un-2026-02"), source.Checks{}); err != nil {
			t.Fatal(err)
		}
		waitIdle(t, db)
		ds, _ := svc.Deliveries(ctx, operator, nh.ID, 10)
		if len(ds) != 1 || ds[0].Attempts != 3 || ds[0].LastCode != 500 {
			t.Errorf("deliveries %+v, want only the test delivery, tried 3 times (the edition makes none)", ds)
		}

		if _, err := svc.SetWebhookEnabled(ctx, operator, nh.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.TestWebhook(ctx, operator, nh.ID); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "a test delivery", func() bool { return len(rc.events()) == 1 })
		if ev := rc.events()[0].event; ev.Type != store.EventWebhookTest {
			t.Errorf("got %s, want webhook.test", ev.Type)
		}
		verifies(t, db)
	})
}

func hookService(t *testing.T, db *store.DB, maxFailures int) *service.Service {
	return service.New(service.Config{Store: db, Hooks: service.Hooks{MaxFailures: maxFailures}})
}

func newUser(t *testing.T, svc *service.Service, name string, role auth.Role) auth.Principal {
	t.Helper()
	u, err := svc.CreateUser(ctx, operator, name, []auth.Role{role})
	if err != nil {
		t.Fatal(err)
	}
	return auth.Principal{UserID: u.ID, Username: u.Username, Roles: u.Roles}
}

// reopen closes the alert through four eyes (the analyst proposes, the
// supervisor approves) and has the supervisor reopen it.
func reopen(t *testing.T, svc *service.Service, id int64, analyst, supervisor auth.Principal) *review.Alert {
	t.Helper()
	a, err := svc.MoveAlert(ctx, analyst, service.AlertChange{AlertID: id, Version: 1}, review.StatusInReview)
	if err == nil {
		a, err = svc.DecideAlert(ctx, analyst, service.AlertChange{AlertID: id, Version: a.Version, Reason: "other date of birth"}, review.FalsePositive)
	}
	if err == nil {
		a, err = svc.ApproveAlert(ctx, supervisor, service.AlertChange{AlertID: id, Version: a.Version, Reason: "agreed"})
	}
	if err == nil {
		a, err = svc.MoveAlert(ctx, supervisor, service.AlertChange{AlertID: id, Version: a.Version, Reason: "new information"}, review.StatusInReview)
	}
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// verifies checks the audit chain and the state it binds.
func verifies(t *testing.T, db *store.DB) {
	t.Helper()
	v, err := db.Verify(ctx, 10)
	if err != nil || v.Finding != nil || len(v.State.Differences) != 0 {
		t.Errorf("audit verify: %v, %v, %+v", err, v.Finding, v.State.Differences)
	}
}
