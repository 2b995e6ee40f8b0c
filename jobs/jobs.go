// Package jobs runs Vigil's background work as durable jobs in the
// database Vigil already has (River's queue, on SQLite or PostgreSQL):
// scheduled list refreshes, webhook deliveries and the other work the
// system of record starts. It is an adapter, like httpapi: each worker
// calls one use case of package service as the System principal.
//
// Jobs are rows in the database. A change that causes a job inserts it
// in the change's own transaction (Queue, handed to store.Open), so a
// job exists exactly when its cause committed. Several `vigil serve`
// processes on one PostgreSQL share the work: each job is locked by the
// one process that works it, and periodic refreshes are scheduled by the
// elected leader only. A process killed mid-job leaves the job running
// in the table; after RescueAfter the leader puts it back to be retried.
// Every job is idempotent: a refresh imports under the one import policy
// (an edition already stored is not stored again), a delivery carries
// the same delivery id however often it is sent.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// Config configures a Runner.
type Config struct {
	// Store is the database the jobs live in; Service is what the
	// workers call. Both required.
	Store   *store.DB
	Service *service.Service
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Schedules are the sources refreshed periodically; none when empty.
	Schedules []Schedule
	// RescueAfter is how long a job may run before it is taken for the
	// job of a dead process and retried; 0 means one hour. It must be
	// longer than the longest job (a refresh may take 30 minutes).
	RescueAfter time.Duration
	// PollInterval is how often each queue looks for new jobs; 0 means
	// one second.
	PollInterval time.Duration
	// RetryBase, when set, replaces each kind's first retry delay (tests
	// use a short one); the delays double from there.
	RetryBase time.Duration
	// Concurrency is how many jobs of each queue one process works at
	// once; a queue not named gets its default (refresh 1, webhooks 4,
	// default 2).
	Concurrency map[string]int
	// ReconcileEvery is how often the runner fails the network vets whose
	// job the queue gave up without the worker failing them (a stuck job
	// discarded by River's rescuer: Service.FailAbandonedNetworkVets); 0
	// means one minute (River's rescuer runs every 30 seconds).
	ReconcileEvery time.Duration
}

// Runner works the jobs: one River client with a worker per kind.
type Runner struct {
	client *river.Client[*sql.Tx]
	log    *slog.Logger
	svc    *service.Service
	every  time.Duration // ReconcileEvery
	// stop ends the reconciling goroutine (cancelling a look under way),
	// which closes done.
	stop context.CancelFunc
	done chan struct{}
}

// New returns a runner; Start starts it.
func New(cfg Config) (*Runner, error) {
	if cfg.Store == nil || cfg.Service == nil {
		return nil, errors.New("jobs: Config.Store and Config.Service are required")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	if cfg.RescueAfter == 0 {
		cfg.RescueAfter = time.Hour
	}
	// A job still running when RescueAfter has passed is taken for the job
	// of a dead process and run again: no job may run that long.
	timeout := func(kind string) time.Duration { return min(kinds[kind].timeout, cfg.RescueAfter/2) }
	if longest := longestTimeout(); cfg.RescueAfter/2 < longest {
		log.Warn("jobs: the rescue time is short: jobs are cut at half of it", "rescue_after", cfg.RescueAfter, "longest_job", longest)
	}
	workers := river.NewWorkers()
	addWorkers(workers, cfg.Service, timeout)

	periodic, err := periodicJobs(cfg.Schedules, cfg.Service)
	if err != nil {
		return nil, err
	}
	if cfg.PollInterval == 0 {
		cfg.PollInterval = time.Second
	}
	rc := &river.Config{
		ID:                   clientID(),
		Logger:               log.With("component", "jobs"),
		Queues:               queues(cfg.Concurrency, cfg.PollInterval),
		Workers:              workers,
		PeriodicJobs:         periodic,
		RescueStuckJobsAfter: cfg.RescueAfter,
		RetryPolicy:          backoff{base: cfg.RetryBase},
		FetchPollInterval:    cfg.PollInterval,
		FetchCooldown:        min(cfg.PollInterval, 100*time.Millisecond),
	}
	rc.JobTimeout = min(time.Minute, cfg.RescueAfter/2) // for kinds without their own
	db := cfg.Store
	c, err := river.NewClient(driver(db.SQL(), db.Dialect()), rc)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if cfg.ReconcileEvery <= 0 {
		cfg.ReconcileEvery = time.Minute
	}
	return &Runner{client: c, log: log, svc: cfg.Service, every: cfg.ReconcileEvery}, nil
}

// clientID names this process among those working the queue.
func clientID() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s-%d-%d", host, os.Getpid(), time.Now().Unix())
}

func queues(concurrency map[string]int, poll time.Duration) map[string]river.QueueConfig {
	defaults := map[string]int{QueueRefresh: 1, QueueWebhooks: 4, QueueDefault: 2, QueueRevet: 1}
	out := map[string]river.QueueConfig{}
	for name, n := range defaults {
		if c, ok := concurrency[name]; ok && c > 0 {
			n = c
		}
		out[name] = river.QueueConfig{MaxWorkers: n, FetchPollInterval: poll, FetchCooldown: min(poll, 100*time.Millisecond)}
	}
	return out
}

// Start starts working jobs, until Stop.
func (r *Runner) Start(ctx context.Context) error {
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	rctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	r.stop, r.done = stop, make(chan struct{})
	go r.reconcile(rctx)
	return nil
}

// reconcile fails, every r.every until Stop, the network vets whose job
// the queue gave up without the worker failing them. Each process does
// it: failing a vet is conditional (still pending, that job still its
// latest), so two doing it at once fail it once.
func (r *Runner) reconcile(ctx context.Context) {
	defer close(r.done)
	t := time.NewTicker(r.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cctx, cancel := context.WithTimeout(ctx, max(r.every, 30*time.Second))
		if _, err := r.svc.FailAbandonedNetworkVets(cctx, service.System); err != nil && ctx.Err() == nil {
			r.log.Warn("jobs: looking for network vets whose job was given up", "err", err)
		}
		cancel()
	}
}

// Stop stops taking jobs and waits for those running to finish, for at
// most grace; then it cancels them (they are retried later, by this
// process or another).
func (r *Runner) Stop(grace time.Duration) error {
	if r.stop != nil {
		r.stop()
		<-r.done
		r.stop = nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := r.client.Stop(ctx)
	if err == nil {
		return nil
	}
	r.log.Warn("jobs still running at shutdown; cancelling them: they will be retried", "err", err)
	cctx, ccancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer ccancel()
	return r.client.StopAndCancel(cctx)
}

// backoff retries a failed job after the kind's first delay, doubling at
// each attempt up to its cap, with a tenth of jitter.
type backoff struct{ base time.Duration }

func (b backoff) NextRetry(job *rivertype.JobRow) time.Time {
	k := kinds[job.Kind]
	base, ceiling := k.retryBase, k.retryCap
	if b.base > 0 {
		base = b.base
	}
	if base <= 0 {
		base, ceiling = time.Minute, time.Hour
	}
	d := base
	for i := 1; i < job.Attempt && d < ceiling; i++ {
		d *= 2
	}
	d = min(d, ceiling)
	d += time.Duration(rand.Int64N(int64(d)/10 + 1))
	return time.Now().Add(d)
}

// worker runs jobs of one kind: work calls one use case of the service.
// A job that cannot succeed (an unknown source, a refused permission) is
// cancelled rather than retried.
type worker[T store.Job] struct {
	river.WorkerDefaults[T]
	timeout time.Duration
	work    func(ctx context.Context, job *river.Job[T]) error
}

func (w *worker[T]) Timeout(*river.Job[T]) time.Duration { return w.timeout }

func (w *worker[T]) Work(ctx context.Context, job *river.Job[T]) error {
	return permanent(w.work(ctx, job))
}

// addWorker registers the worker of kind T, its time limit the kind's.
func addWorker[T store.Job](ws *river.Workers, timeout func(kind string) time.Duration, work func(ctx context.Context, job *river.Job[T]) error) {
	var args T
	river.AddWorker(ws, &worker[T]{timeout: timeout(args.Kind()), work: work})
}

// addWorkers registers a worker for each kind of job; each calls the
// service as System.
func addWorkers(ws *river.Workers, svc *service.Service, timeout func(kind string) time.Duration) {
	// Refresh one list from its publisher.
	addWorker(ws, timeout, func(ctx context.Context, job *river.Job[store.RefreshJob]) error {
		_, err := svc.RefreshList(ctx, service.System, job.Args.Source)
		return err
	})
	// Send one webhook delivery; a failure of the last attempt fails it.
	addWorker(ws, timeout, func(ctx context.Context, job *river.Job[store.DeliveryJob]) error {
		return svc.Deliver(ctx, service.System, job.Args.DeliveryID, job.Attempt >= job.MaxAttempts)
	})
	// Plan a re-vetting run: what changed, annotations, one job per chunk.
	addWorker(ws, timeout, func(ctx context.Context, job *river.Job[store.RevetPlanJob]) error {
		return svc.PlanRevet(ctx, service.System, job.Args.RevetID)
	})
	// End, audited, the monitoring of subjects past their retention.
	addWorker(ws, timeout, func(ctx context.Context, job *river.Job[store.MonitorExpireJob]) error {
		_, err := svc.ExpireMonitoring(ctx, service.System)
		return err
	})
	// Raise the network alerts a change of the graph or of the lists owes.
	// A failure is written on the vet (attempts, last error); the last
	// attempt's, or one no retry can mend, fails the vet for good, to be
	// retried by an operator rather than queued again at every start.
	addWorker(ws, timeout, func(ctx context.Context, job *river.Job[store.NetworkVetJob]) error {
		_, err := svc.RunNetworkVet(ctx, service.System, job.Args.VetID)
		if err == nil || apperr.CodeOf(err) == apperr.NotFound {
			return err
		}
		final := job.Attempt >= job.MaxAttempts || isPermanent(err)
		// The job's own context may be what ended it (its time limit).
		nctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if ferr := svc.NetworkVetFailed(nctx, service.System, job.Args.VetID, job.Attempt, err, final); ferr != nil {
			return fmt.Errorf("%w (and recording the failure on the vet: %v)", err, ferr)
		}
		return err
	})
	// Re-vet one chunk of records against the monitored subjects.
	addWorker(ws, timeout, func(ctx context.Context, job *river.Job[store.RevetChunkJob]) error {
		_, err := svc.RevetChunk(ctx, service.System, job.Args.RevetID, job.Args.Chunk)
		return err
	})
}

// permanent cancels the job, rather than retrying it, when err says that
// no retry can succeed (an unknown source, a refused permission).
func permanent(err error) error {
	if isPermanent(err) {
		return river.JobCancel(err)
	}
	return err
}

func isPermanent(err error) bool {
	switch apperr.CodeOf(err) {
	case apperr.Invalid, apperr.Forbidden, apperr.NotFound:
		return true
	}
	return false
}

func longestTimeout() time.Duration {
	var d time.Duration
	for _, k := range kinds {
		d = max(d, k.timeout)
	}
	return d
}
