package store

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/vigil-screening/vigil/apperr"
)

// groupCommit lets concurrent RecordScreening calls share transactions.
// A few writer goroutines each take the first waiting screening plus all
// others already waiting (up to maxGroup) and record them in one
// transaction. Nothing waits on a timer: under light load each screening
// gets its own transaction at once; under heavy load transactions grow.
type groupCommit struct {
	db      *DB
	queue   chan *waiter // unbuffered: a sent job is always processed
	closing chan struct{}
	writers sync.WaitGroup

	// transactions and screenings count what the writers committed
	// together (GroupStats).
	transactions, screenings atomic.Int64
}

const maxGroup = 64

type waiter struct {
	ctx  context.Context
	job  job
	done chan outcome // buffered, so a writer never blocks on it
}

type outcome struct {
	r   *ScreeningResult
	err error
}

var errClosed = apperr.New(apperr.Unavailable, "database is closed")

func startGroupCommit(db *DB, writers int) *groupCommit {
	g := &groupCommit{db: db, queue: make(chan *waiter), closing: make(chan struct{})}
	for range writers {
		g.writers.Go(g.loop)
	}
	return g
}

// submit hands a job to a writer and waits for its outcome.
func (g *groupCommit) submit(ctx context.Context, j job) (*ScreeningResult, error) {
	w := &waiter{ctx: ctx, job: j, done: make(chan outcome, 1)}
	select {
	case g.queue <- w:
	case <-g.closing:
		return nil, errClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case o := <-w.done:
		return o.r, o.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *groupCommit) loop() {
	for {
		select {
		case w := <-g.queue:
			g.commit(g.gather(w))
		case <-g.closing:
			return
		}
	}
}

// gather adds the jobs already waiting to first, without waiting for more.
func (g *groupCommit) gather(first *waiter) []*waiter {
	group := []*waiter{first}
	for len(group) < maxGroup {
		select {
		case w := <-g.queue:
			group = append(group, w)
		default:
			return group
		}
	}
	return group
}

// commit records the group in one transaction; if that fails, it records
// each job alone so that each gets its own outcome.
func (g *groupCommit) commit(group []*waiter) {
	live := group[:0]
	for _, w := range group {
		if err := w.ctx.Err(); err != nil {
			w.done <- outcome{err: err}
			continue
		}
		live = append(live, w)
	}
	if len(live) == 0 {
		return
	}
	if len(live) > 1 {
		jobs := make([]job, len(live))
		for i, w := range live {
			jobs[i] = w.job
		}
		rs, err := g.db.recordJobs(context.WithoutCancel(live[0].ctx), jobs)
		if err == nil {
			g.transactions.Add(1)
			g.screenings.Add(int64(len(live)))
			for i, w := range live {
				w.done <- outcome{r: rs[i]}
			}
			return
		}
	}
	for _, w := range live {
		rs, err := g.db.recordJobs(w.ctx, []job{w.job})
		if err != nil {
			w.done <- outcome{err: err}
			continue
		}
		g.transactions.Add(1)
		g.screenings.Add(1)
		w.done <- outcome{r: rs[0]}
	}
}

func (g *groupCommit) stop() {
	close(g.closing)
	g.writers.Wait()
}

// GroupStats returns how many transactions RecordScreening's writers
// have committed and how many screenings they held: their ratio is the
// mean group size.
func (db *DB) GroupStats() (transactions, screenings int64) {
	return db.group.transactions.Load(), db.group.screenings.Load()
}
