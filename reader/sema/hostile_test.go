package sema_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
	"github.com/vigil-screening/vigil/reader/sema"
)

const goodDoc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<data-set>
	<record>
		<Country>Burma / Birmanie</Country>
		<LastName>Shwe</LastName>
		<GivenName>Than</GivenName>
		<DateOfBirth>1933-02-02</DateOfBirth>
		<Schedule>2</Schedule>
		<Item>1</Item>
	</record>
</data-set>
`

func parse(doc string) ([]*entity.Entity, error) {
	return readertest.Parse(sema.Parse, doc, "test.xml")
}

// TestRead_Ships reads a hand-written file in the newer layout
// (EntityOrShip, DateOfBirthOrShipBuildDate, TitleOrShip, ShipIMONumber):
// the April 2020 edition has no ships.
func TestRead_Ships(t *testing.T) {
	var got []*entity.Entity
	err := sema.Read(context.Background(), "testdata/ships.xml", func(e *entity.Entity) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d records, want 3", len(got))
	}
	ship, person, org := got[0], got[1], got[2]
	eq(t, "ship id", ship.ID, "RU.1-part-7.1")
	eq(t, "ship kind", ship.Kind, entity.KindVessel)
	eq(t, "ship", ship.Vessel, &entity.Vessel{IMO: "9160994"})
	eq(t, "ship names", ship.Names, []entity.Name{{Full: "SPARTA IV", Type: entity.NamePrimary}})
	eq(t, "ship remarks", ship.Remarks(), "built 2001")
	eq(t, "ship birth", len(ship.BirthDates), 0)
	eq(t, "person birth", person.BirthDates, []entity.Date{{Year: 1972, Month: 8, Day: 10}})
	eq(t, "person title", person.Titles(), []string{"Colonel"})
	eq(t, "org names", org.Names, []entity.Name{{Full: "Belaruskali OAO", Type: entity.NamePrimary},
		{Full: "Belaruskali JSC", Type: entity.NameAlias}, {Full: "Belarusian Potash Company", Type: entity.NameAlias},
		{Full: "BPC", Type: entity.NameAlias}})
	eq(t, "org countries", org.Countries, []string{"BY"})
}

func TestParse_Bad(t *testing.T) {
	huge := strings.Repeat("x", reader.MaxField+1)
	tests := []struct {
		name, doc, want string
		line            int
	}{
		{"empty", "", "empty file", 1},
		{"truncated", goodDoc[:len(goodDoc)-30], "EOF", 0},
		{"wrong root", `<CONSOLIDATED_LIST></CONSOLIDATED_LIST>`, "root element <CONSOLIDATED_LIST>", 1},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00", "malformed XML", 3},
		{"invalid utf-8", strings.Replace(goodDoc, "Shwe", "Sh\xc3\x28we", 1), "UTF-8", 5},
		{"huge field", strings.Replace(goodDoc, "Shwe", huge, 1), "field LastName: text longer than", 5},
		{"doctype", "<!DOCTYPE data-set [<!ENTITY a \"aaaa\">]>\n<data-set>&a;</data-set>", "DOCTYPE", 1},
		{"no item", strings.Replace(goodDoc, "<Item>1</Item>", "", 1), "field Item: missing", 3},
		{"no country", strings.Replace(goodDoc, "<Country>Burma / Birmanie</Country>", "", 1), "field Country: missing", 3},
		{"no name", strings.NewReplacer("<LastName>Shwe</LastName>", "", "<GivenName>Than</GivenName>", "").Replace(goodDoc), "no name", 3},
		{"bad date", strings.Replace(goodDoc, "1933-02-02", "1933-13-45", 1), "record MM.2.1: field DateOfBirth", 7},
		{"unknown date form", strings.Replace(goodDoc, "1933-02-02", "sometime", 1), "unknown date form", 7},
		{"duplicate item", strings.Replace(goodDoc, "</data-set>", `<record><Country>Burma</Country><Entity>X</Entity><Schedule>2</Schedule><Item>1</Item></record></data-set>`, 1), "repeat the record at line 3", 11},
		{"other element", strings.Replace(goodDoc, "</data-set>", "<row/></data-set>", 1), "unexpected <row>", 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.doc)
			readertest.WantErrorMentioning(t, err, "test.xml", tt.line, tt.want)
		})
	}
}

func TestParseDates(t *testing.T) {
	tests := []struct {
		in   string
		want []entity.Date
	}{
		{"1933-02-02", []entity.Date{{Year: 1933, Month: 2, Day: 2}}},
		{"1964-03", []entity.Date{{Year: 1964, Month: 3}}},
		{"1955", []entity.Date{{Year: 1955}}},
		{"1972-08-10 or 1972-08-11", []entity.Date{{Year: 1972, Month: 8, Day: 10}, {Year: 1972, Month: 8, Day: 11}}},
		{"10/08/1972", []entity.Date{{Year: 1972, Month: 8, Day: 10}}},
		{"10 August 1972", []entity.Date{{Year: 1972, Month: 8, Day: 10}}},
		{"August 10, 1972", []entity.Date{{Year: 1972, Month: 8, Day: 10}}},
		{"Sept. 1972", []entity.Date{{Year: 1972, Month: 9}}},
		{"circa 1955", []entity.Date{{Year: 1955, Circa: true}}},
		{"1955; 1956", []entity.Date{{Year: 1955}, {Year: 1956}}},
		{"", nil},
	}
	for _, tt := range tests {
		doc := strings.Replace(goodDoc, "1933-02-02", tt.in, 1)
		got, err := parse(doc)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got[0].BirthDates, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.in, got[0].BirthDates, tt.want)
		}
	}
	for _, bad := range []string{"32/01/1972", "Foo 1972", "1972-02-02/1973", "~1960", "0000"} {
		if _, err := parse(strings.Replace(goodDoc, "1933-02-02", bad, 1)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{goodDoc, true},
		{goodDoc[:80], true},
		{`<data-set><row>`, false},
		{`<CONSOLIDATED_LIST>`, false},
		{"Name 6,Name 1,Name 2", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := sema.Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%.40q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("<data-set><record><Country>Belarus / Bélarus</Country><Entity>Belarusbank</Entity></record>" +
		"<record><Country>Belarus</Country><Entity>A</Entity><Schedule>1</Schedule><Item>1</Item></record></data-set>"))
	f.Add([]byte(goodDoc))
	f.Add([]byte(`<data-set><record><Country>Iran</Country><Entity>A/B</Entity><Aliases>(C), D/E</Aliases><Item>1</Item><DateOfBirth>August 10, 1972 or 1973</DateOfBirth></record></data-set>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, _ := readertest.Fuzz(t, sema.Parse, string(data), "fuzz.xml", false)
		for _, e := range got {
			if e.ID == "" || len(e.Names) == 0 {
				t.Fatalf("entity without id or name: %+v", e)
			}
			for _, d := range e.BirthDates {
				if !d.Valid() {
					t.Fatalf("invalid birth date %+v", d)
				}
			}
		}
	})
}
