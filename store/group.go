package store

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
)

// groupCommit lets concurrent RecordScreening calls share transactions.
// A few writer goroutines each take the first waiting screening plus all
// others already waiting (up to maxGroup) and record them in one
// transaction. A caller may announce a screening before computing it
// (Announce): while announced screenings are still being computed, a
// writer that holds a group waits for them, up to the linger time (DefaultLinger), so that
// the requests in flight share one transaction instead of each paying
// for its own. Without announcements nothing waits: under light load each
// screening gets its own transaction at once. No screening is
// acknowledged before the transaction holding it has committed.
type groupCommit struct {
	db      *DB
	queue   chan *waiter // unbuffered: a sent job is always processed
	closing chan struct{}
	writers sync.WaitGroup
	// gathering is held by the writer forming a group.
	gathering sync.Mutex
	// slot holds a token while a writer commits a group whose commit
	// excludes the others' (the PostgreSQL ad hoc path, recordAdHoc):
	// the writer gathering the next group goes on gathering until it
	// can take the token, so that everything that arrives meanwhile
	// shares the next commit instead of waiting for a third one.
	slot chan struct{}

	// transactions and screenings count what the writers committed
	// together (GroupStats).
	transactions, screenings atomic.Int64
	// announced counts the screenings announced and not yet taken by a
	// writer (or cancelled).
	announced atomic.Int64
	// submitting counts the screenings waiting to be taken by a writer;
	// inFlight is, at the end of the last commit, how many screenings
	// were in the store's hands (that group, and those announced or
	// waiting meanwhile): the clients that will be back for the next
	// group (see gather).
	submitting, inFlight atomic.Int64
	// held counts the screenings taken by writers and not yet answered.
	held atomic.Int64
}

// DefaultLinger bounds how long a writer holding a group waits for
// announced screenings (WithLinger): a screening takes well under a
// millisecond of CPU. 200 µs rather than the 500 of before: with 8
// clients on 2 idle cores a writer waiting 500 µs for the last clients of
// a group held the SQLite rate at 3,312–3,841/s, against 4,164–4,376/s
// (docs/performance.md, "Where the 8-client audited rate is bound").
const DefaultLinger = 200 * time.Microsecond

// Ticket is a screening announced to the group commit before it is
// computed (DB.Announce). Record it, or Cancel it when there will be
// nothing to record; Cancel after Record does nothing.
type Ticket struct {
	db   *DB
	open atomic.Bool
}

// Announce tells the store that the caller is about to record a
// screening, so that a writer about to commit waits for it (a little)
// and records it in the same transaction.
func (db *DB) Announce() *Ticket {
	t := &Ticket{db: db}
	t.open.Store(true)
	db.group.announced.Add(1)
	return t
}

// Cancel withdraws the announcement.
func (t *Ticket) Cancel() {
	if t != nil && t.open.CompareAndSwap(true, false) {
		t.db.group.announced.Add(-1)
	}
}

// Record records the announced screening, as DB.RecordScreening.
func (t *Ticket) Record(ctx context.Context, actor auth.Principal, s Screening) (*ScreeningResult, error) {
	defer t.Cancel()
	if err := checkScreening(&s); err != nil {
		return nil, err
	}
	j, err := newJob(ctx, actor, &s, t)
	if err != nil {
		return nil, err
	}
	return t.db.group.submit(ctx, j)
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
	g := &groupCommit{db: db, queue: make(chan *waiter), closing: make(chan struct{}), slot: make(chan struct{}, 1)}
	for range writers {
		g.writers.Go(g.loop)
	}
	return g
}

// submit hands a job to a writer and waits for its outcome.
func (g *groupCommit) submit(ctx context.Context, j job) (*ScreeningResult, error) {
	w := &waiter{ctx: ctx, job: j, done: make(chan outcome, 1)}
	g.submitting.Add(1)
	select {
	case g.queue <- w:
		g.submitting.Add(-1)
	case <-g.closing:
		g.submitting.Add(-1)
		return nil, errClosed
	case <-ctx.Done():
		g.submitting.Add(-1)
		return nil, ctx.Err()
	}
	select {
	case o := <-w.done:
		return o.r, o.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// loop is one writer. One writer at a time gathers a group (gathering),
// the others commit theirs meanwhile: with two writers on PostgreSQL, one
// group fills while the previous one commits.
func (g *groupCommit) loop() {
	for {
		g.gathering.Lock()
		select {
		case w := <-g.queue:
			group := g.gather(w)
			g.gathering.Unlock()
			g.commit(group)
		case <-g.closing:
			g.gathering.Unlock()
			return
		}
	}
}

// gather adds the jobs already waiting to first and, when screenings
// announced before it started are still being computed, waits for as
// many more jobs as there were such screenings, or up to the linger time
// (DefaultLinger). (A screening announced later is not waited for: under
// steady load there always is one.) It also waits, within the same
// linger, until the group is as large as the number of screenings the
// store held when the last group committed (noteInFlight): the clients
// that group answered are most likely on their way back. Without that,
// with n clients the groups alternate between the k screenings that
// queued during a commit and the n-k answered by it, and each commit
// (an fsync on SQLite, about 100 µs of CPU here) serves half as many.
// When fewer clients come back, one group waits the linger in vain and
// the next expects fewer.
//
// Before that, while another writer holds the commit slot, it gathers
// whatever arrives until it can take the slot: the group it returns holds
// the slot (commit releases it).
func (g *groupCommit) gather(first *waiter) []*waiter {
	first.job.ticket.Cancel() // taken: no longer awaited
	group := []*waiter{first}
	group = g.takeSlot(group)
	want := 1 + int(g.announced.Load())
	back := int(g.inFlight.Load())
	var linger <-chan time.Time
	for len(group) < maxGroup {
		select {
		case w := <-g.queue:
			w.job.ticket.Cancel()
			group = append(group, w)
			continue
		default:
		}
		if len(group) >= want && len(group) >= back {
			return group
		}
		if len(group) >= back && g.announced.Load() <= 0 {
			return group
		}
		if g.db.linger <= 0 {
			return group
		}
		if linger == nil {
			t := time.NewTimer(g.db.linger)
			defer t.Stop()
			linger = t.C
		}
		select {
		case w := <-g.queue:
			w.job.ticket.Cancel()
			group = append(group, w)
		case <-linger:
			return group
		case <-g.closing:
			return group
		}
	}
	return group
}

// takeSlot adds to group the jobs that arrive until the commit slot is
// free, and takes it.
func (g *groupCommit) takeSlot(group []*waiter) []*waiter {
	for {
		select {
		case w := <-g.queue:
			w.job.ticket.Cancel()
			group = append(group, w)
			if len(group) < maxGroup {
				continue
			}
		default:
		}
		if len(group) >= maxGroup {
			g.slot <- struct{}{}
			return group
		}
		select {
		case g.slot <- struct{}{}:
			return group
		case w := <-g.queue:
			w.job.ticket.Cancel()
			group = append(group, w)
		}
	}
}

// commit records the group in one transaction; if that fails, it records
// each job alone so that each gets its own outcome, unless whether it
// committed is unknown (errOutcomeUnknown: recording it again could write
// it twice), when every job fails. It releases the
// commit slot (gather took it) once it no longer excludes the other
// writers.
func (g *groupCommit) commit(group []*waiter) {
	g.held.Add(int64(len(group)))
	defer g.held.Add(-int64(len(group)))
	released := false
	release := func() {
		if !released {
			released = true
			<-g.slot
		}
	}
	defer release()
	live := group[:0]
	for _, w := range group {
		if err := w.ctx.Err(); err != nil {
			w.done <- outcome{err: err}
			continue
		}
		live = append(live, w)
	}
	if len(live) == 0 {
		g.noteInFlight()
		return
	}
	jobs := jobsOf(live)
	// The ad hoc statement confirms the jobs' key checks itself
	// (recordAdHoc); the ordinary path looks the keys up first.
	if g.db.dialect == dialectPostgres && adHocOnly(jobs) {
		rs, ok, err := g.db.recordAdHoc(context.WithoutCancel(live[0].ctx), jobs)
		if ok {
			g.noteInFlight() // before the next writer reads it
		}
		release()
		if err != nil {
			g.failAll(live, err)
			return
		}
		if ok {
			g.transactions.Add(1)
			g.screenings.Add(int64(len(live)))
			for i, w := range live {
				w.done <- outcome{r: rs[i]}
			}
			return
		}
	}
	// A transaction holds the audit head only at its end: the others'
	// work overlaps it.
	release()
	n := len(live)
	g.confirmKeys(context.WithoutCancel(live[0].ctx), &live)
	if len(live) < n {
		if len(live) == 0 {
			g.noteInFlight()
			return
		}
		jobs = jobsOf(live)
	}
	if len(live) > 1 {
		rs, err := g.db.recordJobs(context.WithoutCancel(live[0].ctx), jobs)
		if err == nil {
			g.transactions.Add(1)
			g.screenings.Add(int64(len(live)))
			g.noteInFlight()
			for i, w := range live {
				w.done <- outcome{r: rs[i]}
			}
			return
		}
		if errors.Is(err, errOutcomeUnknown) {
			// It may have committed: recording each alone could write
			// it twice. (A commit that failed for sure, or one whose
			// reply was lost after it committed, inTx tells apart.)
			g.failAll(live, err)
			return
		}
	}
	for _, w := range live {
		rs, err := g.db.recordJobs(w.ctx, []job{w.job})
		g.noteInFlight()
		if err != nil {
			w.done <- outcome{err: err}
			continue
		}
		g.transactions.Add(1)
		g.screenings.Add(1)
		w.done <- outcome{r: rs[0]}
	}
}

// jobsOf returns the waiters' jobs.
func jobsOf(ws []*waiter) []job {
	jobs := make([]job, len(ws))
	for i, w := range ws {
		jobs[i] = w.job
	}
	return jobs
}

// failAll answers every waiter with err, as a commit ends.
func (g *groupCommit) failAll(ws []*waiter, err error) {
	g.noteInFlight()
	for _, w := range ws {
		w.done <- outcome{err: err}
	}
}

// noteInFlight records, as a commit ends (every commit: a stale figure
// would make every later group wait the linger), how many screenings the
// store holds: the group about to be answered, whose clients are likely
// to be back soon, and those announced or waiting (gather).
func (g *groupCommit) noteInFlight() {
	g.inFlight.Store(g.held.Load() + g.submitting.Load() + g.announced.Load())
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
