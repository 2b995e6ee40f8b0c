package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
)

// claimKey reserves an idempotency key for one operation inside tx. When
// the key was used before by the same actor, it decodes the first
// result into resp and reports replay = true: the caller must then write
// nothing. A key reused for a different request is a conflict. An empty
// key claims nothing.
//
// On PostgreSQL a concurrent request with the same key blocks on the
// primary key until the first commits, then replays its result.
func (tx *tx) claimKey(ctx context.Context, actor auth.Principal, key, op string, req, resp any) (replay bool, err error) {
	if key == "" {
		return false, nil
	}
	if err := checkText("idempotency_key", key, 200); err != nil {
		return false, err
	}
	b, err := json.Marshal(req)
	if err != nil {
		return false, fmt.Errorf("idempotency: %w", err)
	}
	sum := sha256.Sum256(append([]byte(op+"\n"), b...))
	reqHash := hex.EncodeToString(sum[:])
	res, err := tx.ExecContext(ctx, `INSERT INTO idempotency (actor, key, operation, request_hash, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (actor, key) DO NOTHING`, actorName(actor), key, op, reqHash, fmtTime(tx.now))
	if err != nil {
		return false, fmt.Errorf("idempotency: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return false, nil
	}
	var gotHash, stored string
	err = tx.QueryRowContext(ctx, `SELECT request_hash, response FROM idempotency WHERE actor = $1 AND key = $2`,
		actorName(actor), key).Scan(&gotHash, &stored)
	if err != nil {
		return false, fmt.Errorf("idempotency: %w", err)
	}
	if gotHash != reqHash {
		return false, apperr.New(apperr.Conflict, "idempotency key %q was used for a different request", key)
	}
	if err := json.Unmarshal([]byte(stored), resp); err != nil {
		return false, fmt.Errorf("idempotency: stored response: %w", err)
	}
	return true, nil
}

// saveResult stores the result of the operation that claimed key.
func (tx *tx) saveResult(ctx context.Context, actor auth.Principal, key string, resp any) error {
	if key == "" {
		return nil
	}
	b, err := json.Marshal(resp)
	if err != nil {
		return fmt.Errorf("idempotency: %w", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE idempotency SET response = $1 WHERE actor = $2 AND key = $3`, string(b), actorName(actor), key)
	if err != nil {
		return fmt.Errorf("idempotency: %w", err)
	}
	return nil
}
