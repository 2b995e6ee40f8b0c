package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/review"
)

// raiseAlert opens an alert for one hit of a recorded screening unless an
// alert of the subject that is not closed already covers any record of
// the hit's identity (the hit's records are then merged into it), or
// every record of the identity is remembered as a false positive and
// neither side has changed since.
func (tx *tx) raiseAlert(ctx context.Context, actor auth.Principal, subj *subjectRow, screeningID int64, h *Hit, memory review.Memory, res *ScreeningResult, b *screeningBind) error {
	refs := h.refs()
	if !subj.isNew {
		id, found, err := tx.openAlertFor(ctx, subj.id, refs)
		if err != nil {
			return err
		}
		if found {
			res.Existing = append(res.Existing, id)
			return tx.mergeIntoAlert(ctx, actor, id, subj, screeningID, h)
		}
	}
	changes, suppressed := review.CheckMemory(subj.attrs, refs, h.recordOf, memory)
	if suppressed {
		res.Suppressed = append(res.Suppressed, vigil.Ref{List: h.List, SourceID: h.SourceID})
		return nil
	}
	ab, err := tx.insertAlert(ctx, subj, screeningID, h, refs, changes)
	if errors.Is(err, sql.ErrNoRows) {
		// Another alert on the primary record is open (the unique index
		// alerts_one_open), though not found above: an alert raised before
		// alert_records existed.
		var id int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM alerts WHERE subject_id = $1 AND list = $2 AND source_id = $3 AND status <> 'closed'`,
			subj.id, h.List, h.SourceID).Scan(&id)
		if err != nil {
			return fmt.Errorf("existing alert: %w", err)
		}
		res.Existing = append(res.Existing, id)
		return tx.mergeIntoAlert(ctx, actor, id, subj, screeningID, h)
	}
	if err != nil {
		return err
	}
	if ab.Records, err = tx.addRecords(ctx, ab.ID, subj.id, h); err != nil {
		return err
	}
	b.Raised, b.AlertAttrs = append(b.Raised, ab.alertBind), ab.subjectAttrs
	res.Alerts = append(res.Alerts, ab.ID)
	return tx.emit(ctx, EventAlertCreated, map[string]any{"alert_id": ab.ID, "subject_id": subj.extID, "list": h.List,
		"source_id": h.SourceID, "score": h.Score, "screening_id": screeningID})
}

// raised is an alert as insertAlert wrote it.
type raised struct {
	alertBind
	subjectAttrs string // digest of alerts.subject_attrs
}

// insertAlert inserts a new open alert; sql.ErrNoRows means an open alert
// on the same primary record exists.
func (tx *tx) insertAlert(ctx context.Context, subj *subjectRow, screeningID int64, h *Hit, refs []review.Ref, changes []review.Change) (*raised, error) {
	hit, err := json.Marshal(h.Hit)
	if err != nil {
		return nil, err
	}
	record, err := tx.recordJSON(h.Record)
	if err != nil {
		return nil, err
	}
	sattrs, err := json.Marshal(subj.attrs)
	if err != nil {
		return nil, err
	}
	group, err := json.Marshal(refs)
	if err != nil {
		return nil, err
	}
	var chg []byte
	if len(changes) > 0 {
		if chg, err = json.Marshal(changes); err != nil {
			return nil, err
		}
	}
	var cause []byte
	if h.Cause != nil {
		if cause, err = json.Marshal(h.Cause); err != nil {
			return nil, err
		}
	}
	now := fmtTime(tx.now)
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO alerts (subject_id, list, source_id, status, score, hit, record, subject_attrs, changes, screening_id, created_at, updated_at, records, cause)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13)
		ON CONFLICT (subject_id, list, source_id) WHERE status <> 'closed' DO NOTHING RETURNING id`,
		subj.id, h.List, h.SourceID, string(review.StatusOpen), h.Score, string(hit), record, string(sattrs), string(chg), screeningID, now, string(group), string(cause)).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("raise alert: %w", err)
	}
	if err != nil {
		return nil, err
	}
	return &raised{alertBind: alertBind{ID: id, List: h.List, SourceID: h.SourceID, Score: h.Score, Hit: digest(string(hit)), Changes: digest(string(chg)), Cause: digest(string(cause))},
		subjectAttrs: digest(string(sattrs))}, nil
}

// fpMemory returns the false-positive memory of one subject, by record.
func (tx *tx) fpMemory(ctx context.Context, subjectID int64) (review.Memory, error) {
	rows, err := tx.QueryContext(ctx, `SELECT list, source_id, subject_attrs, record_attrs FROM fp_memory WHERE subject_id = $1`, subjectID)
	if err != nil {
		return nil, fmt.Errorf("false-positive memory: %w", err)
	}
	defer rows.Close()
	out := review.Memory{}
	for rows.Next() {
		var r review.Ref
		var m review.Remembered
		var sa, ra string
		if err := rows.Scan(&r.List, &r.SourceID, &sa, &ra); err != nil {
			return nil, fmt.Errorf("false-positive memory: %w", err)
		}
		if err := json.Unmarshal([]byte(sa), &m.SubjectAttrs); err != nil {
			return nil, fmt.Errorf("false-positive memory: %w", err)
		}
		if err := json.Unmarshal([]byte(ra), &m.RecordAttrs); err != nil {
			return nil, fmt.Errorf("false-positive memory: %w", err)
		}
		out[r] = &m
	}
	return out, rows.Err()
}

// rememberFalsePositive stores, for every record of a closed
// false-positive alert's identity, the pair with both sides' attributes
// as the reviewer saw them.
func (tx *tx) rememberFalsePositive(ctx context.Context, a *alertRow) error {
	var sa review.Attrs
	if err := json.Unmarshal([]byte(a.subjectAttrs), &sa); err != nil {
		return fmt.Errorf("alert %d subject attributes: %w", a.ID, err)
	}
	group, err := tx.alertRecords(ctx, a.ID)
	if err != nil {
		return err
	}
	a.fp = &fpChange{subject: a.subjectRowID}
	for _, g := range group {
		attrs, fp, err := groupAttrs(a.ID, g)
		if err != nil {
			return err
		}
		ra, err := json.Marshal(attrs)
		if err != nil {
			return err
		}
		a.fp.remember = append(a.fp.remember, fpBind{List: g.ref.List, SourceID: g.ref.SourceID,
			SubjectAttrs: digest(a.subjectAttrs), RecordAttrs: digest(string(ra)), SubjectFP: sa.Fingerprint(), RecordFP: fp})
		_, err = tx.ExecContext(ctx, `INSERT INTO fp_memory (subject_id, list, source_id, subject_attrs, record_attrs, subject_fp, record_fp, alert_id, at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (subject_id, list, source_id) DO UPDATE SET subject_attrs = excluded.subject_attrs,
				record_attrs = excluded.record_attrs, subject_fp = excluded.subject_fp, record_fp = excluded.record_fp,
				alert_id = excluded.alert_id, at = excluded.at`,
			a.subjectRowID, g.ref.List, g.ref.SourceID, a.subjectAttrs, string(ra), sa.Fingerprint(), fp, a.ID, fmtTime(tx.now))
		if err != nil {
			return fmt.Errorf("remember false positive %s: %w", g.ref.String(), err)
		}
	}
	return nil
}

// forgetFalsePositive drops the memory a reopened alert created.
func (tx *tx) forgetFalsePositive(ctx context.Context, a *alertRow) error {
	forgot, err := tx.insertedRefs(ctx, `DELETE FROM fp_memory WHERE subject_id = $1 AND alert_id = $2 RETURNING list, source_id`,
		[]any{a.subjectRowID, a.ID})
	if err != nil {
		return fmt.Errorf("forget false positive: %w", err)
	}
	a.fp = &fpChange{subject: a.subjectRowID}
	for r := range forgot {
		a.fp.forget = append(a.fp.forget, r)
	}
	slices.SortFunc(a.fp.forget, func(x, y review.Ref) int { return strings.Compare(x.String(), y.String()) })
	return nil
}
