package httpapi_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/httpapi"
)

func listen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// fakeAuth knows a fixed set of keys.
type fakeAuth map[string]auth.Principal

func (f fakeAuth) Authenticate(ctx context.Context, key string) (auth.Principal, error) {
	p, ok := f[key]
	if !ok {
		return auth.Principal{}, apperr.New(apperr.Unauthorized, "unknown API key")
	}
	return p, nil
}

// The OpenAPI document served by the server and the route table describe
// the same routes: neither has one the other lacks.
func TestOpenAPI_MatchesRoutes(t *testing.T) {
	s, ts := newServer(t, httpapi.Config{}, newFake())
	resp, err := ts.Client().Get(ts.URL + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi version %q, want 3.1.x", doc.OpenAPI)
	}
	inDoc := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			inDoc[strings.ToUpper(method)+" "+path] = true
		}
	}
	inTable := map[string]bool{}
	for _, rt := range s.Routes() {
		inTable[rt.Pattern()] = true
		if !inDoc[rt.Pattern()] {
			t.Errorf("route %s is not in openapi.json", rt.Pattern())
		}
	}
	for op := range inDoc {
		if !inTable[op] {
			t.Errorf("openapi.json has %s, which the server does not route", op)
		}
	}
	if len(inTable) < 7 {
		t.Errorf("only %d routes in the table", len(inTable))
	}
}

// Further routes plug in through Config.Routes and get the same
// permission checks and error handling.
func TestConfig_ExtraRoutes(t *testing.T) {
	extra := httpapi.Route{Method: "GET", Path: "/v1/reports/{id}", Permission: auth.ActionListAlerts,
		Handler: func(w http.ResponseWriter, r *http.Request) error {
			p, _ := httpapi.PrincipalFrom(r.Context())
			return apperr.New(apperr.NotFound, "no report %s for %s", r.PathValue("id"), p.Username)
		}}
	keys := fakeAuth{"k": {Username: "ann", Roles: []auth.Role{auth.RoleAnalyst}}}
	s, ts := newServer(t, httpapi.Config{Auth: keys, Routes: []httpapi.Route{extra}}, newFake())
	if !slices.ContainsFunc(s.Routes(), func(r httpapi.Route) bool { return r.Pattern() == "GET /v1/reports/{id}" }) {
		t.Fatal("extra route missing from the table")
	}
	code, v, _ := do(t, ts, "GET", "/v1/reports/7", "", "Authorization", "Bearer k")
	if _, msg, _ := errorOf(v); code != 404 || msg != "no report 7 for ann" {
		t.Errorf("extra route = %d %v", code, v)
	}
	if code, _, _ := do(t, ts, "POST", "/v1/reports/7", "", "Authorization", "Bearer k"); code != 405 {
		t.Errorf("extra route wrong method = %d, want 405", code)
	}
}
