package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Background jobs (list refreshes, webhook deliveries, re-vetting) live
// in a queue in the same database as the system of record (package jobs
// runs them). A change that causes a job adds it in its own transaction:
// the job exists if and only if the change commits, so no job is lost
// when a process dies after the commit, and none runs for a change that
// was rolled back.

// Job is the arguments of a background job, encoded as JSON. Kind names
// the worker that runs it.
type Job interface {
	Kind() string
}

// Queue adds jobs to the job queue. EnqueueTx adds them inside the
// transaction tx of the change that causes them.
type Queue interface {
	EnqueueTx(ctx context.Context, tx *sql.Tx, jobs []Job) error
}

// QueueFunc builds the job queue over the store's connection; dialect is
// "sqlite" or "postgres".
type QueueFunc func(db *sql.DB, dialect string) (Queue, error)

// WithQueue gives the store its job queue, built by newQueue on the
// store's connection once it is open. Without one, a change that causes
// a job fails (it would be lost otherwise).
func WithQueue(newQueue QueueFunc) Option { return func(db *DB) { db.newQueue = newQueue } }

// ErrNoQueue is returned by a change that causes a job on a store opened
// without a queue.
var ErrNoQueue = fmt.Errorf("this change starts a background job, but the database was opened without the job queue")

// enqueue adds jobs to the transaction: inTx hands them to the queue just
// before commit.
func (tx *tx) enqueue(jobs ...Job) { tx.jobs = append(tx.jobs, jobs...) }

// flushJobs hands the jobs added to the transaction to the queue.
func (tx *tx) flushJobs(ctx context.Context) error {
	if len(tx.jobs) == 0 {
		return nil
	}
	if tx.db.queue == nil {
		return fmt.Errorf("%s: %w", tx.jobs[0].Kind(), ErrNoQueue)
	}
	if err := tx.db.queue.EnqueueTx(ctx, tx.Tx, tx.jobs); err != nil {
		return fmt.Errorf("enqueue %d job(s): %w", len(tx.jobs), err)
	}
	return nil
}

// Enqueue adds jobs that no change of the record causes (a refresh asked
// for now, a test delivery), in a transaction of their own.
func (db *DB) Enqueue(ctx context.Context, jobs ...Job) error {
	return db.inTx(ctx, func(tx *tx) error {
		tx.enqueue(jobs...)
		return nil
	})
}

// The kinds of job. Package jobs has a worker for each.

// RefreshJob fetches one source from its publisher and imports what
// changed under the one import policy.
type RefreshJob struct {
	Source string `json:"source"`
}

// Kind names the job's worker.
func (RefreshJob) Kind() string { return "list_refresh" }
