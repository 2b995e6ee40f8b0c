package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/review"
)

// alertRow is an alert with the columns only the store needs.
type alertRow struct {
	review.Alert
	subjectRowID int64
	subjectAttrs string
	// proposalRaw and recordsRaw are the proposal and records columns as
	// stored, and fp what a change did to false-positive memory: for the
	// audit entry (bind.go).
	proposalRaw, recordsRaw string
	fp                      *fpChange
}

const alertColumns = `a.id, a.version, s.external_id, a.subject_id, a.list, a.source_id, a.status, a.score, a.assignee,
	a.disposition, a.reason, a.closed_by, a.approved_by, a.proposal, a.hit, a.record, a.subject_attrs, a.changes,
	a.screening_id, a.created_at, a.updated_at, a.records, a.cause, a.kind
	FROM alerts a JOIN subjects s ON s.id = a.subject_id`

type scanner interface{ Scan(...any) error }

func scanAlert(sc scanner) (*alertRow, error) {
	var a alertRow
	var status, disp, proposal, hit, record, changes, created, updated, records, cause string
	err := sc.Scan(&a.ID, &a.Version, &a.SubjectID, &a.subjectRowID, &a.List, &a.SourceID, &status, &a.Score, &a.Assignee,
		&disp, &a.Reason, &a.ClosedBy, &a.ApprovedBy, &proposal, &hit, &record, &a.subjectAttrs, &changes,
		&a.ScreeningID, &created, &updated, &records, &cause, &a.Kind)
	if err != nil {
		return nil, err
	}
	a.Status, a.Disposition = review.Status(status), review.Disposition(disp)
	a.Hit, a.Record = json.RawMessage(hit), json.RawMessage(record)
	a.CreatedAt, a.UpdatedAt = parseTime(created), parseTime(updated)
	a.proposalRaw, a.recordsRaw = proposal, records
	if cause != "" {
		a.Cause = json.RawMessage(cause)
	}
	if proposal != "" {
		a.Proposal = new(review.Proposal)
		if err := json.Unmarshal([]byte(proposal), a.Proposal); err != nil {
			return nil, fmt.Errorf("alert %d proposal: %w", a.ID, err)
		}
	}
	if changes != "" {
		if err := json.Unmarshal([]byte(changes), &a.Changes); err != nil {
			return nil, fmt.Errorf("alert %d changes: %w", a.ID, err)
		}
	}
	if err := a.readRecords(records); err != nil {
		return nil, err
	}
	return &a, nil
}

// readRecords fills a.Records from the records column, or, for an alert
// raised before that column existed, from the stored hit and its Also.
func (a *alertRow) readRecords(records string) error {
	if records != "" {
		if err := json.Unmarshal([]byte(records), &a.Records); err != nil {
			return fmt.Errorf("alert %d records: %w", a.ID, err)
		}
		return nil
	}
	var h vigil.Hit
	if err := json.Unmarshal(a.Hit, &h); err != nil {
		return fmt.Errorf("alert %d hit: %w", a.ID, err)
	}
	h.List, h.SourceID = a.List, a.SourceID
	a.Records = (&Hit{Hit: h}).refs()
	return nil
}

// lists returns the lists of every record of the alert's identity.
func (a *alertRow) lists() []string {
	out := []string{a.List}
	for _, r := range a.Records {
		out = append(out, r.List)
	}
	return out
}

func (tx *tx) getAlert(ctx context.Context, id int64) (*alertRow, error) {
	a, err := scanAlert(tx.QueryRowContext(ctx, `SELECT `+alertColumns+` WHERE a.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "no alert %d", id)
	}
	return a, nil
}

// GetAlert returns one alert.
func (db *DB) GetAlert(ctx context.Context, id int64) (*review.Alert, error) {
	a, err := scanAlert(db.sql.QueryRowContext(ctx, `SELECT `+alertColumns+` WHERE a.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "no alert %d", id)
	}
	return &a.Alert, nil
}

// AlertFilter selects alerts. Empty fields match everything.
type AlertFilter struct {
	Status    review.Status
	Assignee  string
	SubjectID string
	// List keeps alerts with any record of their identity on this list.
	List string
	// MinScore keeps alerts scoring at least this much.
	MinScore float64
	// CreatedAfter (inclusive) and CreatedBefore (exclusive) bound when the
	// alert was raised; zero means unbounded.
	CreatedAfter, CreatedBefore time.Time
	// Limit is at most 1000; 0 means 100. Offset skips that many.
	Limit, Offset int
}

// ListAlerts returns a page of matching alerts, oldest first, and the
// total number that match.
func (db *DB) ListAlerts(ctx context.Context, f AlertFilter) ([]*review.Alert, int, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Status != "" {
		add("a.status = $%d", string(f.Status))
	}
	if f.Assignee != "" {
		add("a.assignee = $%d", f.Assignee)
	}
	if f.SubjectID != "" {
		add("s.external_id = $%d", f.SubjectID)
	}
	if f.List != "" {
		add("EXISTS (SELECT 1 FROM alert_records r WHERE r.alert_id = a.id AND r.list = $%d)", f.List)
	}
	if f.MinScore > 0 {
		add("a.score >= $%d", f.MinScore)
	}
	// created_at is fixed-width UTC text, so text order is time order.
	if !f.CreatedAfter.IsZero() {
		add("a.created_at >= $%d", fmtTime(f.CreatedAfter))
	}
	if !f.CreatedBefore.IsZero() {
		add("a.created_at < $%d", fmtTime(f.CreatedBefore))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	if f.Limit > 1000 || f.Offset < 0 {
		return nil, 0, apperr.Field("limit", "want a limit of at most 1000 and an offset of at least 0")
	}
	var total int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM alerts a JOIN subjects s ON s.id = a.subject_id`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list alerts: %w", err)
	}
	q := fmt.Sprintf(`SELECT %s%s ORDER BY a.id LIMIT %d OFFSET %d`, alertColumns, cond, f.Limit, f.Offset)
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list alerts: %w", err)
	}
	defer rows.Close()
	var out []*review.Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list alerts: %w", err)
		}
		out = append(out, &a.Alert)
	}
	return out, total, rows.Err()
}

// AlertNotes returns an alert's notes, oldest first.
func (db *DB) AlertNotes(ctx context.Context, alertID int64) ([]*review.Note, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, alert_id, author, text, at FROM alert_notes WHERE alert_id = $1 ORDER BY id`, alertID)
	if err != nil {
		return nil, fmt.Errorf("alert notes: %w", err)
	}
	defer rows.Close()
	var out []*review.Note
	for rows.Next() {
		var n review.Note
		var at string
		if err := rows.Scan(&n.ID, &n.AlertID, &n.Author, &n.Text, &at); err != nil {
			return nil, fmt.Errorf("alert notes: %w", err)
		}
		n.At = parseTime(at)
		out = append(out, &n)
	}
	return out, rows.Err()
}

var _ scanner = (*sql.Row)(nil)
