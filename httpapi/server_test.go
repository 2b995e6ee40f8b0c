package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
)

// fakeEngine is a hand-written test double: one function field per method.
type fakeEngine struct {
	mu       sync.Mutex
	lastOpts vigil.Options
	screenFn func(s vigil.Subject) ([]vigil.Hit, error)
	entities map[string]*entity.Entity
}

func (f *fakeEngine) Screen(ctx context.Context, s vigil.Subject, opts vigil.Options) ([]vigil.Hit, error) {
	f.mu.Lock()
	f.lastOpts = opts
	f.mu.Unlock()
	return f.screenFn(s)
}

func (f *fakeEngine) Compare(ctx context.Context, a, b vigil.Subject) (vigil.Hit, error) {
	score := 0.1
	if a.Name == b.Name {
		score = 1
	}
	return vigil.Hit{Score: score, Explanation: vigil.Explanation{NameScore: score}}, nil
}

func (f *fakeEngine) Entity(list, id string) *entity.Entity { return f.entities[list+"/"+id] }

var _ service.Engine = (*fakeEngine)(nil)

// newFake returns an engine that hits "Ayman al-Zawahiri" only.
func newFake() *fakeEngine {
	return &fakeEngine{
		screenFn: func(s vigil.Subject) ([]vigil.Hit, error) {
			switch s.Name {
			case "Ayman al-Zawahiri":
				return []vigil.Hit{{Score: 0.97, List: "un_sc", SourceID: "6908555", Name: "AYMAN MUHAMMED RABI AL-ZAWAHIRI", MatchedName: "Ayman al-Zawahiri"}}, nil
			case "crash":
				return nil, errors.New("secret database path /var/lib/x")
			}
			return nil, nil
		},
		entities: map[string]*entity.Entity{"un_sc/6908555": {List: "un_sc", ID: "6908555", Kind: entity.KindPerson,
			Names: []entity.Name{{Full: "AYMAN MUHAMMED RABI AL-ZAWAHIRI", Type: entity.NamePrimary}}}},
	}
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// newServer starts a real server on a loopback port, without a database,
// its service ready with eng (when not nil).
func newServer(t *testing.T, cfg httpapi.Config, eng service.Engine) (*httpapi.Server, *httptest.Server) {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = quietLogger()
	}
	if cfg.Service == nil {
		cfg.Service = service.New(service.Config{Logger: cfg.Logger})
	}
	if eng != nil {
		cfg.Service.SetLists(&service.Lists{Engine: eng, Editions: []snapshot.Meta{{Source: "un_sc", Edition: "2026-02-27", Hash: "ab", Records: 1003}}})
	}
	s := httpapi.New(cfg)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

// do sends a request and returns the status and decoded JSON body.
func do(t *testing.T, ts *httptest.Server, method, path, body string, header ...string) (int, map[string]any, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if method != http.MethodHead {
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s %s: Content-Type %q, want application/json", method, path, ct)
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s %s: body is not a JSON object: %v: %q", method, path, err, raw)
		}
	}
	return resp.StatusCode, v, resp.Header
}

// errorOf returns the error code, message and field of an error body.
func errorOf(v map[string]any) (code, msg, field string) {
	e, _ := v["error"].(map[string]any)
	code, _ = e["code"].(string)
	msg, _ = e["message"].(string)
	field, _ = e["field"].(string)
	return code, msg, field
}

func TestServer_Health(t *testing.T) {
	svc := service.New(service.Config{Logger: quietLogger()})
	_, ts := newServer(t, httpapi.Config{Service: svc}, nil)
	if code, v, _ := do(t, ts, "GET", "/healthz", ""); code != 200 || v["status"] != "ok" {
		t.Errorf("healthz = %d %v", code, v)
	}
	code, v, _ := do(t, ts, "GET", "/readyz", "")
	if c, _, _ := errorOf(v); code != 503 || c != "unavailable" {
		t.Errorf("readyz before lists = %d %v, want 503 unavailable", code, v)
	}
	if code, _, _ := do(t, ts, "POST", "/v1/screen", `{"name":"x"}`); code != 503 {
		t.Errorf("screen before lists = %d, want 503", code)
	}
	svc.SetLists(&service.Lists{Engine: newFake(), Editions: []snapshot.Meta{{Source: "a"}, {Source: "b"}}})
	if code, v, _ := do(t, ts, "GET", "/readyz", ""); code != 200 || v["status"] != "ready" || v["lists"] != 2.0 {
		t.Errorf("readyz after lists = %d %v", code, v)
	}
}

func TestServer_ScreenOne(t *testing.T) {
	eng := newFake()
	_, ts := newServer(t, httpapi.Config{}, eng)
	code, v, _ := do(t, ts, "POST", "/v1/screen", `{"id": "c-1", "full_name": "Ayman al-Zawahiri", "dob": "1951", "threshold": 0.7, "limit": 5, "lists": ["un_sc"]}`)
	if code != 200 || v["id"] != "c-1" {
		t.Fatalf("screen = %d %v", code, v)
	}
	hits, _ := v["hits"].([]any)
	if len(hits) != 1 || hits[0].(map[string]any)["source_id"] != "6908555" || hits[0].(map[string]any)["score"] != 0.97 {
		t.Errorf("hits = %v", hits)
	}
	if o := eng.lastOpts; o.Threshold != 0.7 || o.Limit != 5 || len(o.Lists) != 1 || o.Lists[0] != "un_sc" {
		t.Errorf("engine got options %+v", o)
	}
	code, v, _ = do(t, ts, "POST", "/v1/screen", `{"first_name": "Jane", "last_name": "Doe"}`)
	if hits, ok := v["hits"].([]any); code != 200 || v["id"] != "1" || !ok || len(hits) != 0 {
		t.Errorf("no-hit screen = %d %v, want id \"1\" and \"hits\": []", code, v)
	}
}

func TestServer_ScreenBatch(t *testing.T) {
	_, ts := newServer(t, httpapi.Config{}, newFake())
	code, v, _ := do(t, ts, "POST", "/v1/screen", `{"subjects": [{"name": "Nobody"}, {"id": 42, "name": "Ayman al-Zawahiri"}, {"id": "z", "name": "Other"}]}`)
	if code != 200 {
		t.Fatalf("batch = %d %v", code, v)
	}
	results, _ := v["results"].([]any)
	wantIDs, wantHits := []string{"1", "42", "z"}, []int{0, 1, 0}
	if len(results) != 3 {
		t.Fatalf("results = %v", results)
	}
	for i, r := range results {
		m := r.(map[string]any)
		if hits := m["hits"].([]any); m["id"] != wantIDs[i] || len(hits) != wantHits[i] {
			t.Errorf("result %d = %v, want id %s with %d hits", i, m, wantIDs[i], wantHits[i])
		}
	}
}

func TestServer_Errors(t *testing.T) {
	_, ts := newServer(t, httpapi.Config{MaxBatch: 3}, newFake())
	big := `{"name": "` + strings.Repeat("a", 1<<20) + `"}`
	tests := []struct {
		name, method, path, body string
		status                   int
		code, field, msg         string
	}{
		{"malformed", "POST", "/v1/screen", `{"name": "x"`, 400, "invalid", "", "truncated JSON"},
		{"syntax", "POST", "/v1/screen", `{"name" "x"}`, 400, "invalid", "", "malformed JSON"},
		{"empty body", "POST", "/v1/screen", ``, 400, "invalid", "", "empty input"},
		{"not an object", "POST", "/v1/screen", `["x"]`, 400, "invalid", "", "want a JSON object"},
		{"trailing", "POST", "/v1/screen", `{"name": "x"} {}`, 400, "invalid", "", "after the JSON value"},
		{"unknown field", "POST", "/v1/screen", `{"name": "x", "nmae": "y"}`, 400, "invalid", "nmae", "unknown field"},
		{"wrong type", "POST", "/v1/screen", `{"name": 7}`, 400, "invalid", "name", "wrong type"},
		{"wrong option type", "POST", "/v1/screen", `{"name": "x", "limit": "5"}`, 400, "invalid", "limit", "wrong type"},
		{"no name", "POST", "/v1/screen", `{"dob": "1970"}`, 400, "invalid", "name", "required"},
		{"bad dob in batch", "POST", "/v1/screen", `{"subjects": [{"name": "a"}, {"name": "b", "dob": "70"}]}`, 400, "invalid", "subjects[1].date_of_birth", "not YYYY"},
		{"nested wrong type", "POST", "/v1/screen", `{"subjects": [{"name": "a", "crypto": "x"}]}`, 400, "invalid", "subjects.crypto", "wrong type"},
		{"both forms", "POST", "/v1/screen", `{"name": "a", "subjects": [{"name": "b"}]}`, 400, "invalid", "subjects", "not both"},
		{"empty batch", "POST", "/v1/screen", `{"subjects": []}`, 400, "invalid", "subjects", "empty"},
		{"batch over limit", "POST", "/v1/screen", `{"subjects": [{"name":"a"},{"name":"b"},{"name":"c"},{"name":"d"}]}`, 413, "too_large", "", "limit is 3"},
		{"body over limit", "POST", "/v1/screen", big, 413, "too_large", "", "larger than 1048576 bytes"},
		{"bad threshold", "POST", "/v1/screen", `{"name": "a", "threshold": 2}`, 400, "invalid", "threshold", "not in"},
		{"bad limit", "POST", "/v1/screen", `{"name": "a", "limit": 0}`, 400, "invalid", "limit", "not in"},
		{"unknown list", "POST", "/v1/screen", `{"name": "a", "lists": ["nope"]}`, 400, "invalid", "lists", "unknown list"},
		{"deep nesting", "POST", "/v1/screen", `{"name": ` + strings.Repeat("[", 20000), 400, "invalid", "", "malformed JSON"},
		{"binary garbage", "POST", "/v1/screen", "\x00\x01\x02\xff\xfe", 400, "invalid", "", "not valid UTF-8"},
		{"invalid utf-8", "POST", "/v1/screen", "{\"name\": \"a\\ud800\xff\"}", 400, "invalid", "", "not valid UTF-8"},
		{"internal", "POST", "/v1/screen", `{"name": "crash"}`, 500, "internal", "", "internal error"},
		{"compare bad side", "POST", "/v1/compare", `{"a": {"name": "x"}, "b": {"gender": "q", "name": "y"}}`, 400, "invalid", "b.gender", "not male or female"},
		{"compare unknown field", "POST", "/v1/compare", `{"a": {"name": "x"}, "c": {}}`, 400, "invalid", "c", "unknown field"},
		{"no entity", "GET", "/v1/entities/un_sc/1", ``, 404, "not_found", "", `no record "1" on list "un_sc"`},
		{"unknown route", "GET", "/v1/nope", ``, 404, "not_found", "", "no route for GET /v1/nope"},
		{"root", "GET", "/", ``, 404, "not_found", "", "no route"},
		{"wrong method", "GET", "/v1/screen", ``, 405, "method_not_allowed", "", "allowed: POST"},
		{"wrong method public", "DELETE", "/healthz", ``, 405, "method_not_allowed", "", "allowed: GET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, v, _ := do(t, ts, tt.method, tt.path, tt.body)
			code, msg, field := errorOf(v)
			if status != tt.status || code != tt.code || field != tt.field || !strings.Contains(msg, tt.msg) {
				t.Errorf("got %d %s field=%q %q, want %d %s field=%q containing %q", status, code, field, msg, tt.status, tt.code, tt.field, tt.msg)
			}
			if strings.Contains(msg, "secret") {
				t.Errorf("internal detail leaked: %q", msg)
			}
		})
	}
}

func TestServer_MethodNotAllowedHeader(t *testing.T) {
	_, ts := newServer(t, httpapi.Config{}, newFake())
	_, _, h := do(t, ts, "PUT", "/v1/compare", "{}")
	if h.Get("Allow") != "POST" {
		t.Errorf("Allow = %q, want POST", h.Get("Allow"))
	}
}

func TestServer_EntityListsCompare(t *testing.T) {
	_, ts := newServer(t, httpapi.Config{}, newFake())
	code, v, _ := do(t, ts, "GET", "/v1/entities/un_sc/6908555", "")
	if names, _ := v["names"].([]any); code != 200 || v["id"] != "6908555" || len(names) != 1 {
		t.Errorf("entity = %d %v", code, v)
	}
	code, v, _ = do(t, ts, "GET", "/v1/lists", "")
	lists, _ := v["lists"].([]any)
	if code != 200 || len(lists) != 1 || lists[0].(map[string]any)["records"] != 1003.0 {
		t.Errorf("lists = %d %v", code, v)
	}
	code, v, _ = do(t, ts, "POST", "/v1/compare", `{"id": "p1", "a": {"name": "A B"}, "b": {"name": "A B"}}`)
	if exp, _ := v["explanation"].(map[string]any); code != 200 || v["id"] != "p1" || v["score"] != 1.0 || exp["name_score"] != 1.0 {
		t.Errorf("compare = %d %v", code, v)
	}
}

// Serve stops on context cancel and lets the open request finish.
func TestServer_GracefulShutdown(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	eng := newFake()
	eng.screenFn = func(s vigil.Subject) ([]vigil.Hit, error) {
		close(started)
		<-release
		return nil, nil
	}
	svc := service.New(service.Config{Logger: quietLogger()})
	svc.SetLists(&service.Lists{Engine: eng})
	s := httpapi.New(httpapi.Config{Service: svc, Logger: quietLogger()})
	ln := listen(t)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	got := make(chan int, 1)
	go func() {
		resp, err := http.Post("http://"+ln.Addr().String()+"/v1/screen", "application/json", bytes.NewBufferString(`{"name":"x"}`))
		if err != nil {
			got <- -1
			return
		}
		resp.Body.Close()
		got <- resp.StatusCode
	}()
	<-started
	cancel()
	close(release)
	if code := <-got; code != 200 {
		t.Errorf("in-flight request got %d, want 200", code)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve = %v, want nil after graceful shutdown", err)
	}
}

// An internal error reaches the log with its cause, and the client sees
// only "internal error".
func TestServer_InternalErrorLogged(t *testing.T) {
	var logs syncBuffer
	_, ts := newServer(t, httpapi.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))}, newFake())
	code, v, _ := do(t, ts, "POST", "/v1/screen", `{"name": "crash"}`)
	if _, msg, _ := errorOf(v); code != 500 || msg != "internal error" {
		t.Errorf("got %d %q", code, msg)
	}
	if !strings.Contains(logs.String(), "secret database path") || !strings.Contains(logs.String(), "/v1/screen") {
		t.Errorf("log lacks the cause and path:\n%s", logs.String())
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
