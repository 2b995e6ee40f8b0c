package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/testdata"
)

// System tests run the real vigil binary, built once per test run, as
// separate processes: what an operator runs.

var vigilBin struct {
	once       sync.Once
	dir, path  string
	err        error
	buildError string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if vigilBin.dir != "" {
		os.RemoveAll(vigilBin.dir)
	}
	os.Exit(code)
}

// binary builds cmd/vigil once and returns the executable's path.
func binary(t *testing.T) string {
	t.Helper()
	vigilBin.once.Do(func() {
		vigilBin.dir, vigilBin.err = os.MkdirTemp("", "vigil-bin-")
		if vigilBin.err != nil {
			return
		}
		vigilBin.path = filepath.Join(vigilBin.dir, "vigil")
		out, err := exec.Command("go", "build", "-o", vigilBin.path, ".").CombinedOutput()
		vigilBin.err, vigilBin.buildError = err, string(out)
	})
	if vigilBin.err != nil {
		t.Fatalf("go build: %v\n%s", vigilBin.err, vigilBin.buildError)
	}
	return vigilBin.path
}

// proc is a running "vigil serve" process.
type proc struct {
	cmd    *exec.Cmd
	base   string
	stderr *syncBuffer
	done   chan error
}

var (
	addrRE = regexp.MustCompile(`addr(?:=|":")(http://127\.0\.0\.1:\d+)`)
	keyRE  = regexp.MustCompile(`vgl_[0-9a-f]{12}_[0-9a-f]{64}`)
)

// startVigil runs the binary with args and waits until it is ready.
func startVigil(t *testing.T, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(binary(t), args...), stderr: &syncBuffer{}, done: make(chan error, 1)}
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() { p.kill() })
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-p.done:
			p.done <- err
			t.Fatalf("vigil %v stopped: %v\n%s", args, err, p.stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if p.base == "" {
			if m := addrRE.FindStringSubmatch(p.stderr.String()); m != nil {
				p.base = m[1]
			}
			continue
		}
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
	}
	t.Fatalf("vigil %v not ready in time:\n%s", args, p.stderr.String())
	return nil
}

// kill sends SIGKILL and waits for the process to end.
func (p *proc) kill() {
	if p.cmd.ProcessState != nil {
		return
	}
	p.cmd.Process.Kill()
	<-p.done
	p.done <- nil
}

// adminKey returns the API key printed at first start, or "".
func (p *proc) adminKey() string { return keyRE.FindString(p.stderr.String()) }

// api calls the server with key and decodes a JSON answer into v.
func (p *proc) api(t *testing.T, key, method, path, body string, v any, header ...string) int {
	t.Helper()
	code, raw, err := p.try(key, method, path, body, header...)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if v != nil && code < 300 {
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
	return code
}

// try is api without a test: for requests that may meet a dead server.
func (p *proc) try(key, method, path, body string, header ...string) (int, []byte, error) {
	req, err := http.NewRequest(method, p.base+path, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp.StatusCode, raw, err
}

// newUser creates a user with one role through the API and returns its key.
func (p *proc) newUser(t *testing.T, adminKey, name, role string) string {
	t.Helper()
	if code := p.api(t, adminKey, "POST", "/v1/users", fmt.Sprintf(`{"username": %q, "roles": [%q]}`, name, role), nil); code != 201 {
		t.Fatalf("create user %s = %d", name, code)
	}
	var k struct {
		Kind   string `json:"kind"`
		APIKey string `json:"api_key"`
	}
	if code := p.api(t, adminKey, "POST", "/v1/keys", fmt.Sprintf(`{"username": %q}`, name), &k); code != 201 || k.APIKey == "" {
		t.Fatalf("create key for %s = %d", name, code)
	}
	if k.Kind == "activation" { // a reviewer exchanges it for a key only they see
		act := k.APIKey
		if code := p.api(t, "", "POST", "/v1/keys/activate", fmt.Sprintf(`{"activation": %q}`, act), &k); code != 201 || k.Kind != "key" {
			t.Fatalf("activate the key of %s = %d %+v", name, code, k)
		}
	}
	return k.APIKey
}

type screened struct {
	ScreeningID int64   `json:"screening_id"`
	Alerts      []int64 `json:"alerts"`
	Existing    []int64 `json:"existing"`
	Replayed    bool    `json:"replayed"`
	Hits        []struct {
		List     string `json:"list"`
		SourceID string `json:"source_id"`
	} `json:"hits"`
}

type alertState struct {
	ID          int64  `json:"id"`
	Version     int64  `json:"version"`
	Status      string `json:"status"`
	Disposition string `json:"disposition"`
	ClosedBy    string `json:"closed_by"`
}

// Two "vigil serve" processes on one PostgreSQL database behave as one
// system: an alert disposed through one is closed through the other, and
// both screening one subject at once raise each alert once.
func TestSystem_ScaleOut(t *testing.T) {
	dsn := pgtest.DSN(t, "vigil_sys")
	a := startVigil(t, "--db", dsn, "serve", "--lists", unListsDir(t), "--addr", "127.0.0.1:0")
	adminKey := a.adminKey()
	if adminKey == "" {
		t.Fatalf("first start printed no admin key:\n%s", a.stderr.String())
	}
	// The second process starts without --lists: it screens against the
	// editions the first stored, and creates no second admin.
	b := startVigil(t, "--db", dsn, "serve", "--addr", "127.0.0.1:0")
	if k := b.adminKey(); k != "" {
		t.Errorf("second process printed an admin key")
	}
	sam := a.newUser(t, adminKey, "sam", "screener")
	ann := a.newUser(t, adminKey, "ann", "analyst")
	sue := a.newUser(t, adminKey, "sue", "supervisor")

	var s screened
	if code := a.api(t, sam, "POST", "/v1/subjects/P-1/screen", `{"name": "Aiman Muhammed Rabi al-Zawahiri"}`, &s); code != 200 || len(s.Alerts) == 0 {
		t.Fatalf("screen through A = %d %+v", code, s)
	}
	var al alertState
	b.api(t, ann, "GET", fmt.Sprintf("/v1/alerts/%d", s.Alerts[0]), "", &al)
	body := fmt.Sprintf(`{"to": "in_review", "version": %d}`, al.Version)
	if code := b.api(t, ann, "POST", fmt.Sprintf("/v1/alerts/%d/transition", al.ID), body, &al); code != 200 {
		t.Fatalf("transition through B = %d", code)
	}
	// Inconclusive on a UN record needs four eyes: ann proposes through
	// B, sue approves through A.
	body = fmt.Sprintf(`{"disposition": "inconclusive", "reason": "no date of birth to compare", "version": %d}`, al.Version)
	if code := b.api(t, ann, "POST", fmt.Sprintf("/v1/alerts/%d/decision", al.ID), body, &al); code != 200 || al.Status != "escalated" {
		t.Fatalf("decision through B = %d %+v", code, al)
	}
	body = fmt.Sprintf(`{"version": %d, "comment": "agreed"}`, al.Version)
	if code := a.api(t, sue, "POST", fmt.Sprintf("/v1/alerts/%d/approve", al.ID), body, &al); code != 200 || al.Status != "closed" {
		t.Fatalf("approval through A = %d %+v", code, al)
	}
	var seen alertState
	b.api(t, ann, "GET", fmt.Sprintf("/v1/alerts/%d", al.ID), "", &seen)
	if seen.Status != "closed" || seen.Disposition != "inconclusive" || seen.ClosedBy != "ann" || seen.Version != al.Version {
		t.Errorf("through B the alert is %+v, want closed inconclusive by ann at version %d", seen, al.Version)
	}

	// Both processes screen subject P-2 at once, many times.
	const rounds = 12
	results := make([]screened, rounds)
	var wg sync.WaitGroup
	for i := range rounds {
		p := a
		if i%2 == 1 {
			p = b
		}
		wg.Go(func() {
			code, raw, err := p.try(sam, "POST", "/v1/subjects/P-2/screen", `{"name": "Aiman Muhammed Rabi al-Zawahiri"}`)
			if err != nil || code != 200 || json.Unmarshal(raw, &results[i]) != nil {
				t.Errorf("concurrent screening %d = %d %v %s", i, code, err, raw)
			}
		})
	}
	wg.Wait()
	raised := map[int64]bool{}
	for _, r := range results {
		if len(r.Alerts)+len(r.Existing) != len(r.Hits) {
			t.Errorf("screening %+v: alerts + existing != hits", r)
		}
		for _, id := range r.Alerts {
			if raised[id] {
				t.Errorf("alert %d raised twice", id)
			}
			raised[id] = true
		}
	}
	t.Logf("subject P-2: %d hits, %d alerts raised by %d concurrent screenings", len(results[0].Hits), len(raised), rounds)
	var page struct{ Total int }
	b.api(t, ann, "GET", "/v1/alerts?subject_id=P-2", "", &page)
	if hits := len(results[0].Hits); page.Total != hits || len(raised) != hits {
		t.Errorf("subject P-2 has %d alerts (%d raised), want one per hit: %d", page.Total, len(raised), hits)
	}
	for _, p := range []*proc{a, b} {
		var v struct{ Intact bool }
		if p.api(t, adminKey, "GET", "/v1/audit/verify", "", &v); !v.Intact {
			t.Errorf("audit chain not intact through %s", p.base)
		}
	}
}

// "vigil serve" stores what it imports and restarts from the database; the
// first admin's key is printed on first start only; an edition that fails
// the import checks stops the server with the reason, as "vigil lists
// import" fails on it (one import policy), and the one in force stays:
// a start without --lists serves it.
func TestSystem_ServeFromDatabase(t *testing.T) {
	dataDir := t.TempDir()
	p := startVigil(t, "--data-dir", dataDir, "serve", "--lists", unListsDir(t), "--addr", "127.0.0.1:0")
	adminKey := p.adminKey()
	if adminKey == "" {
		t.Fatalf("no admin key printed on first start:\n%s", p.stderr.String())
	}
	sam := p.newUser(t, adminKey, "sam", "screener")
	type lists struct {
		Lists []struct {
			Source, Edition, Hash string
			Records               int
		}
	}
	var before lists
	if code := p.api(t, sam, "GET", "/v1/lists", "", &before); code != 200 || len(before.Lists) != 1 || before.Lists[0].Records != 1003 {
		t.Fatalf("lists = %d %+v", code, before)
	}
	p.cmd.Process.Signal(os.Interrupt)
	if err := <-p.done; err != nil {
		t.Fatalf("serve after SIGINT: %v", err)
	}
	p.done <- nil

	// The UN edition of November 2024 is older than the one in force.
	older := filepath.Join(t.TempDir(), "un-2024-11")
	data, err := os.ReadFile(testdata.Path(t, "lists", "editions", "un-2024-11", "consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(older, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(older, "consolidated.xml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	// Its source keeps the edition in force: the server starts degraded
	// and says why (docs/security.md).
	p = startVigil(t, "--data-dir", dataDir, "serve", "--lists", older, "--addr", "127.0.0.1:0")
	var ready struct {
		Status   string
		Degraded []struct{ Source, Reason string }
	}
	if code := p.api(t, "", "GET", "/readyz", "", &ready); code != 200 || ready.Status != "degraded" || len(ready.Degraded) != 1 ||
		ready.Degraded[0].Source != "un_sc" || !strings.Contains(ready.Degraded[0].Reason, "earlier than the edition in force (2026-02-27)") {
		t.Errorf("serve with an edition that fails the checks: readyz = %d %+v, want degraded naming the rejection\n%s", code, ready, p.stderr.String())
	}
	if keyRE.MatchString(p.stderr.String()) {
		t.Error("an admin key was printed again on the second start")
	}
	p.cmd.Process.Signal(os.Interrupt)
	if err := <-p.done; err != nil {
		t.Fatalf("serve after SIGINT: %v", err)
	}
	p.done <- nil
	p = startVigil(t, "--data-dir", dataDir, "serve", "--addr", "127.0.0.1:0")
	var after lists
	if code := p.api(t, sam, "GET", "/v1/lists", "", &after); code != 200 || fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("lists after a rejected import = %d %+v, want %+v", code, after, before)
	}
	var s screened
	if code := p.api(t, sam, "POST", "/v1/subjects/Z-1/screen", `{"name": "Aiman Muhammed Rabi al-Zawahiri"}`, &s); code != 200 || len(s.Alerts) == 0 {
		t.Errorf("recorded screening after restart = %d %+v", code, s)
	}
}
