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
