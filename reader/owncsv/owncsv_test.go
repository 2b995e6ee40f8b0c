package owncsv_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
	"github.com/vigil-screening/vigil/reader/owncsv"
)

func TestRead_Example(t *testing.T) {
	var got []*entity.Entity
	err := owncsv.Read(context.Background(), "testdata/persons_of_concern.csv", func(e *entity.Entity) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 {
		t.Fatalf("records = %d, want 5", len(got))
	}
	p := got[0]
	checks := []struct {
		what      string
		got, want any
	}{
		{"list", p.List, "persons_of_concern"},
		{"id", p.ID, "P-001"},
		{"kind", p.Kind, entity.KindPerson},
		{"names", len(p.Names), 3},
		{"alias", p.Names[2].Full, "I. P. Sidorov"},
		{"family part", p.Names[0].Parts[1], entity.NamePart{Type: entity.PartFamily, Value: "SIDOROV"}},
		{"dob", p.BirthDates[0].String(), "1971-07-05"},
		{"gender", p.Genders[0], entity.GenderMale},
		{"nationality", p.Nationalities[0], "RU"},
		{"passport", p.Documents[0], entity.Document{Type: entity.DocPassport, Number: "753941234"}},
		{"address", p.Addresses()[0].Full, "12 Lenin St, Omsk, Russia"},
		{"link", p.Relations()[0].TargetID, "O-001"},
		{"remarks", p.Remarks(), "Former customer; account closed 2022"},
		{"circa", got[1].BirthDates[0].String(), "~1965"},
		{"two nationalities", strings.Join(got[1].Nationalities, ","), "MX,ES"},
		{"national id", got[1].Documents[0].Type, entity.DocNationalID},
		{"org", got[2].Kind, entity.KindOrganization},
		{"vessel", got[3].Kind, entity.KindVessel},
		{"vessel country", got[3].Countries[0], "PA"},
		{"range", got[4].BirthDates[0].String(), "1980/1982"},
		{"program", got[4].Programs()[0], "watch"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
}

func TestParse_ListColumn(t *testing.T) {
	got, err := readertest.Parse(owncsv.Parse, "list,id,name\nvip_watch,1,A\n,2,B\n", "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got[0].List != "vip_watch" || got[1].List != "x" {
		t.Errorf("lists = %q, %q; want vip_watch, x", got[0].List, got[1].List)
	}
	// The same id in two lists is two records.
	if _, err := readertest.Parse(owncsv.Parse, "list,id,name\na,1,A\nb,1,B\n", "x.csv"); err != nil {
		t.Errorf("same id in two lists: %v", err)
	}
}

func TestParse_Bad(t *testing.T) {
	tests := []struct {
		name, file, input string
		line              int
		field             string
	}{
		{"empty", "l.csv", "", 0, ""},
		{"header only", "l.csv", "id,name\n", 0, ""},
		{"unknown column", "l.csv", "id,name,nationalty\n1,A,DE\n", 1, "nationalty"},
		{"column twice", "l.csv", "id,name,Name\n1,A,B\n", 1, "name"},
		{"no id column", "l.csv", "name\nA\n", 1, "id"},
		{"semicolon delimiter", "l.csv", "id;name\n1;A\n", 1, "id;name"},
		{"missing name", "l.csv", "id,name\n1,A\n2, \n", 3, "name"},
		{"missing id", "l.csv", "id,name\n,A\n", 2, "id"},
		{"duplicate id", "l.csv", "id,name\n1,A\n2,B\n1,C\n", 4, "id"},
		{"bad date", "l.csv", "id,name,date_of_birth\n1,A,1.1.1970\n", 2, "date_of_birth"},
		{"bad month", "l.csv", "id,name,date_of_birth\n1,A,1970-13\n", 2, "date_of_birth"},
		{"bad type", "l.csv", "id,name,type\n1,A,company\n", 2, "type"},
		{"bad gender", "l.csv", "id,name,gender\n1,A,x\n", 2, "gender"},
		{"bad country", "l.csv", "id,name,nationality\n1,A,Atlantis\n", 2, "nationality"},
		{"bad list", "l.csv", "list,id,name\nVIP List,1,A\n", 2, "list"},
		{"bad file name", "Ω.csv", "id,name\n1,A\n", 2, "list"},
		{"unknown link", "l.csv", "id,name,linked_to\n1,A,2\n", 2, "linked_to"},
		{"self link", "l.csv", "id,name,linked_to\n1,A,1\n", 2, "linked_to"},
		{"short row", "l.csv", "id,name,remarks\n1,A\n", 2, ""},
		{"truncated quote", "l.csv", "id,name\n1,A\n2,\"B", 3, ""},
		{"invalid utf8", "l.csv", "id,name\n1,A\xffB\n", 2, "name"},
		{"binary garbage", "l.csv", "\x00\x01\xff\xfe,PK\x03\x04\n", 1, "column 1"},
		{"huge field", "l.csv", "id,name\n1," + strings.Repeat("A", reader.MaxField+1) + "\n", 2, "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			readertest.WantBad(t, owncsv.Parse, tt.file, tt.input, tt.line, tt.field)
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"id,type,name,aliases\n1,person,A,\n", true},
		{"\xef\xbb\xbfname,id\n", true},
		{"id,name,nationalty\n", false},
		{"_id,source,entity_number,type,programs,name\n", false},
		{"Name 6,Name 1\n", false},
	}
	for _, tt := range tests {
		if got := owncsv.Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("id,type,name,aliases,date_of_birth,nationality,linked_to\n1,person,A,B;C,~1970,RU,2\n2,organization,X,,,,1\n")
	f.Add("list,id,name\nl,1,A\n")
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := readertest.Fuzz(t, owncsv.Parse, in, "f.csv", true)
		if ok && len(got) == 0 {
			t.Fatal("no error and no records")
		}
		for _, e := range got {
			if e.ID == "" || e.PrimaryName() == "" || e.List == "" {
				t.Fatalf("bad record %+v", e)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	readertest.BenchRead(b, owncsv.Read, "testdata/persons_of_concern.csv")
}
