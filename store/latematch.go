package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// CleanScreening is a subject's latest clean recorded screening (no hit
// at its threshold), as the late-matches report reads it (see
// docs/monitoring.md, "As-of answers").
type CleanScreening struct {
	MonitoredSubject
	ScreeningID int64
	At          time.Time
	// Editions are the hashes of the snapshots screened against.
	Editions []string
}

// CleanScreenings returns up to limit subjects with row id above after,
// in id order, each with its latest recorded screening at or after since
// that had no hit; subjects without one are skipped (but still count
// towards the page, so that a caller pages by subject row id: next is the
// last row id read, 0 when there are no more).
func (db *DB) CleanScreenings(ctx context.Context, since time.Time, after int64, limit int) (out []CleanScreening, next int64, err error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT s.id, s.external_id, s.attrs, c.id, c.at, c.editions
		FROM (SELECT id, external_id, attrs FROM subjects WHERE id > $1 ORDER BY id LIMIT $2) s
		LEFT JOIN screenings c ON c.id = (SELECT MAX(id) FROM screenings
			WHERE subject_id = s.id AND at >= $3 AND hits IN ('[]', 'null'))
		ORDER BY s.id`, after, limit, fmtTime(since))
	if err != nil {
		return nil, 0, fmt.Errorf("read clean screenings: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var c CleanScreening
		var attrs string
		var id *int64
		var at, eds *string
		if err := rows.Scan(&c.RowID, &c.ExtID, &attrs, &id, &at, &eds); err != nil {
			return nil, 0, fmt.Errorf("read clean screenings: %w", err)
		}
		n++
		next = c.RowID
		if id == nil {
			continue
		}
		if err := json.Unmarshal([]byte(attrs), &c.Subject); err != nil {
			return nil, 0, fmt.Errorf("subject %s: %w", c.ExtID, err)
		}
		c.Subject.ID = c.ExtID
		c.ScreeningID, c.At = *id, parseTime(*at)
		if err := json.Unmarshal([]byte(*eds), &c.Editions); err != nil {
			return nil, 0, fmt.Errorf("screening %d editions: %w", c.ScreeningID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("read clean screenings: %w", err)
	}
	if n < limit {
		next = 0
	}
	return out, next, nil
}
