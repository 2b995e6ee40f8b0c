package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/metrics"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// apiServer serves svc's API (and /metrics of db) on 127.0.0.1 and
// returns its base URL.
func apiServer(t *testing.T, svc *service.Service, db *store.DB) string {
	t.Helper()
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	m.WatchStore(db, metrics.StoreOptions{Every: -1}) // read at every scrape
	srv := httpapi.New(httpapi.Config{Service: svc, Auth: svc, Logger: slog.New(slog.DiscardHandler),
		Routes: []httpapi.Route{{Method: "GET", Path: "/metrics", Permission: httpapi.PermPublic, Handler: func(w http.ResponseWriter, r *http.Request) error {
			metrics.Handler(reg).ServeHTTP(w, r)
			return nil
		}}}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return "http://" + ln.Addr().String()
}

// call makes an API request with key and returns the status and body.
func call(t *testing.T, key, method, url string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, raw
}

// A network vet whose job fails every attempt (here the table of contact
// values made unreadable: renamed away) ends failed, with its attempts
// and last error, audited; it is shown by GET /v1/jobs, GET
// /v1/network/vets and /metrics, and is not queued again by a server's
// start. Once the fault is mended, a supervisor retries it through the
// API (audited) and its alert is raised; the trail verifies throughout.
// Before, the discarded job left the vet pending, and every start queued
// it again.
func TestNetworkVet_FailedThenRetried(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		svc := service.New(service.Config{Store: db, Logger: slog.New(slog.DiscardHandler)})
		if _, err := svc.ImportLists(ctx, operator, testdata.Path(t, "lists", "current", "un-2026-02"), source.Checks{}); err != nil {
			t.Fatal(err)
		}
		if err := svc.LoadStored(ctx); err != nil {
			t.Fatal(err)
		}
		ana := principal(t, db, "ana", auth.RoleAnalyst)
		principal(t, db, "sue", auth.RoleSupervisor)
		_, supKey, err := db.CreateKey(ctx, store.System, "sue")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RecordScreening(ctx, ana, "S-1", vigil.Subject{Name: "Berit Lindqvist", Kind: entity.KindPerson}, ""); err != nil {
			t.Fatal(err)
		}
		// The edge is written with its vet and job (the store's own path:
		// nothing raises its alert before the job runs).
		res, err := db.AssertEdges(ctx, ana, []store.EdgeInput{{From: "subject:S-1", To: "un_sc/111923", Relation: "associate_of",
			Confidence: "1", Source: "case 7"}})
		if err != nil || res.Vet == 0 {
			t.Fatalf("assert: %v (vet %d)", err, res.Vet)
		}
		// The fault: the graph cannot be read.
		if _, err := db.SQL().ExecContext(ctx, `ALTER TABLE network_values RENAME TO network_values_away`); err != nil {
			t.Fatal(err)
		}
		base := apiServer(t, svc, db)
		// Retries a millisecond apart, doubling: the ten attempts take about a second.
		startRunner(t, jobs.Config{Store: db, Service: svc, Logger: slog.New(slog.DiscardHandler), RetryBase: time.Millisecond})
		var v *store.NetworkVet
		waitFor(t, "the vet to fail for good", func() bool {
			v, err = db.NetworkVetByID(ctx, res.Vet)
			if err != nil {
				t.Fatal(err)
			}
			return v.Status != store.NetVetPending
		})
		if v.Status != store.NetVetFailed || v.Attempts != 10 || !strings.Contains(v.Error, "network_values") || v.FinishedAt.IsZero() {
			t.Fatalf("after every attempt failed: %+v", v)
		}
		waitFor(t, "the job to be discarded", func() bool {
			var discarded int
			if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'network_vet' AND state = 'discarded'`).Scan(&discarded); err != nil {
				t.Fatal(err)
			}
			return discarded == 1
		})
		// A start queues pending vets only.
		if n, err := svc.QueuePendingNetworkVets(ctx, service.System); err != nil || n != 0 {
			t.Fatalf("a start queued %d vets (%v); the failed one waits for an operator", n, err)
		}

		// Where operators look.
		code, raw := call(t, supKey, "GET", base+"/v1/jobs")
		var st store.JobState
		if code != 200 || json.Unmarshal(raw, &st) != nil || st.NetworkVets["failed"] != 1 || len(st.FailedNetworkVets) != 1 ||
			st.FailedNetworkVets[0].ID != res.Vet || st.FailedNetworkVets[0].Attempts != 10 {
			t.Fatalf("GET /v1/jobs: %d %s", code, raw)
		}
		code, raw = call(t, supKey, "GET", base+"/v1/network/vets?status=failed")
		if code != 200 || !strings.Contains(string(raw), fmt.Sprintf(`"id":%d`, res.Vet)) || !strings.Contains(string(raw), `"attempts":10`) {
			t.Fatalf("GET /v1/network/vets: %d %s", code, raw)
		}
		if _, raw := call(t, "", "GET", base+"/metrics"); !strings.Contains(string(raw), `vigil_network_vets{status="failed"} 1`) {
			t.Fatalf("/metrics has no failed vet:\n%s", grepLines(string(raw), "network_vets"))
		}
		failed := auditOf(t, db, "network.vet_failed")
		if len(failed) != 1 || failed[0].Object != fmt.Sprintf("network_vet/%d", res.Vet) || !strings.Contains(string(failed[0].Details), `"attempts":10`) {
			t.Fatalf("failure entries: %+v", failed)
		}

		// An analyst may not retry; nor may anyone retry a vet that is
		// not failed.
		_, anaKey, err := db.CreateKey(ctx, store.System, "ana")
		if err != nil {
			t.Fatal(err)
		}
		if code, raw := call(t, anaKey, "POST", fmt.Sprintf("%s/v1/network/vets/%d/retry", base, res.Vet)); code != 403 {
			t.Fatalf("an analyst's retry: %d %s", code, raw)
		}
		// The fault mended, a supervisor retries it.
		if _, err := db.SQL().ExecContext(ctx, `ALTER TABLE network_values_away RENAME TO network_values`); err != nil {
			t.Fatal(err)
		}
		if code, raw := call(t, supKey, "POST", fmt.Sprintf("%s/v1/network/vets/%d/retry", base, res.Vet)); code != 202 {
			t.Fatalf("retry: %d %s", code, raw)
		}
		waitFor(t, "the retried vet to be done", func() bool {
			v, err = db.NetworkVetByID(ctx, res.Vet)
			if err != nil {
				t.Fatal(err)
			}
			return v.Status == store.NetVetDone
		})
		if len(v.Alerts) != 1 || v.Attempts != 0 || v.Error != "" {
			t.Fatalf("the retried vet: %+v", v)
		}
		if code, raw := call(t, supKey, "POST", fmt.Sprintf("%s/v1/network/vets/%d/retry", base, res.Vet)); code != 409 {
			t.Fatalf("retrying a done vet: %d %s", code, raw)
		}
		retried := auditOf(t, db, "network.vet_retry")
		if len(retried) != 1 || retried[0].Actor != "sue" || !strings.Contains(string(retried[0].Details), "network_values") {
			t.Fatalf("retry entries: %+v", retried)
		}
		if _, raw := call(t, "", "GET", base+"/metrics"); !strings.Contains(string(raw), `vigil_network_vets{status="failed"} 0`) {
			t.Fatalf("/metrics after the retry:\n%s", grepLines(string(raw), "network_vets"))
		}
		ver, err := db.Verify(ctx, 100)
		if err != nil || ver.Finding != nil || len(ver.State.Differences) != 0 || len(ver.State.UnknownActions) != 0 {
			t.Fatalf("verify: %v %v %+v %v", err, ver.Finding, ver.State.Differences, ver.State.UnknownActions)
		}
	})
}

func principal(t *testing.T, db *store.DB, name string, roles ...auth.Role) auth.Principal {
	t.Helper()
	u, err := db.CreateUser(ctx, store.System, name, roles)
	if err != nil {
		t.Fatal(err)
	}
	return auth.Principal{UserID: u.ID, Username: name, Roles: roles}
}

// auditEntry is the part of an entry these tests read.
type auditEntry struct {
	Seq     int64
	Actor   string
	Object  string
	Details json.RawMessage
}

// auditOf returns the trail's entries of action, oldest first.
func auditOf(t *testing.T, db *store.DB, action string) []auditEntry {
	t.Helper()
	rows, err := db.SQL().QueryContext(ctx, `SELECT seq, actor, object, details FROM audit_log WHERE action = $1 ORDER BY seq`, action)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []auditEntry
	for rows.Next() {
		var e auditEntry
		var d string
		if err := rows.Scan(&e.Seq, &e.Actor, &e.Object, &d); err != nil {
			t.Fatal(err)
		}
		e.Details = json.RawMessage(d)
		out = append(out, e)
	}
	return out
}

func grepLines(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
