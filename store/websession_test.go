package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestWebSessionBound: a session row is proved by its sign-in's audit
// entry. A row written behind the store's back (a forged admin session)
// or changed since (an analyst's session moved to the admin) is refused
// at lookup and reported by Verify; a session that ends (sign-out, a
// disabled user) leaves nothing to report.
func TestWebSessionBound(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		lim := store.SessionLimits{Idle: time.Hour, Absolute: 12 * time.Hour}
		admin := mustUser(t, db, "ada", auth.RoleAdmin)
		ann := mustUser(t, db, "ann", auth.RoleAnalyst)
		adaTok, _, err := db.CreateWebSession(ctx, admin, lim, nil)
		if err != nil {
			t.Fatal(err)
		}
		annTok, _, err := db.CreateWebSession(ctx, ann, lim, map[string]any{"via": "oidc"})
		if err != nil {
			t.Fatal(err)
		}
		bobTok, _, err := db.CreateWebSession(ctx, ann, lim, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{adaTok, annTok, bobTok} {
			if _, err := db.WebSessionFor(ctx, tok, lim); err != nil {
				t.Fatalf("a session just started: %v", err)
			}
		}
		if err := db.DeleteWebSession(ctx, bobTok); err != nil { // signed out: the row vanishes
			t.Fatal(err)
		}
		v := mustVerify(t, db)
		if v.Finding != nil || len(v.State.Differences) > 0 {
			t.Fatalf("verify of honest sessions: %+v\n%s", v.Finding, diffs(v.State))
		}

		// A forged admin session, even one naming a real sign-in entry.
		var seq int64
		db.SQL().QueryRow(`SELECT audit_seq FROM web_sessions WHERE id_hash = $1`, sha(adaTok)).Scan(&seq)
		exec(t, db, fmt.Sprintf(`INSERT INTO web_sessions (id_hash, user_id, csrf, created_at, seen_at, expires_at, audit_seq)
			VALUES ('%s', %d, 'x', '2026-01-02T03:04:05.000000Z', '2026-01-02T03:04:05.000000Z', '2099-01-01T00:00:00.000000Z', %d)`,
			sha("forged"), admin.UserID, seq))
		exec(t, db, fmt.Sprintf(`INSERT INTO web_sessions (id_hash, user_id, csrf, created_at, seen_at, expires_at, audit_seq)
			VALUES ('', %d, 'x', '', '', '', 0)`, admin.UserID))
		if _, err := db.WebSessionFor(ctx, "forged", lim); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Errorf("a forged session = %v, want unauthorized", err)
		}
		// An analyst's session moved to the admin.
		exec(t, db, fmt.Sprintf(`UPDATE web_sessions SET user_id = %d WHERE id_hash = '%s'`, admin.UserID, sha(annTok)))
		if s, err := db.WebSessionFor(ctx, annTok, lim); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Errorf("an analyst's session moved to the admin = %+v, %v; want unauthorized", s, err)
		}
		if _, err := db.WebSessionFor(ctx, adaTok, lim); err != nil {
			t.Errorf("the admin's own session: %v", err)
		}
		v = mustVerify(t, db)
		got := names(v.State)
		wantDiffs := []string{want(audit.Extra, "web_sessions", sha(sha("forged"))[:16], ""), want(audit.Extra, "web_sessions", "(empty id_hash)", ""),
			want(audit.Changed, "web_sessions", sha(sha(annTok))[:16], "user_id")}
		slices.Sort(wantDiffs)
		if !slices.Equal(got, wantDiffs) {
			t.Errorf("verify after tampering:\n got %v\nwant %v", got, wantDiffs)
		}
	})
}
