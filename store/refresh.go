package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/vigil-screening/vigil/auth"
)

// RefreshAttempt is one attempt to refresh a list from its publisher.
type RefreshAttempt struct {
	ID         int64     `json:"id"`
	Source     string    `json:"source"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	// Status is what came of it: "accepted" (a new edition is in force),
	// "unchanged" (the files were new but the edition was the one in
	// force), "not_modified" (the publisher said nothing changed),
	// "rejected" (the edition failed the import's checks or did not read;
	// the edition in force stays) or "failed" (the download failed).
	Status     string `json:"status"`
	HTTPStatus int    `json:"http_status,omitempty"`
	Bytes      int64  `json:"bytes"`
	Edition    string `json:"edition,omitempty"`
	Hash       string `json:"hash,omitempty"`
	Error      string `json:"error,omitempty"`
	Actor      string `json:"actor"`
	// Version is, for a delta source, the version held after the attempt.
	Version string `json:"version,omitempty"`
}

// Refresh outcomes.
const (
	RefreshAccepted    = "accepted"
	RefreshUnchanged   = "unchanged"
	RefreshNotModified = "not_modified"
	RefreshRejected    = "rejected"
	RefreshFailed      = "failed"
)

// maxRefreshError is the longest error text kept with an attempt.
const maxRefreshError = 4000

// RecordRefresh keeps an attempt to refresh a list and sets its ID.
func (db *DB) RecordRefresh(ctx context.Context, actor auth.Principal, a *RefreshAttempt) error {
	if err := checkText("source", a.Source, 200); err != nil {
		return err
	}
	if len(a.Error) > maxRefreshError {
		a.Error = a.Error[:maxRefreshError] + "..."
	}
	a.Actor = actorName(actor)
	return db.inTx(ctx, func(tx *tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO refresh_attempts (source, started_at, finished_at, status, http_status, bytes, edition, hash, error, actor, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			a.Source, fmtTime(a.StartedAt), fmtTime(a.FinishedAt), a.Status, a.HTTPStatus, a.Bytes, a.Edition, a.Hash, a.Error, a.Actor, a.Version).Scan(&a.ID)
		return wrap(err, "record refresh of "+a.Source)
	})
}

// RefreshAttempts returns the latest attempts, newest first: of one
// source, or of all when source is empty; at most limit.
func (db *DB) RefreshAttempts(ctx context.Context, source string, limit int) ([]RefreshAttempt, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT id, source, started_at, finished_at, status, http_status, bytes, edition, hash, error, actor, version
		FROM refresh_attempts WHERE $1 = '' OR source = $1 ORDER BY id DESC LIMIT $2`, source, limit)
	if err != nil {
		return nil, fmt.Errorf("refresh attempts: %w", err)
	}
	defer rows.Close()
	out := []RefreshAttempt{}
	for rows.Next() {
		var a RefreshAttempt
		var start, end string
		if err := rows.Scan(&a.ID, &a.Source, &start, &end, &a.Status, &a.HTTPStatus, &a.Bytes, &a.Edition, &a.Hash, &a.Error, &a.Actor, &a.Version); err != nil {
			return nil, fmt.Errorf("refresh attempts: %w", err)
		}
		a.StartedAt, a.FinishedAt = parseTime(start), parseTime(end)
		out = append(out, a)
	}
	return out, rows.Err()
}

// wrap adds what to a non-nil error.
func wrap(err error, what string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// SourceVersion returns the version of a delta source held, "" when none.
func (db *DB) SourceVersion(ctx context.Context, source string) (string, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, `SELECT version FROM source_versions WHERE source = $1`, source).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, wrap(err, "version of "+source)
}

// SetSourceVersion records the version of a delta source held.
func (db *DB) SetSourceVersion(ctx context.Context, source, version string) error {
	if err := checkText("version", version, 200); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO source_versions (source, version, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (source) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`, source, version, fmtTime(tx.now))
		return wrap(err, "version of "+source)
	})
}
