package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
)

// NetworkAlert asks for an alert of kind "network": the subject is linked
// to the listed record by the path (the service's network.Path, as JSON),
// with its strength as the score.
type NetworkAlert struct {
	SubjectID string          // the caller's external id
	Record    *entity.Entity  // the listed record reached
	Score     float64         // the path's strength
	Path      json.RawMessage // what the alert shows: the path with each edge's provenance
}

// networkAlertBind is what raising a network alert wrote.
type networkAlertBind struct {
	SubjectID  int64     `json:"subject_id"`
	AlertAttrs string    `json:"alert_subject_attrs_sha256"`
	Alert      alertBind `json:"alert"`
}

// RaisedNetwork says what RaiseNetworkAlerts did.
type RaisedNetwork struct {
	Alerts []int64 `json:"alerts,omitempty"`
	// Covered counts the paths not raised: an open alert of the subject
	// already covers the record, or a network alert with the same path was
	// closed before (a reviewer decided on it).
	Covered int `json:"covered"`
	// AlreadyDone says that the network vet finished had been finished
	// before (FinishNetworkVet): Alerts are those it raised then.
	AlreadyDone bool `json:"-"`
}

// RaiseNetworkAlerts raises each alert in one transaction, with its audit
// entry and its webhook event. An alert is not raised when an alert of the
// subject on the record is open (whatever its kind), or when a network
// alert on the same path was closed already: a reviewer has that path.
func (db *DB) RaiseNetworkAlerts(ctx context.Context, actor auth.Principal, alerts []NetworkAlert) (*RaisedNetwork, error) {
	out := &RaisedNetwork{}
	err := db.inTx(ctx, func(tx *tx) error { return tx.raiseAll(ctx, actor, alerts, out) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// raiseAll raises each alert not covered already, counting in out.
func (tx *tx) raiseAll(ctx context.Context, actor auth.Principal, alerts []NetworkAlert, out *RaisedNetwork) error {
	out.Alerts, out.Covered = nil, 0
	for i := range alerts {
		id, err := tx.raiseNetwork(ctx, actor, &alerts[i])
		if err != nil {
			return err
		}
		if id == 0 {
			out.Covered++
		} else {
			out.Alerts = append(out.Alerts, id)
		}
	}
	return nil
}

func (tx *tx) raiseNetwork(ctx context.Context, actor auth.Principal, a *NetworkAlert) (int64, error) {
	var subjectRow int64
	var raw string
	err := tx.QueryRowContext(ctx, `SELECT id, attrs FROM subjects WHERE external_id = $1`, a.SubjectID).Scan(&subjectRow, &raw)
	if err != nil {
		return 0, notFound(err, "subject %s", a.SubjectID)
	}
	var sub vigil.Subject
	if err := json.Unmarshal([]byte(raw), &sub); err != nil {
		return 0, fmt.Errorf("subject %s: %w", a.SubjectID, err)
	}
	rec := a.Record
	hit := string(a.Path)
	var n int
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM alerts WHERE subject_id = $1 AND list = $2 AND source_id = $3
		AND (status <> 'closed' OR (kind = 'network' AND hit = $4))`, subjectRow, rec.List, rec.ID, hit).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("network alert: %w", err)
	}
	if n > 0 {
		return 0, nil
	}
	record, err := tx.recordJSON(rec)
	if err != nil {
		return 0, err
	}
	sattrs, err := json.Marshal(review.SubjectAttrs(sub))
	if err != nil {
		return 0, err
	}
	refs := []review.Ref{{List: rec.List, SourceID: rec.ID}}
	group, err := json.Marshal(refs)
	if err != nil {
		return 0, err
	}
	now := fmtTime(tx.now)
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO alerts (subject_id, list, source_id, status, score, hit, record, subject_attrs, changes,
		screening_id, created_at, updated_at, records, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', 0, $9, $9, $10, 'network') RETURNING id`,
		subjectRow, rec.List, rec.ID, string(review.StatusOpen), a.Score, hit, record, string(sattrs), now, string(group)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("raise network alert: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO alert_records (alert_id, subject_id, list, source_id, record) VALUES ($1, $2, $3, $4, $5)`,
		id, subjectRow, rec.List, rec.ID, record); err != nil {
		return 0, fmt.Errorf("network alert %d record: %w", id, err)
	}
	b := networkAlertBind{SubjectID: subjectRow, AlertAttrs: digest(string(sattrs)), Alert: alertBind{ID: id, List: rec.List, SourceID: rec.ID,
		Score: a.Score, Hit: digest(hit), Records: []recordBind{{List: rec.List, SourceID: rec.ID, Record: digest(record)}}}}
	if err := tx.appendAudit(ctx, actor, audit.ActionNetworkAlert, fmt.Sprintf("alert/%d", id),
		map[string]any{"subject": a.SubjectID, "list": rec.List, "source_id": rec.ID, "bind": b}); err != nil {
		return 0, err
	}
	return id, tx.emit(ctx, EventAlertCreated, map[string]any{"alert_id": id, "kind": "network", "subject_id": a.SubjectID,
		"list": rec.List, "source_id": rec.ID, "score": a.Score})
}

func (r *replayer) networkAlert(e *audit.Entry) error {
	var d struct {
		Bind *networkAlertBind `json:"bind"`
	}
	if _, err := decodeAt(e, "alert/", &d); err != nil {
		return err
	}
	if d.Bind == nil {
		return &badEntry{fmt.Errorf("%s entry without its bind", e.Action)}
	}
	return r.raisedKind(e.Seq, fmtTime(e.At), itoa(d.Bind.SubjectID), 0, d.Bind.AlertAttrs, d.Bind.Alert, "network")
}
