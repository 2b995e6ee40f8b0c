package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"

	"github.com/vigil-screening/vigil/store"
)

// Queue adds jobs to River's queue in the database: the store's
// transactions hand it the jobs their changes cause (store.Queue). It is
// a River client that inserts only; Runner works the jobs.
type Queue struct {
	client *river.Client[*sql.Tx]
}

var _ store.Queue = (*Queue)(nil)

// NewQueue returns the queue over the store's connection. Pass it to
// store.Open as store.WithQueue(jobs.NewQueue).
func NewQueue(db *sql.DB, dialect string) (store.Queue, error) {
	c, err := river.NewClient(driver(db, dialect), &river.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	return &Queue{client: c}, nil
}

// driver returns River's driver for the store's database: its SQLite
// driver, or its database/sql driver for PostgreSQL, so that jobs are
// inserted in the store's own transactions (*sql.Tx) on either.
func driver(db *sql.DB, dialect string) riverdriver.Driver[*sql.Tx] {
	if dialect == "postgres" {
		return riverdatabasesql.New(db)
	}
	return riversqlite.New(db)
}

// EnqueueTx inserts the jobs in tx. A job whose kind is unique (see
// kinds) is not inserted again while one like it waits or runs.
func (q *Queue) EnqueueTx(ctx context.Context, tx *sql.Tx, jobs []store.Job) error {
	params := make([]river.InsertManyParams, len(jobs))
	for i, j := range jobs {
		opts, err := insertOpts(j.Kind())
		if err != nil {
			return err
		}
		params[i] = river.InsertManyParams{Args: j, InsertOpts: opts}
	}
	if _, err := q.client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("insert jobs: %w", err)
	}
	return nil
}

// Queues: each kind of work has its own, so that a long re-screening
// never holds up a webhook delivery or a refresh.
const (
	QueueRefresh  = "refresh"
	QueueWebhooks = "webhooks"
	QueueRevet    = "revet"
	QueueDefault  = river.QueueDefault
)

// kind says how jobs of one kind are queued and retried.
type kind struct {
	queue       string
	maxAttempts int
	// unique: at most one job with the same arguments waits or runs at a
	// time (a second insert is skipped).
	unique bool
	// timeout is the longest one attempt may take.
	timeout time.Duration
	// retryBase is the delay before the first retry, doubling at each
	// attempt up to retryCap.
	retryBase, retryCap time.Duration
}

// kinds is the table of job kinds; each has a worker in Runner.
var kinds = map[string]kind{
	store.RefreshJob{}.Kind(): {queue: QueueRefresh, maxAttempts: 8, unique: true, timeout: 30 * time.Minute,
		retryBase: time.Minute, retryCap: time.Hour},
	// 12 attempts: 30 s, 1, 2, 4, 8, 16, 32 min, then hourly: about six
	// hours of trying before a delivery fails for good.
	store.DeliveryJob{}.Kind(): {queue: QueueWebhooks, maxAttempts: 12, timeout: time.Minute,
		retryBase: 30 * time.Second, retryCap: time.Hour},
	// Re-vetting (docs/monitoring.md): unique by run (and chunk), so that
	// planning twice or queuing a chunk twice is skipped; each is
	// idempotent besides (a plan that ran does nothing, a chunk done
	// before writes nothing).
	store.RevetPlanJob{}.Kind(): {queue: QueueRevet, maxAttempts: 10, unique: true, timeout: 20 * time.Minute,
		retryBase: 10 * time.Second, retryCap: 10 * time.Minute},
	store.MonitorExpireJob{}.Kind(): {queue: QueueRevet, maxAttempts: 5, unique: true, timeout: 20 * time.Minute,
		retryBase: time.Minute, retryCap: time.Hour},
	store.RevetChunkJob{}.Kind(): {queue: QueueRevet, maxAttempts: 10, unique: true, timeout: 20 * time.Minute,
		retryBase: 10 * time.Second, retryCap: 10 * time.Minute},
	// The network alerts a change owes (docs/networks.md): unique by
	// network vet; a vet done does nothing. In the default queue, apart
	// from the re-vetting runs and the refreshes: a slow graph holds up
	// neither.
	store.NetworkVetJob{}.Kind(): {queue: QueueDefault, maxAttempts: 10, unique: true, timeout: 20 * time.Minute,
		retryBase: 10 * time.Second, retryCap: 10 * time.Minute},
}

// waitingOrRunning are the states in which a unique job blocks another.
var waitingOrRunning = []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
	rivertype.JobStateRunning, rivertype.JobStateScheduled,
}

func insertOpts(name string) (*river.InsertOpts, error) {
	k, ok := kinds[name]
	if !ok {
		return nil, fmt.Errorf("job kind %q has no entry in the jobs table", name)
	}
	opts := &river.InsertOpts{Queue: k.queue, MaxAttempts: k.maxAttempts}
	if k.unique {
		opts.UniqueOpts = river.UniqueOpts{ByArgs: true, ByState: waitingOrRunning}
	}
	return opts, nil
}
