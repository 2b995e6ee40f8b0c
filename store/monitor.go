package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/review"
)

// Monitoring (docs/monitoring.md). Every recorded subject is monitored
// from its first screening (subjects.created_at) until the deployment's
// retention has passed since then; a monitoring row overrides the end for
// one subject (until) or ends its monitoring (ended_at). Both changes are
// audited and bound. The retention is the service's policy, handed down
// with each query (0: no end).

// Monitor is a subject's monitoring.
type Monitor struct {
	SubjectID string    `json:"subject_id"`
	Since     time.Time `json:"since"`
	// Until is when monitoring ends: the override if any, else the first
	// screening plus the retention; zero for never.
	Until    time.Time `json:"until,omitzero"`
	Override bool      `json:"override,omitempty"`
	Active   bool      `json:"active"`
	EndedAt  time.Time `json:"ended_at,omitzero"`
	EndedBy  string    `json:"ended_by,omitempty"`
	Reason   string    `json:"reason,omitempty"`
}

// MonitoredSubject is a recorded subject as re-vetting reads it.
type MonitoredSubject struct {
	RowID   int64
	ExtID   string
	Subject vigil.Subject
}

// monitoredWhere selects the monitored subjects s (joined with their
// monitoring row m) at $now, for a retention cut-off $cutoff (subjects
// first screened after it are within the retention; "" for no end).
const monitoredWhere = `COALESCE(m.ended_at, '') = '' AND
	(CASE WHEN COALESCE(m.until, '') <> '' THEN m.until > $1 ELSE s.created_at > $2 END)`

func cutoff(now time.Time, retention time.Duration) string {
	if retention <= 0 {
		return ""
	}
	return fmtTime(now.Add(-retention))
}

// SubjectsAfter returns up to limit recorded subjects with row id above
// after, in id order: the pages from which the monitored-subject index is
// built. Monitoring is checked when a subject is found, not here.
func (db *DB) SubjectsAfter(ctx context.Context, after int64, limit int) ([]MonitoredSubject, error) {
	return db.scanSubjects(ctx, `SELECT id, external_id, attrs FROM subjects WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
}

// LastSubjectVersion returns the highest subject_versions id: every
// subject created or changed later has a version above it.
func (db *DB) LastSubjectVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.sql.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM subject_versions`).Scan(&v)
	return v, err
}

// SubjectsChangedAfter returns the subjects created or changed after the
// subject version after, in id order.
func (db *DB) SubjectsChangedAfter(ctx context.Context, after int64) ([]MonitoredSubject, error) {
	return db.scanSubjects(ctx, `SELECT id, external_id, attrs FROM subjects
		WHERE id IN (SELECT subject_id FROM subject_versions WHERE id > $1) ORDER BY id`, after)
}

// MonitoredByRowID returns those of the subjects (by row id) that are
// monitored now under the retention.
func (db *DB) MonitoredByRowID(ctx context.Context, ids []int64, retention time.Duration) ([]MonitoredSubject, error) {
	now := db.now().UTC()
	var out []MonitoredSubject
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := []any{fmtTime(now), cutoff(now, retention)}
		ph := make([]string, n)
		for i, id := range ids[:n] {
			args = append(args, id)
			ph[i] = fmt.Sprintf("$%d", i+3)
		}
		page, err := db.scanSubjects(ctx, `SELECT s.id, s.external_id, s.attrs FROM subjects s
			LEFT JOIN monitoring m ON m.subject_id = s.id
			WHERE s.id IN (`+strings.Join(ph, ",")+`) AND `+monitoredWhere+` ORDER BY s.id`, args...)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		ids = ids[n:]
	}
	return out, nil
}

func (db *DB) scanSubjects(ctx context.Context, q string, args ...any) ([]MonitoredSubject, error) {
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read subjects: %w", err)
	}
	defer rows.Close()
	var out []MonitoredSubject
	for rows.Next() {
		var m MonitoredSubject
		var attrs string
		if err := rows.Scan(&m.RowID, &m.ExtID, &attrs); err != nil {
			return nil, fmt.Errorf("read subjects: %w", err)
		}
		if err := json.Unmarshal([]byte(attrs), &m.Subject); err != nil {
			return nil, fmt.Errorf("subject %s: %w", m.ExtID, err)
		}
		m.Subject.ID = m.ExtID
		out = append(out, m)
	}
	return out, rows.Err()
}

// SubjectFingerprints returns the fingerprint of each of the external ids
// already recorded: an import skips subjects recorded with the same
// attributes (it is idempotent on the external id).
func (db *DB) SubjectFingerprints(ctx context.Context, extIDs []string) (map[string]string, error) {
	out := make(map[string]string, len(extIDs))
	for len(extIDs) > 0 {
		n := min(len(extIDs), 500)
		args := make([]any, n)
		ph := make([]string, n)
		for i, id := range extIDs[:n] {
			args[i] = id
			ph[i] = fmt.Sprintf("$%d", i+1)
		}
		rows, err := db.sql.QueryContext(ctx, `SELECT external_id, fingerprint FROM subjects WHERE external_id IN (`+strings.Join(ph, ",")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("recorded subjects: %w", err)
		}
		for rows.Next() {
			var id, fp string
			if err := rows.Scan(&id, &fp); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = fp
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		extIDs = extIDs[n:]
	}
	return out, nil
}

// SubjectFingerprint is the fingerprint the store keeps of a subject's
// attributes, to compare with SubjectFingerprints.
func SubjectFingerprint(s vigil.Subject) string { return review.SubjectAttrs(s).Fingerprint() }

// Monitoring returns a subject's monitoring under the retention.
func (db *DB) Monitoring(ctx context.Context, extID string, retention time.Duration) (*Monitor, error) {
	var m *Monitor
	err := db.inTx(ctx, func(tx *tx) error {
		var err error
		m, _, err = tx.monitoring(ctx, extID, retention)
		return err
	})
	return m, err
}

func (tx *tx) monitoring(ctx context.Context, extID string, retention time.Duration) (*Monitor, int64, error) {
	if err := checkText("subject_id", extID, 200); err != nil {
		return nil, 0, err
	}
	var id int64
	var created, until, ended, endedBy, reason string
	err := tx.QueryRowContext(ctx, `SELECT s.id, s.created_at, COALESCE(m.until, ''), COALESCE(m.ended_at, ''),
		COALESCE(m.ended_by, ''), COALESCE(m.reason, '')
		FROM subjects s LEFT JOIN monitoring m ON m.subject_id = s.id WHERE s.external_id = $1`, extID).
		Scan(&id, &created, &until, &ended, &endedBy, &reason)
	if err != nil {
		return nil, 0, notFound(err, "no subject %q", extID)
	}
	m := &Monitor{SubjectID: extID, Since: parseTime(created), EndedBy: endedBy, Reason: reason}
	switch {
	case strings.HasPrefix(until, "9999"): // never, for this subject
		m.Override = true
	case until != "":
		m.Until, m.Override = parseTime(until), true
	case retention > 0:
		m.Until = m.Since.Add(retention)
	}
	if ended != "" {
		m.EndedAt = parseTime(ended)
	}
	m.Active = ended == "" && (m.Until.IsZero() || m.Until.After(tx.now))
	return m, id, nil
}

// SetMonitoring overrides the end of one subject's monitoring (until; the
// zero time means never), audited with the reason. It resumes a
// monitoring that had ended.
func (db *DB) SetMonitoring(ctx context.Context, actor auth.Principal, extID string, until time.Time, reason string, retention time.Duration) (*Monitor, error) {
	if err := review.CheckReason(reason); err != nil {
		return nil, err
	}
	if !until.IsZero() {
		// A date already past would end monitoring quietly; ending now is
		// EndMonitoring, with its own audit action.
		now := db.now().UTC()
		if until.UTC().Before(time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)) {
			return nil, apperr.Field("until", "%s is before today (%s); to end monitoring now, end it (monitoring/end)", until.UTC().Format(time.DateOnly), now.Format(time.DateOnly))
		}
	}
	u := "9999-12-31T00:00:00.000000Z"
	if !until.IsZero() {
		u = fmtTime(until)
	}
	return db.changeMonitoring(ctx, actor, extID, retention, audit.ActionMonitorSet, reason, func(tx *tx, b *monitorBind) {
		b.Until, b.EndedAt, b.EndedBy, b.Reason = u, "", "", reason
	})
}

// EndMonitoring ends one subject's monitoring now, audited with the
// reason. Its alerts stay; re-vetting no longer looks at it.
func (db *DB) EndMonitoring(ctx context.Context, actor auth.Principal, extID, reason string, retention time.Duration) (*Monitor, error) {
	if err := review.CheckReason(reason); err != nil {
		return nil, err
	}
	return db.changeMonitoring(ctx, actor, extID, retention, audit.ActionMonitorEnd, reason, func(tx *tx, b *monitorBind) {
		b.EndedAt, b.EndedBy, b.Reason = fmtTime(tx.now), actorName(actor), reason
	})
}

// monitorBind is a monitoring row as written.
type monitorBind struct {
	SubjectID int64  `json:"subject_id"`
	Until     string `json:"until"`
	EndedAt   string `json:"ended_at"`
	EndedBy   string `json:"ended_by"`
	Reason    string `json:"reason"`
	UpdatedAt string `json:"updated_at"`
}

func (db *DB) changeMonitoring(ctx context.Context, actor auth.Principal, extID string, retention time.Duration, action audit.Action, reason string, change func(tx *tx, b *monitorBind)) (*Monitor, error) {
	if err := checkText("reason", reason, 2000); err != nil {
		return nil, err
	}
	var out *Monitor
	err := db.inTx(ctx, func(tx *tx) error {
		_, id, err := tx.monitoring(ctx, extID, retention)
		if err != nil {
			return err
		}
		b := monitorBind{SubjectID: id}
		err = tx.QueryRowContext(ctx, `SELECT until, ended_at, ended_by, reason FROM monitoring WHERE subject_id = $1`, id).
			Scan(&b.Until, &b.EndedAt, &b.EndedBy, &b.Reason)
		if err != nil && !isNoRows(err) {
			return fmt.Errorf("monitoring of %s: %w", extID, err)
		}
		if action == audit.ActionMonitorEnd && b.EndedAt != "" {
			return apperr.New(apperr.Conflict, "the monitoring of subject %q ended already (%s)", extID, b.EndedAt)
		}
		change(tx, &b)
		b.UpdatedAt = fmtTime(tx.now)
		_, err = tx.ExecContext(ctx, `INSERT INTO monitoring (subject_id, until, ended_at, ended_by, reason, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (subject_id) DO UPDATE SET until = excluded.until,
			ended_at = excluded.ended_at, ended_by = excluded.ended_by, reason = excluded.reason, updated_at = excluded.updated_at`,
			id, b.Until, b.EndedAt, b.EndedBy, b.Reason, b.UpdatedAt)
		if err != nil {
			return fmt.Errorf("monitoring of %s: %w", extID, err)
		}
		if err := tx.appendAudit(ctx, actor, action, "subject/"+extID, map[string]any{"reason": reason, "bind": b}); err != nil {
			return err
		}
		out, _, err = tx.monitoring(ctx, extID, retention)
		return err
	})
	return out, err
}

// MonitorCounts counts the recorded subjects monitored now and those
// whose monitoring ended or expired.
func (db *DB) MonitorCounts(ctx context.Context, retention time.Duration) (monitored, total int64, err error) {
	now := db.now().UTC()
	err = db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM subjects s LEFT JOIN monitoring m ON m.subject_id = s.id WHERE `+monitoredWhere,
		fmtTime(now), cutoff(now, retention)).Scan(&monitored)
	if err != nil {
		return 0, 0, fmt.Errorf("count monitored subjects: %w", err)
	}
	err = db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM subjects`).Scan(&total)
	return monitored, total, err
}

// AlertedRecords returns, for each subject row id, the records its
// alerts cover: all its alerts (a full re-screen raises only alerts on
// records no alert of the subject covers), or with decided only those
// closed other than as a false positive (re-vetting a delta leaves a
// decided pair to the annotation of the change, and a false positive to
// the false-positive memory).
func (db *DB) AlertedRecords(ctx context.Context, subjects []int64, decided bool) (map[int64]map[review.Ref]bool, error) {
	where := ""
	if decided {
		where = ` AND alert_id IN (SELECT id FROM alerts WHERE status = 'closed' AND disposition <> 'false_positive')`
	}
	out := map[int64]map[review.Ref]bool{}
	for len(subjects) > 0 {
		n := min(len(subjects), 500)
		args := make([]any, n)
		ph := make([]string, n)
		for i, id := range subjects[:n] {
			args[i] = id
			ph[i] = fmt.Sprintf("$%d", i+1)
		}
		rows, err := db.sql.QueryContext(ctx, `SELECT subject_id, list, source_id FROM alert_records WHERE subject_id IN (`+strings.Join(ph, ",")+`)`+where, args...)
		if err != nil {
			return nil, fmt.Errorf("alerted records: %w", err)
		}
		for rows.Next() {
			var id int64
			var r review.Ref
			if err := rows.Scan(&id, &r.List, &r.SourceID); err != nil {
				rows.Close()
				return nil, err
			}
			if out[id] == nil {
				out[id] = map[review.Ref]bool{}
			}
			out[id][r] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		subjects = subjects[n:]
	}
	return out, nil
}

// AlertsOnRecord returns the alerts covering a listed record that are
// not closed as a false positive (open, in review, escalated, or closed
// as a true match or inconclusive): those a delisting or an amendment of
// the record concerns. A false positive is the false-positive memory's
// (it holds only while the record's identifying fields are unchanged).
func (db *DB) AlertsOnRecord(ctx context.Context, ref review.Ref) ([]int64, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT DISTINCT a.id FROM alert_records r JOIN alerts a ON a.id = r.alert_id
		WHERE r.list = $1 AND r.source_id = $2 AND NOT (a.status = 'closed' AND a.disposition = 'false_positive') ORDER BY a.id`,
		ref.List, ref.SourceID)
	if err != nil {
		return nil, fmt.Errorf("alerts on %s: %w", ref, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// AnnotateListingChange annotates an alert with a change of a listed
// record behind it (a delisting or an amendment) and puts it back in the
// review queue: a closed alert is reopened (open, unassigned, its
// decision cleared, alert.reopened sent) unless another alert of the
// subject on the same record is open already, one in review or escalated
// keeps its reviewer. Nothing is closed. key makes the annotation
// once-only (the run and record): annotating again with the same key
// does nothing and reports false.
func (db *DB) AnnotateListingChange(ctx context.Context, actor auth.Principal, alertID int64, key string, cause Cause) (bool, error) {
	text := cause.Text
	if err := checkText("text", text, 10000); err != nil {
		return false, err
	}
	done := false
	err := db.inTx(ctx, func(tx *tx) error {
		var seen struct{}
		replay, err := tx.claimKey(ctx, actor, key, "alert.listing_change", struct {
			Alert int64 `json:"alert"`
		}{alertID}, &seen)
		if err != nil || replay {
			return err
		}
		a, err := tx.getAlert(ctx, alertID)
		if err != nil {
			return err
		}
		from, before := a.Status, a.image()
		var open int
		err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM alerts WHERE subject_id = $1 AND list = $2 AND source_id = $3 AND status <> 'closed'`,
			a.subjectRowID, a.List, a.SourceID).Scan(&open)
		if err != nil {
			return fmt.Errorf("annotate alert %d: %w", alertID, err)
		}
		// A closed alert is reopened, unless another alert on its record is
		// open already: that one is in the queue, and this one keeps its
		// decision with the note.
		if a.Status == review.StatusClosed && open == 0 {
			a.Status, a.Assignee, a.Disposition, a.Reason, a.ClosedBy, a.ApprovedBy, a.Proposal = review.StatusOpen, "", "", "", "", "", nil
			err := tx.emit(ctx, EventAlertReopened, map[string]any{"alert_id": a.ID, "subject_id": a.SubjectID, "list": a.List,
				"source_id": a.SourceID, "reason": text, "by": actorName(actor)})
			if err != nil {
				return err
			}
		}
		if err := tx.saveAlert(ctx, a); err != nil {
			return err
		}
		var note int64
		err = tx.QueryRowContext(ctx, `INSERT INTO alert_notes (alert_id, author, text, at) VALUES ($1, $2, $3, $4) RETURNING id`,
			alertID, actorName(actor), text, fmtTime(tx.now)).Scan(&note)
		if err != nil {
			return fmt.Errorf("annotate alert %d: %w", alertID, err)
		}
		d := details{"from": from, "to": a.Status, "version": a.Version, "note": note, "text": text, "cause": cause,
			"bind": a.changeBind(before)}
		if err := tx.appendAudit(ctx, actor, audit.ActionAlertListing, fmt.Sprintf("alert/%d", alertID), d); err != nil {
			return err
		}
		done = true
		return tx.saveResult(ctx, actor, key, &seen)
	})
	return done, err
}

// ExpireMonitoring ends, audited one by one (subject.monitor_end, reason
// "retention"), the monitoring of up to limit subjects whose retention
// or own end has passed, and returns how many it ended. A daily job
// calls it until it ends none.
func (db *DB) ExpireMonitoring(ctx context.Context, actor auth.Principal, retention time.Duration, limit int) (int, error) {
	if retention <= 0 {
		return 0, nil
	}
	limit = min(max(limit, 1), MaxBatch)
	n := 0
	err := db.inTx(ctx, func(tx *tx) error {
		now := fmtTime(tx.now)
		rows, err := tx.QueryContext(ctx, `SELECT s.id, s.external_id, s.created_at, COALESCE(m.until, '') FROM subjects s
			LEFT JOIN monitoring m ON m.subject_id = s.id
			WHERE COALESCE(m.ended_at, '') = '' AND
				(CASE WHEN COALESCE(m.until, '') <> '' THEN m.until <= $1 ELSE s.created_at <= $2 END)
			ORDER BY s.id LIMIT $3`, now, cutoff(tx.now, retention), limit)
		if err != nil {
			return fmt.Errorf("expired monitoring: %w", err)
		}
		type expired struct {
			id             int64
			ext, since, to string
		}
		var list []expired
		for rows.Next() {
			var e expired
			if err := rows.Scan(&e.id, &e.ext, &e.since, &e.to); err != nil {
				rows.Close()
				return err
			}
			list = append(list, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, e := range list {
			reason := fmt.Sprintf("retention: monitored since %s for %s", e.since, retention)
			if e.to != "" {
				reason = "retention: the subject's own end " + e.to + " has passed"
			}
			b := monitorBind{SubjectID: e.id, Until: e.to, EndedAt: now, EndedBy: actorName(actor), Reason: reason, UpdatedAt: now}
			_, err := tx.ExecContext(ctx, `INSERT INTO monitoring (subject_id, until, ended_at, ended_by, reason, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (subject_id) DO UPDATE SET ended_at = excluded.ended_at,
				ended_by = excluded.ended_by, reason = excluded.reason, updated_at = excluded.updated_at`,
				e.id, b.Until, b.EndedAt, b.EndedBy, b.Reason, b.UpdatedAt)
			if err != nil {
				return fmt.Errorf("expire monitoring of %s: %w", e.ext, err)
			}
			if err := tx.appendAudit(ctx, actor, audit.ActionMonitorEnd, "subject/"+e.ext, map[string]any{"reason": reason, "bind": b}); err != nil {
				return err
			}
		}
		n = len(list)
		return nil
	})
	return n, err
}

// MonitorExpireJob ends the monitoring of the subjects whose retention
// has passed (daily, by the leader).
type MonitorExpireJob struct{}

// Kind names the job's worker.
func (MonitorExpireJob) Kind() string { return "monitor_expire" }
