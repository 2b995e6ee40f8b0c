package dfat_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/dfat"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
)

func currentPath(t testing.TB) string {
	return testdata.Path(t, "lists", "current", "au-dfat-2024-11", "regulation8_consolidated.xlsx")
}

// Expected counts come from a Python script reading the workbook with
// zipfile + ElementTree: 9,553 non-blank name rows (7 blank rows at the
// end), 3,062 distinct leading numbers of Reference, the Type of each
// reference's rows, distinct names per reference (9,518) by their first
// Name Type (an "aka" written with no Latin letter counted as original
// script), and distinct addresses (enumerated and ";"-separated).
func TestRead_Current(t *testing.T) {
	got := readertest.ReadByID(t, dfat.Read, currentPath(t))
	kinds := map[entity.Kind]int{}
	types := map[entity.NameType]int{}
	var names, addrs int
	for _, e := range got {
		kinds[e.Kind]++
		names += len(e.Names)
		addrs += len(e.Addresses())
		for _, n := range e.Names {
			types[n.Type]++
		}
	}
	checks := []struct {
		what      string
		got, want int
	}{
		{"records", len(got), 3062},
		{"persons", kinds[entity.KindPerson], 2316},
		{"organizations", kinds[entity.KindOrganization], 746},
		{"names", names, 9518},
		{"primary", types[entity.NamePrimary], 3062},
		{"aliases", types[entity.NameAlias], 5983},
		{"original script", types[entity.NameOriginalScript], 469},
		{"former", types[entity.NameFormer], 4},
		{"addresses", addrs, 1549},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
}

func TestRead_SpotChecks(t *testing.T) {
	got := readertest.ReadByID(t, dfat.Read, currentPath(t))
	tests := []struct {
		id, primary string
		kind        entity.Kind
		names       int
		check       func(*entity.Entity) bool
	}{
		{"2", "MOHAMMAD HASSAN AKHUND", entity.KindPerson, 2, func(e *entity.Entity) bool {
			return e.Names[1].Script == "Arab" && dates(e.BirthDates) == "~1955/1958 ~1945/1950" &&
				join(e.Programs()) == "1988 (Taliban)" && dates(e.AmendedOn()) == "2014-12-15" && len(e.Addresses()) == 0 &&
				strings.Contains(e.Remarks(), "Listing: Listed by UN 1267 Committee on 25 January 2001")
		}},
		{"7986", "Igor Olegovich TURASHEV", entity.KindPerson, 3, func(e *entity.Entity) bool {
			return dates(e.BirthDates) == "1981-06-15" && join(e.Citizenships()) == "RU" &&
				join(e.Programs()) == "Autonomous (Thematic - Cyber)" && dates(e.AmendedOn()) == "2024-10-02" &&
				e.Names[1].Full == "Enki" && e.Names[1].Type == entity.NameAlias
		}},
		{"34", "Abdul Jalil Haqqani Wali Mohammad", entity.KindPerson, 9, func(e *entity.Entity) bool {
			return e.Names[4].Full == "اختر محمد ولد نور محمد" && e.Names[4].Type == entity.NameOriginalScript &&
				dates(e.BirthDates) == "~1963 1965 1955" && dates(e.AmendedOn()) == "2014-05-19"
		}},
		{"1140", "Yasin Ali Baynah", entity.KindPerson, 16, func(e *entity.Entity) bool {
			return dates(e.BirthDates) == "1965-12-24" && len(e.Addresses()) == 2 &&
				e.Addresses()[0].Full == "Rinkeby, Stockholm, Sweden" && e.Addresses()[1].Full == "Mogadishu, Somalia"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e := got[tt.id]
			if e == nil {
				t.Fatalf("record %s missing", tt.id)
			}
			if e.PrimaryName() != tt.primary || e.Kind != tt.kind || len(e.Names) != tt.names {
				t.Errorf("got %q %s with %d names, want %q %s with %d", e.PrimaryName(), e.Kind, len(e.Names), tt.primary, tt.kind, tt.names)
			}
			if tt.check != nil && !tt.check(e) {
				t.Errorf("details wrong: %+v", e)
			}
		})
	}
}

func join(s []string) string { return strings.Join(s, "|") }

func dates(ds []entity.Date) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.String())
	}
	return strings.Join(s, " ")
}

var header = []any{"Reference", "Name of Individual or Entity", "Type", "Name Type", "Date of Birth",
	"Place of Birth", "Citizenship", "Address", "Additional Information", "Listing Information", "Committees", "Control Date"}

func TestRead_Bad(t *testing.T) {
	good := []any{"1", "A B", "Individual", "Primary Name", 29752}
	tests := []struct {
		name  string
		rows  [][]any
		line  int
		field string
	}{
		{"no expected sheet", [][]any{{"Name", "Street"}, {"x", "y"}}, 1, ""},
		{"header only", [][]any{header}, 0, ""},
		{"bad reference", [][]any{header, good, {"x1", "A", "Individual", "aka"}}, 3, "Reference"},
		{"bad type", [][]any{header, {"1", "A", "Planet", "aka"}}, 2, "Type"},
		{"no name", [][]any{header, {"1", "", "Individual", "aka"}}, 2, "Name of Individual or Entity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := readertest.WriteWorkbook(t, tt.rows)
			n := 0
			err := dfat.Read(context.Background(), path, func(*entity.Entity) error { n++; return nil })
			readertest.WantErrorAt(t, err, path, tt.line, tt.field)
			if n != 0 {
				t.Errorf("%d records emitted before the error", n)
			}
		})
	}
}

func TestParse_NotWorkbook(t *testing.T) {
	for name, in := range map[string]string{
		"empty":          "",
		"csv":            "Reference,Name\n1,x\n",
		"truncated zip":  "PK\x03\x04\x14\x00\x00\x00",
		"binary garbage": "\x00\xff\xfe\x01garbage",
	} {
		t.Run(name, func(t *testing.T) {
			err := dfat.Parse(context.Background(), strings.NewReader(in), "in.xlsx", func(*entity.Entity) error { return nil })
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != "in.xlsx" {
				t.Fatalf("err = %v, want *reader.ParseError naming in.xlsx", err)
			}
		})
	}
}

func TestDetectWorkbook(t *testing.T) {
	if ok, err := dfat.DetectWorkbook(currentPath(t)); !ok || err != nil {
		t.Errorf("DetectWorkbook(DFAT) = %v, %v", ok, err)
	}
	ofsi := testdata.Path(t, "lists", "current", "uk-ofsi-2025-04", "ConList.xlsx")
	if ok, err := dfat.DetectWorkbook(ofsi); ok || err != nil {
		t.Errorf("DetectWorkbook(OFSI) = %v, %v", ok, err)
	}
}

func BenchmarkRead(b *testing.B) {
	path := currentPath(b)
	readertest.BenchRead(b, dfat.Read, path)
}

func TestDetectRows(t *testing.T) {
	header := []string{"Reference", "Name of Individual or Entity", "Type", "Name Type", "Date of Birth"}
	ofsiHeader := []string{"Name 6", "Name 1", "Group Type", "Alias Type", "Group ID"}
	tests := []struct {
		name string
		rows [][]string
		want bool
	}{
		{"header first", [][]string{header, {"1", "X"}}, true},
		{"header second", [][]string{{"title"}, header}, false},
		{"OFSI header", [][]string{{"Last Updated", "14/04/2025"}, ofsiHeader}, false},
		{"column missing", [][]string{header[1:]}, false},
		{"no rows", nil, false},
	}
	for _, tt := range tests {
		if got := dfat.DetectRows(tt.rows); got != tt.want {
			t.Errorf("%s: DetectRows = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Dates of birth in forms only the shared loose-date parser reads (before
// it, they were left in the remarks): "1965, 29 March", "Between Aug.
// and Sep 1977", "01/10/1983,15/10/1983, 01/01/1980", "19-Dec-1992".
func TestRead_LooseDates(t *testing.T) {
	got := readertest.ReadByID(t, dfat.Read, currentPath(t))
	for id, want := range map[string]string{
		"139":  "1965-03-29",
		"2529": "1977-08/1977-09 1976",
		"6264": "1983-10-01 1983-10-15 1980-01-01",
		"7968": "1992-12-19 1992-12-12",
		"7971": "2000-09-11 2001",
	} {
		e := got[id]
		if e == nil || dates(e.BirthDates) != want || strings.Contains(e.Remarks(), "Date of birth:") {
			t.Errorf("record %s: dates of birth %q, want %q and none left in the remarks", id, dates(e.BirthDates), want)
		}
	}
}
