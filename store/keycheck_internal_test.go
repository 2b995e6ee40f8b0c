package store

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
)

// TestKeyCheck: a screening authenticated from its key's last lookup
// (AuthenticateLater) is recorded only when the group commit's lookup
// finds the key's row unchanged: a user disabled or given other roles
// meanwhile records nothing (Unauthorized, or Unavailable: sent again, it
// is authenticated on the new row), and the next request is
// authenticated on what the commit found.
func TestKeyCheck(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn, dir string) {
		ctx := context.Background()
		db, err := Open(ctx, dsn, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.CreateUser(ctx, System, "kim", []auth.Role{auth.RoleScreener}); err != nil {
			t.Fatal(err)
		}
		_, key, err := db.CreateKey(ctx, System, "kim")
		if err != nil {
			t.Fatal(err)
		}
		s := Screening{Subject: vigil.Subject{Name: "Ayman al Zawahiri"}, Editions: []string{"aaa"}, Threshold: 0.8}
		later := func() (auth.Principal, *KeyCheck) {
			t.Helper()
			p, c, err := db.AuthenticateLater(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			return p, c
		}
		record := func(p auth.Principal, c *KeyCheck) error {
			t.Helper()
			tk := db.Announce()
			_, err := tk.Record(WithKeyCheck(ctx, c), p, s)
			return err
		}
		entries := func() int { return auditEntries(t, db) }

		if _, c := later(); c != nil {
			t.Fatal("a key never looked up was not looked up")
		}
		p, c := later()
		if c == nil || p.Username != "kim" {
			t.Fatalf("after a lookup: %+v, check %v; want kim from the last lookup", p, c)
		}
		if err := record(p, c); err != nil {
			t.Fatal(err)
		}
		q := db.KeyQueries()
		if err := c.Confirm(ctx); err != nil || db.KeyQueries() != q {
			t.Fatalf("confirm after the commit confirmed it: %v, %d lookups", err, db.KeyQueries()-q)
		}

		// Other roles: refused, to be sent again.
		p, c = later()
		if _, err := db.sql.ExecContext(ctx, `UPDATE users SET roles = 'analyst' WHERE username = 'kim'`); err != nil {
			t.Fatal(err)
		}
		n := entries()
		if err := record(p, c); apperr.CodeOf(err) != apperr.Unavailable {
			t.Fatalf("recorded with roles changed meanwhile: %v, want Unavailable", err)
		}
		if entries() != n {
			t.Fatal("an entry was written for a key whose roles changed")
		}
		if p, _ = later(); len(p.Roles) != 1 || p.Roles[0] != auth.RoleAnalyst {
			t.Fatalf("then authenticated as %+v, want the new roles", p)
		}

		// Disabled: refused.
		p, c = later()
		if err := db.DisableUser(ctx, System, "kim"); err != nil {
			t.Fatal(err)
		}
		n = entries()
		if err := record(p, c); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Fatalf("recorded for a disabled user: %v, want Unauthorized", err)
		}
		if entries() != n {
			t.Fatal("an entry was written for a disabled user's key")
		}
		if _, _, err := db.AuthenticateLater(ctx, key); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Fatalf("then AuthenticateLater = %v, want Unauthorized", err)
		}
	})
}
