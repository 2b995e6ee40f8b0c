package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/snapshot"
)

// Re-vetting (docs/monitoring.md). When an edition is accepted, the
// transaction that stores it also writes a re-vetting run (a revets row,
// kind delta) and queues the job that plans it (RevetPlanJob). The plan
// computes the edition's difference with the edition in force before it
// and queues one job per chunk of added or changed records
// (RevetChunkJob); each chunk screens its records against the monitored
// subjects and records what it found, with the chunk's completion, in one
// transaction, so that a chunk is done exactly once however often its job
// runs. A full re-screen is a run of kind full over every record in
// force. The runs are progress, not part of the record: the screenings
// and alerts they write are, and are audited as any screening.

// Cause says what made Vigil look at a subject again and raise an alert
// other than a screening of the subject: general enough for any kind of
// alert (a listing added or changed, a full re-screen, a network link).
type Cause struct {
	// Kind: listing_added, listing_changed, rescreen, or another kind's
	// name (network alerts).
	Kind string `json:"kind"`
	// Text says it in words: "added to un_sc in the edition of
	// 2026-02-27", "un_sc/QDi.1 changed in the edition of 2026-02-27:
	// alias added".
	Text string `json:"text"`
	// Source, Edition and SnapshotID name the edition that caused it.
	Source     string `json:"source,omitempty"`
	Edition    string `json:"edition,omitempty"`
	SnapshotID int64  `json:"snapshot_id,omitempty"`
	// Record is the listed record that changed ("list/source_id").
	Record string `json:"record,omitempty"`
	// RevetID is the re-vetting run that raised the alert.
	RevetID int64 `json:"revet_id,omitempty"`
}

// Kinds of re-vetting run.
const (
	RevetDelta = "delta" // an accepted edition's changes
	RevetFull  = "full"  // every record in force (vigil rescreen)
)

// States of a re-vetting run.
const (
	RevetPending = "pending" // written, its plan not run yet
	RevetRunning = "running" // planned, chunks queued
	RevetDone    = "done"
	RevetFailed  = "failed"
)

// Revet is a re-vetting run and its progress.
type Revet struct {
	ID         int64     `json:"id"`
	Kind       string    `json:"kind"`
	SnapshotID int64     `json:"snapshot_id,omitempty"`
	PrevID     int64     `json:"previous_snapshot_id,omitempty"`
	Source     string    `json:"source,omitempty"`
	Edition    string    `json:"edition,omitempty"`
	Status     string    `json:"status"`
	Records    int       `json:"records"` // listed records to look at
	Chunks     int       `json:"chunks"`
	ChunksDone int       `json:"chunks_done"`
	Candidates int64     `json:"candidates"` // subjects the reverse index proposed
	Screened   int64     `json:"screened"`   // monitored subjects screened again
	Alerts     int64     `json:"alerts"`     // new alerts raised
	Annotated  int       `json:"annotated"`  // alerts annotated with a delisting or amendment
	Threshold  float64   `json:"threshold,omitempty"`
	Engine     string    `json:"engine,omitempty"`
	Actor      string    `json:"actor"`
	Error      string    `json:"error,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	FinishedAt time.Time `json:"finished_at,omitzero"`
}

// RevetPlanJob plans a re-vetting run: computes what to look at and
// queues its chunks.
type RevetPlanJob struct {
	RevetID int64 `json:"revet_id"`
}

// Kind names the job's worker.
func (RevetPlanJob) Kind() string { return "revet_plan" }

// RevetChunkJob screens one chunk of a run's records against the
// monitored subjects.
type RevetChunkJob struct {
	RevetID int64 `json:"revet_id"`
	Chunk   int   `json:"chunk"`
}

// Kind names the job's worker.
func (RevetChunkJob) Kind() string { return "revet_chunk" }

// planRevet writes the re-vetting run of an edition being accepted, and
// queues its plan when the store has a queue. Without one (a command
// that imports with no server running), the run waits as pending until
// a server starts (QueuePendingRevets): it is never lost.
func (tx *tx) planRevet(ctx context.Context, actor auth.Principal, s *snapshot.Snapshot) error {
	now := fmtTime(tx.now)
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO revets (kind, snapshot_id, source, edition, status, actor, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
		RevetDelta, s.ID, s.Source, s.Edition, RevetPending, actorName(actor), now).Scan(&id)
	if err != nil {
		return fmt.Errorf("re-vetting run of %s: %w", s.Source, err)
	}
	if tx.db.queue != nil {
		tx.enqueue(RevetPlanJob{RevetID: id})
	}
	return nil
}

// StartRescreen writes a full re-screen run, audited, and queues its
// plan. threshold and engine are those it will screen with.
func (db *DB) StartRescreen(ctx context.Context, actor auth.Principal, threshold float64, engine, reason string) (*Revet, error) {
	if err := checkText("reason", reason, 2000); err != nil {
		return nil, err
	}
	var id int64
	err := db.inTx(ctx, func(tx *tx) error {
		now := fmtTime(tx.now)
		err := tx.QueryRowContext(ctx, `INSERT INTO revets (kind, status, threshold, engine, actor, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
			RevetFull, RevetPending, threshold, engine, actorName(actor), now).Scan(&id)
		if err != nil {
			return fmt.Errorf("start re-screen: %w", err)
		}
		if tx.db.queue == nil {
			return fmt.Errorf("re-screen: %w", ErrNoQueue)
		}
		tx.enqueue(RevetPlanJob{RevetID: id})
		return tx.appendAudit(ctx, actor, audit.ActionRescreen, fmt.Sprintf("revet/%d", id),
			map[string]any{"threshold": threshold, "engine": engine, "reason": reason})
	})
	if err != nil {
		return nil, err
	}
	return db.Revet(ctx, id)
}

const revetColumns = `r.id, r.kind, r.snapshot_id, r.prev_id, r.source, r.edition, r.status, r.records, r.chunks,
	r.threshold, r.engine, r.annotated, r.actor, r.error, r.created_at, r.updated_at, r.finished_at,
	(SELECT COUNT(*) FROM revet_chunks c WHERE c.revet_id = r.id),
	(SELECT COALESCE(SUM(c.candidates), 0) FROM revet_chunks c WHERE c.revet_id = r.id),
	(SELECT COALESCE(SUM(c.screened), 0) FROM revet_chunks c WHERE c.revet_id = r.id),
	(SELECT COALESCE(SUM(c.alerts), 0) FROM revet_chunks c WHERE c.revet_id = r.id)
	FROM revets r`

func scanRevet(sc scanner) (*Revet, error) {
	var r Revet
	var created, updated, finished string
	err := sc.Scan(&r.ID, &r.Kind, &r.SnapshotID, &r.PrevID, &r.Source, &r.Edition, &r.Status, &r.Records, &r.Chunks,
		&r.Threshold, &r.Engine, &r.Annotated, &r.Actor, &r.Error, &created, &updated, &finished,
		&r.ChunksDone, &r.Candidates, &r.Screened, &r.Alerts)
	if err != nil {
		return nil, err
	}
	r.CreatedAt, r.UpdatedAt = parseTime(created), parseTime(updated)
	if finished != "" {
		r.FinishedAt = parseTime(finished)
	}
	return &r, nil
}

// Revet returns one re-vetting run with its progress.
func (db *DB) Revet(ctx context.Context, id int64) (*Revet, error) {
	r, err := scanRevet(db.sql.QueryRowContext(ctx, `SELECT `+revetColumns+` WHERE r.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "no re-vetting run %d", id)
	}
	return r, nil
}

// Revets returns the latest re-vetting runs, newest first (at most limit,
// 1..1000).
func (db *DB) Revets(ctx context.Context, limit int) ([]*Revet, error) {
	limit = min(max(limit, 1), 1000)
	rows, err := db.sql.QueryContext(ctx, `SELECT `+revetColumns+` ORDER BY r.id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("re-vetting runs: %w", err)
	}
	defer rows.Close()
	var out []*Revet
	for rows.Next() {
		r, err := scanRevet(rows)
		if err != nil {
			return nil, fmt.Errorf("re-vetting runs: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RevetPlan is what planning a run found.
type RevetPlan struct {
	PrevID    int64
	Records   int
	Chunks    int
	Threshold float64
	Engine    string
}

// SetRevetPlan records the plan of a pending run and queues its chunks,
// in one transaction; a run with no chunk is done at once. Planning a
// run that is no longer pending does nothing (its plan ran before).
func (db *DB) SetRevetPlan(ctx context.Context, id int64, p RevetPlan) error {
	return db.inTx(ctx, func(tx *tx) error {
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM revets WHERE id = $1`, id).Scan(&status); err != nil {
			return notFound(err, "no re-vetting run %d", id)
		}
		if status != RevetPending {
			return nil
		}
		now := fmtTime(tx.now)
		status, finished := RevetRunning, ""
		if p.Chunks == 0 {
			status, finished = RevetDone, now
		}
		_, err := tx.ExecContext(ctx, `UPDATE revets SET status = $1, prev_id = $2, records = $3, chunks = $4, threshold = $5,
			engine = $6, updated_at = $7, finished_at = $8 WHERE id = $9`,
			status, p.PrevID, p.Records, p.Chunks, p.Threshold, p.Engine, now, finished, id)
		if err != nil {
			return fmt.Errorf("plan re-vetting run %d: %w", id, err)
		}
		if p.Chunks > 0 && tx.db.queue == nil {
			return fmt.Errorf("re-vetting run %d: %w", id, ErrNoQueue)
		}
		for c := range p.Chunks {
			tx.enqueue(RevetChunkJob{RevetID: id, Chunk: c})
		}
		return nil
	})
}

// SetRevetEditions keeps, in a full run's edition column, the snapshot
// ids in force when it was planned (comma-separated): its chunks are
// slices of their records.
func (db *DB) SetRevetEditions(ctx context.Context, id int64, ids string) error {
	_, err := db.sql.ExecContext(ctx, `UPDATE revets SET edition = $1 WHERE id = $2 AND status = $3`, ids, id, RevetPending)
	return err
}

// SetRevetAnnotated records how many alerts the run annotated.
func (db *DB) SetRevetAnnotated(ctx context.Context, id int64, n int) error {
	_, err := db.sql.ExecContext(ctx, `UPDATE revets SET annotated = $1 WHERE id = $2`, n, id)
	return err
}

// FailRevet marks a run failed with the reason.
func (db *DB) FailRevet(ctx context.Context, id int64, reason string) error {
	now := fmtTime(db.now())
	_, err := db.sql.ExecContext(ctx, `UPDATE revets SET status = $1, error = $2, updated_at = $3, finished_at = $3 WHERE id = $4`,
		RevetFailed, truncateText(reason, 2000), now, id)
	return err
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// ChunkDone reports whether a chunk of a run is done.
func (db *DB) ChunkDone(ctx context.Context, id int64, chunk int) (bool, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM revet_chunks WHERE revet_id = $1 AND chunk = $2`, id, chunk).Scan(&n)
	return n > 0, err
}

// ChunkResult is what one chunk found.
type ChunkResult struct {
	Candidates int
	Screened   int
	Alerts     int
	// Replayed is true when the chunk was done before: nothing was written.
	Replayed bool
}

// RecordChunk records, in one transaction, the screenings one chunk of a
// run made (each as a recorded screening: subject, screening, alerts,
// audit entry) and the chunk's completion; the run is done when its last
// chunk is. A chunk done before writes nothing (Replayed): a job that
// died after its commit and runs again raises no alert twice.
func (db *DB) RecordChunk(ctx context.Context, actor auth.Principal, id int64, chunk int, candidates int, batch []Screening) (*ChunkResult, error) {
	jobs := make([]job, len(batch))
	for i := range batch {
		if err := checkScreening(&batch[i]); err != nil {
			return nil, fmt.Errorf("screening %d: %w", i, err)
		}
		jobs[i] = job{actor: actor, s: &batch[i]}
	}
	slices.SortStableFunc(jobs, func(a, b job) int { return strings.Compare(a.s.SubjectID, b.s.SubjectID) })
	res := &ChunkResult{Candidates: candidates, Screened: len(batch)}
	err := db.inTx(ctx, func(tx *tx) error {
		now := fmtTime(tx.now)
		// Claim the chunk first: a second runner of the same chunk waits
		// here (PostgreSQL) or fails on the key, and then finds it done.
		r, err := tx.ExecContext(ctx, `INSERT INTO revet_chunks (revet_id, chunk, candidates, screened, alerts, done_at)
			VALUES ($1, $2, $3, $4, 0, $5) ON CONFLICT (revet_id, chunk) DO NOTHING`, id, chunk, candidates, len(batch), now)
		if err != nil {
			return fmt.Errorf("re-vetting run %d chunk %d: %w", id, chunk, err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			res.Replayed = true
			return nil
		}
		order := make([]int, len(jobs))
		for i := range order {
			order[i] = i
		}
		pre, err := tx.prewrite(ctx, jobs, order)
		if err != nil {
			return fmt.Errorf("re-vetting run %d chunk %d: %w", id, chunk, err)
		}
		for i, j := range jobs {
			out, err := db.recordOne(ctx, tx, j.actor, j.s, at(pre, i), nil)
			if err != nil {
				return fmt.Errorf("re-vet subject %s: %w", j.s.SubjectID, err)
			}
			res.Alerts += len(out.Alerts)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE revet_chunks SET alerts = $1 WHERE revet_id = $2 AND chunk = $3`, res.Alerts, id, chunk); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE revets SET updated_at = $1,
			status = CASE WHEN (SELECT COUNT(*) FROM revet_chunks WHERE revet_id = $2) >= chunks THEN 'done' ELSE status END,
			finished_at = CASE WHEN (SELECT COUNT(*) FROM revet_chunks WHERE revet_id = $2) >= chunks THEN $1 ELSE finished_at END
			WHERE id = $2`, now, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if res.Replayed {
		res.Alerts, res.Screened = 0, 0
	}
	return res, nil
}

// QueuePendingRevets queues the plan of every run still pending (written
// by an import with no job queue, see planRevet) and returns how many.
// Queuing a plan twice is harmless: the plan job is unique, and a plan
// that ran does nothing.
func (db *DB) QueuePendingRevets(ctx context.Context) (int, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id FROM revets WHERE status = $1 ORDER BY id`, RevetPending)
	if err != nil {
		return 0, fmt.Errorf("pending re-vetting runs: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return 0, err
	}
	jobs := make([]Job, len(ids))
	for i, id := range ids {
		jobs[i] = RevetPlanJob{RevetID: id}
	}
	return len(ids), db.Enqueue(ctx, jobs...)
}

// SnapshotMeta returns a stored edition's metadata, without its records.
func (db *DB) SnapshotMeta(ctx context.Context, id int64) (*snapshot.Meta, error) {
	metas, err := db.metas(ctx, `WHERE id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(metas) == 0 {
		return nil, apperr.New(apperr.NotFound, "no snapshot %d", id)
	}
	return &metas[0], nil
}

// causeJSON encodes a cause for a note or the audit trail.
func causeJSON(c *Cause) string {
	if c == nil {
		return ""
	}
	b, _ := json.Marshal(c)
	return string(b)
}

var errNoRows = sql.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
