package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
)

// Sessions of the web application (package web). They live in the
// database so that every process serving one database knows them: a
// sign-in on one is a session on all, a sign-out on one ends it on all.
// Only the SHA-256 of a session's token is stored, so a copy of the
// table signs nobody in.

// WebSession is a signed-in session.
type WebSession struct {
	Principal auth.Principal
	// CSRF is the token every form of the session must carry.
	CSRF      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// SessionLimits bound a session's life.
type SessionLimits struct {
	// Idle ends a session after this long without a request.
	Idle time.Duration
	// Absolute ends it this long after sign-in, whatever happens.
	Absolute time.Duration
}

func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// sessionBind is a web session as its sign-in wrote it: the entry of
// the sign-in (audit.ActionSignIn) carries it, and the row names the
// entry (audit_seq), so that a row no sign-in wrote, or one changed since
// (another user, a later expiry), is refused by WebSessionFor and
// reported by Verify. Rows vanish without an entry (sign-out, expiry, a
// disabled user); they never appear or change without one. The token's
// hash is bound by its own SHA-256.
type sessionBind struct {
	IDHash    string `json:"id_hash_sha256"`
	UserID    int64  `json:"user_id"`
	CreatedAt string `json:"created_at"`
	ExpiresAt string `json:"expires_at"`
}

// CreateWebSession starts a session for the user and returns its token
// (for the cookie, never stored) and the session. The sign-in's audit
// entry, with details and the session's bind, is written with it.
// Expired sessions are deleted on the way.
func (db *DB) CreateWebSession(ctx context.Context, p auth.Principal, lim SessionLimits, details map[string]any) (string, *WebSession, error) {
	token, err := randomToken()
	if err != nil {
		return "", nil, err
	}
	csrf, err := randomToken()
	if err != nil {
		return "", nil, err
	}
	var s *WebSession
	err = db.inTx(ctx, func(tx *tx) error {
		now := tx.now
		s = &WebSession{Principal: p, CSRF: csrf, CreatedAt: now, ExpiresAt: now.Add(lim.Absolute)}
		if _, err := tx.ExecContext(ctx, `DELETE FROM web_sessions WHERE expires_at < $1`, fmtTime(now)); err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		h := tokenHash(token)
		b := sessionBind{IDHash: digest(h), UserID: p.UserID, CreatedAt: fmtTime(now), ExpiresAt: fmtTime(s.ExpiresAt)}
		d := map[string]any{}
		for k, v := range details {
			d[k] = v
		}
		d["bind"] = b
		e := tx.reserveAudit(ctx, p, audit.ActionSignIn, "user/"+p.Username)
		if err := tx.fillAudit(e, d); err != nil {
			return err
		}
		// The row names its entry: write the entry now to learn its seq.
		if err := tx.flushAudit(ctx); err != nil {
			return err
		}
		tx.pending = nil
		_, err := tx.ExecContext(ctx, `INSERT INTO web_sessions (id_hash, user_id, csrf, created_at, seen_at, expires_at, audit_seq)
			VALUES ($1, $2, $3, $4, $4, $5, $6)`, h, p.UserID, csrf, b.CreatedAt, b.ExpiresAt, e.Seq)
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return token, s, nil
}

// WebSessionFor returns the live session of a token with its user as the
// user is now (roles, enabled), and marks it seen. An unknown, expired or
// idle session, or one whose user is disabled, is apperr.Unauthorized; so
// is one that its sign-in's audit entry does not back (written or changed
// behind the store's back).
func (db *DB) WebSessionFor(ctx context.Context, token string, lim SessionLimits) (*WebSession, error) {
	if token == "" || len(token) > 100 {
		return nil, apperr.New(apperr.Unauthorized, "not signed in")
	}
	h := tokenHash(token)
	now := db.now().UTC()
	var s WebSession
	var roles, created, seen, expires string
	var disabled bool
	var action, details sql.NullString
	err := db.sql.QueryRowContext(ctx, `SELECT u.id, u.username, u.roles, u.disabled, w.csrf, w.created_at, w.seen_at, w.expires_at, a.action, a.details
		FROM web_sessions w JOIN users u ON u.id = w.user_id
		LEFT JOIN audit_log a ON a.seq = w.audit_seq AND a.seq <= (SELECT seq FROM audit_head WHERE id = 1)
		WHERE w.id_hash = $1`, h).
		Scan(&s.Principal.UserID, &s.Principal.Username, &roles, &disabled, &s.CSRF, &created, &seen, &expires, &action, &details)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.Unauthorized, "not signed in, or the session has ended")
	}
	if err != nil {
		return nil, fmt.Errorf("read session: %w", err)
	}
	var d struct {
		Bind *sessionBind `json:"bind"`
	}
	if action.String != string(audit.ActionSignIn) || json.Unmarshal([]byte(details.String), &d) != nil || d.Bind == nil ||
		*d.Bind != (sessionBind{IDHash: digest(h), UserID: s.Principal.UserID, CreatedAt: created, ExpiresAt: expires}) {
		return nil, apperr.New(apperr.Unauthorized, "the session does not match its sign-in in the audit trail: sign in again (run vigil audit verify)")
	}
	s.Principal.Roles = splitRoles(roles)
	s.CreatedAt, s.ExpiresAt = parseTime(created), parseTime(expires)
	seenAt := parseTime(seen)
	if disabled || !now.Before(s.ExpiresAt) || now.Sub(seenAt) >= lim.Idle {
		if _, err := db.sql.ExecContext(ctx, `DELETE FROM web_sessions WHERE id_hash = $1`, h); err != nil {
			return nil, fmt.Errorf("end session: %w", err)
		}
		return nil, apperr.New(apperr.Unauthorized, "the session has ended: sign in again")
	}
	// Writing seen_at on every request would make every page a write;
	// once a minute is precise enough for an idle limit of minutes.
	if now.Sub(seenAt) > time.Minute {
		if _, err := db.sql.ExecContext(ctx, `UPDATE web_sessions SET seen_at = $1 WHERE id_hash = $2`, fmtTime(now), h); err != nil {
			return nil, fmt.Errorf("touch session: %w", err)
		}
	}
	return &s, nil
}

// DeleteWebSession ends the session of a token (nothing happens for an
// unknown token).
func (db *DB) DeleteWebSession(ctx context.Context, token string) error {
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM web_sessions WHERE id_hash = $1`, tokenHash(token)); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// DeleteUserWebSessions ends every session of a user.
func (db *DB) DeleteUserWebSessions(ctx context.Context, userID int64) error {
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM web_sessions WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("end sessions: %w", err)
	}
	return nil
}

// Lockout configures how many failed sign-ins lock a name out.
type Lockout struct {
	// Failures within Window lock the name for Lock.
	Failures int
	Window   time.Duration
	Lock     time.Duration
}

// LockedUntil returns until when sign-ins under a name are refused (zero
// when they are not).
func (db *DB) LockedUntil(ctx context.Context, username string) (time.Time, error) {
	var until string
	err := db.sql.QueryRowContext(ctx, `SELECT locked_until FROM web_signin_failures WHERE username = $1`, username).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) || until == "" {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read sign-in failures: %w", err)
	}
	t := parseTime(until)
	if !db.now().Before(t) {
		return time.Time{}, nil
	}
	return t, nil
}

// RecordSignInFailure counts a failed sign-in under a name and returns
// until when the name is now locked out (zero when it is not).
func (db *DB) RecordSignInFailure(ctx context.Context, username string, l Lockout) (time.Time, error) {
	var locked time.Time
	err := db.inTx(ctx, func(tx *tx) error {
		// Names tried long ago are forgotten, so that guessing many names
		// does not grow the table without end.
		old := fmtTime(tx.now.Add(-2 * max(l.Window, l.Lock)))
		if _, err := tx.ExecContext(ctx, `DELETE FROM web_signin_failures WHERE first_at < $1 AND locked_until < $1`, old); err != nil {
			return fmt.Errorf("forget sign-in failures: %w", err)
		}
		var n int
		var first, until string
		err := tx.QueryRowContext(ctx, `SELECT failures, first_at, locked_until FROM web_signin_failures WHERE username = $1`, username).
			Scan(&n, &first, &until)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.ExecContext(ctx, `INSERT INTO web_signin_failures (username, failures, first_at) VALUES ($1, 1, $2)
				ON CONFLICT (username) DO UPDATE SET failures = web_signin_failures.failures + 1`, username, fmtTime(tx.now))
			if err != nil {
				return fmt.Errorf("count sign-in failure: %w", err)
			}
			if l.Failures <= 1 {
				locked = tx.now.Add(l.Lock)
				_, err = tx.ExecContext(ctx, `UPDATE web_signin_failures SET locked_until = $1 WHERE username = $2`, fmtTime(locked), username)
			}
			return err
		case err != nil:
			return fmt.Errorf("count sign-in failure: %w", err)
		}
		// A window that has passed, or a lock that has run out, starts
		// the count again.
		if tx.now.Sub(parseTime(first)) > l.Window || (until != "" && !tx.now.Before(parseTime(until))) {
			n, first, until = 0, fmtTime(tx.now), ""
		}
		n++
		if n >= l.Failures {
			locked = tx.now.Add(l.Lock)
			until = fmtTime(locked)
		}
		_, err = tx.ExecContext(ctx, `UPDATE web_signin_failures SET failures = $1, first_at = $2, locked_until = $3 WHERE username = $4`,
			n, first, until, username)
		if err != nil {
			return fmt.Errorf("count sign-in failure: %w", err)
		}
		return nil
	})
	return locked, err
}

// ValidUsername reports whether name is one a user can have.
func ValidUsername(name string) bool { return usernameRE.MatchString(name) }

// ClearSignInFailures forgets the failed sign-ins under a name.
func (db *DB) ClearSignInFailures(ctx context.Context, username string) error {
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM web_signin_failures WHERE username = $1`, username); err != nil {
		return fmt.Errorf("clear sign-in failures: %w", err)
	}
	return nil
}

// EnabledUser returns the principal of an enabled user, or
// apperr.Unauthorized (the same answer for a missing and a disabled one).
func (db *DB) EnabledUser(ctx context.Context, username string) (auth.Principal, error) {
	var p auth.Principal
	var roles string
	var disabled bool
	err := db.sql.QueryRowContext(ctx, `SELECT id, username, roles, disabled FROM users WHERE username = $1`, username).
		Scan(&p.UserID, &p.Username, &roles, &disabled)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && disabled) {
		return auth.Principal{}, apperr.New(apperr.Unauthorized, "no enabled user %q", username)
	}
	if err != nil {
		return auth.Principal{}, fmt.Errorf("read user: %w", err)
	}
	p.Roles = splitRoles(roles)
	return p, nil
}
