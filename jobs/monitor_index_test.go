package jobs_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// TestRevet_IndexLayers: subjects enrolled one by one after the
// monitored-subject index was built (each in a tail layer, the layers
// merged past eight) are all found when an edition lists them; the jobs
// are run by hand, chunk by chunk.
func TestRevet_IndexLayers(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		svc := service.New(service.Config{Store: db, Monitor: service.Monitor{ChunkSize: 1}})
		day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
		if _, err := svc.ImportLists(ctx, operator, writeOwn(t, ownEdition1, day), source.Checks{}); err != nil {
			t.Fatal(err)
		}
		if err := svc.LoadStored(ctx); err != nil {
			t.Fatal(err)
		}
		enrol := func(subs ...vigil.Subject) {
			t.Helper()
			if _, err := svc.EnrollSubjects(ctx, operator, rowsOf(subs), nil); err != nil {
				t.Fatal(err)
			}
		}
		enrol(vigil.Subject{ID: "base", Kind: entity.KindPerson, Name: "Margaret Elizabeth Thornbury"})
		if b, tl, err := svc.WarmSubjectIndex(ctx); err != nil || b != 1 || tl != 0 {
			t.Fatalf("index = %d + %d, %v; want 1 + 0", b, tl, err)
		}
		for i := range 11 {
			enrol(vigil.Subject{ID: fmt.Sprintf("vol-%d", i), Kind: entity.KindPerson, Name: "Dmitri Aleksandrovich Volkov"})
			b, tl, err := svc.WarmSubjectIndex(ctx)
			if err != nil || b != 1 || tl < 1 || tl > i+1 {
				t.Fatalf("after %d: index = %d + %d, %v", i, b, tl, err)
			}
		}
		if _, err := svc.ImportLists(ctx, operator, writeOwn(t, ownEdition2, day.AddDate(0, 1, 0)), source.Checks{MaxDrop: 1}); err != nil {
			t.Fatal(err)
		}
		runs, err := db.Revets(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		id := runs[0].ID
		if err := svc.PlanRevet(ctx, service.System, id); err != nil {
			t.Fatal(err)
		}
		r, err := db.Revet(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for c := range r.Chunks {
			if _, err := svc.RevetChunk(ctx, service.System, id, c); err != nil {
				t.Fatal(err)
			}
		}
		after := alertsBySubject(t, db)
		for i := range 11 {
			if len(after[fmt.Sprintf("vol-%d", i)]) != 1 {
				t.Errorf("vol-%d: %d alerts, want 1", i, len(after[fmt.Sprintf("vol-%d", i)]))
			}
		}
		if len(after["base"]) != 0 {
			t.Errorf("base alerted")
		}
		verify(t, db)
	})
}
