package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/cutproxy"
	"github.com/vigil-screening/vigil/internal/pgtest"
)

// cutDropDB opens the test database through a cutproxy in front of a
// dropProxy in mode: the dropProxy loses one reply or statement, the
// cutproxy takes the database out of reach (every connection cut, new
// ones refused) and brings it back.
func cutDropDB(t *testing.T, mode int) (*DB, *dropProxy, *cutproxy.Proxy) {
	t.Helper()
	u, err := url.Parse(pgtest.DSN(t, "vigil_test"))
	if err != nil {
		t.Fatal(err)
	}
	p := newDropProxy(t, u.Host)
	p.mode = mode
	c := cutproxy.Start(t, p.addr())
	u.Host = c.Addr()
	db, err := Open(context.Background(), u.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, p, c
}

// cutFirstCheck makes the first attempt of the check after a lost reply
// (auditLanded) find the database out of reach, and the next ones find
// it back; it returns how many attempts were made.
func cutFirstCheck(db *DB, c *cutproxy.Proxy) *atomic.Int32 {
	var tries atomic.Int32
	db.landedTry = func(attempt int) {
		tries.Store(int32(attempt))
		if attempt == 1 {
			c.Cut()
		} else {
			c.Restore()
		}
	}
	return &tries
}

// TestRecordAdHocLostReplyCheckCut: the reply to an ad hoc group's
// statement is lost, and so is the connection of the first check for its
// entries (a cut takes several connections at once). The check is made
// again once the database is back, and the group is answered by what
// landed: acknowledged if its entries are in the trail, recorded the
// ordinary way if not; never "outcome unknown" (a 503) for a cut shorter
// than the check's retries. Before the retries, the group failed.
func TestRecordAdHocLostReplyCheckCut(t *testing.T) {
	db, p, c := cutDropDB(t, dropReply)
	ctx := context.Background()
	actor, s, jobs := adHocPair()
	if _, err := db.RecordScreening(ctx, actor, *s); err != nil { // learns the head
		t.Fatal(err)
	}
	if _, ok, _ := db.recordAdHoc(ctx, jobs); !ok { // prepares the statement
		t.Fatal("not recorded after the head this process committed")
	}
	before := auditEntries(t, db)
	tries := cutFirstCheck(db, c)
	p.armed.Store(true)
	jobs[1].request = dropMarker
	_, ok, err := db.recordAdHoc(ctx, jobs)
	db.landedTry = nil
	if p.armed.Load() {
		t.Fatal("no reply was dropped")
	}
	if err != nil {
		t.Fatalf("outcome unknown after a cut shorter than the check's retries: %v", err)
	}
	if tries.Load() < 2 {
		t.Fatalf("the check was made %d times; want it made again after its cut", tries.Load())
	}
	landed := auditEntries(t, db) - before
	switch {
	case landed != 0 && landed != len(jobs):
		t.Fatalf("%d entries of a group of %d", landed, len(jobs))
	case landed != 0 && !ok:
		t.Fatalf("the group's %d entries were committed but recordAdHoc said to record it again", landed)
	case landed == 0 && ok:
		t.Fatal("acknowledged a group whose entries are not in the trail")
	case landed == 0: // recorded again, as the group commit does
		if _, err := db.recordJobs(ctx, jobs); err != nil {
			t.Fatal(err)
		}
	}
	if got := auditEntries(t, db) - before; got != len(jobs) {
		t.Fatalf("%d entries for a group of %d", got, len(jobs))
	}
	if f, _, err := db.VerifyAudit(ctx); err != nil || f != nil {
		t.Fatalf("verify: %v %v", f, err)
	}
}

// TestRecordJobsLostCommitReplyCheckCut: as TestRecordJobsLostCommitReply
// (a group of recorded screenings whose COMMIT reply is lost after the
// server committed), with the first check for its last entry cut too:
// every screening is still acknowledged, each once.
func TestRecordJobsLostCommitReplyCheckCut(t *testing.T) {
	db, p, c := cutDropDB(t, dropCommitReply)
	ctx := context.Background()
	actor, s, _ := adHocPair()
	if _, err := db.RecordScreening(ctx, actor, *s); err != nil { // connections, statements
		t.Fatal(err)
	}
	var waiters []*waiter
	for i, id := range []string{"lost-commit-1", "lost-commit-2", dropMarker} {
		r := *s
		r.SubjectID = fmt.Sprintf("%s-%d", t.Name(), i)
		waiters = append(waiters, &waiter{ctx: ctx, job: job{actor: actor, s: &r, request: id}, done: make(chan outcome, 1)})
	}
	before := auditEntries(t, db)
	tries := cutFirstCheck(db, c)
	p.armed.Store(true)
	db.group.slot <- struct{}{} // as gather leaves it
	db.group.commit(waiters)
	db.landedTry = nil
	if p.armed.Load() {
		t.Fatal("no commit reply was dropped")
	}
	for i, w := range waiters {
		if o := <-w.done; o.err != nil {
			t.Errorf("screening %d: %v (the transaction committed)", i, o.err)
		}
	}
	if tries.Load() < 2 {
		t.Fatalf("the check was made %d times; want it made again after its cut", tries.Load())
	}
	if got := auditEntries(t, db) - before; got != len(waiters) {
		t.Errorf("%d entries for %d screenings", got, len(waiters))
	}
	if f, _, err := db.VerifyAudit(ctx); err != nil || f != nil {
		t.Fatalf("verify: %v %v", f, err)
	}
}

// TestAuditLandedGivesUp: a database out of reach for longer than the
// check's retries leaves the outcome unknown (the group fails, nothing is
// acknowledged nor recorded again), after about a second, not longer.
func TestAuditLandedGivesUp(t *testing.T) {
	db, p, c := cutDropDB(t, dropReply)
	ctx := context.Background()
	actor, s, jobs := adHocPair()
	if _, err := db.RecordScreening(ctx, actor, *s); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.recordAdHoc(ctx, jobs); !ok {
		t.Fatal("not recorded after the head this process committed")
	}
	before := auditEntries(t, db)
	var tries atomic.Int32
	db.landedTry = func(attempt int) {
		tries.Store(int32(attempt))
		c.Cut()
	}
	p.armed.Store(true)
	jobs[1].request = dropMarker
	start := time.Now()
	_, ok, err := db.recordAdHoc(ctx, jobs)
	took := time.Since(start)
	db.landedTry = nil
	c.Restore()
	if ok || !errors.Is(err, errOutcomeUnknown) {
		t.Fatalf("recordAdHoc = %v, %v; want outcome unknown", ok, err)
	}
	if n := tries.Load(); n < 4 || took > 3*time.Second {
		t.Fatalf("%d attempts in %v; want about a second of retries", n, took)
	}
	t.Logf("gave up after %d attempts in %v: %v", tries.Load(), took.Round(time.Millisecond), err)
	if got := auditEntries(t, db) - before; got != 0 && got != len(jobs) {
		t.Fatalf("%d entries for a group of %d", got, len(jobs))
	}
	if f, _, err := db.VerifyAudit(ctx); err != nil || f != nil {
		t.Fatalf("verify: %v %v", f, err)
	}
}
