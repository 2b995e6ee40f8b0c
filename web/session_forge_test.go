package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"testing"
)

// TestForgedSessionRefused: a session row written or changed in the
// database behind Vigil's back (an admin session under a token of the
// attacker's choosing, an analyst's session moved to the admin) signs
// nobody in: no sign-in audit entry backs it.
func TestForgedSessionRefused(t *testing.T) {
	dialects(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		hash := func(tok string) string {
			sum := sha256.Sum256([]byte(tok))
			return hex.EncodeToString(sum[:])
		}
		var admin int64
		if err := s.db.SQL().QueryRow(`SELECT id FROM users WHERE username = 'dave'`).Scan(&admin); err != nil {
			t.Fatal(err)
		}
		// The admin's own session is real, so the forgery can name its entry.
		d := s.client()
		d.signIn("dave", password)
		if r := d.get("/"); r.StatusCode != 200 {
			t.Fatalf("the admin's own session: %d", r.StatusCode)
		}
		var seq int64
		if err := s.db.SQL().QueryRow(`SELECT audit_seq FROM web_sessions WHERE user_id = $1`, admin).Scan(&seq); err != nil {
			t.Fatal(err)
		}
		const token = "attacker-chosen-token"
		if _, err := s.db.SQL().Exec(`INSERT INTO web_sessions (id_hash, user_id, csrf, created_at, seen_at, expires_at, audit_seq)
			VALUES ($1, $2, 'x', '2026-01-01T00:00:00.000000Z', '2099-01-01T00:00:00.000000Z', '2099-01-01T00:00:00.000000Z', $3)`,
			hash(token), admin, seq); err != nil {
			t.Fatal(err)
		}
		f := s.client()
		f.cookies["vigil_session"] = token
		if r := f.get("/"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("a forged admin session: %d, want a redirect to sign in", r.StatusCode)
		}

		b := s.client()
		b.signIn("bob", password)
		if r := b.get("/"); r.StatusCode != 200 {
			t.Fatalf("bob's session: %d", r.StatusCode)
		}
		if _, err := s.db.SQL().Exec(`UPDATE web_sessions SET user_id = $1 WHERE id_hash = $2`, admin, hash(b.cookies["vigil_session"])); err != nil {
			t.Fatal(err)
		}
		if r := b.get("/"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("an analyst's session moved to the admin: %d, want a redirect to sign in", r.StatusCode)
		}
	})
}
