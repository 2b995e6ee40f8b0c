package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/screen"
)

// raiseAlert opens an alert for one hit of a recorded screening unless an
// alert that is not closed already covers the pair, or the pair is
// remembered as a false positive and neither side has changed since.
func (tx *tx) raiseAlert(ctx context.Context, subj *subjectRow, screeningID int64, h *Hit, fp *fpEntry, res *ScreeningResult) error {
	recAttrs := review.RecordAttrs(h.Record)
	var changes []review.Change
	if fp != nil {
		if fp.subjectFP == subj.fp && fp.recordFP == recAttrs.Fingerprint() {
			res.Suppressed = append(res.Suppressed, screen.Ref{List: h.List, SourceID: h.SourceID})
			return nil
		}
		changes = append(review.Diff("subject", fp.subjectAttrs, subj.attrs), review.Diff("record", fp.recordAttrs, recAttrs)...)
	}
	hit, err := json.Marshal(h.Hit)
	if err != nil {
		return err
	}
	record, err := json.Marshal(h.Record)
	if err != nil {
		return err
	}
	sattrs, err := json.Marshal(subj.attrs)
	if err != nil {
		return err
	}
	var chg []byte
	if len(changes) > 0 {
		if chg, err = json.Marshal(changes); err != nil {
			return err
		}
	}
	now := fmtTime(tx.now)
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO alerts (subject_id, list, source_id, status, score, hit, record, subject_attrs, changes, screening_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
		ON CONFLICT (subject_id, list, source_id) WHERE status <> 'closed' DO NOTHING RETURNING id`,
		subj.id, h.List, h.SourceID, string(review.StatusOpen), h.Score, string(hit), string(record), string(sattrs), string(chg), screeningID, now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `SELECT id FROM alerts WHERE subject_id = $1 AND list = $2 AND source_id = $3 AND status <> 'closed'`,
			subj.id, h.List, h.SourceID).Scan(&id)
		res.Existing = append(res.Existing, id)
		return wrap(err, "existing alert")
	}
	if err != nil {
		return fmt.Errorf("raise alert: %w", err)
	}
	res.Alerts = append(res.Alerts, id)
	return nil
}

func wrap(err error, what string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

type fpEntry struct {
	subjectAttrs, recordAttrs review.Attrs
	subjectFP, recordFP       string
}

type pairKey struct{ list, sourceID string }

// fpMemory returns the false-positive memory of one subject, by record.
func (tx *tx) fpMemory(ctx context.Context, subjectID int64) (map[pairKey]*fpEntry, error) {
	rows, err := tx.QueryContext(ctx, `SELECT list, source_id, subject_attrs, record_attrs, subject_fp, record_fp
		FROM fp_memory WHERE subject_id = $1`, subjectID)
	if err != nil {
		return nil, fmt.Errorf("false-positive memory: %w", err)
	}
	defer rows.Close()
	out := map[pairKey]*fpEntry{}
	for rows.Next() {
		var k pairKey
		var e fpEntry
		var sa, ra string
		if err := rows.Scan(&k.list, &k.sourceID, &sa, &ra, &e.subjectFP, &e.recordFP); err != nil {
			return nil, fmt.Errorf("false-positive memory: %w", err)
		}
		if err := json.Unmarshal([]byte(sa), &e.subjectAttrs); err != nil {
			return nil, fmt.Errorf("false-positive memory: %w", err)
		}
		if err := json.Unmarshal([]byte(ra), &e.recordAttrs); err != nil {
			return nil, fmt.Errorf("false-positive memory: %w", err)
		}
		out[k] = &e
	}
	return out, rows.Err()
}

// rememberFalsePositive stores the pair of a closed false-positive alert
// with both sides' attributes as the reviewer saw them.
func (tx *tx) rememberFalsePositive(ctx context.Context, a *alertRow) error {
	e, err := a.recordEntity()
	if err != nil {
		return err
	}
	recAttrs := review.RecordAttrs(e)
	ra, err := json.Marshal(recAttrs)
	if err != nil {
		return err
	}
	var sa review.Attrs
	if err := json.Unmarshal([]byte(a.subjectAttrs), &sa); err != nil {
		return fmt.Errorf("alert %d subject attributes: %w", a.ID, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO fp_memory (subject_id, list, source_id, subject_attrs, record_attrs, subject_fp, record_fp, alert_id, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (subject_id, list, source_id) DO UPDATE SET subject_attrs = excluded.subject_attrs,
			record_attrs = excluded.record_attrs, subject_fp = excluded.subject_fp, record_fp = excluded.record_fp,
			alert_id = excluded.alert_id, at = excluded.at`,
		a.subjectRowID, a.List, a.SourceID, a.subjectAttrs, string(ra), sa.Fingerprint(), recAttrs.Fingerprint(), a.ID, fmtTime(tx.now))
	return wrap(err, "remember false positive")
}

// forgetFalsePositive drops the memory a reopened alert created.
func (tx *tx) forgetFalsePositive(ctx context.Context, a *alertRow) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM fp_memory WHERE subject_id = $1 AND list = $2 AND source_id = $3 AND alert_id = $4`,
		a.subjectRowID, a.List, a.SourceID, a.ID)
	return wrap(err, "forget false positive")
}
