package httpapi_test

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/httpapi"
)

// An analyst cannot take over an alert another analyst works on by
// putting it back to open and taking it again; a supervisor can.
func TestSoD_NoTakeover(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		a := e.newAlert(t)
		a = e.move(t, "ann", a, "in_review", "")
		if a.Assignee != "ann" {
			t.Fatalf("assignee %q, want ann", a.Assignee)
		}
		for _, to := range []string{"open", "escalated"} {
			code, raw := e.send(t, "ann2", "POST", fmt.Sprintf("/v1/alerts/%d/transition", a.ID),
				fmt.Sprintf(`{"to": %q, "version": %d, "reason": "mine now"}`, to, a.Version))
			if code != 403 || !strings.Contains(string(raw), "assigned to ann") {
				t.Fatalf("ann2 moves ann's alert to %s = %d %s, want 403", to, code, raw)
			}
		}
		if got := e.alert(t, a.ID); got.Assignee != "ann" || got.Status != "in_review" || got.Version != a.Version {
			t.Fatalf("alert after the refused takeover: %+v", got)
		}
		// ann herself may put it back; a supervisor may move it.
		back := e.move(t, "sue", a, "open", "")
		if back.Assignee != "" || back.Status != "open" {
			t.Fatalf("supervisor's move: %+v", back)
		}
	})
}

// An alert may be assigned only to someone who may review it.
func TestSoD_AssignOnlyToReviewers(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		a := e.newAlert(t)
		for _, who := range []string{"sam", "aud", "adm"} {
			code, raw := e.send(t, "sue", "POST", fmt.Sprintf("/v1/alerts/%d/assign", a.ID),
				fmt.Sprintf(`{"assignee": %q, "version": %d}`, who, a.Version))
			if code != 400 || !strings.Contains(string(raw), `"field":"assignee"`) {
				t.Errorf("assign to %s = %d %s, want 400 naming assignee", who, code, raw)
			}
		}
		var out alertJSON
		e.call(t, 200, "sue", "POST", fmt.Sprintf("/v1/alerts/%d/assign", a.ID),
			fmt.Sprintf(`{"assignee": "ann2", "version": %d}`, a.Version), &out)
		if out.Assignee != "ann2" {
			t.Fatalf("assignee %q, want ann2", out.Assignee)
		}
	})
}

type newKeyJSON struct {
	ID        string `json:"id"`
	Username  string `json:"username"`
	Kind      string `json:"kind"`
	ExpiresAt string `json:"expires_at"`
	APIKey    string `json:"api_key"`
}

// A key an admin makes for a user who reviews is a one-time activation:
// it authenticates nothing, the user exchanges it once for a key only
// they see, and while they hold one nobody can make another for them.
func TestSoD_Activation(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		e.call(t, 201, "adm", "POST", "/v1/users", `{"username": "rev", "roles": ["analyst"]}`, nil)
		var act newKeyJSON
		e.call(t, 201, "adm", "POST", "/v1/keys", `{"username": "rev"}`, &act)
		if act.Kind != "activation" || !strings.HasPrefix(act.APIKey, "vga_") || act.ExpiresAt == "" {
			t.Fatalf("admin's key for a reviewer = %+v, want an activation", act)
		}
		e.keys["rev"] = act.APIKey
		if code, raw := e.send(t, "rev", "GET", "/v1/alerts", ""); code != 401 || !strings.Contains(string(raw), "activation") {
			t.Fatalf("the activation used as a key = %d %s, want 401 saying it is an activation", code, raw)
		}
		var key newKeyJSON
		e.call(t, 201, "", "POST", "/v1/keys/activate", `{"activation": "`+act.APIKey+`"}`, &key)
		if key.Kind != "key" || !strings.HasPrefix(key.APIKey, "vgl_") || key.Username != "rev" {
			t.Fatalf("exchanged = %+v, want rev's key", key)
		}
		e.keys["rev"] = key.APIKey
		e.call(t, 200, "rev", "GET", "/v1/alerts", "", nil)
		if code, raw := e.send(t, "", "POST", "/v1/keys/activate", `{"activation": "`+act.APIKey+`"}`); code != 401 {
			t.Fatalf("the activation used twice = %d %s, want 401", code, raw)
		}
		// rev has a working key: nobody else may obtain another.
		if code, raw := e.send(t, "adm", "POST", "/v1/keys", `{"username": "rev"}`); code != 409 {
			t.Fatalf("a second key for rev by the admin = %d %s, want 409", code, raw)
		}
		// The supervisors of the fixture too: no admin can hold two
		// supervisors' keys.
		for _, sup := range []string{"sue", "sid"} {
			if code, raw := e.send(t, "adm", "POST", "/v1/keys", `{"username": "`+sup+`"}`); code != 409 {
				t.Fatalf("admin makes a key for %s = %d %s, want 409", sup, code, raw)
			}
		}
		// A screener's key is a key.
		var k newKeyJSON
		e.call(t, 201, "adm", "POST", "/v1/keys", `{"username": "sam"}`, &k)
		if k.Kind != "key" || !strings.HasPrefix(k.APIKey, "vgl_") {
			t.Fatalf("screener's key = %+v", k)
		}
		// The exchange is the user's own act in the trail, and verifies.
		var actor string
		if err := e.db.SQL().QueryRow(`SELECT actor FROM audit_log WHERE action = 'key.activate'`).Scan(&actor); err != nil || actor != "rev" {
			t.Fatalf("key.activate actor %q (%v), want rev", actor, err)
		}
		e.auditCount(t)
	})
}

// Names of actors that are not users cannot be taken.
func TestSoD_ReservedNames(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		for _, name := range []string{"system", "open", "operator"} {
			code, raw := e.send(t, "adm", "POST", "/v1/users", `{"username": "`+name+`", "roles": ["supervisor"]}`)
			if code != 400 || !strings.Contains(string(raw), `"field":"username"`) || !strings.Contains(string(raw), "reserved") {
				t.Errorf("user %q = %d %s, want 400 reserved", name, code, raw)
			}
		}
	})
}

// Failed authentications are counted and logged, rate-limited.
func TestSoD_FailedAuthentication(t *testing.T) {
	var logs syncBuffer
	e := newSORon(t, "", httpapi.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	e.keys["mallory"] = "vgl_000000000000_" + strings.Repeat("ab", 32)
	const n = 50
	for i := 0; i < n; i++ {
		if code, _ := e.send(t, "mallory", "GET", "/v1/alerts", ""); code != 401 {
			t.Fatalf("bad key = %d, want 401", code)
		}
	}
	e.send(t, "", "POST", "/v1/keys/activate", `{"activation": "vga_000000000000_`+strings.Repeat("cd", 32)+`"}`)
	var f struct {
		Total  int64            `json:"total"`
		ByKind map[string]int64 `json:"by_kind"`
	}
	e.call(t, 200, "aud", "GET", "/v1/auth/failures", "", &f)
	if f.Total != n+1 || f.ByKind["api_key"] != n || f.ByKind["activation"] != 1 {
		t.Fatalf("failures = %+v, want %d (%d keys, 1 activation)", f, n+1, n)
	}
	lines := strings.Count(logs.String(), "authentication failed")
	if lines < 2 || lines > 4 {
		t.Fatalf("%d log lines for %d failures, want one per kind and client (rate-limited):\n%s", lines, n+1, logs.String())
	}
	if code, _ := e.send(t, "sam", "GET", "/v1/auth/failures", ""); code != 403 {
		t.Fatalf("a screener reads the failures = %d, want 403", code)
	}
}
