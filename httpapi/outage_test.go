package httpapi_test

import (
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/internal/cutproxy"
	"github.com/vigil-screening/vigil/internal/pgtest"
)

// outageRequests are requests of every kind: public, read, write, the
// screening paths, users.
var outageRequests = []struct{ user, method, path, body string }{
	{"sam", "POST", "/v1/screen", `{"name": "` + zawahiri + `"}`},
	{"sam", "POST", "/v1/subjects/OUT-1/screen", `{"name": "` + zawahiri + `"}`},
	{"sue", "GET", "/v1/alerts", ""},
	{"sue", "GET", "/v1/alerts/1", ""},
	{"adm", "GET", "/v1/users", ""},
	{"adm", "POST", "/v1/users", `{"username": "newbie", "roles": ["screener"]}`},
	{"aud", "GET", "/v1/audit/verify", ""},
	{"sam", "GET", "/v1/lists", ""},
}

// openBehind returns a server without authentication on e's service,
// acting with every role, so that requests reach the database past
// authentication.
func openBehind(t *testing.T, e *sor) *sor {
	everyone := auth.Principal{Username: "open", Roles: []auth.Role{auth.RoleScreener, auth.RoleAnalyst, auth.RoleSupervisor, auth.RoleAuditor, auth.RoleAdmin}}
	ts := httptest.NewServer(httpapi.New(httpapi.Config{Service: e.svc, Open: everyone, Logger: quietLogger()}))
	t.Cleanup(ts.Close)
	return &sor{db: e.db, svc: e.svc, ts: ts, keys: map[string]string{}}
}

// wantOutage checks that every request answers a JSON 503 and that
// /readyz says not ready, and that the log names the cause without a
// recovered panic.
func wantOutage(t *testing.T, e *sor, logs *syncBuffer) {
	t.Helper()
	for _, rq := range outageRequests {
		if len(e.keys) == 0 && rq.path == "/v1/lists" {
			continue // without authentication, the lists in force are read from memory
		}
		code, raw := e.send(t, rq.user, rq.method, rq.path, rq.body)
		var v struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Errorf("%s %s during the outage: %d, not JSON: %v: %q", rq.method, rq.path, code, err, raw)
			continue
		}
		if code != 503 || v.Error.Code != "unavailable" || !strings.Contains(v.Error.Message, "database") {
			t.Errorf("%s %s during the outage = %d %+v, want 503 unavailable naming the database", rq.method, rq.path, code, v.Error)
		}
	}
	code, raw := e.send(t, "", "GET", "/readyz", "")
	if code != 503 || !strings.Contains(string(raw), "database") {
		t.Errorf("/readyz during the outage = %d %s, want 503 naming the database", code, raw)
	}
	if code, _ := e.send(t, "", "GET", "/healthz", ""); code != 200 {
		t.Errorf("/healthz during the outage = %d, want 200 (the process is alive)", code)
	}
	l := logs.String()
	if strings.Contains(l, "panic") {
		t.Errorf("a panic was logged:\n%s", l)
	}
	if !strings.Contains(l, "database unreachable") {
		t.Errorf("the log does not name the cause:\n%s", l)
	}
}

// With PostgreSQL out of reach (a proxy in front of it cut), every API
// request answers a JSON 503 and /readyz is not ready; when it is back,
// both recover without a restart.
func TestOutage_Postgres(t *testing.T) {
	dsn := pgtest.DSN(t, "vigil_outage")
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	proxy := cutproxy.Start(t, u.Host)
	u.Host = proxy.Addr()
	var logs syncBuffer
	e := newSORon(t, u.String(), httpapi.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	e.call(t, 200, "sam", "POST", "/v1/subjects/BEFORE/screen", `{"name": "`+zawahiri+`"}`, nil)
	e.call(t, 200, "", "GET", "/readyz", "", nil)

	open := openBehind(t, e)
	open.call(t, 200, "", "GET", "/v1/alerts", "", nil)

	proxy.Cut()
	wantOutage(t, e, &logs)
	wantOutage(t, open, &logs)

	proxy.Restore()
	e.call(t, 200, "", "GET", "/readyz", "", nil)
	e.call(t, 200, "sam", "POST", "/v1/subjects/AFTER/screen", `{"name": "`+zawahiri+`"}`, nil)
	e.call(t, 200, "sue", "GET", "/v1/alerts", "", nil)
}

// With the SQLite database closed under the server, every API request
// answers a JSON 503 and /readyz is not ready.
func TestOutage_SQLite(t *testing.T) {
	var logs syncBuffer
	e := newSORon(t, "", httpapi.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	e.call(t, 200, "sam", "POST", "/v1/subjects/BEFORE/screen", `{"name": "`+zawahiri+`"}`, nil)
	open := openBehind(t, e)
	e.db.SQL().Close()
	wantOutage(t, e, &logs)
	wantOutage(t, open, &logs)
}
