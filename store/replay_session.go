package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/vigil-screening/vigil/audit"
)

// Web sessions (websession.go) are not a bound table like the others:
// their rows vanish without an entry (sign-out, expiry, a disabled user)
// and change seen_at on use. What the trail guarantees is that none
// appears or changes without its sign-in: every stored row must be one
// a web.sign_in entry bound, with the same user, times and entry.

// boundSession is a session as its sign-in bound it, with the entry.
type boundSession struct {
	sessionBind
	seq int64
}

// signIn records the session a sign-in bound (an entry from before the
// binding binds none).
func (r *replayer) signIn(e *audit.Entry) error {
	var d struct {
		Bind *sessionBind `json:"bind"`
	}
	if err := json.Unmarshal(e.Details, &d); err != nil {
		return &badEntry{fmt.Errorf("details of %s %s: %v", e.Action, e.Object, err)}
	}
	if d.Bind == nil {
		return nil
	}
	if r.sessions == nil {
		r.sessions = map[string]boundSession{}
	}
	r.sessions[d.Bind.IDHash] = boundSession{*d.Bind, e.Seq}
	return nil
}

// compareSessions reports every web_sessions row that no sign-in bound
// (extra) or that differs from its bind (changed).
func (db *DB) compareSessions(ctx context.Context, t *sql.Tx, r *replayer) error {
	rows, err := t.QueryContext(ctx, `SELECT id_hash, user_id, created_at, expires_at, audit_seq FROM web_sessions ORDER BY id_hash`)
	if err != nil {
		return fmt.Errorf("audit verify: web_sessions: %w", err)
	}
	defer rows.Close()
	rep := r.report
	for rows.Next() {
		var h, created, expires string
		var user, seq int64
		if err := rows.Scan(&h, &user, &created, &expires, &seq); err != nil {
			return fmt.Errorf("audit verify: web_sessions: %w", err)
		}
		rep.Rows++
		key := "(empty id_hash)" // the row's name: never the hash a cookie matches
		if d := digest(h); d != "" {
			key = d[:16]
		}
		b, ok := r.sessions[digest(h)]
		if !ok {
			rep.Add(audit.Difference{Problem: audit.Extra, Table: "web_sessions", Row: key,
				Found: fmt.Sprintf("user_id=%d created_at=%s audit_seq=%d", user, created, seq), Want: "no such row: no sign-in wrote it"})
			continue
		}
		for _, c := range []struct{ col, found, want string }{
			{"user_id", itoa(user), itoa(b.UserID)},
			{"created_at", created, b.CreatedAt},
			{"expires_at", expires, b.ExpiresAt},
			{"audit_seq", itoa(seq), itoa(b.seq)},
		} {
			if c.found != c.want {
				rep.Add(audit.Difference{Problem: audit.Changed, Table: "web_sessions", Row: key, Column: c.col, Found: c.found, Want: c.want, Seq: b.seq})
			}
		}
	}
	return rows.Err()
}
