package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/snapshot"
)

// Network vets (docs/networks.md, migration 80). A change after which
// network alerts may be owed writes, in its own transaction, a network
// vet and queues the job that raises its alerts (NetworkVetJob):
//
//   - edges or contact values written (kind links): the subjects they
//     touch, whose neighbourhood is looked at again;
//   - an edition accepted (kind lists): every subject with a link is
//     looked at again (a linked person newly designated).
//
// The service raises the alerts of a links vet at once, after the commit,
// and the job finds it done; when the process dies in between, the job
// (or, for a store without a queue, the next server's start) raises
// them. A vet is marked done in the transaction that raises its alerts,
// so it is done exactly once however often it runs. Since migration 94 a
// vet is audited and bound (see networkVet below): written, done,
// failed, retried, each entry in the transaction of its row.

// Kinds of network vet.
const (
	NetVetLinks = "links" // edges or contact values were written
	NetVetLists = "lists" // an edition was accepted
)

// States of a network vet. A vet whose job failed every attempt is
// failed (with its attempts and last error) until an operator retries it
// (RetryNetworkVet): it is not queued again by itself.
const (
	NetVetPending = "pending"
	NetVetDone    = "done"
	NetVetFailed  = "failed"
)

// NetworkVet is a network vet and what it raised.
type NetworkVet struct {
	ID         int64     `json:"id"`
	Kind       string    `json:"kind"`
	Subjects   []string  `json:"subjects,omitempty"` // links: the subjects the change touched
	SnapshotID int64     `json:"snapshot_id,omitempty"`
	Source     string    `json:"source,omitempty"`
	Edition    string    `json:"edition,omitempty"`
	Status     string    `json:"status"`
	Alerts     []int64   `json:"alerts,omitempty"`
	Actor      string    `json:"actor"`
	CreatedAt  time.Time `json:"created_at"`
	FinishedAt time.Time `json:"finished_at,omitzero"`
	// Attempts is how many attempts of its job failed (since the last
	// retry), Error the last one's error.
	Attempts int    `json:"attempts,omitempty"`
	Error    string `json:"error,omitempty"`
}

// NetworkVetJob raises the network alerts of one network vet.
type NetworkVetJob struct {
	VetID int64 `json:"vet_id"`
}

// Kind names the job's worker.
func (NetworkVetJob) Kind() string { return "network_vet" }

// planNetworkVet writes a network vet in the change's transaction and
// queues its job when the store has a queue (without one, the vet waits
// as pending for QueuePendingNetworkVets).
func (tx *tx) planNetworkVet(ctx context.Context, actor auth.Principal, kind string, subjects []string, s *snapshot.Snapshot) (int64, error) {
	var subs string
	if len(subjects) > 0 {
		b, err := json.Marshal(subjects)
		if err != nil {
			return 0, err
		}
		subs = string(b)
	}
	var snap int64
	var source, edition string
	if s != nil {
		snap, source, edition = s.ID, s.Source, s.Edition
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO network_vets (kind, subjects, snapshot_id, source, edition, status, actor, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		kind, subs, snap, source, edition, NetVetPending, actorName(actor), fmtTime(tx.now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("network vet: %w", err)
	}
	if err := tx.appendAudit(ctx, actor, audit.ActionNetworkVetOwed, vetObject(id), vetOwed{Kind: kind, Subjects: len(subjects),
		SubjectsSHA256: digest(subs), SnapshotID: snap, Source: source, Edition: edition}); err != nil {
		return 0, err
	}
	if tx.db.queue != nil {
		tx.enqueue(NetworkVetJob{VetID: id})
	}
	return id, nil
}

// vetObject names a network vet in the trail.
func vetObject(id int64) string { return fmt.Sprintf("network_vet/%d", id) }

// vetOwed is the entry of a vet written (audit.ActionNetworkVetOwed): the
// change that owes it (the subjects its edges touched, given by number
// and by the digest of the row's subjects) or the edition accepted. It
// binds the row's fixed columns.
type vetOwed struct {
	Kind           string `json:"kind"`
	Subjects       int    `json:"subjects"`
	SubjectsSHA256 string `json:"subjects_sha256,omitempty"`
	SnapshotID     int64  `json:"snapshot_id"`
	Source         string `json:"source,omitempty"`
	Edition        string `json:"edition,omitempty"`
}

// vetDone is the entry of a vet done (audit.ActionNetworkVetDone): how
// many alerts it raised (each has its network.alert entry) and the digest
// of the row's alerts column, and how many paths were covered already.
type vetDone struct {
	Alerts       int    `json:"alerts"`
	AlertsSHA256 string `json:"alerts_sha256,omitempty"`
	Covered      int    `json:"covered"`
}

// planListsVet writes the network vet of an edition being accepted, when
// the organisation has recorded any link or contact value (without them
// no subject is linked to anything a new edition could list).
func (tx *tx) planListsVet(ctx context.Context, actor auth.Principal, s *snapshot.Snapshot) error {
	var links bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM network_edges) OR EXISTS (SELECT 1 FROM network_values)`).Scan(&links); err != nil {
		return fmt.Errorf("network vet of %s: %w", s.Source, err)
	}
	if !links {
		return nil
	}
	_, err := tx.planNetworkVet(ctx, actor, NetVetLists, nil, s)
	return err
}

// subjectsOf returns the subjects (external ids) the edges touch, each once.
func subjectsOf(edges []Edge) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range edges {
		for _, end := range []string{e.From, e.To} {
			if id, ok := strings.CutPrefix(end, "subject:"); ok && id != "" && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

const netVetColumns = `id, kind, subjects, snapshot_id, source, edition, status, alerts, actor, created_at, finished_at, attempts, error FROM network_vets`

func scanNetworkVet(sc scanner) (*NetworkVet, error) {
	var v NetworkVet
	var subs, alerts, created, finished string
	if err := sc.Scan(&v.ID, &v.Kind, &subs, &v.SnapshotID, &v.Source, &v.Edition, &v.Status, &alerts, &v.Actor, &created, &finished,
		&v.Attempts, &v.Error); err != nil {
		return nil, err
	}
	if subs != "" {
		if err := json.Unmarshal([]byte(subs), &v.Subjects); err != nil {
			return nil, fmt.Errorf("network vet %d: subjects: %w", v.ID, err)
		}
	}
	if alerts != "" {
		if err := json.Unmarshal([]byte(alerts), &v.Alerts); err != nil {
			return nil, fmt.Errorf("network vet %d: alerts: %w", v.ID, err)
		}
	}
	v.CreatedAt = parseTime(created)
	if finished != "" {
		v.FinishedAt = parseTime(finished)
	}
	return &v, nil
}

// NetworkVetByID returns one network vet.
func (db *DB) NetworkVetByID(ctx context.Context, id int64) (*NetworkVet, error) {
	v, err := scanNetworkVet(db.sql.QueryRowContext(ctx, `SELECT `+netVetColumns+` WHERE id = $1`, id))
	if err != nil {
		return nil, notFound(err, "no network vet %d", id)
	}
	return v, nil
}

// NetworkVets returns the network vets in status ("" for all), oldest first.
func (db *DB) NetworkVets(ctx context.Context, status string) ([]*NetworkVet, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+netVetColumns+` WHERE $1 = '' OR status = $1 ORDER BY id`, status)
	if err != nil {
		return nil, fmt.Errorf("network vets: %w", err)
	}
	defer rows.Close()
	var out []*NetworkVet
	for rows.Next() {
		v, err := scanNetworkVet(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// FinishNetworkVet raises the alerts of a pending network vet and marks
// it done, in one transaction. When it was done already (by the process
// that wrote it, or by a job that ran before), nothing is raised and the
// alerts it raised then are returned: the second of two processes
// finishing one vet at once waits for the first (the row's lock) and
// finds it done.
func (db *DB) FinishNetworkVet(ctx context.Context, actor auth.Principal, id int64, alerts []NetworkAlert) (*RaisedNetwork, error) {
	out := &RaisedNetwork{}
	err := db.inTx(ctx, func(tx *tx) error {
		out.Alerts, out.Covered = nil, 0
		res, err := tx.ExecContext(ctx, `UPDATE network_vets SET status = $1, finished_at = $2 WHERE id = $3 AND status = $4`,
			NetVetDone, fmtTime(tx.now), id, NetVetPending)
		if err != nil {
			return fmt.Errorf("network vet %d: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("network vet %d: %w", id, err)
		} else if n == 0 {
			v, err := scanNetworkVet(tx.QueryRowContext(ctx, `SELECT `+netVetColumns+` WHERE id = $1`, id))
			if errors.Is(err, sql.ErrNoRows) {
				return notFound(err, "no network vet %d", id)
			}
			if err != nil {
				return err
			}
			if v.Status != NetVetDone {
				return apperr.New(apperr.Conflict, "network vet %d is %s: retry it first", id, v.Status)
			}
			out.Alerts, out.AlreadyDone = v.Alerts, true
			return nil
		}
		if err := tx.raiseAll(ctx, actor, alerts, out); err != nil {
			return err
		}
		raised := ""
		if len(out.Alerts) > 0 {
			b, err := json.Marshal(out.Alerts)
			if err != nil {
				return err
			}
			raised = string(b)
		}
		if _, err = tx.ExecContext(ctx, `UPDATE network_vets SET alerts = $1 WHERE id = $2`, raised, id); err != nil {
			return fmt.Errorf("network vet %d: %w", id, err)
		}
		return tx.appendAudit(ctx, actor, audit.ActionNetworkVetDone, vetObject(id),
			vetDone{Alerts: len(out.Alerts), AlertsSHA256: digest(raised), Covered: out.Covered})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// QueuePendingNetworkVets queues the job of every network vet still
// pending and returns how many. Queuing one twice is harmless: the job
// is unique, and a vet done does nothing.
func (db *DB) QueuePendingNetworkVets(ctx context.Context) (int, error) {
	vets, err := db.NetworkVets(ctx, NetVetPending)
	if err != nil || len(vets) == 0 {
		return 0, err
	}
	jobs := make([]Job, len(vets))
	for i, v := range vets {
		jobs[i] = NetworkVetJob{VetID: v.ID}
	}
	return len(vets), db.Enqueue(ctx, jobs...)
}

// NetworkVetFailed records that attempt number attempts of a pending
// vet's job failed with msg. When final (the job tries no more), the vet
// is failed, with an audit entry, in the same transaction: it waits for
// an operator (RetryNetworkVet) instead of being queued again at every
// start. A vet no longer pending (done meanwhile) is left as it is;
// failed reports whether this call failed it.
func (db *DB) NetworkVetFailed(ctx context.Context, actor auth.Principal, id int64, attempts int, msg string, final bool) (failed bool, err error) {
	msg = truncateText(msg, 2000)
	err = db.inTx(ctx, func(tx *tx) error {
		failed = false
		status, finished := NetVetPending, ""
		if final {
			status, finished = NetVetFailed, fmtTime(tx.now)
		}
		res, err := tx.ExecContext(ctx, `UPDATE network_vets SET status = $1, finished_at = $2, attempts = $3, error = $4
			WHERE id = $5 AND status = $6`, status, finished, attempts, msg, id, NetVetPending)
		if err != nil {
			return fmt.Errorf("network vet %d: %w", id, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("network vet %d: %w", id, err)
		}
		if n == 0 || !final {
			return nil
		}
		failed = true
		return tx.appendAudit(ctx, actor, audit.ActionNetworkVetFailed, vetObject(id),
			map[string]any{"attempts": attempts, "error": msg})
	})
	return failed, err
}

// A vet's job can end without its worker failing the vet: River's
// rescuer discards a job left running by a process that died once its
// attempts have run out, and a job can be cancelled or discarded from
// outside Vigil (River's API, by hand). No worker runs then, so the vet
// would stay pending: not done, not shown as failed, and queued again
// only by the next server's start. FailAbandonedNetworkVets finds them.

// vetJobsQuery lists the pending vets whose latest job (the one of
// highest id whose arguments name the vet) has ended without finishing
// it (state discarded or cancelled), with that job's id, state, attempts
// and last error. A vet retried since has a later job, so the job it
// gave up before is not its latest. One pass over the network_vet jobs
// (River keeps completed ones a day, discarded ones a week), joined to
// the pending vets (network_vets_status).
func vetJobsQuery(dialect string) string {
	// The job's vet and last error: args is jsonb and errors jsonb[] on
	// PostgreSQL, JSON in blobs on SQLite.
	vetOf, lastErr, state := `json_extract(args, '$.vet_id')`, `json_extract(j.errors, '$[#-1].error')`, `j.state`
	if dialect == dialectPostgres {
		vetOf, lastErr, state = `(args->>'vet_id')::bigint`, `j.errors[array_length(j.errors, 1)]->>'error'`, `j.state::text`
	}
	return `WITH latest AS (
			SELECT ` + vetOf + ` AS vet, max(id) AS job FROM river_job WHERE kind = 'network_vet' GROUP BY 1
		)
		SELECT v.id AS vet, j.id AS job, ` + state + ` AS state, j.attempt AS attempts, ` + lastErr + ` AS last_error
		FROM latest l JOIN river_job j ON j.id = l.job JOIN network_vets v ON v.id = l.vet
		WHERE v.status = $1 AND j.state IN ('discarded', 'cancelled')
		ORDER BY v.id`
}

// abandonedVet is a pending vet whose latest job ended without it.
type abandonedVet struct {
	vet, job int64
	state    string
	attempts int
	err      string
}

// FailAbandonedNetworkVets fails, as the worker does after the last
// attempt (NetworkVetFailed), every pending network vet whose latest job
// the queue has given up (discarded or cancelled) without the worker
// failing the vet, and returns their ids. Each is failed in its own
// transaction, with its network.vet_failed entry (the job's attempts,
// and an error naming the job, its state and its last error), and only
// if, within that transaction, the vet is still pending and that job
// still its latest: a vet done, failed or retried meanwhile is left as
// it is. An operator retries it like any failed vet (RetryNetworkVet).
func (db *DB) FailAbandonedNetworkVets(ctx context.Context) ([]int64, error) {
	q := vetJobsQuery(db.dialect)
	rows, err := db.sql.QueryContext(ctx, q, NetVetPending)
	if err != nil {
		return nil, fmt.Errorf("abandoned network vets: %w", err)
	}
	var found []abandonedVet
	for rows.Next() {
		var a abandonedVet
		var msg sql.NullString
		if err := rows.Scan(&a.vet, &a.job, &a.state, &a.attempts, &msg); err != nil {
			rows.Close()
			return nil, fmt.Errorf("abandoned network vets: %w", err)
		}
		a.err = msg.String
		found = append(found, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("abandoned network vets: %w", err)
	}
	var failed []int64
	for _, a := range found {
		ok, err := db.failAbandonedVet(ctx, q, a)
		if err != nil {
			return failed, err
		}
		if ok {
			failed = append(failed, a.vet)
		}
	}
	return failed, nil
}

// failAbandonedVet fails one vet FailAbandonedNetworkVets found, if it
// still is as found.
func (db *DB) failAbandonedVet(ctx context.Context, q string, a abandonedVet) (failed bool, err error) {
	msg := fmt.Sprintf("its job %d was %s by the job queue after %d attempts without failing the vet", a.job, a.state, a.attempts)
	if a.err != "" {
		msg += "; the job's last error: " + a.err
	}
	msg = truncateText(msg, 2000)
	err = db.inTx(ctx, func(tx *tx) error {
		failed = false
		// Still pending, and that job still its latest and given up (on
		// SQLite the transaction holds the write lock; on PostgreSQL the
		// row's update below waits for any other writer of the vet).
		var still bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM (`+q+`) a WHERE a.vet = $2 AND a.job = $3)`, NetVetPending, a.vet, a.job).Scan(&still); err != nil {
			return fmt.Errorf("network vet %d: %w", a.vet, err)
		}
		if !still {
			return nil
		}
		res, err := tx.ExecContext(ctx, `UPDATE network_vets SET status = $1, finished_at = $2, attempts = $3, error = $4
			WHERE id = $5 AND status = $6`, NetVetFailed, fmtTime(tx.now), a.attempts, msg, a.vet, NetVetPending)
		if err != nil {
			return fmt.Errorf("network vet %d: %w", a.vet, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return err
		}
		failed = true
		return tx.appendAudit(ctx, System, audit.ActionNetworkVetFailed, vetObject(a.vet),
			map[string]any{"attempts": a.attempts, "error": msg})
	})
	return failed, err
}

// RetryNetworkVet puts a failed network vet back to pending, its
// attempts and error cleared, and queues its job (when the store has a
// queue; without one, the next server's start queues it), with an audit
// entry naming the attempts and error it had. A vet that is not failed is
// a conflict.
func (db *DB) RetryNetworkVet(ctx context.Context, actor auth.Principal, id int64) (*NetworkVet, error) {
	var out *NetworkVet
	err := db.inTx(ctx, func(tx *tx) error {
		v, err := scanNetworkVet(tx.QueryRowContext(ctx, `SELECT `+netVetColumns+` WHERE id = $1`, id))
		if err != nil {
			return notFound(err, "no network vet %d", id)
		}
		if v.Status != NetVetFailed {
			return apperr.New(apperr.Conflict, "network vet %d is %s, not failed: only a failed vet is retried", id, v.Status)
		}
		res, err := tx.ExecContext(ctx, `UPDATE network_vets SET status = $1, finished_at = '', attempts = 0, error = '' WHERE id = $2 AND status = $3`,
			NetVetPending, id, NetVetFailed)
		if err != nil {
			return fmt.Errorf("network vet %d: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("network vet %d: retried by another at once (%d rows): %w", id, n, err)
		}
		if err := tx.appendAudit(ctx, actor, audit.ActionNetworkVetRetry, vetObject(id),
			map[string]any{"attempts": v.Attempts, "error": v.Error}); err != nil {
			return err
		}
		if tx.db.queue != nil {
			tx.enqueue(NetworkVetJob{VetID: id})
		}
		v.Status, v.FinishedAt, v.Attempts, v.Error = NetVetPending, time.Time{}, 0, ""
		out = v
		return nil
	})
	return out, err
}

// NetworkVetCounts returns how many network vets are in each state.
func (db *DB) NetworkVetCounts(ctx context.Context) (map[string]int64, error) {
	return db.countBy(ctx, "network vet counts", `SELECT status, COUNT(*) FROM network_vets GROUP BY status`)
}

// replay of the network vets' entries (see replay.go): the entry that
// wrote a vet gives its fixed columns; done, failed and retried its
// state. Its attempts and error are progress, not bound. Vets written
// before the binding (migration 94) have no entry: those with an id
// below the first a network.vet_owed entry names are not checked.
func (r *replayer) networkVet(e *audit.Entry) error {
	switch e.Action {
	case audit.ActionNetworkVetOwed:
		var d vetOwed
		id, err := decodeAt(e, "network_vet/", &d)
		if err != nil {
			return err
		}
		if n, err := strconv.ParseInt(id, 10, 64); err == nil && (r.firstNetVet == 0 || n < r.firstNetVet) {
			r.firstNetVet = n
		}
		return r.out.Write(e.Seq, "network_vets", rowKey(id), audit.Values{"kind": d.Kind, "subjects": hashed(d.SubjectsSHA256),
			"snapshot_id": itoa(d.SnapshotID), "source": d.Source, "edition": d.Edition, "actor": e.Actor, "created_at": fmtTime(e.At),
			"status": NetVetPending, "alerts": "", "finished_at": ""})
	case audit.ActionNetworkVetDone:
		var d vetDone
		id, err := decodeAt(e, "network_vet/", &d)
		if err != nil {
			return err
		}
		return r.out.Update(e.Seq, "network_vets", rowKey(id), audit.Values{"status": NetVetDone, "alerts": hashed(d.AlertsSHA256),
			"finished_at": fmtTime(e.At)})
	case audit.ActionNetworkVetFailed, audit.ActionNetworkVetRetry:
		var d struct{}
		id, err := decodeAt(e, "network_vet/", &d)
		if err != nil {
			return err
		}
		if e.Action == audit.ActionNetworkVetFailed {
			return r.out.Update(e.Seq, "network_vets", rowKey(id), audit.Values{"status": NetVetFailed, "finished_at": fmtTime(e.At)})
		}
		return r.out.Update(e.Seq, "network_vets", rowKey(id), audit.Values{"status": NetVetPending, "finished_at": ""})
	}
	return nil
}

// netVetUnchecked says whether a vet the trail does not name was written
// before the binding.
func (r *replayer) netVetUnchecked(v audit.Values) bool {
	id, err := strconv.ParseInt(v["id"], 10, 64)
	return err == nil && (r.firstNetVet == 0 || id < r.firstNetVet)
}
