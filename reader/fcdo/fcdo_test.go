package fcdo_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/fcdo"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
)

const (
	sampleCSV = "testdata/UK-Sanctions-List-sample.csv"
	sampleXML = "testdata/UK-Sanctions-List-sample.xml"
)

func readSample(t *testing.T, path string) ([]*entity.Entity, string) {
	t.Helper()
	var got []*entity.Entity
	edition, err := fcdo.ReadEdition(context.Background(), path, func(e *entity.Entity) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return got, edition
}

// The two forms of the list, written from the format description with
// the same three designations, read as the same records.
func TestRead_CSVAndXMLAgree(t *testing.T) {
	fromCSV, edCSV := readSample(t, sampleCSV)
	fromXML, edXML := readSample(t, sampleXML)
	if edCSV != "2025-04-14" || edXML != "2025-04-14" {
		t.Errorf("editions %q and %q, want 2025-04-14", edCSV, edXML)
	}
	if len(fromCSV) != 3 || !reflect.DeepEqual(fromCSV, fromXML) {
		for i := range min(len(fromCSV), len(fromXML)) {
			if !reflect.DeepEqual(fromCSV[i], fromXML[i]) {
				t.Errorf("record %d:\nCSV %+v\nXML %+v", i, fromCSV[i], fromXML[i])
			}
		}
		t.Fatalf("%d records from the CSV, %d from the XML; want the same 3", len(fromCSV), len(fromXML))
	}
}

func TestRead_Sample(t *testing.T) {
	got, _ := readSample(t, sampleCSV)
	p, o, s := got[0], got[1], got[2]
	eq(t, "person names", p.Names, []entity.Name{
		{Full: "Ivan Petrovich SIDOROV", Type: entity.NamePrimary, Parts: []entity.NamePart{{Type: entity.PartGiven, Value: "Ivan"},
			{Type: entity.PartMiddle, Value: "Petrovich"}, {Type: entity.PartFamily, Value: "SIDOROV"}}},
		{Full: "Иван Петрович СИДОРОВ", Type: entity.NameOriginalScript, Script: "Cyrl"},
		{Full: "Ivan SIDOROFF", Type: entity.NameAlias, Parts: []entity.NamePart{{Type: entity.PartGiven, Value: "Ivan"}, {Type: entity.PartFamily, Value: "SIDOROFF"}}},
		{Full: "Vanya", Type: entity.NameWeakAlias, Parts: []entity.NamePart{{Type: entity.PartFamily, Value: "Vanya"}}},
	})
	eq(t, "person", []any{p.ID, p.Kind, p.OtherIDs(), p.Programs(), p.Titles(), p.BirthDates, p.Nationalities, p.Genders, p.BirthPlaces(), p.Positions(), p.ListedOn(), p.AmendedOn()},
		[]any{"RUS9001", entity.KindPerson, []entity.Identifier{{Scheme: "ofsi_group_id", Value: "90001"}}, []string{"Russia"}, []string{"Mr"},
			[]entity.Date{{Year: 1961, Month: 5, Day: 7}, {Year: 1962}}, []string{"RU"}, []entity.Gender{entity.GenderMale},
			[]string{"Tula, Russia"}, []string{"Member of the State Duma"}, []entity.Date{{Year: 2022, Month: 3, Day: 11}}, []entity.Date{{Year: 2025, Month: 4, Day: 14}}})
	eq(t, "passport", p.Documents, []entity.Document{{Type: entity.DocPassport, Number: "722001234", Note: "Russian passport"}})
	eq(t, "address", p.Addresses(), []entity.Address{{Full: "Okhotny Ryad 1, Moscow, 103265, Russia", Street: "Okhotny Ryad 1, Moscow", PostalCode: "103265", Country: "RU"}})
	if !strings.Contains(p.Remarks(), "Sanctions Imposed: Asset freeze|Travel Ban") || !strings.Contains(p.Remarks(), "UK Statement of Reasons: Member of the State Duma.") {
		t.Errorf("remarks %q", p.Remarks())
	}
	eq(t, "entity", []any{o.Kind, o.PrimaryName(), o.Names[1].Full, o.OtherIDs()[1], o.Countries, o.Phones(), o.Websites(), o.Emails(), o.Documents},
		[]any{entity.KindOrganization, "EXAMPLE TRADING CORPORATION", "EXAMPLE & CO", entity.Identifier{Scheme: "un_reference", Value: "KPe.901"},
			[]string{"KP"}, []string{"+850 2 000 0000"}, []string{"www.example.invalid"}, []string{"office@example.invalid"},
			[]entity.Document{{Type: entity.DocRegistration, Number: "KP-0001"}}})
	eq(t, "relations", len(o.Relations()), 3)
	eq(t, "ship", []any{s.Kind, s.Vessel}, []any{entity.KindVessel, &entity.Vessel{IMO: "9000001", Owner: "Example Shipping Co", Flag: "RU", Type: "Oil tanker", Tonnage: "62000"}})
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v\nwant %#v", what, got, want)
	}
}

const header = "Unique ID,Name 6,Name 1,Name type,Designation Type,Regime Name,D.O.B\n"

func TestParse_BadCSV(t *testing.T) {
	pre := "Report Date: 14-Apr-2025\n" + header
	huge := strings.Repeat("A", reader.MaxField+1)
	tests := []struct {
		name, in string
		line     int
		field    string
	}{
		{"empty", "", 0, ""},
		{"report date only", "Report Date: 14-Apr-2025\n", 0, ""},
		{"header only", pre, 0, ""},
		{"bad report date", "Report Date: soon\n" + header + "RUS1,A,B,Primary Name,Individual,Russia,\n", 1, "Report Date"},
		{"wrong columns", "Report Date: 14-Apr-2025\nID,Name,Type\nRUS1,A,Individual\n", 2, ""},
		{"semicolons", strings.ReplaceAll(pre+"RUS1,A,B,Primary Name,Individual,Russia,\n", ",", ";"), 2, ""},
		{"no unique id", pre + ",A,B,Primary Name,Individual,Russia,\n", 3, "Unique ID"},
		{"bad unique id", pre + "RUS 1,A,B,Primary Name,Individual,Russia,\n", 3, "Unique ID"},
		{"bad designation type", pre + "RUS1,A,B,Primary Name,Planet,Russia,\n", 3, "Designation Type"},
		{"kinds differ", pre + "RUS1,A,B,Primary Name,Individual,Russia,\nRUS1,C,,Alias,Entity,Russia,\n", 4, "Designation Type"},
		{"no name", pre + "RUS1,,,Primary Name,Individual,Russia,\n", 3, "Name 6"},
		{"cut in a quoted field", pre + "RUS1,A,B,Primary Name,Individual,\"Rus", 3, ""},
		{"extra column", pre + "RUS1,A,B,Primary Name,Individual,Russia,,extra\n", 3, "column 8"},
		{"huge field", pre + "RUS1," + huge + ",B,Primary Name,Individual,Russia,\n", 3, "Name 6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			readertest.WantBad(t, fcdo.Parse, "in.csv", tt.in, tt.line, tt.field)
		})
	}
}

const xmlHead = `<?xml version="1.0" encoding="utf-8"?>` + "\n<Designations>\n"

func designation(id string) string {
	return `<Designation><UniqueID>` + id + `</UniqueID><Names><Name><Name6>A</Name6><NameType>Primary Name</NameType></Name></Names><IndividualEntityShip>Entity</IndividualEntityShip></Designation>` + "\n"
}

func TestParse_BadXML(t *testing.T) {
	tests := []struct {
		name, in, want string
		line           int
	}{
		{"cut short", xmlHead + designation("RUS1")[:60], "EOF", 0},
		{"wrong root", "<export/>", "root element <export>, want <Designations>", 1},
		{"billion laughs", `<!DOCTYPE Designations [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><Designations>&b;</Designations>`, "entity expansion is refused", 1},
		{"external entity", `<!DOCTYPE Designations [<!ENTITY x SYSTEM "http://example.invalid/x">]><Designations>&x;</Designations>`, "external entity", 1},
		{"undefined entity", xmlHead + strings.Replace(designation("RUS1"), "<Name6>A", "<Name6>&x;", 1) + "</Designations>", "malformed XML", 3},
		{"deep nesting", xmlHead + "<Designation>" + strings.Repeat("<x>", 100) + strings.Repeat("</x>", 100) + "</Designation></Designations>", "nested deeper", 3},
		{"huge attribute", xmlHead + `<Designation x="` + strings.Repeat("a", reader.MaxField+1) + `"/></Designations>`, "oversized value", 3},
		{"duplicate unique id", xmlHead + designation("RUS1") + designation("RUS1") + "</Designations>", "repeats the Designation at line 3", 4},
		{"no name", xmlHead + `<Designation><UniqueID>RUS1</UniqueID><IndividualEntityShip>Entity</IndividualEntityShip></Designation></Designations>`, "row has no name", 3},
		{"no unique id", xmlHead + designation("") + "</Designations>", "Unique ID: missing", 3},
		{"unexpected element", xmlHead + "<Other/></Designations>", "unexpected <Other>", 3},
		{"bad date generated", xmlHead + "<DateGenerated>soon</DateGenerated>" + designation("RUS1") + "</Designations>", "DateGenerated", 3},
		{"no designations", xmlHead + "</Designations>", "no records", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readertest.Parse(fcdo.Parse, tt.in, "in.xml")
			var pe *reader.ParseError
			if !errorAs(err, &pe) || pe.File != "in.xml" || !strings.Contains(err.Error(), tt.want) || (tt.line != 0 && pe.Line != tt.line) {
				t.Errorf("err = %v, want a ParseError naming in.xml line %d, mentioning %q", err, tt.line, tt.want)
			}
			if len(got) != 0 {
				t.Errorf("%d records emitted", len(got))
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"Report Date: 14-Apr-2025\n" + header, true},
		{"\ufeffReport Date: 14-Apr-2025\r\n" + header, true},
		{"Report Date: 14-Apr-2025", true}, // head cut before the header
		{"Report Date: 14-Apr-2025\nName 6,Name 1,Group Type\n", false},
		{"Last Updated,14/04/2025\nName 6,Name 1,\n", false},
		{xmlHead, true},
		{"<CONSOLIDATED_LIST/>", false},
	}
	for _, tt := range tests {
		if got := fcdo.Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%.40q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("Report Date: 14-Apr-2025\n" + header + "RUS1,A,B,Primary Name,Individual,Russia,07/05/1961|1962\nRUS1,C,,Alias,Individual,Russia,\n")
	f.Add(xmlHead + designation("RUS1") + "</Designations>")
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := readertest.Fuzz(t, fcdo.Parse, in, "f.csv", true)
		if ok && len(got) == 0 {
			t.Fatal("no error and no records")
		}
		for _, e := range got {
			if e.ID == "" || e.PrimaryName() == "" {
				t.Fatalf("record without id or name: %+v", e)
			}
		}
	})
}
