package store

import (
	"bytes"
	"context"
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
	}
	results := []ScreeningResult{{}, {Alerts: []int64{}, Existing: []int64{3}, Suppressed: []vigil.Ref{{List: "l", SourceID: "1"}}}}
	for _, subj := range subjects {
		for _, r := range results {
			for _, asOf := range []string{"", "2026-03-01T00:00:00Z"} {
				for _, req := range []string{"", "req-1"} {
					for _, hits := range [][]Hit{nil, {{Hit: vigil.Hit{List: "us_ofac_sdn", SourceID: "6366", Score: 0.912345678}}, {Hit: vigil.Hit{List: "<x>", SourceID: "é", Score: 1}}}} {
						s := &Screening{Subject: subj, Editions: []string{"aaa", "bbb"}, Threshold: 0.8, Hits: hits, AsOf: asOf}
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
	actor := auth.Principal{Username: "ann", Roles: []auth.Role{auth.RoleScreener}}
	s := &Screening{Subject: vigil.Subject{Name: "Ayman al Zawahiri"}, Editions: []string{"aaa"}, Threshold: 0.8}
	jobs := []job{{actor: actor, s: s, request: "r1"}, {actor: actor, s: s, request: "r2"}}
	entries := func() int {
		var n int
		if err := a.sql.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, ok := a.recordAdHoc(ctx, jobs); ok {
		t.Fatal("recorded before the head was known")
	}
	if _, err := a.RecordScreening(ctx, actor, *s); err != nil { // learns the head
		t.Fatal(err)
	}
	if _, ok := a.recordAdHoc(ctx, jobs); !ok {
		t.Fatal("not recorded after the head this process committed")
	}
	if n := entries(); n != 3 {
		t.Fatalf("%d entries, want 3", n)
	}
	if err := b.Audit(ctx, System, audit.ActionExport, "other", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := a.recordAdHoc(ctx, jobs); ok {
		t.Fatal("recorded after a stale head")
	}
	if n := entries(); n != 4 {
		t.Fatalf("%d entries after the refused append, want 4", n)
	}
	if _, err := a.RecordScreening(ctx, actor, *s); err != nil {
		t.Fatal(err)
	}
	if _, ok := a.recordAdHoc(ctx, jobs); !ok {
		t.Fatal("not recorded once the head was learnt again")
	}
	if f, n, err := a.VerifyAudit(ctx); err != nil || f != nil || n != 7 {
		t.Fatalf("verify: %v %v, %d entries", f, err, n)
	}
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
