package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The real binary, logging JSON: every request gets a request id (the
// client's when sane, a new one otherwise), echoed in the response, in
// its access log line and in the audit entry it writes; /metrics counts
// the requests by route and status, the screenings, the alerts, the
// lists in force and the pool; and the audit trail still verifies.
func TestSystem_Observability(t *testing.T) {
	data := t.TempDir()
	p := startVigil(t, "--data-dir", data, "--log-format", "json", "serve", "--lists", unListsDir(t),
		"--first-user", "alice", "--addr", "127.0.0.1:0")
	keys := regexp.MustCompile(`(?m)^      (vgl_[0-9a-f]{12}_[0-9a-f]{64})$`).FindAllStringSubmatch(p.stderr.String(), -1)
	if len(keys) != 2 {
		t.Fatalf("want the admin's and alice's keys:\n%s", p.stderr.String())
	}
	admin, alice := keys[0][1], keys[1][1]

	code, raw, err := p.tryHeaders(alice, "POST", "/v1/subjects/OBS-1/screen", `{"name": "Aiman Muhammed Rabi al-Zawahiri"}`,
		map[string]string{"X-Request-Id": "obs-test-1"})
	if err != nil || code != 200 {
		t.Fatalf("screen: %d %v %s", code, err, raw)
	}
	if got := raw.header.Get("X-Request-Id"); got != "obs-test-1" {
		t.Errorf("X-Request-Id echoed %q, want obs-test-1", got)
	}
	// A hostile id is replaced, not logged or recorded.
	code, raw, err = p.tryHeaders(alice, "POST", "/v1/screen", `{"name": "Nobody Known"}`,
		map[string]string{"X-Request-Id": `x" level=ERROR msg=forged`})
	if err != nil || code != 200 {
		t.Fatalf("ad hoc screen: %d %v", code, err)
	}
	generated := raw.header.Get("X-Request-Id")
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(generated) {
		t.Errorf("a hostile X-Request-Id was answered with %q, want a generated id", generated)
	}

	// The access log: JSON lines, one per request, with the request id.
	// A request's line is written once its answer has gone: wait for it.
	lines := map[string]map[string]any{}
	readLog := func() bool {
		sc := bufio.NewScanner(strings.NewReader(p.stderr.String()))
		for sc.Scan() {
			var v map[string]any
			if json.Unmarshal(sc.Bytes(), &v) != nil || v["msg"] != "request" {
				continue
			}
			id, _ := v["request_id"].(string)
			lines[id] = v
		}
		return lines["obs-test-1"] != nil && lines[generated] != nil
	}
	for deadline := time.Now().Add(10 * time.Second); !readLog() && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	if l := lines["obs-test-1"]; l == nil || l["route"] != "/v1/subjects/{id}/screen" || l["status"] != 200.0 || l["user"] != "alice" || l["method"] != "POST" {
		t.Errorf("access log line of obs-test-1 = %v\nlog:\n%s", l, p.stderr.String())
	}
	if l := lines[generated]; l == nil || l["route"] != "/v1/screen" {
		t.Errorf("access log line of the generated id %s = %v", generated, l)
	}
	if strings.Contains(p.stderr.String(), "forged") {
		t.Errorf("the hostile request id reached the log")
	}

	// The audit trail records each request's id, and still verifies.
	_, body, err := p.tryHeaders(admin, "GET", "/v1/audit", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for line := range strings.Lines(string(body.raw)) {
		var e struct {
			Action  string `json:"action"`
			Details struct {
				RequestID string `json:"request_id"`
			} `json:"details"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("audit line %q: %v", line, err)
		}
		if e.Details.RequestID != "" {
			found[e.Action] = e.Details.RequestID
		}
	}
	if found["screening.recorded"] != "obs-test-1" || found["screening.ad_hoc"] != generated {
		t.Errorf("request ids in the audit trail = %v, want screening.recorded obs-test-1 and screening.ad_hoc %s", found, generated)
	}

	// /metrics, without an API key.
	_, m, err := p.tryHeaders("", "GET", "/metrics", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	metrics := string(m.raw)
	for series, want := range map[string]float64{
		`vigil_http_request_duration_seconds_count{code="200",method="POST",route="/v1/subjects/{id}/screen"}`: 1,
		`vigil_http_request_duration_seconds_count{code="200",method="POST",route="/v1/screen"}`:               1,
		`vigil_screenings_total{kind="recorded"}`:                                                              1,
		`vigil_screenings_total{kind="ad_hoc"}`:                                                                1,
		`vigil_screened_subjects_with_hits_total{kind="recorded"}`:                                             1,
		`vigil_lists_in_force`:                          1,
		`vigil_store_up{query="alerts"}`:                1,
		`vigil_store_up{query="jobs"}`:                  1,
		`go_sql_max_open_connections{db_name="sqlite"}`: -1, // present
	} {
		got, ok := sample(metrics, series)
		if !ok || (want >= 0 && got != want) {
			t.Errorf("%s = %v (present %v), want %v", series, got, ok, want)
		}
	}
	raised, _ := sample(metrics, "vigil_alerts_raised_total")
	open, _ := sample(metrics, `vigil_alerts{status="open"}`)
	if raised < 1 || open != raised {
		t.Errorf("alerts raised %v, open %v: want the same, at least 1", raised, open)
	}
	if recs, ok := sample(metrics, `vigil_list_records{source="un_sc"}`); !ok || recs < 500 {
		t.Errorf("vigil_list_records of un_sc = %v", recs)
	}
	if age, ok := sample(metrics, `vigil_list_edition_age_seconds{source="un_sc"}`); !ok || age <= 0 {
		t.Errorf("vigil_list_edition_age_seconds of un_sc = %v", age)
	}

	p.kill()
	out, err := exec.Command(binary(t), "--data-dir", data, "audit", "verify").CombinedOutput()
	if err != nil {
		t.Fatalf("vigil audit verify after the requests: %v\n%s", err, out)
	}
}

// sample returns the value of one series of a Prometheus text exposition.
func sample(exposition, series string) (float64, bool) {
	for line := range strings.Lines(exposition) {
		name, value, ok := strings.Cut(strings.TrimSpace(line), " ")
		if ok && name == series {
			f, err := strconv.ParseFloat(value, 64)
			return f, err == nil
		}
	}
	return 0, false
}

// reply is a response's headers and body.
type reply struct {
	header http.Header
	raw    []byte
}

// tryHeaders is try that also returns the response's headers; an empty
// key sends no Authorization header.
func (p *proc) tryHeaders(key, method, path, body string, header map[string]string) (int, *reply, error) {
	req, err := http.NewRequest(method, p.base+path, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp.StatusCode, &reply{header: resp.Header, raw: raw}, err
}
