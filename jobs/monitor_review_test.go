package jobs_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

const ownHeader = "id,type,name,aliases,date_of_birth,nationality,remarks,program\n"

// Two editions of an own list: the second adds an alias to P-1 (an
// identifying change), changes only the remarks of P-2, removes P-3,
// leaves P-4 as it was and adds P-5.
var (
	ownEdition1 = ownHeader +
		"P-1,person,Ivan Petrovich SIDOROV,,1971-07-05,RU,,watch\n" +
		"P-2,person,Maria GONZALEZ LOPEZ,,1965,MX,first remark,watch\n" +
		"P-3,person,Chen WEI,,1980,CN,,watch\n" +
		"P-4,person,Oleksandr KOVALENKO,,1975,UA,,watch\n"
	ownEdition2 = ownHeader +
		"P-1,person,Ivan Petrovich SIDOROV,Ivan SIDOROFF,1971-07-05,RU,,watch\n" +
		"P-2,person,Maria GONZALEZ LOPEZ,,1965,MX,remark amended,watch\n" +
		"P-4,person,Oleksandr KOVALENKO,,1975,UA,,watch\n" +
		"P-5,person,Dmitri Aleksandrovich VOLKOV,,1969,RU,,watch\n"
)

func writeOwn(t *testing.T, body string, at time.Time) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "persons_of_concern.csv")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
	return dir
}

// eachPolicyDB is eachDB with no high-impact list: a false positive
// closes without four eyes.
func eachPolicyDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	open := func(t *testing.T, dsn, dir string) *store.DB {
		db, err := store.Open(ctx, dsn, dir, store.WithQueue(jobs.NewQueue), store.WithPolicy(review.Policy{}))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	t.Run("sqlite", func(t *testing.T) { fn(t, open(t, "", t.TempDir())) })
	t.Run("postgres", func(t *testing.T) { fn(t, open(t, pgtest.DSN(t, "vigil_jobs"), "")) })
}

func user(t *testing.T, db *store.DB, name string, roles ...auth.Role) auth.Principal {
	t.Helper()
	u, err := db.CreateUser(ctx, store.System, name, roles)
	if err != nil {
		t.Fatal(err)
	}
	return auth.Principal{UserID: u.ID, Username: u.Username, Roles: u.Roles}
}

// decide takes an alert into review and decides it.
func decide(t *testing.T, db *store.DB, p auth.Principal, a *review.Alert, d review.Disposition) *review.Alert {
	t.Helper()
	a, err := db.MoveAlert(ctx, p, store.AlertChange{AlertID: a.ID, Version: a.Version}, review.StatusInReview)
	if err != nil {
		t.Fatal(err)
	}
	a, err = db.DecideAlert(ctx, p, store.AlertChange{AlertID: a.ID, Version: a.Version, Reason: "checked the passport"}, d)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestRevet_Amendments: a changed, removed or added listed record reaches
// the monitored subjects it concerns, and no other.
func TestRevet_Amendments(t *testing.T) {
	eachPolicyDB(t, func(t *testing.T, db *store.DB) {
		svc := service.New(service.Config{Store: db})
		day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
		if _, err := svc.ImportLists(ctx, operator, writeOwn(t, ownEdition1, day), source.Checks{}); err != nil {
			t.Fatal(err)
		}
		if err := svc.LoadStored(ctx); err != nil {
			t.Fatal(err)
		}
		subs := []vigil.Subject{
			{ID: "s-sid", Kind: entity.KindPerson, Name: "Ivan Petrovich Sidorov"},
			{ID: "s-gon", Kind: entity.KindPerson, Name: "Maria Gonzalez Lopez"},
			{ID: "s-chen", Kind: entity.KindPerson, Name: "Chen Wei"},
			{ID: "s-kov", Kind: entity.KindPerson, Name: "Oleksandr Kovalenko"},
			{ID: "s-vol", Kind: entity.KindPerson, Name: "Dmitri Aleksandrovich Volkov"},
			{ID: "s-other", Kind: entity.KindPerson, Name: "Margaret Elizabeth Thornbury"},
		}
		if _, err := svc.EnrollSubjects(ctx, operator, rowsOf(subs), nil); err != nil {
			t.Fatal(err)
		}
		before := alertsBySubject(t, db)
		for _, id := range []string{"s-sid", "s-gon", "s-chen", "s-kov"} {
			if len(before[id]) != 1 {
				t.Fatalf("%s has %d alerts on the first edition, want 1", id, len(before[id]))
			}
		}
		if len(before["s-vol"])+len(before["s-other"]) != 0 {
			t.Fatalf("alerts before: %v", before)
		}
		ann := user(t, db, "ann", auth.RoleAnalyst)
		sue := user(t, db, "sue", auth.RoleSupervisor)
		bob := user(t, db, "bob", auth.RoleSupervisor)
		fp := decide(t, db, ann, before["s-sid"][0], review.FalsePositive)
		if fp.Status != review.StatusClosed {
			t.Fatalf("false positive: %+v", fp)
		}
		tm := decide(t, db, sue, before["s-gon"][0], review.TrueMatch) // a proposal: four eyes
		if _, err := db.ApproveAlert(ctx, bob, store.AlertChange{AlertID: tm.ID, Version: tm.Version}); err != nil {
			t.Fatal(err)
		}

		// A webhook receiver on 127.0.0.1 hears of the alerts re-vetting
		// raises and reopens.
		var mu sync.Mutex
		heard := map[string][]string{} // event type → alert ids
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var ev struct {
				Type string
				Data struct {
					AlertID int64 `json:"alert_id"`
				}
			}
			if err := json.NewDecoder(r.Body).Decode(&ev); err == nil {
				mu.Lock()
				heard[ev.Type] = append(heard[ev.Type], fmt.Sprint(ev.Data.AlertID))
				mu.Unlock()
			}
		}))
		defer srv.Close()
		if _, err := svc.CreateWebhook(ctx, operator, srv.URL+"/hook", []store.EventType{store.EventAlertCreated, store.EventAlertReopened}); err != nil {
			t.Fatal(err)
		}
		startRunner(t, jobs.Config{Store: db, Service: svc})
		if _, err := svc.ImportLists(ctx, operator, writeOwn(t, ownEdition2, day.AddDate(0, 1, 0)), source.Checks{MaxDrop: 1}); err != nil {
			t.Fatal(err)
		}
		run := waitRun(t, svc, func(r *store.Revet) bool { return r.Kind == store.RevetDelta && r.PrevID > 0 })
		waitIdle(t, db)
		after := alertsBySubject(t, db)

		// P-1 gained an alias: the false-positive memory no longer holds,
		// and a new alert says what changed and why.
		sid := openAlerts(after["s-sid"])
		if len(sid) != 1 {
			t.Fatalf("s-sid: %d open alerts after P-1 changed, want 1", len(sid))
		}
		if c := cause(t, sid[0]); c.Kind != "listing_changed" || !strings.Contains(c.Text, "alias added") {
			t.Errorf("s-sid alert cause = %+v, want an alias added", c)
		}
		if len(sid[0].Changes) == 0 {
			t.Errorf("s-sid alert has no changes since the false positive")
		}
		// P-2's remarks changed: the confirmed alert is back in the queue,
		// annotated.
		gon, err := db.GetAlert(ctx, tm.ID)
		if err != nil {
			t.Fatal(err)
		}
		if gon.Status != review.StatusOpen || gon.Disposition != "" {
			t.Errorf("confirmed alert on P-2 after its amendment: %s %s, want open", gon.Status, gon.Disposition)
		}
		wantNote(t, db, gon.ID, "remarks changed")
		// P-3 was removed: its open alert is annotated, not closed.
		chen := after["s-chen"][0]
		if chen.Status == review.StatusClosed {
			t.Errorf("the alert on the delisted P-3 was closed")
		}
		wantNote(t, db, chen.ID, "delisted")
		// P-5 was added: its subject is alerted, with the cause.
		vol := after["s-vol"]
		if len(vol) != 1 || cause(t, vol[0]).Kind != "listing_added" {
			t.Fatalf("s-vol alerts = %v", vol)
		}
		mu.Lock()
		if !slices.Contains(heard["alert.created"], fmt.Sprint(vol[0].ID)) || !slices.Contains(heard["alert.reopened"], fmt.Sprint(gon.ID)) {
			t.Errorf("webhook heard %v; want alert.created of %d and alert.reopened of %d", heard, vol[0].ID, gon.ID)
		}
		mu.Unlock()
		// P-4 did not change: nothing new for s-kov; nobody else alerted.
		if len(after["s-kov"]) != 1 || len(after["s-other"]) != 0 {
			t.Errorf("s-kov %d alerts, s-other %d", len(after["s-kov"]), len(after["s-other"]))
		}
		// Annotated: P-2's confirmed alert and P-3's open one; P-1's alert
		// was closed as a false positive, which its new alert supersedes.
		if run.Records != 2 || run.Annotated != 2 {
			t.Errorf("run looked at %d records and annotated %d alerts, want 2 (P-1 and P-5) and 2 (P-2, P-3)", run.Records, run.Annotated)
		}

		// Running a chunk or the plan again writes nothing.
		total := countAlerts(t, db)
		res, err := svc.RevetChunk(ctx, service.System, run.ID, 0)
		if err != nil || !res.Replayed {
			t.Fatalf("chunk again = %+v, %v; want replayed", res, err)
		}
		if err := svc.PlanRevet(ctx, service.System, run.ID); err != nil {
			t.Fatal(err)
		}
		if n := countAlerts(t, db); n != total {
			t.Errorf("alerts after running the run again: %d, want %d", n, total)
		}

		// A full re-screen at a lower threshold raises only new alerts.
		low := service.New(service.Config{Store: db, Threshold: 0.5})
		if err := low.LoadStored(ctx); err != nil {
			t.Fatal(err)
		}
		full, err := low.Rescreen(ctx, operator, "threshold lowered to 0.5")
		if err != nil {
			t.Fatal(err)
		}
		full = waitRun(t, svc, func(r *store.Revet) bool { return r.ID == full.ID })
		waitIdle(t, db)
		if n := countAlerts(t, db); n != total+int(full.Alerts) {
			t.Errorf("alerts after the full re-screen: %d, want %d + %d", n, total, full.Alerts)
		}
		pairs := map[string]bool{}
		for _, as := range alertsBySubject(t, db) {
			for _, a := range openAlerts(as) {
				k := a.SubjectID + "|" + a.List + "/" + a.SourceID
				if pairs[k] {
					t.Errorf("two open alerts for %s", k)
				}
				pairs[k] = true
			}
		}
		verify(t, db)
	})
}

func waitRun(t *testing.T, svc *service.Service, want func(*store.Revet) bool) *store.Revet {
	t.Helper()
	var run *store.Revet
	waitFor(t, "a re-vetting run", func() bool {
		runs, err := svc.Revets(ctx, operator, 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range runs {
			if r.Status == store.RevetFailed {
				t.Fatalf("run %d failed: %s", r.ID, r.Error)
			}
			if want(r) && r.Status == store.RevetDone {
				run = r
				return true
			}
		}
		return false
	})
	return run
}

func openAlerts(as []*review.Alert) []*review.Alert {
	var out []*review.Alert
	for _, a := range as {
		if a.Status != review.StatusClosed {
			out = append(out, a)
		}
	}
	return out
}

func cause(t *testing.T, a *review.Alert) store.Cause {
	t.Helper()
	var c store.Cause
	if len(a.Cause) == 0 {
		t.Fatalf("alert %d has no cause", a.ID)
	}
	if err := json.Unmarshal(a.Cause, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func wantNote(t *testing.T, db *store.DB, alert int64, text string) {
	t.Helper()
	notes, err := db.AlertNotes(ctx, alert)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		if strings.Contains(n.Text, text) {
			return
		}
	}
	t.Errorf("alert %d has no note saying %q: %+v", alert, text, notes)
}

func countAlerts(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM alerts`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func verify(t *testing.T, db *store.DB) {
	t.Helper()
	v, err := db.Verify(ctx, 20)
	if err != nil {
		t.Fatal(err)
	}
	if v.Finding != nil || len(v.State.Differences) > 0 {
		t.Fatalf("audit verify: %+v %+v", v.Finding, v.State.Differences)
	}
}
