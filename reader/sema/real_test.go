package sema_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
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
		titles += len(e.Titles())
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
			eq(t, "programs", e.Programs(), []string{"Burma / Birmanie"})
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

func path2022(t testing.TB) string {
	return testdata.Path(t, "lists", "editions", "ca-sema-2022-05", "sema-lmes.xml")
}

// readWarned reads the May 2022 edition with its warnings.
func readWarned(t *testing.T) (map[string]*entity.Entity, []string, []*reader.ParseError) {
	t.Helper()
	got := map[string]*entity.Entity{}
	var order []string
	var warnings []*reader.ParseError
	err := sema.ReadWith(context.Background(), path2022(t), sema.Options{Warn: func(w *reader.ParseError) { warnings = append(warnings, w) }},
		func(e *entity.Entity) error {
			if got[e.ID] != nil {
				t.Fatalf("record %s emitted twice", e.ID)
			}
			got[e.ID] = e
			order = append(order, e.ID)
			return nil
		})
	if err != nil {
		t.Fatalf("ReadWith: %v", err)
	}
	return got, order, warnings
}

// Canada's list of May 2022 loads although two of its records
// (Belarusbank and Belagroprombank, lines 1394 and 1398) have neither
// Schedule nor Item: they are identified by country and name, each with
// a warning naming the file, line and record. Counts from Python's
// ElementTree on the raw file: 2,606 records, 2,069 with a LastName or
// GivenName, 537 entities, no ships, and (Country, Schedule, Item)
// unique but for the two records without them.
func TestRead_2022Unnumbered(t *testing.T) {
	got, order, warnings := readWarned(t)
	kinds := map[entity.Kind]int{}
	for _, e := range got {
		kinds[e.Kind]++
	}
	if want := map[entity.Kind]int{entity.KindPerson: 2069, entity.KindOrganization: 537}; len(got) != 2606 || !reflect.DeepEqual(kinds, want) {
		t.Errorf("%d records, kinds %v; want 2606, %v", len(got), kinds, want)
	}
	wantIDs := []string{"BY.unnumbered.belarusbank", "BY.unnumbered.belagroprombank"}
	if len(warnings) != 2 {
		t.Fatalf("warnings %v, want 2", warnings)
	}
	for i, w := range warnings {
		if w.Record != wantIDs[i] || w.Line != []int{1394, 1398}[i] || w.Field != "Item" || !strings.HasSuffix(w.File, "sema-lmes.xml") {
			t.Errorf("warning %q, want record %s at line %d, field Item", w, wantIDs[i], []int{1394, 1398}[i])
		}
	}
	bank := got["BY.unnumbered.belagroprombank"]
	if bank == nil || bank.PrimaryName() != "Belagroprombank" || bank.Kind != entity.KindOrganization || !reflect.DeepEqual(bank.Countries, []string{"BY"}) {
		t.Errorf("Belagroprombank: %+v", bank)
	}
	// The same IDs, in the same order, on a second read.
	_, again, _ := readWarned(t)
	if !reflect.DeepEqual(order, again) {
		t.Error("a second read gives other IDs or another order")
	}
}

// What is truly damaged is still refused: a record without an Item and
// without a name, two unnumbered records with the same country and name,
// and a file in which more than 1% of the records have no Item.
func TestParse_UnnumberedRefused(t *testing.T) {
	rec := func(name, item string) string {
		s := "<record><Country>Belarus / Bélarus</Country>"
		if name != "" {
			s += "<Entity>" + name + "</Entity>"
		}
		if item != "" {
			s += "<Schedule>1</Schedule><Item>" + item + "</Item>"
		}
		return s + "</record>\n"
	}
	numbered := ""
	for i := 1; i <= 150; i++ {
		numbered += rec(fmt.Sprintf("Bank %d", i), fmt.Sprint(i))
	}
	doc := func(recs ...string) string { return "<data-set>\n" + strings.Join(recs, "") + "</data-set>\n" }
	tests := []struct {
		name, doc, want string
	}{
		{"no item, no name", doc(numbered, rec("", "")), "field Item: missing, and the record has no name"},
		{"same country and name", doc(numbered, rec("Belarusbank", ""), rec("Belarusbank ", "")), "Country and name (the record has no Item) repeat"},
		{"too many", doc(numbered, rec("A", ""), rec("B", "")), "missing in 2 of 152 records (more than 1%)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.doc)
			readertest.WantErrorMentioning(t, err, "test.xml", 0, tt.want)
		})
	}
	var warned []*reader.ParseError
	n := 0
	err := sema.ParseWith(context.Background(), strings.NewReader(doc(numbered, rec("Belarusbank", ""))), "test.xml",
		sema.Options{Warn: func(w *reader.ParseError) { warned = append(warned, w) }}, func(*entity.Entity) error { n++; return nil })
	if err != nil || n != 151 || len(warned) != 1 || warned[0].Record != "BY.unnumbered.belarusbank" {
		t.Errorf("one unnumbered record in 151: %v, %d records, warnings %v", err, n, warned)
	}
}
