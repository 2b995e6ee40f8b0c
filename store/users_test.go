package store_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

func TestBootstrapAndAuthenticate(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		key, err := db.Bootstrap(ctx)
		if err != nil || !strings.HasPrefix(key, "vgl_") {
			t.Fatalf("Bootstrap = %q, %v; want a vgl_ key", key, err)
		}
		again, err := db.Bootstrap(ctx)
		if err != nil || again != "" {
			t.Fatalf("second Bootstrap = %q, %v; want nothing", again, err)
		}
		p, err := db.Authenticate(ctx, key)
		if err != nil || p.Username != "admin" || !p.Has(auth.RoleAdmin) {
			t.Fatalf("Authenticate = %+v, %v", p, err)
		}
		// The stored hash is not the secret.
		var stored string
		if err := db.SQL().QueryRow(`SELECT secret_hash FROM api_keys`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(key, stored) {
			t.Fatalf("secret stored in clear")
		}
		bad := []string{"", "vgl_", key[:len(key)-1] + "0", key[:len(key)-1], "Bearer " + key, "vgl_zzzzzzzzzzzz_" + strings.Repeat("0", 64),
			"vgl_000000000000_" + strings.Repeat("0", 64), "\xff\xfe", strings.Repeat("a", 1<<16)}
		if key[len(key)-1] == '0' {
			bad[2] = key[:len(key)-1] + "1"
		}
		for _, k := range bad {
			if _, err := db.Authenticate(ctx, k); apperr.CodeOf(err) != apperr.Unauthorized {
				t.Errorf("Authenticate(%.40q) = %v, want unauthorized", k, err)
			}
		}
	})
}

func TestUsersAndKeys(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		mustUser(t, db, "alice", auth.RoleAnalyst)
		if _, err := db.CreateUser(ctx, store.System, "alice", []auth.Role{auth.RoleAnalyst}); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("duplicate user: %v, want conflict", err)
		}
		for _, tc := range []struct {
			name  string
			roles []auth.Role
		}{{"Bad Name", []auth.Role{auth.RoleAnalyst}}, {"bob", nil}, {"bob", []auth.Role{"root"}}, {"", []auth.Role{auth.RoleAdmin}}} {
			if _, err := db.CreateUser(ctx, store.System, tc.name, tc.roles); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("CreateUser(%q, %v) = %v, want invalid", tc.name, tc.roles, err)
			}
		}
		k, key, err := db.CreateKey(ctx, store.System, "alice")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(key, "vgl_"+k.ID+"_") {
			t.Fatalf("key %q does not carry id %q", key, k.ID)
		}
		if p, err := db.Authenticate(ctx, key); err != nil || p.Username != "alice" {
			t.Fatalf("Authenticate = %+v, %v", p, err)
		}
		if err := db.RevokeKey(ctx, store.System, k.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Authenticate(ctx, key); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Errorf("revoked key: %v", err)
		}
		if err := db.RevokeKey(ctx, store.System, k.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("revoke twice: %v", err)
		}
		_, key2, err := db.CreateKey(ctx, store.System, "alice")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.DisableUser(ctx, store.System, "alice"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Authenticate(ctx, key2); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Errorf("disabled user's key: %v", err)
		}
		if _, _, err := db.CreateKey(ctx, store.System, "nobody"); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("key for unknown user: %v", err)
		}
		users, err := db.ListUsers(ctx)
		if err != nil || len(users) != 1 || !users[0].Disabled {
			t.Fatalf("ListUsers = %+v, %v", users, err)
		}
		keys, err := db.ListKeys(ctx)
		if err != nil || len(keys) != 2 {
			t.Fatalf("ListKeys = %d keys, %v; want 2", len(keys), err)
		}
	})
}

func TestPasswords(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		mustUser(t, db, "carol", auth.RoleSupervisor)
		if err := db.SetPassword(ctx, store.System, "carol", "short"); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("short password: %v", err)
		}
		if err := db.SetPassword(ctx, store.System, "carol", "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		var stored string
		db.SQL().QueryRow(`SELECT password_hash FROM users WHERE username = 'carol'`).Scan(&stored)
		if !strings.HasPrefix(stored, "$argon2id$") || strings.Contains(stored, "horse") {
			t.Fatalf("stored password %q", stored)
		}
		if p, err := db.CheckPassword(ctx, "carol", "correct horse battery"); err != nil || p.Username != "carol" {
			t.Fatalf("CheckPassword = %+v, %v", p, err)
		}
		for _, pw := range []string{"correct horse batterY", "", "correct horse battery "} {
			if _, err := db.CheckPassword(ctx, "carol", pw); apperr.CodeOf(err) != apperr.Unauthorized {
				t.Errorf("CheckPassword(%q) = %v", pw, err)
			}
		}
		if _, err := db.CheckPassword(ctx, "nobody", "correct horse battery"); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Errorf("unknown user: %v", err)
		}
	})
}
