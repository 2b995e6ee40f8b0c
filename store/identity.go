package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
)

// A hit merges one listed identity across lists: its own record and the
// records in Also. Everything that decides about an alert (four eyes, one
// open alert per identity, false-positive memory) looks at all of them,
// kept in the alert_records table.

// refs returns the records of the hit's identity, its own first, without
// duplicates.
func (h *Hit) refs() []review.Ref {
	out := []review.Ref{{List: h.List, SourceID: h.SourceID}}
	for _, r := range h.Also {
		ref := review.Ref{List: r.List, SourceID: r.SourceID}
		if !containsRef(out, ref) {
			out = append(out, ref)
		}
	}
	return out
}

// recordOf returns the list record of ref that came with the hit, or nil.
func (h *Hit) recordOf(r review.Ref) *entity.Entity {
	if h.Record != nil && r.List == h.List && r.SourceID == h.SourceID {
		return h.Record
	}
	for _, e := range h.AlsoRecords {
		if e != nil && e.List == r.List && e.ID == r.SourceID {
			return e
		}
	}
	return nil
}

func containsRef(refs []review.Ref, r review.Ref) bool {
	for _, x := range refs {
		if x == r {
			return true
		}
	}
	return false
}

// openAlertFor returns the oldest alert of the subject that is not closed
// and covers any of refs.
func (tx *tx) openAlertFor(ctx context.Context, subjectID int64, refs []review.Ref) (int64, bool, error) {
	args := []any{subjectID}
	conds := make([]string, len(refs))
	for i, r := range refs {
		args = append(args, r.List, r.SourceID)
		conds[i] = fmt.Sprintf("(r.list = $%d AND r.source_id = $%d)", len(args)-1, len(args))
	}
	q := `SELECT r.alert_id FROM alert_records r JOIN alerts a ON a.id = r.alert_id
		WHERE r.subject_id = $1 AND a.status <> 'closed' AND (` + strings.Join(conds, " OR ") + `)
		ORDER BY r.alert_id LIMIT 1`
	var id int64
	err := tx.QueryRowContext(ctx, q, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("open alert of the identity: %w", err)
	}
	return id, true, nil
}

// addRecords adds the hit's records to an alert's group and returns those
// that were not in it yet, in the hit's order, with the digest of the
// record stored. All rows go in one statement: one round trip however
// many lists name the identity.
func (tx *tx) addRecords(ctx context.Context, alertID, subjectID int64, h *Hit) ([]recordBind, error) {
	refs := h.refs()
	var q strings.Builder
	q.WriteString(`INSERT INTO alert_records (alert_id, subject_id, list, source_id, record) VALUES `)
	args := make([]any, 0, 5*len(refs))
	raws := make([]string, len(refs))
	for i, r := range refs {
		if e := h.recordOf(r); e != nil {
			var err error
			if raws[i], err = tx.recordJSON(e); err != nil {
				return nil, err
			}
		}
		if i > 0 {
			q.WriteString(", ")
		}
		k := len(args)
		fmt.Fprintf(&q, "($%d, $%d, $%d, $%d, $%d)", k+1, k+2, k+3, k+4, k+5)
		args = append(args, alertID, subjectID, r.List, r.SourceID, raws[i])
	}
	q.WriteString(` ON CONFLICT (alert_id, list, source_id) DO NOTHING RETURNING list, source_id`)
	inserted, err := tx.insertedRefs(ctx, q.String(), args)
	if err != nil {
		return nil, fmt.Errorf("alert %d records: %w", alertID, err)
	}
	var added []recordBind
	for i, r := range refs {
		if inserted[r] {
			added = append(added, recordBind{List: r.List, SourceID: r.SourceID, Record: digest(raws[i])})
		}
	}
	return added, nil
}

// recordJSON encodes a list record once per transaction: a new alert
// stores its primary record both in alerts and in alert_records.
func (tx *tx) recordJSON(e *entity.Entity) (string, error) {
	if s, ok := tx.records[e]; ok {
		return s, nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return "", err
	}
	if tx.records == nil {
		tx.records = map[*entity.Entity]string{}
	}
	tx.records[e] = string(b)
	return string(b), nil
}

// insertedRefs runs a statement ending in RETURNING list, source_id (an
// INSERT or a DELETE) and returns the refs of the rows it touched.
func (tx *tx) insertedRefs(ctx context.Context, query string, args []any) (map[review.Ref]bool, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[review.Ref]bool{}
	for rows.Next() {
		var r review.Ref
		if err := rows.Scan(&r.List, &r.SourceID); err != nil {
			return nil, err
		}
		out[r] = true
	}
	return out, rows.Err()
}

// mergeIntoAlert records that a screening's hit is the same identity as
// an open alert of the subject: the records the alert did not cover yet
// join its group (which can make it need four eyes), its version moves so
// that a reviewer's stale view is refused, and the audit trail says so.
// The alert is read locked (on PostgreSQL; SQLite's writer holds the
// whole database), so the entry says exactly what it was before.
func (tx *tx) mergeIntoAlert(ctx context.Context, actor auth.Principal, alertID int64, subj *subjectRow, screeningID int64, h *Hit) error {
	added, err := tx.addRecords(ctx, alertID, subj.id, h)
	if err != nil || len(added) == 0 {
		return err
	}
	a, err := tx.lockAlertImage(ctx, alertID)
	if err != nil {
		return err
	}
	before := a.image()
	var refs []review.Ref
	if a.recordsRaw != "" {
		if err := json.Unmarshal([]byte(a.recordsRaw), &refs); err != nil {
			return fmt.Errorf("alert %d records: %w", alertID, err)
		}
	}
	addedRefs := make([]review.Ref, len(added))
	for i, r := range added {
		addedRefs[i] = review.Ref{List: r.List, SourceID: r.SourceID}
	}
	refs = append(refs, addedRefs...)
	b, err := json.Marshal(refs)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE alerts SET records = $1, version = $2, updated_at = $3 WHERE id = $4`,
		string(b), a.Version+1, fmtTime(tx.now), alertID)
	if err != nil {
		return fmt.Errorf("alert %d records: %w", alertID, err)
	}
	a.recordsRaw, a.Version, a.UpdatedAt = string(b), a.Version+1, tx.now
	return tx.appendAudit(ctx, actor, audit.ActionAlertMerge, fmt.Sprintf("alert/%d", alertID),
		details{"screening_id": screeningID, "added": addedRefs, "hit": review.Ref{List: h.List, SourceID: h.SourceID}.String(),
			"bind": mergeBind{Before: before, After: a.image(), SubjectID: subj.id, Records: added}})
}

// lockAlertImage reads the columns of an alert that change after it is
// raised, locking the row on PostgreSQL.
func (tx *tx) lockAlertImage(ctx context.Context, id int64) (*alertRow, error) {
	q := `SELECT version, status, assignee, disposition, reason, closed_by, approved_by, proposal, updated_at, records FROM alerts WHERE id = $1`
	if tx.db.dialect == dialectPostgres {
		q += ` FOR UPDATE`
	}
	var a alertRow
	var status, disp, updated string
	err := tx.QueryRowContext(ctx, q, id).Scan(&a.Version, &status, &a.Assignee, &disp, &a.Reason, &a.ClosedBy, &a.ApprovedBy,
		&a.proposalRaw, &updated, &a.recordsRaw)
	if err != nil {
		return nil, fmt.Errorf("alert %d: %w", id, err)
	}
	a.ID, a.Status, a.Disposition, a.UpdatedAt = id, review.Status(status), review.Disposition(disp), parseTime(updated)
	return &a, nil
}

// groupRecord is one record of an alert's group as stored.
type groupRecord struct {
	ref    review.Ref
	record string // entity JSON, or empty when unknown
}

func (tx *tx) alertRecords(ctx context.Context, alertID int64) ([]groupRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT list, source_id, record FROM alert_records WHERE alert_id = $1 ORDER BY list, source_id`, alertID)
	if err != nil {
		return nil, fmt.Errorf("alert %d records: %w", alertID, err)
	}
	defer rows.Close()
	var out []groupRecord
	for rows.Next() {
		var g groupRecord
		if err := rows.Scan(&g.ref.List, &g.ref.SourceID, &g.record); err != nil {
			return nil, fmt.Errorf("alert %d records: %w", alertID, err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// groupAttrs returns the false-positive attributes of a stored record and
// their fingerprint; an unknown record has an empty fingerprint, which
// never matches, so it is never taken as reviewed and unchanged.
func groupAttrs(alertID int64, g groupRecord) (review.Attrs, string, error) {
	if g.record == "" || g.record == "null" {
		return review.Attrs{}, "", nil
	}
	var e entity.Entity
	if err := json.Unmarshal([]byte(g.record), &e); err != nil {
		return nil, "", fmt.Errorf("alert %d record %s: %w", alertID, g.ref.String(), err)
	}
	a := review.RecordAttrs(&e)
	return a, a.Fingerprint(), nil
}
