package synth

import (
	"context"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
)

func TestNoisy(t *testing.T) {
	seed := realSeed(t)
	recs := mustGenerate(t, seed, 5000, newRand(6))
	byID := map[string]*entity.Entity{}
	for _, e := range recs {
		byID[e.ID] = e
	}
	qs := Noisy(recs, 2000, newRand(7))
	if len(qs) != 2000 {
		t.Fatalf("Noisy returned %d queries, want 2000", len(qs))
	}
	treatments := map[string]int{}
	for _, q := range qs {
		e := byID[q.Want]
		if e == nil {
			t.Fatalf("query %s wants unknown record %q", q.Subject.ID, q.Want)
		}
		treatments[q.Treatment]++
		s := q.Subject
		if s.Name == "" && s.LastName == "" {
			t.Fatalf("query %s has no name", s.ID)
		}
		if s.Kind != "" && s.Kind != e.Kind {
			t.Errorf("query %s: kind %s, record is %s", s.ID, s.Kind, e.Kind)
		}
		if dob := s.DateOfBirth.String(); dob != "" && (len(e.BirthDates) == 0 || !strings.HasPrefix(e.BirthDates[0].String(), strings.TrimPrefix(dob, "~"))) &&
			birthDate(e.BirthDates[0]) != s.DateOfBirth {
			t.Errorf("query %s: date of birth %s, record has %v", s.ID, s.DateOfBirth, e.BirthDates)
		}
		if q.Treatment == "none" && e.Kind != entity.KindPerson && s.Name != e.Names[0].Full {
			t.Errorf("query %s: untreated name %q differs from %q", s.ID, s.Name, e.Names[0].Full)
		}
	}
	for _, tr := range append(personTreatments, orgTreatments...) {
		if treatments[tr] == 0 {
			t.Errorf("no query with treatment %s among %v", tr, treatments)
		}
	}
}

func TestUnrelated(t *testing.T) {
	g, err := NewGenerator(realSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := g.Generate(20000, newRand(8))
	if err != nil {
		t.Fatal(err)
	}
	families := map[string]bool{}
	for _, e := range recs {
		for _, n := range e.Names {
			if f := partsOf(n).family; f != "" {
				_, rest := splitParticle(f)
				families[strings.ToLower(rest)] = true
			}
		}
	}
	qs := g.Unrelated(1000, newRand(9))
	if len(qs) != 1000 {
		t.Fatalf("Unrelated returned %d queries, want 1000", len(qs))
	}
	persons := 0
	for _, q := range qs {
		if q.Want != "" || q.Treatment != "unrelated" || q.Subject.Name == "" {
			t.Fatalf("bad unrelated query %+v", q)
		}
		ws := strings.Fields(q.Subject.Name)
		if len(ws) < 2 {
			t.Errorf("query %s: one-word name %q", q.Subject.ID, q.Subject.Name)
		}
		// Person queries end in a held-out family name, which no record uses.
		last := strings.ToLower(ws[len(ws)-1])
		if heldOut(last) {
			persons++
			if families[last] {
				t.Errorf("query %s: family name %q is used by a record", q.Subject.ID, last)
			}
		}
	}
	if persons < 500 {
		t.Errorf("only %d of 1000 unrelated queries end in a held-out name, want about 700", persons)
	}
}

func TestRun(t *testing.T) {
	res, err := Run(context.Background(), realSeed(t), 3000, 400)
	if err != nil {
		t.Fatal(err)
	}
	if res.Seed != len(realSeed(t)) || res.Records != 3000 || res.Queries != 400 || res.Noisy != 300 || res.Unrelated != 100 {
		t.Fatalf("counts: %d records, %d queries (%d noisy, %d unrelated); want 3000, 400 (300, 100)",
			res.Records, res.Queries, res.Noisy, res.Unrelated)
	}
	sum := 0
	for _, tr := range res.ByTreatment {
		sum += tr.Total
	}
	if sum != res.Noisy {
		t.Errorf("treatments total %d, want %d", sum, res.Noisy)
	}
	if res.Names < res.Records || res.Build <= 0 || res.PerSecond <= 0 || res.HeapEngineMiB <= 0 {
		t.Errorf("implausible measurements: %+v", res)
	}
	// Recall is the engine's business, but noisy copies of records in a
	// small list must mostly be found: far less means Run mislabels them.
	if res.Recall < 0.8 {
		t.Errorf("recall %.3f on %d noisy copies, want at least 0.8\n%s", res.Recall, res.Noisy, res)
	}
	t.Logf("\n%s", res)
}
