package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/internal/testpub"
	"github.com/vigil-screening/vigil/webhook"
)

// Faults: the real binary is killed with SIGKILL in the middle of a job,
// on SQLite and on PostgreSQL; after a restart the job is rescued (it was
// left running by a dead process), retried and completed, and the audit
// chain verifies.

// faultFlags make a killed job's rescue quick: River's leader lease and
// its rescuer's 30-second round still apply.
var faultFlags = []string{"--jobs-poll", "100ms", "--jobs-rescue-after", "4s", "--jobs-retry-base", "200ms", "--reload", "1s"}

// jobsIdle reports whether every job of the server completed.
func jobsIdle(t *testing.T, p *proc, key string) bool {
	var st struct {
		Counts []struct {
			Kind, State string
			Count       int
		}
	}
	if code := p.api(t, key, "GET", "/v1/jobs", "", &st); code != 200 {
		t.Fatalf("GET /v1/jobs = %d", code)
	}
	for _, c := range st.Counts {
		if c.State != "completed" {
			return false
		}
	}
	return len(st.Counts) > 0
}

func auditVerifies(t *testing.T, db []string) {
	t.Helper()
	if out, err := exec.Command(binary(t), append(db, "audit", "verify")...).CombinedOutput(); err != nil {
		t.Errorf("vigil audit verify = %v:\n%s", err, out)
	}
}

// SIGKILL while a refresh is downloading (the publisher stalls in the
// middle of the body): after a restart the refresh completes once, the
// edition is accepted and the audit chain verifies.
func TestFault_KillDuringRefresh(t *testing.T) {
	t.Parallel() // each mostly waits: for River's leader lease of the killed process to end
	eachDatabase(t, func(t *testing.T, db []string) {
		pub := testpub.New()
		dpl := testdata.Path(t, "lists", "current", "bis-dpl-2023-11", "dpl.txt")
		pub.Stall("/dpl.txt", dpl)
		srv := httptest.NewServer(pub)
		defer srv.Close()
		args := append(append(append([]string{}, db...), "serve", "--addr", "127.0.0.1:0", "--lists", unListsDir(t), "--refresh",
			"--refresh-source", "us_bis_dpl", "--sources", sourcesFile(t, "us_bis_dpl", "bis_dpl", srv.URL, "dpl.txt")), faultFlags...)
		p := startVigil(t, args...)
		admin := p.adminKey()
		select {
		case <-pub.Stalled():
		case <-time.After(60 * time.Second):
			t.Fatalf("the refresh never started:\n%s", p.stderr.String())
		}
		p.kill()
		time.Sleep(4 * time.Second) // the rescue time: the job is stuck by the first round of the rescuer after the restart
		pub.Release()
		pub.Serve("/dpl.txt", dpl, time.Date(2023, 11, 20, 0, 0, 0, 0, time.UTC))

		p = startVigil(t, args...)
		waitFor(t, 3*time.Minute, "the refresh rescued and completed", func() bool {
			var page struct{ Attempts []struct{ Status string } }
			p.api(t, admin, "GET", "/v1/lists/refreshes?source=us_bis_dpl", "", &page)
			return len(page.Attempts) > 0 && page.Attempts[0].Status == "accepted" && jobsIdle(t, p, admin)
		})
		var page struct{ Attempts []struct{ Status string } }
		p.api(t, admin, "GET", "/v1/lists/refreshes?source=us_bis_dpl", "", &page)
		if len(page.Attempts) != 1 {
			t.Errorf("attempts %+v, want one (the killed one recorded nothing)", page.Attempts)
		}
		p.kill()
		auditVerifies(t, db)
	})
}

// blockingReceiver verifies each delivery's signature and keeps its
// delivery id; the first request is held until release is closed.
type blockingReceiver struct {
	mu      sync.Mutex
	secret  string
	got     []string // delivery ids, in order received
	events  map[string]string
	bad     []string
	first   chan struct{} // closed when the first request arrives
	release chan struct{}
	once    sync.Once
}

func (rc *blockingReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	secret := rc.secret
	rc.mu.Unlock()
	if err := webhook.Verify(r.Header.Get(webhook.HeaderSignature), secret, body, time.Now(), webhook.DefaultTolerance); err != nil {
		rc.mu.Lock()
		rc.bad = append(rc.bad, err.Error())
		rc.mu.Unlock()
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var ev struct{ ID string }
	json.Unmarshal(body, &ev)
	id := r.Header.Get(webhook.HeaderDelivery)
	rc.mu.Lock()
	rc.got = append(rc.got, id)
	if prev, ok := rc.events[ev.ID]; ok && prev != id {
		rc.bad = append(rc.bad, "event "+ev.ID+" delivered as "+prev+" and as "+id)
	}
	rc.events[ev.ID] = id
	rc.mu.Unlock()
	first := false
	rc.once.Do(func() { first = true; close(rc.first) })
	if first {
		select {
		case <-rc.release:
		case <-r.Context().Done():
		}
	}
}

// SIGKILL while a webhook delivery waits for the receiver's answer: after
// a restart the delivery is sent again with the same delivery id and
// recorded as delivered; nothing arrives under two ids; the audit chain
// verifies.
func TestFault_KillDuringDelivery(t *testing.T) {
	t.Parallel() // each mostly waits: for River's leader lease of the killed process to end
	eachDatabase(t, func(t *testing.T, db []string) {
		rc := &blockingReceiver{events: map[string]string{}, first: make(chan struct{}), release: make(chan struct{})}
		srv := httptest.NewServer(rc)
		defer srv.Close()
		args := append(append(append([]string{}, db...), "serve", "--addr", "127.0.0.1:0", "--lists", unListsDir(t)), faultFlags...)
		p := startVigil(t, args...)
		admin := p.adminKey()
		var hook struct {
			ID     int64
			Secret string
		}
		if code := p.api(t, admin, "POST", "/v1/webhooks", `{"url": "`+srv.URL+`/hook", "events": ["alert.created"]}`, &hook); code != 201 || hook.Secret == "" {
			t.Fatalf("create webhook = %d %+v", code, hook)
		}
		rc.mu.Lock()
		rc.secret = hook.Secret
		rc.mu.Unlock()
		sam := p.newUser(t, admin, "sam", "screener")
		var s screened
		if code := p.api(t, sam, "POST", "/v1/subjects/S-1/screen", `{"name": "Aiman Muhammed Rabi al-Zawahiri"}`, &s); code != 200 || len(s.Alerts) == 0 {
			t.Fatalf("screening = %d %+v", code, s)
		}
		select {
		case <-rc.first:
		case <-time.After(60 * time.Second):
			t.Fatalf("no delivery arrived:\n%s", p.stderr.String())
		}
		p.kill()
		time.Sleep(4 * time.Second) // the rescue time, as above
		close(rc.release)

		p = startVigil(t, args...)
		var ds struct {
			Deliveries []struct {
				UID, Status string
				Attempts    int
			}
		}
		waitFor(t, 3*time.Minute, "the delivery rescued and delivered", func() bool {
			p.api(t, admin, "GET", "/v1/webhooks/1/deliveries", "", &ds)
			return len(ds.Deliveries) == 1 && ds.Deliveries[0].Status == "delivered" && jobsIdle(t, p, admin)
		})
		rc.mu.Lock()
		got, bad := append([]string(nil), rc.got...), append([]string(nil), rc.bad...)
		rc.mu.Unlock()
		if len(bad) > 0 {
			t.Errorf("receiver: %v", bad)
		}
		if len(got) != 2 || got[0] != got[1] || got[0] != ds.Deliveries[0].UID {
			t.Errorf("received %v, want the delivery %s twice (before and after the kill), under one id", got, ds.Deliveries[0].UID)
		}
		p.kill()
		auditVerifies(t, db)
	})
}

// Two vigil serve processes on one PostgreSQL database: the scheduled
// refresh of a source runs once, not once per process, and both serve
// the edition it brought.
func TestFault_TwoServersOneRefresh(t *testing.T) {
	t.Parallel() // each mostly waits: for River's leader lease of the killed process to end
	dsn := pgtest.DSN(t, "vigil_two")
	pub := testpub.New()
	pub.Serve("/consolidated.xml", testdata.Path(t, "lists", "current", "un-2026-02", "consolidated.xml"), time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC))
	srv := httptest.NewServer(pub)
	defer srv.Close()
	srcs := sourcesFile(t, "un_sc", "un_xml", srv.URL, "consolidated.xml")
	var ps [2]*proc
	var wg sync.WaitGroup
	for i := range ps {
		wg.Go(func() {
			ps[i] = startVigil(t, append([]string{"--db", dsn, "--data-dir", t.TempDir(), "serve", "--addr", "127.0.0.1:0", "--refresh",
				"--refresh-source", "un_sc", "--sources", srcs}, faultFlags...)...)
		})
	}
	wg.Wait()
	admin := ps[0].adminKey() + ps[1].adminKey()
	if strings.Count(admin, "vgl_") != 1 {
		t.Fatalf("admin keys printed: %q, want one (one first start)", admin)
	}
	time.Sleep(3 * time.Second) // time for a second refresh, were there one
	for _, p := range ps {
		var page struct{ Attempts []struct{ Status string } }
		if code := p.api(t, admin, "GET", "/v1/lists/refreshes", "", &page); code != 200 || len(page.Attempts) != 1 || page.Attempts[0].Status != "accepted" {
			t.Errorf("refreshes = %d %+v, want one accepted", code, page)
		}
	}
	if n := pub.Requests("/consolidated.xml"); n != 1 {
		t.Errorf("the publisher was asked %d times, want once", n)
	}
}
