package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/pressly/goose/v3"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
)

// memoryFieldSet is migration 4, in Go: false-positive memory compares
// every field of a record that screening compares (review.RecordAttrs
// over snapshot.MatchingFields) instead of five. The records remembered
// before it kept only names, birth dates, documents, nationalities and
// citizenships; read as they are, every one of them would look changed at
// the next screening and alert again, with a misleading list of changes.
// So each remembered record's attributes are computed again, with the one
// field set, from the record as it joined the alert (alert_records), which
// is what the reviewer saw. A record the screening did not carry then has
// no stored copy and stays as it is: it is never taken as unchanged.
var memoryFieldSet = goose.NewGoMigration(4, &goose.GoFunc{RunTx: recomputeMemory}, &goose.GoFunc{RunTx: noMigration})

func noMigration(context.Context, *sql.Tx) error { return nil }

func recomputeMemory(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.subject_id, m.list, m.source_id, r.record
		FROM fp_memory m JOIN alert_records r ON r.alert_id = m.alert_id AND r.list = m.list AND r.source_id = m.source_id
		WHERE r.record <> '' AND r.record <> 'null'`)
	if err != nil {
		return fmt.Errorf("migration 4: %w", err)
	}
	type update struct {
		subjectID      int64
		list, sourceID string
		attrs, finger  string
	}
	var updates []update
	for rows.Next() {
		var u update
		var raw string
		if err := rows.Scan(&u.subjectID, &u.list, &u.sourceID, &raw); err != nil {
			rows.Close()
			return fmt.Errorf("migration 4: %w", err)
		}
		var e entity.Entity
		if err := json.Unmarshal([]byte(raw), &e); err != nil {
			rows.Close()
			return fmt.Errorf("migration 4: record %s/%s of subject %d: %w", u.list, u.sourceID, u.subjectID, err)
		}
		a := review.RecordAttrs(&e)
		b, err := json.Marshal(a)
		if err != nil {
			rows.Close()
			return err
		}
		u.attrs, u.finger = string(b), a.Fingerprint()
		updates = append(updates, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("migration 4: %w", err)
	}
	for _, u := range updates {
		_, err := tx.ExecContext(ctx, `UPDATE fp_memory SET record_attrs = $1, record_fp = $2
			WHERE subject_id = $3 AND list = $4 AND source_id = $5`, u.attrs, u.finger, u.subjectID, u.list, u.sourceID)
		if err != nil {
			return fmt.Errorf("migration 4: record %s/%s of subject %d: %w", u.list, u.sourceID, u.subjectID, err)
		}
	}
	return nil
}
