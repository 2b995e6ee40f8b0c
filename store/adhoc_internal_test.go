package store

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/pgtest"
)

// TestAdHocDetailsSameAsMap: the struct that writes an ad hoc entry's
// details gives the same canonical bytes, hence the same hashes, as the
// map every entry before it was written with (screeningDetails plus the
// request id), so old and new entries read and verify alike.
func TestAdHocDetailsSameAsMap(t *testing.T) {
	subjects := []vigil.Subject{
		{Name: "Ayman al Zawahiri", DateOfBirth: entity.Date{Year: 1951, Month: 6}},
		{Name: "<b>&\u2028 \"quoted\" \xff", Kind: "organization", Country: "RU"},
		{},
		{Name: "Line\u2029sep\t<tab>", PlaceOfBirth: "&amp; \u00e9\u0301", Country: "<>"},
	}
	results := []ScreeningResult{{}, {Alerts: []int64{}, Existing: []int64{3}, Suppressed: []vigil.Ref{{List: "l", SourceID: "1"}}}}
	for _, subj := range subjects {
		for _, r := range results {
			for _, asOf := range []string{"", "2026-03-01T00:00:00Z"} {
				for _, req := range []string{"", "req-1", "<&\u2028>"} {
					for _, hits := range [][]Hit{nil, {{Hit: vigil.Hit{List: "us_ofac_sdn", SourceID: "6366", Score: 0.912345678}}, {Hit: vigil.Hit{List: "<x>", SourceID: "é", Score: 1}}}, {{Hit: vigil.Hit{List: "a\u2028&", SourceID: "\u00fe\u2029", Score: 1e-07}}, {Hit: vigil.Hit{List: "b", SourceID: "2", Score: 0.1 + 0.2}}}} {
						s := &Screening{Subject: subj, Editions: []string{"aaa", "b<&>b"}, Threshold: 0.8, Hits: hits, AsOf: asOf}
						var old, cur audit.Entry
						if err := fillDetails(&old, screeningDetails(s, &r), req); err != nil {
							t.Fatal(err)
						}
						if err := fillDetails(&cur, adHocDetailsOf(s, &r, req), ""); err != nil {
							t.Fatal(err)
						}
						if !bytes.Equal(old.Details, cur.Details) {
							t.Errorf("details differ:\nmap    %s\nstruct %s", old.Details, cur.Details)
						}
						// As recorded: the subject encoded once, by
						// checkScreening, the details before the writer.
						checked := *s
						if err := checkScreening(&checked); err != nil {
							t.Fatal(err)
						}
						early, err := adHocEntryDetails(&checked, req)
						if err != nil {
							t.Fatal(err)
						}
						var want audit.Entry // an ad hoc screening's result is empty
						if err := fillDetails(&want, screeningDetails(s, &ScreeningResult{}), req); err != nil {
							t.Fatal(err)
						}
						if !bytes.Equal(want.Details, early) {
							t.Errorf("details differ:\nmap     %s\nchecked %s", want.Details, early)
						}
					}
				}
			}
		}
	}
}

// TestRecordAdHocStaleHead: on PostgreSQL, an ad hoc group is committed
// in one statement after the head this process last committed; once
// another process has moved the head, that statement must write nothing
// and report so (the group is then recorded the ordinary way).
func TestRecordAdHocStaleHead(t *testing.T) {
	dsn := pgtest.DSN(t, "vigil_test")
	ctx := context.Background()
	open := func() *DB {
		db, err := Open(ctx, dsn, "")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	actor, s, jobs := adHocPair()
	entries := func() int { return auditEntries(t, a) }
	if _, ok, _ := a.recordAdHoc(ctx, jobs); ok {
		t.Fatal("recorded before the head was known")
	}
	if _, err := a.RecordScreening(ctx, actor, *s); err != nil { // learns the head
		t.Fatal(err)
	}
	if _, ok, _ := a.recordAdHoc(ctx, jobs); !ok {
		t.Fatal("not recorded after the head this process committed")
	}
	if n := entries(); n != 3 {
		t.Fatalf("%d entries, want 3", n)
	}
	if err := b.Audit(ctx, System, audit.ActionExport, "other", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := a.recordAdHoc(ctx, jobs); ok {
		t.Fatal("recorded after a stale head")
	}
	if n := entries(); n != 4 {
		t.Fatalf("%d entries after the refused append, want 4", n)
	}
	if _, err := a.RecordScreening(ctx, actor, *s); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := a.recordAdHoc(ctx, jobs); !ok {
		t.Fatal("not recorded once the head was learnt again")
	}
	if f, n, err := a.VerifyAudit(ctx); err != nil || f != nil || n != 7 {
		t.Fatalf("verify: %v %v, %d entries", f, err, n)
	}
}

// adHocPair is a group of two ad hoc screenings, with its actor and
// screening.
func adHocPair() (auth.Principal, *Screening, []job) {
	actor := auth.Principal{Username: "ann", Roles: []auth.Role{auth.RoleScreener}}
	s := &Screening{Subject: vigil.Subject{Name: "Ayman al Zawahiri"}, Editions: []string{"aaa"}, Threshold: 0.8}
	return actor, s, []job{{actor: actor, s: s, request: "r1"}, {actor: actor, s: s, request: "r2"}}
}

// auditEntries counts the entries of the trail.
func auditEntries(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.sql.QueryRow(`SELECT count(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestInFlightFollowsEveryCommit: the number of screenings a writer
// waits for (gather) is taken again at the end of every commit, so that
// once many clients have become one, requests stop waiting the linger.
func TestInFlightFollowsEveryCommit(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "", t.TempDir(), WithLinger(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	actor := auth.Principal{Username: "ann", Roles: []auth.Role{auth.RoleScreener}}
	s := Screening{Subject: vigil.Subject{Name: "Ayman al Zawahiri"}, Editions: []string{"aaa"}, Threshold: 0.8}
	for _, recorded := range []bool{false, true} {
		db.group.inFlight.Store(8) // as after a group of 8 clients
		s.SubjectID = ""
		if recorded {
			s.SubjectID = "C-1"
		}
		if _, err := db.RecordScreening(ctx, actor, s); err != nil {
			t.Fatal(err)
		}
		if n := db.group.inFlight.Load(); n != 1 {
			t.Errorf("recorded %v: %d screenings expected back after a lone one, want 1", recorded, n)
		}
	}
}

// TestRecordAdHocLostReply: the statement of an ad hoc group commits by
// itself, so a connection lost after the server ran it leaves the entries
// committed though the client saw an error. recordAdHoc must then answer
// ok (they are in the trail), not have the group recorded a second time.
func TestRecordAdHocLostReply(t *testing.T) {
	dsn := pgtest.DSN(t, "vigil_test")
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p := newDropProxy(t, u.Host)
	u.Host = p.addr()
	ctx := context.Background()
	db, err := Open(ctx, u.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	actor, s, jobs := adHocPair()
	entries := func() int { return auditEntries(t, db) }
	if _, err := db.RecordScreening(ctx, actor, *s); err != nil { // learns the head
		t.Fatal(err)
	}
	if _, ok, _ := db.recordAdHoc(ctx, jobs); !ok { // prepares the statement
		t.Fatal("not recorded after the head this process committed")
	}
	before := entries()
	p.armed.Store(true) // the reply to the next group is lost and its connection closed
	jobs[1].request = dropMarker
	_, ok, err := db.recordAdHoc(ctx, jobs)
	if p.armed.Load() {
		t.Fatal("no reply was dropped")
	}
	landed := entries() - before
	switch {
	case landed != 0 && landed != len(jobs):
		t.Fatalf("%d entries of a group of %d", landed, len(jobs))
	case landed != 0 && !ok:
		t.Fatalf("the group's %d entries were committed but recordAdHoc said to record it again", landed)
	case landed == 0 && ok:
		t.Fatal("acknowledged a group whose entries are not in the trail")
	}
	if _, err := db.RecordScreening(ctx, actor, *s); err != nil {
		t.Fatal(err)
	}
	if f, n, err := db.VerifyAudit(ctx); err != nil || f != nil || n != int64(before+landed+1) {
		t.Fatalf("verify: %v %v, %d entries, want %d", f, err, n, before+landed+1)
	}
}

// dropMarker, sent by a client through an armed dropProxy, has the
// server's reply dropped.
const dropMarker = "drop-the-reply-to-this"

// How an armed dropProxy treats the connection whose client sends
// dropMarker.
const (
	// dropReply drops the next bytes the server sends and closes the
	// client's side (the server's side stays open a moment, as when a
	// reply is lost).
	dropReply = iota
	// dropCommitReply forwards the client's next COMMIT and then drops
	// its reply likewise: the transaction committed, the client cannot
	// know it.
	dropCommitReply
	// holdStatement keeps the bytes of the client's statement instead
	// of forwarding them and closes the client's side: the statement is
	// still on its way to the server when the client sees the error.
	// release delivers it.
	holdStatement
)

// dropProxy forwards TCP connections to a server and, once armed, loses
// one reply or statement (see mode).
type dropProxy struct {
	ln     net.Listener
	target string
	mode   int
	armed  atomic.Bool
	// held is the server side and the withheld bytes of a connection in
	// holdStatement mode.
	held chan heldStatement
}

type heldStatement struct {
	server net.Conn
	bytes  []byte
}

func newDropProxy(t *testing.T, target string) *dropProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &dropProxy{ln: ln, target: target, held: make(chan heldStatement, 1)}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.pipe(c)
		}
	}()
	return p
}

func (p *dropProxy) addr() string { return p.ln.Addr().String() }

// release sends the withheld statement (holdStatement) to the server,
// as late as a network may, and gives the server a moment to run it (a
// backend that has ended runs nothing).
func (p *dropProxy) release(t *testing.T) {
	h := <-p.held
	if _, err := h.server.Write(h.bytes); err != nil {
		t.Logf("withheld statement not delivered: %v", err)
	}
	time.Sleep(300 * time.Millisecond)
	h.server.Close()
}

func (p *dropProxy) pipe(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	var drop atomic.Bool
	go func() {
		buf := make([]byte, 32<<10)
		marked := false
		for {
			n, err := c.Read(buf)
			if n > 0 && !marked && bytes.Contains(buf[:n], []byte(dropMarker)) && p.armed.CompareAndSwap(true, false) {
				marked = true
				switch p.mode {
				case dropReply:
					drop.Store(true)
				case holdStatement:
					c.Close()
					p.held <- heldStatement{server: s, bytes: bytes.Clone(buf[:n])}
					return
				}
			} else if n > 0 && marked && p.mode == dropCommitReply && bytes.Contains(bytes.ToLower(buf[:n]), []byte("commit")) {
				drop.Store(true)
			}
			if n > 0 {
				if _, err := s.Write(buf[:n]); err != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		time.AfterFunc(time.Second, func() { s.Close() })
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := s.Read(buf)
		if n > 0 && drop.Load() {
			c.Close()
			return
		}
		if n > 0 {
			if _, err := c.Write(buf[:n]); err != nil {
				return
			}
		}
		if err != nil {
			c.Close()
			return
		}
	}
}

// proxiedDB opens the test database through a dropProxy in mode.
func proxiedDB(t *testing.T, mode int) (*DB, *dropProxy) {
	t.Helper()
	u, err := url.Parse(pgtest.DSN(t, "vigil_test"))
	if err != nil {
		t.Fatal(err)
	}
	p := newDropProxy(t, u.Host)
	p.mode = mode
	u.Host = p.addr()
	db, err := Open(context.Background(), u.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, p
}

// TestRecordJobsLostCommitReply: a group of recorded screenings (the
// ordinary transaction) whose COMMIT reply is lost after the server
// committed must be acknowledged, not recorded again one screening at a
// time (which wrote every entry twice).
func TestRecordJobsLostCommitReply(t *testing.T) {
	db, p := proxiedDB(t, dropCommitReply)
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
	p.armed.Store(true)
	db.group.slot <- struct{}{} // as gather leaves it
	db.group.commit(waiters)
	if p.armed.Load() {
		t.Fatal("no commit reply was dropped")
	}
	for i, w := range waiters {
		if o := <-w.done; o.err != nil {
			t.Errorf("screening %d: %v (the transaction committed)", i, o.err)
		}
	}
	if got := auditEntries(t, db) - before; got != len(waiters) {
		t.Errorf("%d entries for %d screenings", got, len(waiters))
	}
	var screenings int
	if err := db.sql.QueryRow(`SELECT count(*) FROM screenings s JOIN subjects j ON j.id = s.subject_id WHERE j.external_id LIKE $1`, t.Name()+"-%").Scan(&screenings); err != nil {
		t.Fatal(err)
	}
	if screenings != len(waiters) {
		t.Errorf("%d screening rows for %d screenings", screenings, len(waiters))
	}
	if f, _, err := db.VerifyAudit(ctx); err != nil || f != nil {
		t.Fatalf("verify: %v %v", f, err)
	}
}

// TestRecordAdHocLateStatement: the statement of an ad hoc group can
// still be on its way to the server when its client sees the connection
// fail. Once the check for the group's entries has said "not there", the
// group is recorded again: the late statement must then never run, or
// the trail would hold the group twice.
func TestRecordAdHocLateStatement(t *testing.T) {
	db, p := proxiedDB(t, holdStatement)
	ctx := context.Background()
	actor, s, jobs := adHocPair()
	if _, err := db.RecordScreening(ctx, actor, *s); err != nil { // learns the head
		t.Fatal(err)
	}
	if _, ok, _ := db.recordAdHoc(ctx, jobs); !ok {
		t.Fatal("not recorded after the head this process committed")
	}
	before := auditEntries(t, db)
	// The statement arrives just after the check: the worst moment.
	db.landedHook = func() { p.release(t) }
	p.armed.Store(true)
	jobs[1].request = dropMarker
	_, ok, err := db.recordAdHoc(ctx, jobs)
	db.landedHook = nil
	if p.armed.Load() {
		t.Fatal("no statement was held")
	}
	if ok {
		t.Fatal("acknowledged a group whose statement never reached the server before the check")
	}
	if err == nil { // recorded again, as the group commit does
		if _, err := db.recordJobs(ctx, jobs); err != nil {
			t.Fatal(err)
		}
	}
	got := auditEntries(t, db) - before
	if err == nil && got != len(jobs) || err != nil && got != 0 {
		t.Fatalf("%d entries for a group of %d (recorded again: %v)", got, len(jobs), err == nil)
	}
	if f, _, err := db.VerifyAudit(ctx); err != nil || f != nil {
		t.Fatalf("verify: %v %v", f, err)
	}
}

// TestRecordAdHocServerError: an ad hoc statement the server refused
// (its error is the server's answer) wrote nothing: the group goes the
// ordinary way at once, without ending the connection's backend to look
// at the trail.
func TestRecordAdHocServerError(t *testing.T) {
	db, err := Open(context.Background(), pgtest.DSN(t, "vigil_test"), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	actor, s, jobs := adHocPair()
	if _, err := db.RecordScreening(ctx, actor, *s); err != nil { // learns the head
		t.Fatal(err)
	}
	_, err = db.sql.ExecContext(ctx, `CREATE FUNCTION refuse_entry() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF NEW.details LIKE '%refuse-this-entry%' THEN RAISE EXCEPTION 'refused'; END IF;
			RETURN NEW;
		END $$`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.ExecContext(ctx, `CREATE TRIGGER refuse_entry BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_entry()`); err != nil {
		t.Fatal(err)
	}
	db.landedHook = func() { t.Error("looked for the entries of a statement the server refused") }
	before := auditEntries(t, db)
	jobs[1].request = "refuse-this-entry"
	_, ok, err := db.recordAdHoc(ctx, jobs)
	if ok || err != nil {
		t.Fatalf("recordAdHoc = %v, %v; want the ordinary way (false, nil)", ok, err)
	}
	if n := auditEntries(t, db) - before; n != 0 {
		t.Fatalf("%d entries written by a refused statement", n)
	}
}

// BenchmarkAdHocEntryDetails: the details of an ad hoc entry as the
// request goroutine encodes them (adHocEntryDetails), against encoding
// the struct and making the whole entry canonical again (fillDetails).
func BenchmarkAdHocEntryDetails(b *testing.B) {
	s := &Screening{Subject: vigil.Subject{Name: "Ayman al Zawahiri", Kind: "person", Country: "EG", DateOfBirth: entity.Date{Year: 1951, Month: 6}},
		Threshold: 0.8, Hits: []Hit{{Hit: vigil.Hit{List: "us_ofac_sdn", SourceID: "6366", Score: 0.712345678}}}}
	for i := range 9 {
		s.Editions = append(s.Editions, fmt.Sprintf("%064x", i+1))
	}
	if err := checkScreening(s); err != nil {
		b.Fatal(err)
	}
	b.Run("whole", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var e audit.Entry
			if err := fillDetails(&e, adHocDetailsOf(s, &ScreeningResult{}, "req-1"), ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("subject", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := adHocEntryDetails(s, "req-1"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// adHocDetails is screeningDetails of an ad hoc screening, with the
// request id, as a struct whose fields are in key order: json.Marshal
// writes it in canonical form already (the same bytes as the map, which
// CanonicalDetails would sort). It was the step between the map and
// adHocEntry; kept here as a second reference for TestAdHocDetailsSameAsMap
// and BenchmarkAdHocEntryDetails.
type adHocDetails struct {
	Alerts      []int64      `json:"alerts"`
	AsOf        string       `json:"as_of,omitempty"`
	Editions    []string     `json:"editions"`
	Existing    []int64      `json:"existing"`
	Hits        []hitSummary `json:"hits"`
	RequestID   string       `json:"request_id,omitempty"`
	ScreeningID int64        `json:"screening_id"`
	Subject     any          `json:"subject"` // the raw JSON of checkScreening, or the vigil.Subject
	Suppressed  []vigil.Ref  `json:"suppressed"`
	Threshold   float64      `json:"threshold"`
}

func adHocDetailsOf(s *Screening, r *ScreeningResult, requestID string) *adHocDetails {
	hits := make([]hitSummary, len(s.Hits))
	for i, h := range s.Hits {
		hits[i] = hitSummary{h.List, h.SourceID, h.Score}
	}
	var subject any = s.Subject
	if s.subjectJSON != nil {
		subject = s.subjectJSON
	}
	return &adHocDetails{
		Alerts: r.Alerts, AsOf: s.AsOf, Editions: s.Editions, Existing: r.Existing, Hits: hits,
		RequestID: requestID, ScreeningID: r.ScreeningID, Subject: subject, Suppressed: r.Suppressed,
		Threshold: s.Threshold,
	}
}
