package jobs_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// TestRevet_TwoRunners: two runners, each with its own service (and so
// its own monitored-subject index), as two vigil serve processes on one
// PostgreSQL, re-vet one edition together: both work chunks, every
// added person is alerted, and no alert is raised twice.
func TestRevet_TwoRunners(t *testing.T) {
	_, cur, d := unEditions(t)
	added := personsWithNames(d.Added, 8)
	db := openDB(t, pgtest.DSN(t, "vigil_jobs"), "")
	newSvc := func() *service.Service {
		return service.New(service.Config{Store: db, Monitor: service.Monitor{ChunkSize: 10, ChunkDelay: 100 * time.Millisecond}})
	}
	a, b := newSvc(), newSvc()
	if _, err := a.ImportLists(ctx, operator, testdata.Path(t, "lists", "editions", "un-2024-11"), source.Checks{}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*service.Service{a, b} {
		if err := s.LoadStored(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var subs []vigil.Subject
	for i, e := range added {
		subs = append(subs, vigil.Subject{ID: fmt.Sprintf("new-%d", i), Kind: entity.KindPerson, Name: e.PrimaryName()})
	}
	if _, err := a.EnrollSubjects(ctx, operator, rowsOf(subs), nil); err != nil {
		t.Fatal(err)
	}
	startRunner(t, jobs.Config{Store: db, Service: a})
	time.Sleep(1100 * time.Millisecond) // runner ids are named after the process and the second
	startRunner(t, jobs.Config{Store: db, Service: b})
	if _, err := a.ImportLists(ctx, operator, testdata.Path(t, "lists", "current", "un-2026-02"), source.Checks{MaxDrop: 1}); err != nil {
		t.Fatal(err)
	}
	waitRun(t, a, func(r *store.Revet) bool { return r.Edition == cur.Edition })
	waitIdle(t, db)
	var workers int
	err := db.SQL().QueryRow(`SELECT COUNT(DISTINCT attempted_by[array_length(attempted_by, 1)]) FROM river_job WHERE kind = 'revet_chunk'`).Scan(&workers)
	if err != nil {
		t.Fatal(err)
	}
	if workers < 2 {
		t.Errorf("the chunks were worked by %d runner(s), want both", workers)
	}
	seen := map[string]bool{}
	after := alertsBySubject(t, db)
	for i := range added {
		if len(after[fmt.Sprintf("new-%d", i)]) == 0 {
			t.Errorf("new-%d not alerted", i)
		}
	}
	for _, as := range after {
		for _, al := range as {
			k := al.SubjectID + "|" + al.List + "/" + al.SourceID
			if seen[k] {
				t.Errorf("alert raised twice: %s", k)
			}
			seen[k] = true
		}
	}
	verify(t, db)
}
