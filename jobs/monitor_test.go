package jobs_test

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/subject"
)

// unEditions loads the real UN editions of November 2024 and February
// 2026 and their difference.
func unEditions(t *testing.T) (old, cur *snapshot.Snapshot, d snapshot.Delta) {
	t.Helper()
	load := func(dir string) *snapshot.Snapshot {
		l, err := source.Load(ctx, testdata.Path(t, "lists", dir))
		if err != nil || len(l.Editions) != 1 {
			t.Fatalf("load %s: %v (%d editions)", dir, err, len(l.Editions))
		}
		return l.Editions[0].Snapshot
	}
	old, cur = load("editions/un-2024-11"), load("current/un-2026-02")
	return old, cur, snapshot.Diff(old.Entities(), cur.Entities())
}

// personsWithNames returns up to n person records with a primary name of
// two words or more.
func personsWithNames(es []*entity.Entity, n int) []*entity.Entity {
	var out []*entity.Entity
	for _, e := range es {
		if e.Kind == entity.KindPerson && len(strings.Fields(e.PrimaryName())) >= 2 && len(out) < n {
			out = append(out, e)
		}
	}
	return out
}

func rowsOf(subs []vigil.Subject) func() (subject.Row, error) {
	i := 0
	return func() (subject.Row, error) {
		if i == len(subs) {
			return subject.Row{}, io.EOF
		}
		i++
		return subject.Row{Line: i, Subject: subs[i-1]}, nil
	}
}

// TestRevet_UNEditions enrols a population on the UN list of November
// 2024 — people the February 2026 edition adds, a person it removes,
// and people never listed — then imports the February 2026 edition with
// the job runner working: each added person is alerted, with the cause
// naming the edition, the delisted person's alert is annotated and back
// in review, nobody else is alerted, and the audit trail verifies.
func TestRevet_UNEditions(t *testing.T) {
	_, cur, d := unEditions(t)
	added := personsWithNames(d.Added, 6)
	removed := personsWithNames(d.Removed, 1)
	if len(added) < 6 || len(removed) < 1 {
		t.Fatalf("the UN editions have %d added and %d removed persons with names; want 6 and 1", len(added), len(removed))
	}
	eachDB(t, func(t *testing.T, db *store.DB) {
		svc := service.New(service.Config{Store: db, Monitor: service.Monitor{ChunkSize: 25}})
		if _, err := svc.ImportLists(ctx, operator, testdata.Path(t, "lists", "editions", "un-2024-11"), source.Checks{}); err != nil {
			t.Fatal(err)
		}
		if err := svc.LoadStored(ctx); err != nil {
			t.Fatal(err)
		}
		var subs []vigil.Subject
		for i, e := range added {
			subs = append(subs, vigil.Subject{ID: fmt.Sprintf("new-%d", i), Kind: entity.KindPerson, Name: e.PrimaryName()})
		}
		subs = append(subs, vigil.Subject{ID: "gone", Kind: entity.KindPerson, Name: removed[0].PrimaryName()})
		for i, n := range []string{"Margaret Elizabeth Thornbury", "Juan Pablo Echeverría Olmos", "Kristiina Mäkelä", "Oluwaseun Adebayo"} {
			subs = append(subs, vigil.Subject{ID: fmt.Sprintf("clean-%d", i), Kind: entity.KindPerson, Name: n})
		}
		sum, err := svc.EnrollSubjects(ctx, operator, rowsOf(subs), nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != len(subs) || sum.Invalid != 0 {
			t.Fatalf("enrolment = %+v", sum)
		}
		before := alertsBySubject(t, db)
		for i := range added {
			if n := len(before[fmt.Sprintf("new-%d", i)]); n != 0 {
				t.Errorf("new-%d (%s) alerted before the edition that lists them", i, added[i].PrimaryName())
			}
		}
		gone := before["gone"]
		if len(gone) == 0 {
			t.Fatalf("the person the new edition removes (%s) was not alerted on the old one", removed[0].PrimaryName())
		}
		// Enrolling the same people again changes nothing.
		if again, err := svc.EnrollSubjects(ctx, operator, rowsOf(subs), nil); err != nil || again.Unchanged != len(subs) || again.Alerts != 0 {
			t.Fatalf("second enrolment = %+v, %v; want all unchanged", again, err)
		}

		startRunner(t, jobs.Config{Store: db, Service: svc})
		if _, err := svc.ImportLists(ctx, operator, testdata.Path(t, "lists", "current", "un-2026-02"), source.Checks{MaxDrop: 1}); err != nil {
			t.Fatal(err)
		}
		var run *store.Revet
		waitFor(t, "the re-vetting of the new edition", func() bool {
			runs, err := svc.Revets(ctx, operator, 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range runs {
				if r.Edition == cur.Edition && r.Source == cur.Source && r.Status == store.RevetDone {
					run = r
				}
				if r.Status == store.RevetFailed {
					t.Fatalf("run failed: %+v", r)
				}
			}
			return run != nil
		})
		waitIdle(t, db)
		t.Logf("run: %d records in %d chunks, %d candidates, %d screened, %d alerts, %d annotated",
			run.Records, run.Chunks, run.Candidates, run.Screened, run.Alerts, run.Annotated)
		after := alertsBySubject(t, db)
		for i, e := range added {
			as := after[fmt.Sprintf("new-%d", i)]
			if len(as) == 0 {
				t.Errorf("new-%d (%s, %s) not alerted after the edition that lists them", i, e.PrimaryName(), e.Key())
				continue
			}
			var c store.Cause
			if err := json.Unmarshal(as[0].Cause, &c); err != nil {
				t.Fatalf("alert %d cause %q: %v", as[0].ID, as[0].Cause, err)
			}
			want := fmt.Sprintf("added to %s in the edition of %s", cur.Source, cur.Edition)
			if c.Kind != "listing_added" || c.Text != want || c.SnapshotID == 0 {
				t.Errorf("new-%d alert cause = %+v, want %q", i, c, want)
			}
		}
		for i := range 4 {
			if n := len(after[fmt.Sprintf("clean-%d", i)]); n != 0 {
				t.Errorf("clean-%d alerted %d times", i, n)
			}
		}
		// The delisted person's alert: annotated, still open, not closed.
		g := after["gone"][0]
		if g.Status == review.StatusClosed {
			t.Errorf("the delisted person's alert was closed")
		}
		notes, err := db.AlertNotes(ctx, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(notes) == 0 || !strings.Contains(notes[0].Text, "delisted") {
			t.Errorf("the delisted person's alert has notes %+v, want a delisting note", notes)
		}
		if run.Alerts < int64(len(added)) || run.Annotated < 1 {
			t.Errorf("run = %+v", run)
		}
		v, err := db.Verify(ctx, 20)
		if err != nil || v.Finding != nil || len(v.State.Differences) > 0 {
			t.Fatalf("audit verify: %v %+v %+v", err, v.Finding, v.State)
		}
	})
}

// alertsBySubject returns every alert by subject id.
func alertsBySubject(t *testing.T, db *store.DB) map[string][]*review.Alert {
	t.Helper()
	out := map[string][]*review.Alert{}
	page, _, err := db.ListAlerts(ctx, store.AlertFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page {
		out[a.SubjectID] = append(out[a.SubjectID], a)
	}
	return out
}
