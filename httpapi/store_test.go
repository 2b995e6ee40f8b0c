package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// unCache holds the real engine on the UN consolidated list, built once
// per test binary (it takes about a second).
var unCache struct {
	once  sync.Once
	lists *service.Lists
	err   error
}

func unLists(t testing.TB) *service.Lists {
	t.Helper()
	dir := testdata.Path(t, "lists", "current", "un-2026-02")
	unCache.once.Do(func() { unCache.lists, unCache.err = loadLists(dir) })
	if unCache.err != nil {
		t.Fatalf("load UN list: %v", unCache.err)
	}
	return unCache.lists
}

func loadLists(dir string) (*service.Lists, error) {
	l, err := service.LoadFiles(context.Background(), dir, nil, screen.Config{})
	if err != nil {
		return nil, err
	}
	return l.Lists(), nil
}

// zawahiri is a UN-listed name that hits record 111923 (QDi.006).
const zawahiri = "Aiman Muhammed Rabi al-Zawahiri"

// sor is a real server on 127.0.0.1 backed by a real SQLite store and the
// real UN list, with one user and key per role.
type sor struct {
	db    *store.DB
	svc   *service.Service
	ts    *httptest.Server
	srv   *httpapi.Server
	keys  map[string]string         // username -> API key
	users map[string]auth.Principal // username -> principal
	seq   int
}

// roleUsers names the user of each role; "ann2" is a second analyst and
// "sid" a second supervisor, for four-eyes.
var roleUsers = map[auth.Role][]string{
	auth.RoleScreener:   {"sam"},
	auth.RoleAnalyst:    {"ann", "ann2"},
	auth.RoleSupervisor: {"sue", "sid"},
	auth.RoleAuditor:    {"aud"},
	auth.RoleAdmin:      {"adm"},
}

func newSOR(t testing.TB, cfg httpapi.Config) *sor {
	t.Helper()
	return newSORon(t, "", cfg)
}

// eachStore runs fn on a server backed by SQLite and on one backed by a
// fresh PostgreSQL schema (skipped, saying why, without VIGIL_TEST_POSTGRES).
func eachStore(t *testing.T, cfg httpapi.Config, fn func(t *testing.T, e *sor)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, newSORon(t, "", cfg)) })
	t.Run("postgres", func(t *testing.T) { fn(t, newSORon(t, pgtest.DSN(t, "vigil_api"), cfg)) })
}

// newSORon is newSOR on the database dsn ("" for SQLite in a temporary folder).
func newSORon(t testing.TB, dsn string, cfg httpapi.Config) *sor {
	t.Helper()
	lists := unLists(t)
	db, err := store.Open(context.Background(), dsn, t.TempDir(), store.WithQueue(jobs.NewQueue))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	e := &sor{db: db, keys: map[string]string{}, users: map[string]auth.Principal{}}
	for role, names := range roleUsers {
		for _, name := range names {
			u, err := db.CreateUser(context.Background(), store.System, name, []auth.Role{role})
			if err != nil {
				t.Fatal(err)
			}
			_, key, err := db.CreateKey(context.Background(), store.System, name)
			if err != nil {
				t.Fatal(err)
			}
			e.keys[name], e.users[name] = key, auth.Principal{UserID: u.ID, Username: name, Roles: u.Roles}
		}
	}
	if cfg.Logger == nil {
		cfg.Logger = quietLogger()
	}
	svc := service.New(service.Config{Store: db, Logger: cfg.Logger})
	svc.SetLists(lists)
	cfg.Auth, cfg.Service = svc, svc
	e.svc = svc
	srv := httpapi.New(cfg)
	e.srv = srv
	e.ts = httptest.NewServer(srv) // listens on 127.0.0.1
	t.Cleanup(e.ts.Close)
	return e
}

// send makes a request as user (no key when user is "") and returns the
// status and raw body.
func (e *sor) send(t testing.TB, user, method, path, body string, header ...string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+e.keys[user])
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := e.ts.Client().Do(req)
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

// call makes a request that must answer want, and decodes the body into v.
func (e *sor) call(t testing.TB, want int, user, method, path, body string, v any, header ...string) {
	t.Helper()
	code, raw := e.send(t, user, method, path, body, header...)
	if code != want {
		t.Fatalf("%s %s as %q = %d, want %d: %s", method, path, user, code, want, raw)
	}
	if v != nil {
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
}

type recorded struct {
	SubjectID   string   `json:"subject_id"`
	ScreeningID int64    `json:"screening_id"`
	Alerts      []int64  `json:"alerts"`
	Existing    []int64  `json:"existing"`
	Suppressed  []any    `json:"suppressed"`
	Replayed    bool     `json:"replayed"`
	Editions    []string `json:"editions"`
	Hits        []struct {
		List     string  `json:"list"`
		SourceID string  `json:"source_id"`
		Score    float64 `json:"score"`
	} `json:"hits"`
}

type alertJSON struct {
	ID          int64                `json:"id"`
	Version     int64                `json:"version"`
	SubjectID   string               `json:"subject_id"`
	List        string               `json:"list"`
	SourceID    string               `json:"source_id"`
	Status      string               `json:"status"`
	Score       float64              `json:"score"`
	Assignee    string               `json:"assignee"`
	Disposition string               `json:"disposition"`
	Reason      string               `json:"reason"`
	ClosedBy    string               `json:"closed_by"`
	ApprovedBy  string               `json:"approved_by"`
	Proposal    *struct{ By string } `json:"proposal"`
	Record      *entity.Entity       `json:"record"`
	Hit         *vigil.Hit           `json:"hit"`
	Notes       []struct {
		Author string `json:"author"`
		Text   string `json:"text"`
	} `json:"notes"`
}

// newAlert screens a fresh subject named like the UN record 111923 and
// returns the alert raised on that record.
func (e *sor) newAlert(t testing.TB) alertJSON {
	t.Helper()
	e.seq++
	var res recorded
	e.call(t, 200, "sam", "POST", fmt.Sprintf("/v1/subjects/A-%d/screen", e.seq), `{"name": "`+zawahiri+`"}`, &res)
	for _, id := range res.Alerts {
		a := e.alert(t, id)
		if a.List == "un_sc" && a.SourceID == "111923" {
			return a
		}
	}
	t.Fatalf("screening %s raised no alert on un_sc/111923: %+v", zawahiri, res)
	return alertJSON{}
}

func (e *sor) alert(t testing.TB, id int64) alertJSON {
	t.Helper()
	var a alertJSON
	e.call(t, 200, "sue", "GET", fmt.Sprintf("/v1/alerts/%d", id), "", &a)
	return a
}

// move posts a transition and returns the alert after it.
func (e *sor) move(t *testing.T, user string, a alertJSON, to, reason string) alertJSON {
	t.Helper()
	var out alertJSON
	e.call(t, 200, user, "POST", fmt.Sprintf("/v1/alerts/%d/transition", a.ID),
		fmt.Sprintf(`{"to": %q, "version": %d, "reason": %q}`, to, a.Version, reason), &out)
	return out
}

// decide posts a decision and returns the alert after it.
func (e *sor) decide(t *testing.T, user string, a alertJSON, disposition string) alertJSON {
	t.Helper()
	var out alertJSON
	e.call(t, 200, user, "POST", fmt.Sprintf("/v1/alerts/%d/decision", a.ID),
		fmt.Sprintf(`{"disposition": %q, "reason": "checked the date of birth", "version": %d}`, disposition, a.Version), &out)
	return out
}

// auditCount returns the number of entries in the audit chain, checking
// that it verifies.
func (e *sor) auditCount(t *testing.T) int64 {
	t.Helper()
	f, n, err := e.db.VerifyAudit(context.Background())
	if err != nil || f != nil {
		t.Fatalf("audit verify: %v %v", f, err)
	}
	return n
}
