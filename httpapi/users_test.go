package httpapi_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/httpapi"
)

// An admin manages keys and users through the API as through the command
// line: a revoked key and the keys of a disabled user stop working at
// once, and both changes are audited under the admin's name.
func TestUsersAndKeys_API(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		var u struct{ Username string }
		e.call(t, 201, "adm", "POST", "/v1/users", `{"username": "kim", "roles": ["screener"]}`, &u)
		newKey := func() (id, key string) {
			t.Helper()
			var k struct {
				ID     string `json:"id"`
				APIKey string `json:"api_key"`
			}
			e.call(t, 201, "adm", "POST", "/v1/keys", `{"username": "kim"}`, &k)
			return k.ID, k.APIKey
		}
		screenAs := func(key string) int {
			t.Helper()
			e.keys["kim"] = key
			code, _ := e.send(t, "kim", "POST", "/v1/screen", `{"name": "`+zawahiri+`"}`)
			return code
		}
		id, key := newKey()
		if code := screenAs(key); code != 200 {
			t.Fatalf("kim screens = %d, want 200", code)
		}
		var keys struct {
			Keys []struct {
				ID       string `json:"id"`
				Username string `json:"username"`
				Revoked  bool   `json:"revoked"`
			} `json:"keys"`
		}
		e.call(t, 200, "adm", "GET", "/v1/keys", "", &keys)
		if len(keys.Keys) == 0 || keys.Keys[0].ID != id || keys.Keys[0].Username != "kim" || keys.Keys[0].Revoked {
			t.Fatalf("keys = %+v, want kim's new key first", keys)
		}
		var revoked struct {
			ID      string `json:"id"`
			Revoked bool   `json:"revoked"`
		}
		e.call(t, 200, "adm", "DELETE", "/v1/keys/"+id, "", &revoked)
		if revoked.ID != id || !revoked.Revoked {
			t.Fatalf("revoke = %+v", revoked)
		}
		if code := screenAs(key); code != 401 {
			t.Fatalf("kim screens with the revoked key = %d, want 401", code)
		}
		if code, raw := e.send(t, "adm", "DELETE", "/v1/keys/"+id, ""); code != 404 {
			t.Fatalf("revoking it again = %d %s, want 404", code, raw)
		}

		_, key = newKey()
		var disabled struct {
			Username string `json:"username"`
			Disabled bool   `json:"disabled"`
		}
		e.call(t, 200, "adm", "POST", "/v1/users/kim/disable", "", &disabled)
		if disabled.Username != "kim" || !disabled.Disabled {
			t.Fatalf("disable = %+v", disabled)
		}
		if code := screenAs(key); code != 401 {
			t.Fatalf("disabled kim screens = %d, want 401", code)
		}
		if code, _ := e.send(t, "adm", "POST", "/v1/users/nobody/disable", "{}"); code != 404 {
			t.Fatalf("disabling an unknown user = %d, want 404", code)
		}
		if code, raw := e.send(t, "adm", "POST", "/v1/users/kim/disable", `{"really": true}`); code != 400 || !strings.Contains(string(raw), "really") {
			t.Fatalf("disable with a body = %d %s, want 400 naming the field", code, raw)
		}
		var n int
		err := e.db.SQL().QueryRowContext(context.Background(),
			`SELECT COUNT(*) FROM audit_log WHERE actor = 'adm' AND action IN ('key.revoke', 'user.disable')`).Scan(&n)
		if err != nil || n != 2 {
			t.Fatalf("%d audited revocations and disablings by adm (%v), want 2", n, err)
		}
	})
}

// TestScreenKeyConfirmed: POST /v1/screen authenticates a key from its
// last lookup and has the commit of its audited screening confirm it, so
// a key revoked between two requests must still refuse the second at
// once, whatever it is: a screening (which must leave no entry), or a
// malformed one (401, not 400). A key never revoked is confirmed by the
// commit without a lookup of its own.
func TestScreenKeyConfirmed(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		ctx := context.Background()
		var u struct{ Username string }
		e.call(t, 201, "adm", "POST", "/v1/users", `{"username": "kim", "roles": ["screener"]}`, &u)
		kimEntries := func() int {
			t.Helper()
			var n int
			if err := e.db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE actor = 'kim'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		screen := `{"name": "` + zawahiri + `"}`
		failures := func() int {
			t.Helper()
			var f struct {
				Total int `json:"total"`
			}
			e.call(t, 200, "adm", "GET", "/v1/auth/failures", "", &f)
			return f.Total
		}
		batch := `{"subjects": [{"name": "` + zawahiri + `"}, {"name": "Vladimir Putin"}]}`
		for _, first := range []struct{ name, body string }{{"a screening", screen}, {"a malformed screening", `{"name": `}, {"a batch", batch}} {
			var k struct {
				ID     string `json:"id"`
				APIKey string `json:"api_key"`
			}
			e.call(t, 201, "adm", "POST", "/v1/keys", `{"username": "kim"}`, &k)
			e.keys["kim"] = k.APIKey
			before := kimEntries()
			for i := range 3 {
				if code, raw := e.send(t, "kim", "POST", "/v1/screen", screen); code != 200 {
					t.Fatalf("screening %d = %d %s, want 200", i, code, raw)
				}
			}
			q0 := e.db.KeyQueries()
			if code, raw := e.send(t, "kim", "POST", "/v1/screen", screen); code != 200 {
				t.Fatalf("screening = %d %s, want 200", code, raw)
			}
			if q := e.db.KeyQueries() - q0; q != 1 {
				t.Errorf("%d key lookups for a screening authenticated from the last one, want 1 (the commit's)", q)
			}
			e.call(t, 200, "adm", "DELETE", "/v1/keys/"+k.ID, "", nil)
			failed := failures()
			if code, raw := e.send(t, "kim", "POST", "/v1/screen", first.body); code != 401 {
				t.Fatalf("%s first with the revoked key = %d %s, want 401", first.name, code, raw)
			}
			if n := failures() - failed; n != 1 {
				t.Errorf("%s first with the revoked key: %d failed authentications counted, want 1", first.name, n)
			}
			if code, raw := e.send(t, "kim", "POST", "/v1/screen", screen); code != 401 {
				t.Fatalf("a screening then = %d %s, want 401", code, raw)
			}
			if n := kimEntries() - before; n != 4 {
				t.Fatalf("%d entries by kim, want 4: nothing recorded for the revoked key", n)
			}
		}
	})
}
