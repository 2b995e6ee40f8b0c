package eu_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/eu"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
)

func truncatedPath(t testing.TB) string {
	return testdata.Path(t, "bad", "eu-fsf-2022-03-18-truncated.xml")
}

// The real EU file of 2022-03-18, as archived, stops inside the 1,045th
// sanctionEntity: it is refused as an edition, the error naming the
// file, the line, the element and the record it was cut in.
func TestRead_TruncatedRealFile(t *testing.T) {
	path := truncatedPath(t)
	n := 0
	_, err := eu.ReadEdition(context.Background(), path, func(*entity.Entity) error { n++; return nil })
	readertest.WantErrorMentioning(t, err, path, 28198, "unexpected EOF inside <birthdate>: the file is cut short (in the sanctionEntity starting at line 28188)")
	var pe *reader.ParseError
	if errors.As(err, &pe) && pe.Record != "6974" {
		t.Errorf("error names record %q, want 6974", pe.Record)
	}
	if !eu.Detect(readertest.Head(t, path, 8<<10)) {
		t.Error("Detect(real EU file) = false")
	}
}

// realEntities returns the real file cut after its last complete
// sanctionEntity and closed: a complete export of 1,044 real entities,
// made in memory (the shared data is not copied into the repository).
func realEntities(t *testing.T) []byte {
	t.Helper()
	raw, err := os.ReadFile(truncatedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	end := bytes.LastIndex(raw, []byte("</sanctionEntity>")) + len("</sanctionEntity>")
	return append(raw[:end:end], "\n</export>\n"...)
}

// Counts from Python's ElementTree on the same cut, sanctionEntity
// elements grouped by logicalId: 1,044 elements, 1,024 records (696
// person, 328 enterprise; 20 persons listed twice, under AFG and TAQA),
// distinct (wholeName, nameLanguage) 4,773, identifications with a
// number 285, distinct citizenship codes other than "00" 420, distinct
// designationDates 425, programmes 1,044, distinct Gregorian dates of
// birth 685 (the Islamic one gives its Gregorian birthdate), distinct
// addresses 553.
func TestParse_RealEntities(t *testing.T) {
	got, err := readertest.Parse(eu.Parse, string(realEntities(t)), "eu.xml")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[entity.Kind]int{}
	var names, docs, cits, listed, progs, dobs, addrs int
	byID := map[string]*entity.Entity{}
	for _, e := range got {
		byID[e.ID] = e
		kinds[e.Kind]++
		names += len(e.Names)
		docs += len(e.Documents)
		cits += len(e.Citizenships())
		listed += len(e.ListedOn())
		progs += len(e.Programs())
		dobs += len(e.BirthDates)
		addrs += len(e.Addresses())
	}
	checks := []struct {
		what      string
		got, want int
	}{
		{"records", len(got), 1024}, {"persons", kinds[entity.KindPerson], 696}, {"organisations", kinds[entity.KindOrganization], 328},
		{"names", names, 4773}, {"documents", docs, 285}, {"citizenships", cits, 420}, {"listed on", listed, 425},
		{"programmes", progs, 1044}, {"dates of birth", dobs, 685}, {"addresses", addrs, 553},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
	saddam := byID["13"]
	if saddam == nil {
		t.Fatal("record 13 missing")
	}
	eq(t, "primary", saddam.Names[0], entity.Name{Full: "Saddam Hussein Al-Tikriti", Type: entity.NamePrimary,
		Parts: []entity.NamePart{{Type: entity.PartGiven, Value: "Saddam"}, {Type: entity.PartFamily, Value: "Hussein Al-Tikriti"}}})
	eq(t, "alias", saddam.Names[2], entity.Name{Full: "Abou Ali", Type: entity.NameAlias, Lang: "fr"})
	eq(t, "ids", saddam.OtherIDs(), []entity.Identifier{{Scheme: "eu_reference", Value: "EU.27.28"}})
	eq(t, "birth", saddam.BirthDates, []entity.Date{{Year: 1937, Month: 4, Day: 28}})
	eq(t, "birth place", saddam.BirthPlaces(), []string{"al-Awja, near Tikrit, IRAQ"})
	eq(t, "citizenship", saddam.Citizenships(), []string{"IQ"})
	eq(t, "gender", saddam.Genders, []entity.Gender{entity.GenderMale})
	eq(t, "programmes", saddam.Programs(), []string{"IRQ"})
	// Islamic calendar: 1402-06-24, given as 1982-04-19, then 1982-04-18
	// and 1982-04-19 again in the Gregorian one.
	eq(t, "Islamic calendar", byID["6177"].BirthDates, []entity.Date{{Year: 1982, Month: 4, Day: 19}, {Year: 1982, Month: 4, Day: 18}})
	eq(t, "UN reference", byID["6092"].OtherIDs()[1], entity.Identifier{Scheme: "un_reference", Value: "LYi.009"})
	// Listed twice, under AFG (2001-01-31) and TAQA: one record.
	eq(t, "listed twice", []any{byID["516"].Programs(), byID["516"].ListedOn()}, []any{[]string{"AFG", "TAQA"}, []entity.Date{{Year: 2001, Month: 1, Day: 31}}})
}

// The sample written from the format description: every element and
// attribute the reader uses, an XML 1.1 declaration.
func TestRead_Sample(t *testing.T) {
	var got []*entity.Entity
	edition, err := eu.ReadEdition(context.Background(), "testdata/eu-fsf-sample.xml", func(e *entity.Entity) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if edition != "2026-02-20" || len(got) != 3 {
		t.Fatalf("edition %q with %d records, want 2026-02-20 with 3", edition, len(got))
	}
	p, o, l := got[0], got[1], got[2]
	eq(t, "person names", p.Names, []entity.Name{
		{Full: "Ivan Petrovich SIDOROV", Type: entity.NamePrimary, Parts: []entity.NamePart{{Type: entity.PartGiven, Value: "Ivan"}, {Type: entity.PartMiddle, Value: "Petrovich"}, {Type: entity.PartFamily, Value: "SIDOROV"}}},
		{Full: "Иван Петрович СИДОРОВ", Type: entity.NameAlias, Lang: "ru", Parts: []entity.NamePart{{Type: entity.PartGiven, Value: "Иван"}, {Type: entity.PartMiddle, Value: "Петрович"}, {Type: entity.PartFamily, Value: "СИДОРОВ"}}},
		{Full: "Vanya", Type: entity.NameWeakAlias},
	})
	eq(t, "person", []any{p.ID, p.Kind, p.Positions(), p.ListedOn(), p.BirthDates, p.BirthPlaces(), p.Citizenships(), p.Remarks()},
		[]any{"900001", entity.KindPerson, []string{"Member of the State Duma"}, []entity.Date{{Year: 2022, Month: 2, Day: 23}},
			[]entity.Date{{Year: 1961, Month: 5, Day: 7}, {Year: 1960, ToYear: 1962, Circa: true}}, []string{"Tula, RUSSIAN FEDERATION"},
			[]string{"RU"}, "(Date of listing: 23.2.2022.)"})
	eq(t, "passport", p.Documents, []entity.Document{{Type: entity.DocPassport, Number: "722001234", Country: "RU",
		Note: "issued by Russian Federation; valid to 2030-01-01; knownFalse; issued under a false name"}})
	eq(t, "address", p.Addresses(), []entity.Address{{Full: "Okhotny Ryad 1, Moscow, 103265, RUSSIAN FEDERATION", Street: "Okhotny Ryad 1",
		City: "Moscow", PostalCode: "103265", Country: "RU"}})
	eq(t, "contacts", []any{p.Phones(), p.Emails()}, []any{[]string{"+7 495 000 00 00"}, []string{"office@example.invalid"}})
	eq(t, "organisation", []any{o.Kind, o.PrimaryName(), o.OtherIDs(), o.Programs(), o.Websites(), o.Phones(), o.Documents[0].Type, o.Documents[0].Note, o.Countries},
		[]any{entity.KindOrganization, "Example & Trading Corporation", []entity.Identifier{{Scheme: "eu_reference", Value: "EU.9002.22"}, {Scheme: "un_reference", Value: "KPe.001"}},
			[]string{"PRK"}, []string{"www.example.invalid"}, []string{"+850 2 000 0000"}, entity.DocOther, "SWIFT BIC", []string{"KP"}})
	// A name only in Arabic transliteration (nameLanguage AR) is still the
	// primary name; a date only in the Islamic calendar is a remark.
	eq(t, "Libyan", []any{l.PrimaryName(), l.Titles(), l.BirthDates, l.Remarks(), l.BirthPlaces()},
		[]any{"Abdul Example", []string{"Colonel"}, []entity.Date(nil), "Date of birth (islamic calendar): 1362", []string{"Sirte, LIBYA"}})
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v\nwant %#v", what, got, want)
	}
}

const okEntity = `<sanctionEntity euReferenceNumber="EU.1.1" logicalId="1"><subjectType code="person"/><nameAlias wholeName="A B" nameLanguage="" strong="true"/></sanctionEntity>`

func doc(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2022-03-18T14:52:26.947+01:00">` + "\n" + body + "\n</export>\n"
}

// Broken, hostile and wrong inputs each give a *reader.ParseError naming
// the file and line (and record and field where there is one).
func TestParse_Bad(t *testing.T) {
	huge := strings.Repeat("x", reader.MaxField+1)
	tests := []struct {
		name, doc, want string
		line            int
	}{
		{"empty", "", "empty file", 1},
		{"cut short", doc(okEntity)[:150], "EOF", 0},
		{"wrong root", `<CONSOLIDATED_LIST/>`, "root element <CONSOLIDATED_LIST>, want <export>", 1},
		{"wrong namespace", `<export xmlns="urn:other"><sanctionEntity/></export>`, `namespace "urn:other"`, 1},
		{"no entities", doc(""), "no sanctionEntity", 0},
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE export [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><export xmlns="http://eu.europa.ec/fpi/fsd/export">&b;</export>`, "entity expansion is refused", 1},
		{"external entity", `<!DOCTYPE export [<!ENTITY x SYSTEM "file:///etc/passwd">]><export xmlns="http://eu.europa.ec/fpi/fsd/export">&x;</export>`, "external entity", 1},
		{"undefined entity", doc(strings.Replace(okEntity, "A B", "&x;", 1)), "malformed XML", 3},
		{"huge attribute", doc(strings.Replace(okEntity, "A B", huge, 1)), "invalid or oversized value", 3},
		{"deep nesting", doc(`<sanctionEntity logicalId="1">` + strings.Repeat("<x>", 100) + strings.Repeat("</x>", 100) + `</sanctionEntity>`), "nested deeper", 3},
		{"invalid UTF-8", doc(strings.Replace(okEntity, "A B", "A\xffB", 1)), "UTF-8", 3},
		{"other element", doc(`<entity/>`), "unexpected <entity> in <export>", 3},
		{"no logicalId", doc(strings.Replace(okEntity, ` logicalId="1"`, "", 1)), "field logicalId", 3},
		{"logicalId of another subject type", doc(okEntity + "\n" + strings.Replace(okEntity, "person", "enterprise", 1)), "field subjectType: organization, but an earlier sanctionEntity with this logicalId is a person", 4},
		{"no subject type", doc(strings.Replace(okEntity, `<subjectType code="person"/>`, "", 1)), "field subjectType: missing", 3},
		{"unknown subject type", doc(strings.Replace(okEntity, `"person"`, `"planet"`, 1)), `code "planet"`, 3},
		{"no name", doc(strings.Replace(okEntity, `wholeName="A B"`, "", 1)), "field nameAlias", 3},
		{"bad birth date", doc(strings.Replace(okEntity, "</sanctionEntity>", `<birthdate birthdate="1937-13-45"/></sanctionEntity>`, 1)), "field birthdate", 3},
		{"bad year", doc(strings.Replace(okEntity, "</sanctionEntity>", `<birthdate year="19x7"/></sanctionEntity>`, 1)), "field birthdate", 3},
		{"bad designation date", doc(strings.Replace(okEntity, `logicalId="1"`, `logicalId="1" designationDate="soon"`, 1)), "field designationDate", 3},
		{"bad generation date", strings.Replace(doc(okEntity), "2022-03-18T14:52:26.947+01:00", "yesterday", 1), "generationDate", 2},
		{"content after the root", doc(okEntity) + "<export/>", "after the root", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readertest.Parse(eu.Parse, tt.doc, "eu.xml")
			readertest.WantErrorMentioning(t, err, "eu.xml", tt.line, tt.want)
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{doc(okEntity), true},
		{"\ufeff" + doc(okEntity)[:200], true},
		{`<?xml version="1.1"?><export xmlns="http://eu.europa.ec/fpi/fsd/export">`, true},
		{`<export xmlns="urn:other">`, false},
		{`<CONSOLIDATED_LIST>`, false},
		{`<!DOCTYPE export><export xmlns="http://eu.europa.ec/fpi/fsd/export">`, false},
		{"sdn,alt\n", false},
	}
	for _, tt := range tests {
		if got := eu.Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%.50q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(doc(okEntity))
	f.Add(doc(`<sanctionEntity logicalId="7"><subjectType code="enterprise"/><nameAlias firstName="X" lastName="Y"/><birthdate yearRangeFrom="1960" yearRangeTo="1962" circa="true"/><identification number="1" identificationTypeCode="passport"/><address city="C"><contactInfo key="EMAIL" value="a@b"/></address></sanctionEntity>`))
	if b, err := os.ReadFile("testdata/eu-fsf-sample.xml"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := readertest.Fuzz(t, eu.Parse, in, "f.xml", false)
		if !ok {
			return
		}
		for _, e := range got {
			if e.ID == "" || e.PrimaryName() == "" || e.Names[0].Type != entity.NamePrimary {
				t.Fatalf("record without id or primary name: %+v", e)
			}
			for _, d := range e.BirthDates {
				if !d.Valid() {
					t.Fatalf("invalid date %+v", d)
				}
			}
		}
	})
}

func BenchmarkParseRealEntities(b *testing.B) {
	raw, err := os.ReadFile(testdata.Path(b, "bad", "eu-fsf-2022-03-18-truncated.xml"))
	if err != nil {
		b.Fatal(err)
	}
	end := bytes.LastIndex(raw, []byte("</sanctionEntity>")) + len("</sanctionEntity>")
	data := string(append(raw[:end:end], "\n</export>\n"...))
	for b.Loop() {
		if _, err := readertest.Parse(eu.Parse, data, "eu.xml"); err != nil {
			b.Fatal(err)
		}
	}
}
