package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
)

// Kinds of rows of api_keys.
const (
	keyKindKey        = "key"
	keyKindActivation = "activation"
)

// ActivationTTL is how long an activation can be exchanged.
const ActivationTTL = 72 * time.Hour

// CreateActivation makes a one-time activation for username: it
// authenticates nothing, and the user exchanges it (Activate) for an API
// key that only they see. It is refused while the user has a working key
// (only they may hold their credentials; revoke theirs first, which they
// will notice), and it voids any activation of theirs still pending.
func (db *DB) CreateActivation(ctx context.Context, actor auth.Principal, username string) (*Key, string, error) {
	if err := checkText("username", username, 64); err != nil {
		return nil, "", err
	}
	var k *Key
	var secret string
	err := db.inTx(ctx, func(tx *tx) error {
		var userID int64
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT id, disabled FROM users WHERE username = $1`, username).Scan(&userID, &disabled)
		if err != nil {
			return notFound(err, "no user %q", username)
		}
		if disabled {
			return apperr.New(apperr.Invalid, "user %q is disabled", username)
		}
		var working int
		err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM api_keys WHERE user_id = $1 AND kind = $2 AND revoked_at = ''`,
			userID, keyKindKey).Scan(&working)
		if err != nil {
			return fmt.Errorf("activation for %s: %w", username, err)
		}
		if working > 0 {
			return apperr.New(apperr.Conflict, "user %q has a working API key: nobody else may obtain a key of theirs; "+
				"revoke their keys first if they lost them", username)
		}
		if err := tx.voidActivations(ctx, actor, userID); err != nil {
			return err
		}
		id, act, hash, err := auth.NewActivation()
		if err != nil {
			return err
		}
		expires := fmtTime(tx.now.Add(ActivationTTL))
		_, err = tx.ExecContext(ctx, `INSERT INTO api_keys (id, user_id, secret_hash, created_at, kind, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			id, userID, hash, fmtTime(tx.now), keyKindActivation, expires)
		if err != nil {
			return fmt.Errorf("create activation: %w", err)
		}
		err = tx.appendAudit(ctx, actor, audit.ActionKeyCreate, "key/"+id, map[string]any{"user": username, "kind": keyKindActivation,
			"bind": keyBind{UserID: userID, SecretHash: digest(hash), Kind: keyKindActivation, ExpiresAt: expires}})
		if err != nil {
			return err
		}
		exp := parseTime(expires)
		k, secret = &Key{ID: id, Username: username, CreatedAt: tx.now, Kind: keyKindActivation, ExpiresAt: &exp}, act
		return nil
	})
	return k, secret, err
}

// voidActivations revokes the pending activations of a user.
func (tx *tx) voidActivations(ctx context.Context, actor auth.Principal, userID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM api_keys WHERE user_id = $1 AND kind = $2 AND revoked_at = ''`, userID, keyKindActivation)
	if err != nil {
		return fmt.Errorf("pending activations: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("pending activations: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("pending activations: %w", err)
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = $1 WHERE id = $2`, fmtTime(tx.now), id); err != nil {
			return fmt.Errorf("void activation %s: %w", id, err)
		}
		if err := tx.appendAudit(ctx, actor, audit.ActionKeyRevoke, "key/"+id, map[string]any{"reason": "replaced by a new activation"}); err != nil {
			return err
		}
	}
	return nil
}

// Activate exchanges an activation, once, for an API key of the same
// user, returned with its full secret (shown this once). The entry in the
// audit trail is the user's own. An unknown, used, voided or expired
// activation, or one of a disabled user, is apperr.Unauthorized.
func (db *DB) Activate(ctx context.Context, activation string) (*Key, string, error) {
	actID, secret, err := auth.ParseActivation(activation)
	if err != nil {
		return nil, "", err
	}
	invalid := apperr.New(apperr.Unauthorized, "invalid, used or expired activation: ask an administrator for a new one")
	var k *Key
	var key string
	err = db.inTx(ctx, func(tx *tx) error {
		var p auth.Principal
		var roles, hash, revoked, kind, expires string
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT u.id, u.username, u.roles, u.disabled, k.secret_hash, k.revoked_at, k.kind, k.expires_at
			FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.id = $1`, actID).
			Scan(&p.UserID, &p.Username, &roles, &disabled, &hash, &revoked, &kind, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			return invalid
		}
		if err != nil {
			return fmt.Errorf("activate: %w", err)
		}
		if disabled || revoked != "" || kind != keyKindActivation || !auth.SecretMatches(secret, hash) ||
			!tx.now.Before(parseTime(expires)) {
			return invalid
		}
		p.Roles = splitRoles(roles)
		res, err := tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at = ''`, fmtTime(tx.now), actID)
		if err != nil {
			return fmt.Errorf("activate: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return invalid
		}
		id, full, khash, err := auth.NewKey()
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO api_keys (id, user_id, secret_hash, created_at, kind) VALUES ($1, $2, $3, $4, $5)`,
			id, p.UserID, khash, fmtTime(tx.now), keyKindKey)
		if err != nil {
			return fmt.Errorf("activate: %w", err)
		}
		err = tx.appendAudit(ctx, p, audit.ActionKeyActivate, "key/"+id, map[string]any{"user": p.Username, "activation": actID,
			"bind": keyBind{UserID: p.UserID, SecretHash: digest(khash)}})
		if err != nil {
			return err
		}
		k, key = &Key{ID: id, Username: p.Username, CreatedAt: tx.now, Kind: keyKindKey}, full
		return nil
	})
	return k, key, err
}

// UserRoles returns the roles of an existing user.
func (db *DB) UserRoles(ctx context.Context, username string) ([]auth.Role, error) {
	var roles string
	err := db.sql.QueryRowContext(ctx, `SELECT roles FROM users WHERE username = $1`, username).Scan(&roles)
	if err != nil {
		return nil, notFound(err, "no user %q", username)
	}
	return splitRoles(roles), nil
}
