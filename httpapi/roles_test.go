package httpapi_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// roleTable is the one statement of who may call what: route → the roles
// allowed ("*" for public routes). TestRoutes_Roles checks that it names
// exactly the server's routes and that the server enforces it.
var roleTable = map[string]string{
	"GET /healthz":      "*",
	"GET /readyz":       "*",
	"GET /openapi.json": "*",

	"GET /v1/lists":                "screener analyst supervisor auditor admin",
	"GET /v1/entities/{list}/{id}": "screener analyst supervisor auditor",
	"POST /v1/screen":              "screener analyst supervisor",
	"POST /v1/compare":             "screener analyst supervisor",

	"POST /v1/subjects/{id}/screen":         "screener analyst supervisor",
	"GET /v1/subjects/{id}":                 "analyst supervisor auditor",
	"GET /v1/alerts":                        "analyst supervisor auditor",
	"GET /v1/alerts/{id}":                   "analyst supervisor auditor",
	"POST /v1/alerts/{id}/transition":       "analyst supervisor",
	"POST /v1/alerts/{id}/assign":           "analyst supervisor",
	"POST /v1/alerts/{id}/decision":         "analyst supervisor",
	"POST /v1/alerts/{id}/approve":          "supervisor",
	"POST /v1/alerts/{id}/notes":            "analyst supervisor",
	"GET /v1/audit":                         "auditor admin",
	"GET /v1/audit/verify":                  "auditor admin",
	"GET /v1/users":                         "admin",
	"POST /v1/users":                        "admin",
	"POST /v1/users/{name}/disable":         "admin",
	"GET /v1/keys":                          "admin",
	"POST /v1/keys":                         "admin",
	"DELETE /v1/keys/{id}":                  "admin",
	"POST /v1/keys/activate":                "*",
	"GET /v1/auth/failures":                 "auditor admin",
	"GET /v1/jobs":                          "supervisor admin",
	"GET /v1/lists/refreshes":               "supervisor admin",
	"POST /v1/lists/{source}/refresh":       "admin",
	"GET /v1/webhooks":                      "admin",
	"POST /v1/webhooks":                     "admin",
	"POST /v1/webhooks/{id}/disable":        "admin",
	"POST /v1/webhooks/{id}/enable":         "admin",
	"POST /v1/webhooks/{id}/test":           "admin",
	"GET /v1/webhooks/{id}/deliveries":      "admin",
	"POST /v1/subjects/batch":               "screener analyst supervisor",
	"GET /v1/subjects/{id}/monitoring":      "analyst supervisor auditor admin",
	"POST /v1/subjects/{id}/monitoring":     "supervisor admin",
	"POST /v1/subjects/{id}/monitoring/end": "supervisor admin",
	"POST /v1/rescreen":                     "supervisor admin",
	"GET /v1/revets":                        "supervisor admin",
	"GET /v1/revets/{id}":                   "supervisor admin",
	"POST /match/{dataset}":                 "screener analyst supervisor",
	"GET /search/{dataset}":                 "screener analyst supervisor",
	"GET /entities/{id}":                    "screener analyst supervisor auditor",
	"GET /algorithms":                       "*",

	"GET /v1/network/exposure":            "analyst supervisor auditor",
	"GET /v1/network/neighbourhood":       "analyst supervisor auditor",
	"GET /v1/network/edges":               "analyst supervisor auditor",
	"POST /v1/network/edges":              "analyst supervisor",
	"POST /v1/network/edges/{id}/retract": "analyst supervisor",
	"POST /v1/network/import":             "analyst supervisor",
	"POST /v1/network/vet":                "analyst supervisor",
	"GET /v1/network/vets":                "supervisor admin",
	"POST /v1/network/vets/{id}/retry":    "supervisor admin",
	"GET /v1/network/ownership":           "analyst supervisor auditor",
	"GET /v1/network/fifty-percent":       "analyst supervisor auditor",
	"GET /v1/network/clusters":            "analyst supervisor auditor",
	"GET /v1/network/export":              "analyst supervisor auditor",

	"GET /v1/reports/late-matches": "supervisor auditor",

	"GET /v1/export/alerts":     "supervisor auditor",
	"GET /v1/export/screenings": "supervisor auditor",
	"GET /v1/export/subjects":   "supervisor auditor",
	"GET /v1/export/audit":      "auditor admin",
}

// netSubject records a fresh subject for the network routes.
func netSubject(t *testing.T, e *sor) string {
	e.seq++
	id := fmt.Sprintf("NR-%d", e.seq)
	e.call(t, 200, "ann", "POST", "/v1/subjects/"+id+"/screen", `{"name": "Berit Lindqvist", "type": "person"}`, nil)
	return id
}

// roleRequest prepares, for one route and the user calling it, a request
// that succeeds when the user's role allows the route: it creates the
// alert or subject the request needs in the state it needs.
type roleRequest func(t *testing.T, e *sor, user string) (path, body string)

func fixed(path, body string) roleRequest {
	return func(*testing.T, *sor, string) (string, string) { return path, body }
}

func roleRequests() map[string]roleRequest {
	alertPath := func(a alertJSON, verb string) string { return fmt.Sprintf("/v1/alerts/%d/%s", a.ID, verb) }
	return map[string]roleRequest{
		"GET /healthz":                 fixed("/healthz", ""),
		"GET /readyz":                  fixed("/readyz", ""),
		"GET /openapi.json":            fixed("/openapi.json", ""),
		"GET /v1/lists":                fixed("/v1/lists", ""),
		"GET /v1/entities/{list}/{id}": fixed("/v1/entities/un_sc/111923", ""),
		"POST /v1/screen":              fixed("/v1/screen", `{"name": "`+zawahiri+`"}`),
		"POST /v1/compare":             fixed("/v1/compare", `{"a": {"name": "x y"}, "b": {"name": "x z"}}`),
		"POST /v1/subjects/{id}/screen": func(t *testing.T, e *sor, user string) (string, string) {
			e.seq++
			return fmt.Sprintf("/v1/subjects/R-%d/screen", e.seq), `{"name": "` + zawahiri + `"}`
		},
		"GET /v1/subjects/{id}": func(t *testing.T, e *sor, user string) (string, string) {
			return "/v1/subjects/" + e.newAlert(t).SubjectID, ""
		},
		"GET /v1/alerts": fixed("/v1/alerts?status=open&limit=5", ""),
		"GET /v1/alerts/{id}": func(t *testing.T, e *sor, user string) (string, string) {
			return fmt.Sprintf("/v1/alerts/%d", e.newAlert(t).ID), ""
		},
		"POST /v1/alerts/{id}/transition": func(t *testing.T, e *sor, user string) (string, string) {
			return alertPath(e.newAlert(t), "transition"), `{"to": "in_review", "version": 1}`
		},
		"POST /v1/alerts/{id}/assign": func(t *testing.T, e *sor, user string) (string, string) {
			return alertPath(e.newAlert(t), "assign"), fmt.Sprintf(`{"assignee": %q, "version": 1}`, user)
		},
		"POST /v1/alerts/{id}/decision": func(t *testing.T, e *sor, user string) (string, string) {
			// Only the assignee or a supervisor may decide: the analyst
			// and the supervisor decide an alert they took themselves.
			mover := "ann2"
			if user == "ann" || user == "sue" {
				mover = user
			}
			a := e.move(t, mover, e.newAlert(t), "in_review", "")
			return alertPath(a, "decision"), fmt.Sprintf(`{"disposition": "inconclusive", "reason": "no date of birth", "version": %d}`, a.Version)
		},
		"POST /v1/alerts/{id}/approve": func(t *testing.T, e *sor, user string) (string, string) {
			a := e.decide(t, "ann2", e.move(t, "ann2", e.newAlert(t), "in_review", ""), "true_match")
			return alertPath(a, "approve"), fmt.Sprintf(`{"version": %d, "comment": "agreed"}`, a.Version)
		},
		"POST /v1/alerts/{id}/notes": func(t *testing.T, e *sor, user string) (string, string) {
			return alertPath(e.newAlert(t), "notes"), `{"text": "called the client"}`
		},
		"GET /v1/jobs":                     fixed("/v1/jobs", ""),
		"GET /v1/lists/refreshes":          fixed("/v1/lists/refreshes?source=un_sc", ""),
		"POST /v1/lists/{source}/refresh":  fixed("/v1/lists/un_sc/refresh", ""),
		"GET /v1/webhooks":                 fixed("/v1/webhooks", ""),
		"POST /v1/webhooks":                fixed("/v1/webhooks", `{"url": "http://127.0.0.1:9/hook", "events": ["alert.created"]}`),
		"POST /v1/webhooks/{id}/disable":   hookRoute(false, "disable"),
		"POST /v1/webhooks/{id}/enable":    hookRoute(false, "enable"),
		"POST /v1/webhooks/{id}/test":      hookRoute(true, "test"),
		"GET /v1/webhooks/{id}/deliveries": hookRoute(false, "deliveries"),
		"POST /v1/subjects/batch": func(t *testing.T, e *sor, user string) (string, string) {
			e.seq++
			return "/v1/subjects/batch", fmt.Sprintf(`{"subjects": [{"id": "B-%d", "name": "Margaret Thornbury"}]}`, e.seq)
		},
		"GET /v1/subjects/{id}/monitoring": func(t *testing.T, e *sor, user string) (string, string) {
			return "/v1/subjects/" + e.newAlert(t).SubjectID + "/monitoring", ""
		},
		"POST /v1/subjects/{id}/monitoring": func(t *testing.T, e *sor, user string) (string, string) {
			return "/v1/subjects/" + e.newAlert(t).SubjectID + "/monitoring", `{"until": "2031-12-31", "reason": "contract ends"}`
		},
		"POST /v1/subjects/{id}/monitoring/end": func(t *testing.T, e *sor, user string) (string, string) {
			return "/v1/subjects/" + e.newAlert(t).SubjectID + "/monitoring/end", `{"reason": "customer left"}`
		},
		"POST /v1/rescreen":    fixed("/v1/rescreen", `{"reason": "threshold changed"}`),
		"GET /v1/revets":       fixed("/v1/revets", ""),
		"GET /v1/revets/{id}":  fixed("/v1/revets/1", ""),
		"GET /v1/audit":        fixed("/v1/audit", ""),
		"GET /v1/audit/verify": fixed("/v1/audit/verify", ""),
		"GET /v1/users":        fixed("/v1/users", ""),
		"POST /v1/users": func(t *testing.T, e *sor, user string) (string, string) {
			e.seq++
			return "/v1/users", fmt.Sprintf(`{"username": "new%d", "roles": ["analyst"]}`, e.seq)
		},
		"POST /v1/keys": fixed("/v1/keys", `{"username": "sam"}`),
		"GET /v1/keys":  fixed("/v1/keys", ""),
		"POST /v1/users/{name}/disable": func(t *testing.T, e *sor, user string) (string, string) {
			e.seq++
			name := fmt.Sprintf("gone%d", e.seq)
			if _, err := e.db.CreateUser(t.Context(), store.System, name, []auth.Role{auth.RoleScreener}); err != nil {
				t.Fatal(err)
			}
			return "/v1/users/" + name + "/disable", ""
		},
		"GET /v1/reports/late-matches": fixed("/v1/reports/late-matches", ""),

		"GET /v1/export/alerts":     fixed("/v1/export/alerts?format=csv", ""),
		"GET /v1/export/screenings": fixed("/v1/export/screenings", ""),
		"GET /v1/export/subjects":   fixed("/v1/export/subjects?format=xlsx", ""),
		"GET /v1/export/audit":      fixed("/v1/export/audit?format=jsonl", ""),
		"POST /match/{dataset}":     fixed("/match/default", `{"queries": {"q1": {"schema": "Person", "properties": {"name": ["`+zawahiri+`"]}}}}`),
		"GET /search/{dataset}":     fixed("/search/default?q=Zawahiri", ""),
		"GET /entities/{id}":        fixed("/entities/un_sc-111923", ""),
		"GET /algorithms":           fixed("/algorithms", ""),
		"POST /v1/keys/activate": func(t *testing.T, e *sor, user string) (string, string) {
			e.seq++
			name := fmt.Sprintf("act%d", e.seq)
			if _, err := e.db.CreateUser(t.Context(), store.System, name, []auth.Role{auth.RoleAnalyst}); err != nil {
				t.Fatal(err)
			}
			_, act, err := e.db.CreateActivation(t.Context(), store.System, name)
			if err != nil {
				t.Fatal(err)
			}
			return "/v1/keys/activate", `{"activation": "` + act + `"}`
		},
		"GET /v1/auth/failures": fixed("/v1/auth/failures", ""),
		"GET /v1/network/exposure": func(t *testing.T, e *sor, user string) (string, string) {
			return "/v1/network/exposure?node=subject:" + netSubject(t, e), ""
		},
		"GET /v1/network/neighbourhood": fixed("/v1/network/neighbourhood?node=un_sc/111923", ""),
		"GET /v1/network/edges":         fixed("/v1/network/edges?node=un_sc/111923", ""),
		"POST /v1/network/edges": func(t *testing.T, e *sor, user string) (string, string) {
			return "/v1/network/edges", `{"edges": [{"from": "subject:` + netSubject(t, e) + `", "to": "un_sc/111923", "relation": "family_of"}]}`
		},
		"POST /v1/network/edges/{id}/retract": func(t *testing.T, e *sor, user string) (string, string) {
			// The caller's own edge: someone else's needs a supervisor.
			a, err := e.db.AssertEdges(t.Context(), auth.Principal{Username: user}, []store.EdgeInput{{From: "subject:" + netSubject(t, e), To: "un_sc/111923",
				Relation: "paid", Confidence: "1", Source: "roles"}})
			if err != nil {
				t.Fatal(err)
			}
			return fmt.Sprintf("/v1/network/edges/%d/retract", a.Added[0].ID), `{"reason": "test"}`
		},
		"POST /v1/network/import": func(t *testing.T, e *sor, user string) (string, string) {
			return "/v1/network/import?name=r.csv", "from,to,relation\nsubject:" + netSubject(t, e) + ",un_sc/111923,paid\n"
		},
		"POST /v1/network/vet": fixed("/v1/network/vet", ""),
		"GET /v1/network/vets": fixed("/v1/network/vets?status=failed", ""),
		"POST /v1/network/vets/{id}/retry": func(t *testing.T, e *sor, user string) (string, string) {
			// A vet whose job gave up.
			a, err := e.db.AssertEdges(t.Context(), auth.Principal{Username: user}, []store.EdgeInput{{From: "subject:" + netSubject(t, e), To: "un_sc/111923",
				Relation: "paid", Confidence: "1", Source: "roles"}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.db.NetworkVetFailed(t.Context(), store.System, a.Vet, 10, "graph unreadable", true); err != nil {
				t.Fatal(err)
			}
			return fmt.Sprintf("/v1/network/vets/%d/retry", a.Vet), ""
		},
		"GET /v1/network/ownership":     fixed("/v1/network/ownership?node=un_sc/111923", ""),
		"GET /v1/network/fifty-percent": fixed("/v1/network/fifty-percent", ""),
		"GET /v1/network/clusters":      fixed("/v1/network/clusters", ""),
		"GET /v1/network/export":        fixed("/v1/network/export?node=un_sc/111923", ""),
		"DELETE /v1/keys/{id}": func(t *testing.T, e *sor, user string) (string, string) {
			k, _, err := e.db.CreateKey(t.Context(), store.System, "sam")
			if err != nil {
				t.Fatal(err)
			}
			return "/v1/keys/" + k.ID, ""
		},
	}
}

// TestRoutes_Roles walks every route of the table with every role against
// a real server and database: allowed roles get a 2xx answer, the others
// 403, and a request without a key (or with an unknown one) 401, unless
// the route is public.
func TestRoutes_Roles(t *testing.T) {
	e := newSOR(t, httpapi.Config{})
	srv := httpapi.New(httpapi.Config{Service: service.New(service.Config{}), Logger: quietLogger()})
	requests := roleRequests()
	var patterns []string
	for _, rt := range srv.Routes() {
		patterns = append(patterns, rt.Pattern())
		if _, ok := roleTable[rt.Pattern()]; !ok {
			t.Errorf("route %s is not in roleTable", rt.Pattern())
		}
		if (rt.Permission == httpapi.PermPublic) != (roleTable[rt.Pattern()] == "*") {
			t.Errorf("route %s: public in the server = %v, in roleTable %q", rt.Pattern(), rt.Permission == httpapi.PermPublic, roleTable[rt.Pattern()])
		}
	}
	for p := range roleTable {
		if !slices.Contains(patterns, p) {
			t.Errorf("roleTable has %s, which the server does not route", p)
		}
	}
	users := []string{"sam", "ann", "sue", "aud", "adm"} // screener, analyst, supervisor, auditor, admin
	roles := []string{"screener", "analyst", "supervisor", "auditor", "admin"}
	checked := 0
	for _, pattern := range patterns {
		method, _, _ := strings.Cut(pattern, " ")
		allowed := strings.Fields(roleTable[pattern])
		prep := requests[pattern]
		if prep == nil {
			t.Errorf("no request prepared for %s", pattern)
			continue
		}
		t.Run(pattern, func(t *testing.T) {
			path, body := prep(t, e, "")
			code, raw := e.send(t, "", method, path, body)
			if roleTable[pattern] == "*" {
				if code < 200 || code > 299 {
					t.Errorf("public route without a key = %d, want 2xx: %s", code, raw)
				}
				return
			}
			if code != 401 {
				t.Errorf("without a key = %d, want 401: %s", code, raw)
			}
			if code, _ := e.send(t, "", method, path, body, "Authorization", "Bearer vgl_000000000000_"+strings.Repeat("0", 64)); code != 401 {
				t.Errorf("with an unknown key = %d, want 401", code)
			}
			for i, user := range users {
				path, body := prep(t, e, user)
				code, raw := e.send(t, user, method, path, body)
				if slices.Contains(allowed, roles[i]) {
					if code < 200 || code > 299 {
						t.Errorf("as %s = %d, want 2xx: %s", roles[i], code, raw)
					}
				} else if code != 403 {
					t.Errorf("as %s = %d, want 403: %s", roles[i], code, raw)
				}
				checked++
			}
		})
	}
	public := 0
	for _, r := range roleTable {
		if r == "*" {
			public++
		}
	}
	if want := 5 * (len(roleTable) - public); checked != want {
		t.Errorf("checked %d route × role pairs, want %d", checked, want)
	}
}

// hookRoute creates a webhook (enabled when the route needs it) and
// returns the path of verb on it.
func hookRoute(enabled bool, verb string) roleRequest {
	return func(t *testing.T, e *sor, user string) (string, string) {
		h, err := e.db.CreateWebhook(t.Context(), store.System, "http://127.0.0.1:9/hook", nil, "whsec_test")
		if err != nil {
			t.Fatal(err)
		}
		if !enabled {
			if _, err := e.db.SetWebhookEnabled(t.Context(), store.System, h.ID, false, "test"); err != nil {
				t.Fatal(err)
			}
		}
		return fmt.Sprintf("/v1/webhooks/%d/%s", h.ID, verb), ""
	}
}
