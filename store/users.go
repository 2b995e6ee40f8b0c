package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
)

// User is an account.
type User struct {
	ID          int64       `json:"id"`
	Username    string      `json:"username"`
	Roles       []auth.Role `json:"roles"`
	Disabled    bool        `json:"disabled"`
	HasPassword bool        `json:"has_password"`
	CreatedAt   time.Time   `json:"created_at"`
}

// Key describes an API key (never its secret).
type Key struct {
	ID        string    `json:"id"`
	Username  string    `json:"username"`
	CreatedAt time.Time `json:"created_at"`
	Revoked   bool      `json:"revoked"`
	// Kind is "key", or "activation" for a one-time activation (see
	// CreateActivation), which authenticates nothing and expires at
	// ExpiresAt; Revoked is then true once it has been used or voided.
	Kind      string     `json:"kind"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

func checkUser(name string, roles []auth.Role) error {
	if !usernameRE.MatchString(name) {
		return apperr.Field("username", "want 1-64 characters of a-z, 0-9, '.', '_' or '-'")
	}
	if auth.ReservedName(name) {
		return apperr.Field("username", "%q is reserved for actions that are not a user's (the audit trail names them so)", name)
	}
	if len(roles) == 0 {
		return apperr.Field("roles", "at least one role is required")
	}
	for _, r := range roles {
		if !auth.ValidRole(r) {
			return apperr.Field("roles", "unknown role %q", r)
		}
	}
	return nil
}

func joinRoles(roles []auth.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	slices.Sort(s)
	return strings.Join(slices.Compact(s), ",")
}

func splitRoles(s string) []auth.Role {
	var out []auth.Role
	for r := range strings.SplitSeq(s, ",") {
		if r != "" {
			out = append(out, auth.Role(r))
		}
	}
	return out
}

// CreateUser adds a user. A taken name gives apperr.Conflict.
func (db *DB) CreateUser(ctx context.Context, actor auth.Principal, username string, roles []auth.Role) (*User, error) {
	if err := checkUser(username, roles); err != nil {
		return nil, err
	}
	var u *User
	err := db.inTx(ctx, func(tx *tx) error {
		var err error
		u, err = tx.createUser(ctx, actor, username, roles)
		return err
	})
	return u, err
}

func (tx *tx) createUser(ctx context.Context, actor auth.Principal, username string, roles []auth.Role) (*User, error) {
	u := &User{Username: username, Roles: splitRoles(joinRoles(roles)), CreatedAt: tx.now}
	res, err := tx.ExecContext(ctx, `INSERT INTO users (username, roles, created_at) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING`,
		username, joinRoles(roles), fmtTime(tx.now))
	if err != nil {
		return nil, fmt.Errorf("create user %s: %w", username, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, apperr.New(apperr.Conflict, "user %q already exists", username)
	}
	if err := tx.QueryRowContext(ctx, `SELECT id FROM users WHERE username = $1`, username).Scan(&u.ID); err != nil {
		return nil, fmt.Errorf("create user %s: %w", username, err)
	}
	err = tx.appendAudit(ctx, actor, audit.ActionUserCreate, "user/"+username, map[string]any{"roles": u.Roles, "bind": userBind{ID: u.ID}})
	return u, err
}

// ListUsers returns all users by name.
func (db *DB) ListUsers(ctx context.Context) ([]*User, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, username, roles, disabled, password_hash, created_at FROM users ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []*User
	for rows.Next() {
		var u User
		var roles, pw, at string
		if err := rows.Scan(&u.ID, &u.Username, &roles, &u.Disabled, &pw, &at); err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		u.Roles, u.HasPassword, u.CreatedAt = splitRoles(roles), pw != "", parseTime(at)
		out = append(out, &u)
	}
	return out, rows.Err()
}

// DisableUser disables a user; their keys stop working.
func (db *DB) DisableUser(ctx context.Context, actor auth.Principal, username string) error {
	if err := checkText("username", username, 64); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET disabled = TRUE WHERE username = $1`, username)
		if err != nil {
			return fmt.Errorf("disable user %s: %w", username, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "no user %q", username)
		}
		err = tx.appendAudit(ctx, actor, audit.ActionUserDisable, "user/"+username, struct{}{})
		return err
	})
}

// SetPassword stores the argon2id hash of a user's password.
func (db *DB) SetPassword(ctx context.Context, actor auth.Principal, username, password string) error {
	if err := checkText("username", username, 64); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return apperr.Field("password", "%v", err)
	}
	return db.inTx(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE username = $2`, hash, username)
		if err != nil {
			return fmt.Errorf("set password %s: %w", username, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "no user %q", username)
		}
		err = tx.appendAudit(ctx, actor, audit.ActionUserPassword, "user/"+username, map[string]any{"bind": passwordBind{PasswordHash: digest(hash)}})
		return err
	})
}

// CheckPassword returns the principal of an enabled user whose password
// matches, or apperr.Unauthorized.
func (db *DB) CheckPassword(ctx context.Context, username, password string) (auth.Principal, error) {
	if checkText("username", username, 64) != nil || len(password) > 1024 {
		auth.CheckPasswordOrNone(password[:min(len(password), 1024)], "")
		return auth.Principal{}, apperr.New(apperr.Unauthorized, "wrong user name or password")
	}
	var p auth.Principal
	var roles, hash string
	var disabled bool
	err := db.sql.QueryRowContext(ctx, `SELECT id, username, roles, password_hash, disabled FROM users WHERE username = $1`, username).
		Scan(&p.UserID, &p.Username, &roles, &hash, &disabled)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return auth.Principal{}, fmt.Errorf("check password: %w", err)
	}
	// Every refusal costs one argon2id check (auth.CheckPasswordOrNone),
	// so the time taken does not tell whether the name exists.
	if ok := auth.CheckPasswordOrNone(password, hash); err != nil || disabled || !ok {
		return auth.Principal{}, apperr.New(apperr.Unauthorized, "wrong user name or password")
	}
	p.Roles = splitRoles(roles)
	return p, nil
}
