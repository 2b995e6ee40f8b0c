package jobs_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/lab/synth"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// TestRevet_OFACReplay replays real history: the six CSV-only editions of
// the OFAC SDN list (2021-08-18 … 2024-05-03), imported one after another
// over a monitored population of people designated along the way (names
// from the later editions) and people from no list (synthetic names from
// the first edition's name parts). Each designated person is alerted on
// their record at the first edition that lists it, with that edition as
// the cause, and not before; a designated person whose record a later
// edition removes has the alert annotated; the share of the others
// alerted is logged.
func TestRevet_OFACReplay(t *testing.T) {
	if testing.Short() {
		t.Skip("imports six editions of the OFAC list")
	}
	dir := testdata.Path(t, "lists", "editions", "ofac-sdn-csv-only")
	snaps, err := source.LoadDir(ctx, dir)
	if err != nil || len(snaps) != 6 {
		t.Fatalf("load: %v (%d editions)", err, len(snaps))
	}
	type designated struct {
		id, name, key string
		step          int // the first edition that lists the record
	}
	var people []designated
	for k := 1; k < len(snaps); k++ {
		d := snapshot.Diff(snaps[k-1].Entities(), snaps[k].Entities())
		n := 0
		for _, e := range d.Added {
			if e.Kind == entity.KindPerson && len(strings.Fields(e.PrimaryName())) >= 3 && n < 3 {
				people = append(people, designated{fmt.Sprintf("d-%d-%d", k, n), e.PrimaryName(), e.Key(), k})
				n++
			}
		}
	}
	clean, err := synth.Generate(snaps[0].Entities(), 200, rand.New(rand.NewPCG(3, 5)))
	if err != nil {
		t.Fatal(err)
	}
	eachDB(t, func(t *testing.T, db *store.DB) {
		svc := service.New(service.Config{Store: db})
		importStep := func(k int) {
			t.Helper()
			d := t.TempDir()
			name := "sdn_" + snaps[k].Edition + ".csv"
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.ImportLists(ctx, operator, d, source.Checks{MaxDrop: 1}); err != nil {
				t.Fatal(err)
			}
		}
		importStep(0)
		if err := svc.LoadStored(ctx); err != nil {
			t.Fatal(err)
		}
		var subs []vigil.Subject
		for _, p := range people {
			subs = append(subs, vigil.Subject{ID: p.id, Kind: entity.KindPerson, Name: p.name})
		}
		for i, e := range clean {
			if e.Kind == entity.KindPerson {
				subs = append(subs, vigil.Subject{ID: fmt.Sprintf("c-%d", i), Kind: entity.KindPerson, Name: e.PrimaryName()})
			}
		}
		if _, err := svc.EnrollSubjects(ctx, operator, rowsOf(subs), nil); err != nil {
			t.Fatal(err)
		}
		startRunner(t, jobs.Config{Store: db, Service: svc})
		onRecord := func(id, key string) bool {
			for _, a := range alertsBySubject(t, db)[id] {
				for _, r := range a.Records {
					if r.List+"/"+r.SourceID == key {
						return true
					}
				}
			}
			return false
		}
		for k := 1; k < len(snaps); k++ {
			for _, p := range people {
				if p.step >= k && onRecord(p.id, p.key) {
					t.Errorf("%s (%s) alerted on %s before the edition of %s that lists it", p.id, p.name, p.key, snaps[p.step].Edition)
				}
			}
			importStep(k)
			waitRun(t, svc, func(r *store.Revet) bool { return r.Edition == snaps[k].Edition })
			waitIdle(t, db)
			for _, p := range people {
				if p.step != k {
					continue
				}
				found := false
				for _, a := range alertsBySubject(t, db)[p.id] {
					if len(a.Cause) > 0 && cause(t, a).Edition == snaps[k].Edition && onRecord(p.id, p.key) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s (%s) not alerted on %s with the edition of %s as cause", p.id, p.name, p.key, snaps[k].Edition)
				}
			}
		}
		alerted := 0
		all := alertsBySubject(t, db)
		for id := range all {
			if strings.HasPrefix(id, "c-") {
				alerted++
			}
		}
		t.Logf("%d designated people over 5 steps; %d of %d never-listed people alerted (%.1f%%)",
			len(people), alerted, len(subs)-len(people), 100*float64(alerted)/float64(len(subs)-len(people)))
		verify(t, db)
	})
}
