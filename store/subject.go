package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/review"
)

// Subject is a recorded subject with its history.
type Subject struct {
	ID        string        `json:"id"` // the caller's external id
	Attrs     vigil.Subject `json:"attributes"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
	// History holds every version of the attributes, oldest first.
	History    []SubjectVersion   `json:"history"`
	Screenings []*ScreeningRecord `json:"screenings"`
}

// SubjectVersion is one version of a subject's attributes.
type SubjectVersion struct {
	Attrs vigil.Subject `json:"attributes"`
	Actor string        `json:"actor"`
	At    time.Time     `json:"at"`
}

type subjectRow struct {
	id    int64
	extID string // the caller's id
	attrs review.Attrs
	fp    string
	isNew bool // created by this call: it has no alerts or memory yet
	// version is the subject_versions row this call wrote (0 when the
	// attributes did not change) and attrsDigest the digest of the
	// attributes it wrote with it, for the audit entry.
	version     int64
	attrsDigest string
}

func (r *subjectRow) bind() subjectBind {
	b := subjectBind{ID: r.id, Created: r.isNew, VersionID: r.version}
	if r.version != 0 {
		b.Attrs, b.Fingerprint = r.attrsDigest, r.fp
	}
	return b
}

// upsertSubject creates the subject or, when its attributes changed,
// updates it and adds a version. Touching the row first locks it, so
// concurrent screenings of one subject queue here.
func (tx *tx) upsertSubject(ctx context.Context, actor auth.Principal, extID string, s vigil.Subject) (*subjectRow, error) {
	attrs := review.SubjectAttrs(s)
	row := &subjectRow{extID: extID, attrs: attrs, fp: attrs.Fingerprint()}
	raw, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	now := fmtTime(tx.now)
	err = tx.QueryRowContext(ctx, `INSERT INTO subjects (external_id, attrs, fingerprint, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $4)
		ON CONFLICT (external_id) DO UPDATE SET updated_at = excluded.updated_at
		RETURNING id`, extID, string(raw), row.fp, now).Scan(&row.id)
	if err != nil {
		return nil, fmt.Errorf("subject %s: %w", extID, err)
	}
	var lastFP string
	err = tx.QueryRowContext(ctx, `SELECT fingerprint FROM subject_versions WHERE subject_id = $1 ORDER BY id DESC LIMIT 1`, row.id).Scan(&lastFP)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("subject %s: %w", extID, err)
	}
	if lastFP == row.fp {
		return row, nil
	}
	row.isNew = lastFP == ""
	if lastFP != "" {
		_, err = tx.ExecContext(ctx, `UPDATE subjects SET attrs = $1, fingerprint = $2 WHERE id = $3`, string(raw), row.fp, row.id)
		if err != nil {
			return nil, fmt.Errorf("subject %s: %w", extID, err)
		}
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO subject_versions (subject_id, attrs, fingerprint, actor, at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		row.id, string(raw), row.fp, actorName(actor), now).Scan(&row.version)
	if err != nil {
		return nil, fmt.Errorf("subject %s: %w", extID, err)
	}
	row.attrsDigest = digest(string(raw))
	return row, nil
}

// GetSubject returns a recorded subject with its history and screenings,
// and audits the view.
func (db *DB) GetSubject(ctx context.Context, actor auth.Principal, extID string) (*Subject, error) {
	var s *Subject
	err := db.inTx(ctx, func(tx *tx) error {
		var err error
		if s, err = tx.getSubject(ctx, extID); err != nil {
			return err
		}
		err = tx.appendAudit(ctx, actor, audit.ActionSubjectView, "subject/"+extID, struct{}{})
		return err
	})
	return s, err
}

func (tx *tx) getSubject(ctx context.Context, extID string) (*Subject, error) {
	if err := checkText("subject_id", extID, 200); err != nil {
		return nil, err
	}
	s := &Subject{ID: extID}
	var id int64
	var attrs, created, updated string
	err := tx.QueryRowContext(ctx, `SELECT id, attrs, created_at, updated_at FROM subjects WHERE external_id = $1`, extID).
		Scan(&id, &attrs, &created, &updated)
	if err != nil {
		return nil, notFound(err, "no subject %q", extID)
	}
	s.CreatedAt, s.UpdatedAt = parseTime(created), parseTime(updated)
	if err := json.Unmarshal([]byte(attrs), &s.Attrs); err != nil {
		return nil, fmt.Errorf("subject %s: %w", extID, err)
	}
	if s.History, err = tx.subjectVersions(ctx, id); err != nil {
		return nil, fmt.Errorf("subject %s: %w", extID, err)
	}
	if s.Screenings, err = tx.subjectScreenings(ctx, id); err != nil {
		return nil, fmt.Errorf("subject %s: %w", extID, err)
	}
	return s, nil
}

func (tx *tx) subjectVersions(ctx context.Context, id int64) ([]SubjectVersion, error) {
	rows, err := tx.QueryContext(ctx, `SELECT attrs, actor, at FROM subject_versions WHERE subject_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SubjectVersion
	for rows.Next() {
		var v SubjectVersion
		var attrs, at string
		if err := rows.Scan(&attrs, &v.Actor, &at); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(attrs), &v.Attrs); err != nil {
			return nil, err
		}
		v.At = parseTime(at)
		out = append(out, v)
	}
	return out, rows.Err()
}

func (tx *tx) subjectScreenings(ctx context.Context, id int64) ([]*ScreeningRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.actor, s.at, s.editions, s.threshold, s.engine, s.hits,
		(SELECT COUNT(*) FROM alerts a WHERE a.screening_id = s.id)
		FROM screenings s WHERE s.subject_id = $1 ORDER BY s.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ScreeningRecord
	for rows.Next() {
		var r ScreeningRecord
		var at, editions, hits string
		if err := rows.Scan(&r.ID, &r.Actor, &at, &editions, &r.Threshold, &r.Engine, &hits, &r.Alerts); err != nil {
			return nil, err
		}
		r.At = parseTime(at)
		if err := json.Unmarshal([]byte(editions), &r.Editions); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(hits), &r.Hits); err != nil {
			return nil, err
		}
		out = append(out, &r)
	}
	return out, rows.Err()
}
