package store

import (
	"context"
	"fmt"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
)

// CreateKey makes a new API key for an enabled user and returns it with
// the full key string, which is not stored and cannot be shown again.
func (db *DB) CreateKey(ctx context.Context, actor auth.Principal, username string) (*Key, string, error) {
	var k *Key
	var secret string
	err := db.inTx(ctx, func(tx *tx) error {
		var err error
		k, secret, err = tx.createKey(ctx, actor, username)
		return err
	})
	return k, secret, err
}

func (tx *tx) createKey(ctx context.Context, actor auth.Principal, username string) (*Key, string, error) {
	if err := checkText("username", username, 64); err != nil {
		return nil, "", err
	}
	var userID int64
	var disabled bool
	err := tx.QueryRowContext(ctx, `SELECT id, disabled FROM users WHERE username = $1`, username).Scan(&userID, &disabled)
	if err != nil {
		return nil, "", notFound(err, "no user %q", username)
	}
	if disabled {
		return nil, "", apperr.New(apperr.Invalid, "user %q is disabled", username)
	}
	id, key, hash, err := auth.NewKey()
	if err != nil {
		return nil, "", err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO api_keys (id, user_id, secret_hash, created_at, kind) VALUES ($1, $2, $3, $4, $5)`,
		id, userID, hash, fmtTime(tx.now), keyKindKey)
	if err != nil {
		return nil, "", fmt.Errorf("create key: %w", err)
	}
	if err := tx.appendAudit(ctx, actor, audit.ActionKeyCreate, "key/"+id,
		map[string]any{"user": username, "bind": keyBind{UserID: userID, SecretHash: digest(hash)}}); err != nil {
		return nil, "", err
	}
	return &Key{ID: id, Username: username, CreatedAt: tx.now, Kind: keyKindKey}, key, nil
}

// RevokeKey revokes an API key by id.
func (db *DB) RevokeKey(ctx context.Context, actor auth.Principal, id string) error {
	if err := checkText("id", id, 64); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at = ''`, fmtTime(tx.now), id)
		if err != nil {
			return fmt.Errorf("revoke key %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "no active key %q", id)
		}
		err = tx.appendAudit(ctx, actor, audit.ActionKeyRevoke, "key/"+id, struct{}{})
		return err
	})
}

// ListKeys returns all API keys, newest first.
func (db *DB) ListKeys(ctx context.Context) ([]*Key, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT k.id, u.username, k.created_at, k.revoked_at, k.kind, k.expires_at
		FROM api_keys k JOIN users u ON u.id = k.user_id ORDER BY k.created_at DESC, k.id`)
	if err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	defer rows.Close()
	var out []*Key
	for rows.Next() {
		var k Key
		var at, revoked, expires string
		if err := rows.Scan(&k.ID, &k.Username, &at, &revoked, &k.Kind, &expires); err != nil {
			return nil, fmt.Errorf("list keys: %w", err)
		}
		k.CreatedAt, k.Revoked = parseTime(at), revoked != ""
		if expires != "" {
			t := parseTime(expires)
			k.ExpiresAt = &t
		}
		out = append(out, &k)
	}
	return out, rows.Err()
}

// Authenticate returns the principal an API key acts as. Unknown,
// revoked and malformed keys, and keys of disabled users, all give the
// same apperr.Unauthorized error.
func (db *DB) Authenticate(ctx context.Context, apiKey string) (auth.Principal, error) {
	if auth.IsActivation(apiKey) {
		return auth.Principal{}, apperr.New(apperr.Unauthorized,
			"this is an activation, not an API key: exchange it once for your key (POST /v1/keys/activate or 'vigil keys activate')")
	}
	id, secret, err := auth.ParseKey(apiKey)
	if err != nil {
		return auth.Principal{}, err
	}
	r := db.lookupKey(ctx, id)
	if r.err != nil {
		return auth.Principal{}, r.err
	}
	if !r.found || r.disabled || r.revoked != "" || r.kind != keyKindKey || !auth.SecretMatches(secret, r.hash) {
		return auth.Principal{}, apperr.New(apperr.Unauthorized, "invalid API key")
	}
	p := auth.Principal{UserID: r.userID, Username: r.username}
	p.Roles = splitRoles(r.roles)
	return p, nil
}

// Bootstrap creates the first admin, named "admin", when there are no
// users, and returns its API key for the caller to show once. It returns
// "" when users already exist.
func (db *DB) Bootstrap(ctx context.Context) (string, error) {
	var key string
	err := db.inTx(ctx, func(tx *tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
			return fmt.Errorf("bootstrap: %w", err)
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.createUser(ctx, System, "admin", []auth.Role{auth.RoleAdmin}); err != nil {
			return err
		}
		var err error
		_, key, err = tx.createKey(ctx, System, "admin")
		return err
	})
	if apperr.CodeOf(err) == apperr.Conflict {
		return "", nil // another process created it first
	}
	return key, err
}
