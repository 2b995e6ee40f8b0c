package sema_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
	"github.com/vigil-screening/vigil/reader/sema"
)

func readReal(t testing.TB) map[string]*entity.Entity {
	t.Helper()
	got := map[string]*entity.Entity{}
	path := testdata.Path(t, "lists", "current", "ca-sema-2020-04", "sema-lmes.xml")
	err := sema.Read(context.Background(), path, func(e *entity.Entity) error {
		got[e.ID] = e
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return got
}

// TestRead_Counts checks counts taken independently with Python's
// ElementTree on the raw file: 1,369 records, 985 with a LastName or
// GivenName (persons), 384 entities, no ships in this edition; 74
// comma-separated alias pieces on persons, 86 on entities (also split at
// "/"), 41 entity names written "English/French"; 213 dates of birth
// (212 elements, one holding two dates joined by "or"); 64 titles.
func TestRead_Counts(t *testing.T) {
	got := readReal(t)
	kinds := map[entity.Kind]int{}
	names := map[entity.NameType]int{}
	var dates, titles int
	for _, e := range got {
		kinds[e.Kind]++
		for _, n := range e.Names {
			names[n.Type]++
		}
		dates += len(e.BirthDates)
		titles += len(e.Titles)
	}
	if len(got) != 1369 {
		t.Errorf("%d records (distinct IDs), want 1369", len(got))
	}
	if want := map[entity.Kind]int{entity.KindPerson: 985, entity.KindOrganization: 384}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
	if names[entity.NamePrimary] != 1369 || names[entity.NameAlias]+names[entity.NameWeakAlias] != 74+86+41 {
		t.Errorf("names %v, want 1369 primary and %d aliases", names, 74+86+41)
	}
	if dates != 213 || titles != 64 {
		t.Errorf("%d birth dates and %d titles, want 213 and 64", dates, titles)
	}
}

func TestRead_Records(t *testing.T) {
	got := readReal(t)
	tests := []struct {
		id    string
		check func(t *testing.T, e *entity.Entity)
	}{
		{"MM.2.1", func(t *testing.T, e *entity.Entity) { // Than Shwe
			eq(t, "names", e.Names, []entity.Name{{Full: "Than Shwe", Type: entity.NamePrimary, Parts: []entity.NamePart{
				{Type: entity.PartGiven, Value: "Than"}, {Type: entity.PartFamily, Value: "Shwe"}}}})
			eq(t, "kind", e.Kind, entity.KindPerson)
			eq(t, "birth", e.BirthDates, []entity.Date{{Year: 1933, Month: 2, Day: 2}})
			eq(t, "programs", e.Programs, []string{"Burma / Birmanie"})
			eq(t, "countries", e.Countries, []string{"MM"})
		}},
		{"MM.1.1", func(t *testing.T, e *entity.Entity) { // entity with aliases
			eq(t, "kind", e.Kind, entity.KindOrganization)
			eq(t, "names", e.Names, []entity.Name{{Full: "Air Bagan", Type: entity.NamePrimary},
				{Full: "Air Bagan Holdings Pte. Ltd.", Type: entity.NameAlias}, {Full: "Air Bagan Limited", Type: entity.NameAlias}})
		}},
		{"MM.2.24", func(t *testing.T, e *entity.Entity) { // LastName only
			eq(t, "names", e.Names, []entity.Name{{Full: "Thaung", Type: entity.NamePrimary, Parts: []entity.NamePart{{Type: entity.PartFamily, Value: "Thaung"}}}})
		}},
		{"MM.2.13", func(t *testing.T, e *entity.Entity) { eq(t, "birth", e.BirthDates, []entity.Date{{Year: 1955}}) }},
		{"JVCFOR.1.53", func(t *testing.T, e *entity.Entity) {
			eq(t, "birth", e.BirthDates, []entity.Date{{Year: 1964, Month: 3}})
		}},
		{"JVCFOR.1.54", func(t *testing.T, e *entity.Entity) { // "1972-08-10 or 1972-08-11"
			eq(t, "birth", e.BirthDates, []entity.Date{{Year: 1972, Month: 8, Day: 10}, {Year: 1972, Month: 8, Day: 11}})
			eq(t, "countries", len(e.Countries), 0)
		}},
		{"JVCFOR.1.1", func(t *testing.T, e *entity.Entity) { eq(t, "name", e.PrimaryName(), "Nicolás MADURO MOROS") }},
		{"VE.n-a.1", func(t *testing.T, e *entity.Entity) { eq(t, "name", e.PrimaryName(), "Nicolás MADURO MOROS") }},
		{"IR.1.31", func(t *testing.T, e *entity.Entity) { // bilingual entity name
			eq(t, "names", e.Names, []entity.Name{{Full: "Iranian Army", Type: entity.NamePrimary}, {Full: "Armée iranienne", Type: entity.NameAlias}})
		}},
		{"RU.2.5", func(t *testing.T, e *entity.Entity) {
			eq(t, "names", e.Names[1:], []entity.Name{{Full: "Rosselkhozbank", Type: entity.NameAlias}})
		}},
		{"RU.1.43", func(t *testing.T, e *entity.Entity) { // GIRKIN a.k.a. STRELKOV
			eq(t, "alias", e.Names[1], entity.Name{Full: "Igor STRELKOV", Type: entity.NameAlias})
		}},
		{"RU.1.94", func(t *testing.T, e *entity.Entity) { // AKIMOV, alias "Andrei"
			eq(t, "alias", e.Names[1].Full, "Andrei Igorevich AKIMOV")
			eq(t, "birth", e.BirthDates, []entity.Date{{Year: 1953, Month: 9, Day: 22}})
		}},
		{"UA.1.83", func(t *testing.T, e *entity.Entity) { // PAVLOV, nickname "Motorola"
			eq(t, "alias", e.Names[1], entity.Name{Full: "Motorola", Type: entity.NameWeakAlias})
		}},
		{"UA.1.121", func(t *testing.T, e *entity.Entity) { // PASHCHENKO, alias "PASHENKO"
			eq(t, "alias", e.Names[1].Full, "Natalya Aleksandrovna PASHENKO")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e := got[tt.id]
			if e == nil {
				t.Fatalf("no record %s", tt.id)
			}
			if e.List != "ca_sema" {
				t.Errorf("list %q", e.List)
			}
			tt.check(t, e)
		})
	}
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func BenchmarkRead(b *testing.B) {
	path := testdata.Path(b, "lists", "current", "ca-sema-2020-04", "sema-lmes.xml")
	readertest.BenchRead(b, sema.Read, path)
}
