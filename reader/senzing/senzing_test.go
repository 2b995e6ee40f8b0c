package senzing_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
	"github.com/vigil-screening/vigil/reader/senzing"
)

func congressPath(tb testing.TB) string {
	tb.Helper()
	return testdata.Path(tb, "lists", "current", "os-us-congress-2024-03", "us_congress.senzing.jsonl")
}

// Figures verified with python3 json over the raw file: 1,319 lines, of
// which 1,317 PERSON records and 2 position records (RECORD_TYPE null,
// "United States representative" Q13218630 on line 106 and "United States
// senator" Q4416090 on line 567); 1,350 person names, 33 of them ALIAS;
// 1,316 DATE_OF_BIRTH, 42 DATE_OF_DEATH; 1,366 Occupancy pointers (1,157 to
// Q13218630, 209 to Q4416090, 49 persons hold both); 1,101 WIKIDATA ids on
// persons.
func TestRead_Congress(t *testing.T) {
	got := readertest.ReadByID(t, senzing.Read, congressPath(t))
	if len(got) != 1317 {
		t.Fatalf("entities = %d, want 1317", len(got))
	}
	var names, aliases, births, deaths, rels, rep, sen, both, wikidata, pep int
	for _, e := range got {
		if e.List != "os_us_congress" || e.Kind != entity.KindPerson {
			t.Fatalf("%s: list %q kind %q", e.ID, e.List, e.Kind)
		}
		if !slices.Equal(e.Nationalities, []string{"US"}) {
			t.Errorf("%s: nationalities %v", e.ID, e.Nationalities)
		}
		names += len(e.Names)
		for _, n := range e.Names {
			if n.Type == entity.NameAlias {
				aliases++
			}
		}
		births += len(e.BirthDates)
		deaths += len(e.DeathDates())
		rels += len(e.Relations())
		hasRep := slices.Contains(e.Positions(), "United States representative")
		hasSen := slices.Contains(e.Positions(), "United States senator")
		if hasRep {
			rep++
		}
		if hasSen {
			sen++
		}
		if hasRep && hasSen {
			both++
		}
		for _, id := range e.OtherIDs() {
			if id.Scheme == "wikidata" {
				wikidata++
			}
		}
		if slices.Equal(e.Programs(), []string{"role.pep"}) {
			pep++
		}
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"names", names, 1350}, {"aliases", aliases, 33}, {"birth dates", births, 1316},
		{"death dates", deaths, 42}, {"relations", rels, 1366}, {"representatives", rep, 1157},
		{"senators", sen, 209}, {"both", both, 49}, {"wikidata ids", wikidata, 1101}, {"role.pep", pep, 1317},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
	for _, pos := range []string{"Q13218630", "Q4416090"} {
		if got[pos] != nil {
			t.Errorf("position %s emitted as an entity", pos)
		}
	}
}

func TestRead_CongressSpotChecks(t *testing.T) {
	got := readertest.ReadByID(t, senzing.Read, congressPath(t))
	tests := []struct {
		id, primary, alias string
		birth, death       int
		positions          []string
		amended            string
	}{
		{"NK-AQ4HymsADSK2D63MkyTqfC", "Jennifer L. McClellan", "", 1972, 0, []string{"United States representative"}, "2024-03-21"},
		{"Q11112119", "Mia B. Love", "", 1975, 2025, []string{"United States representative"}, "2025-04-02"},
		{"Q111285444", "Katie Boyd Britt", "Katie Britt", 1982, 0, []string{"United States senator"}, "2025-09-24"},
		{"Q101198561", "Scott Franklin", "C. Scott Franklin", 1964, 0, []string{"United States representative"}, "2025-07-27"},
		{"Q1240224", "Donald M. Payne, Jr.", "", 1958, 2024, []string{"United States representative"}, "2025-01-24"},
		{"Q1326874", "Lincoln Diaz-Balart", "", 1954, 2025, []string{"United States representative"}, "2025-03-11"},
		{"Q1365787", "Jerry Moran", "", 1954, 0, []string{"United States representative", "United States senator"}, "2025-09-23"},
		{"Q58494532", "Jim Hagedorn", "", 1962, 2022, []string{"United States representative"}, "2025-01-08"},
		{"Q561315", "Tim Scott", "", 1965, 0, []string{"United States representative", "United States senator"}, "2025-09-23"},
		{"Q538868", "Joe Manchin III", "", 1947, 0, []string{"United States senator"}, "2025-01-24"},
		{"us-congress-6f7c661767c10a5ba3d1879bdfd9fca84faaec27", "Thaddeus G. McCotter", "", 1965, 0, []string{"United States representative"}, "2024-01-24"},
		{"us-congress-98e4de492dbfb987d7b648a82b27b08d477577dd", "Kimberlyn King-Hinds", "", 0, 0, []string{"United States representative"}, "2025-05-17"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e := got[tt.id]
			if e == nil {
				t.Fatal("missing")
			}
			if e.PrimaryName() != tt.primary {
				t.Errorf("primary = %q, want %q", e.PrimaryName(), tt.primary)
			}
			var alias string
			for _, n := range e.Names {
				if n.Type == entity.NameAlias {
					alias = n.Full
				}
			}
			if alias != tt.alias {
				t.Errorf("alias = %q, want %q", alias, tt.alias)
			}
			if y := firstYear(e.BirthDates); y != tt.birth {
				t.Errorf("birth year = %d, want %d", y, tt.birth)
			}
			if y := firstYear(e.DeathDates()); y != tt.death {
				t.Errorf("death year = %d, want %d", y, tt.death)
			}
			if p := slices.Sorted(slices.Values(e.Positions())); !slices.Equal(p, tt.positions) {
				t.Errorf("positions = %v, want %v", p, tt.positions)
			}
			if len(e.AmendedOn()) != 1 || e.AmendedOn()[0].String() != tt.amended {
				t.Errorf("amended = %v, want %s", e.AmendedOn(), tt.amended)
			}
			for _, r := range e.Relations() {
				if r.Type != entity.RelOccupancy || !r.Outgoing || r.TargetName == "" {
					t.Errorf("relation %+v", r)
				}
			}
		})
	}
}

func firstYear(ds []entity.Date) int {
	if len(ds) == 0 {
		return 0
	}
	return int(ds[0].Year)
}

func TestParse_Mapping(t *testing.T) {
	line := `{"DATA_SOURCE":"OS_TEST","RECORD_ID":"r1","RECORD_TYPE":"ORGANIZATION","GENDER":"F",` +
		`"NAMES":[{"NAME_TYPE":"PRIMARY","NAME_ORG":"Acme LLC"},{"NAME_TYPE":"ALIAS","NAME_FIRST":"John","NAME_LAST":"Doe"}],` +
		`"DATES":[{"DATE_OF_BIRTH":"1970-02-03"}],` +
		`"COUNTRIES":[{"REGISTRATION_COUNTRY":"ru"},{"CITIZENSHIP":"de"}],` +
		`"ADDRESSES":[{"ADDR_FULL":"1 Main St, Moscow","ADDR_COUNTRY":"ru"}],` +
		`"IDENTIFIERS":[{"PASSPORT_NUMBER":"P123","PASSPORT_COUNTRY":"ru"},{"TAX_ID_NUMBER":"7701","TAX_ID_COUNTRY":"RU"},{"LEI_NUMBER":"LEI9"}],` +
		`"RISKS":[{"TOPIC":"sanction"}],"EMAIL_ADDRESS":"a@b.c","FUTURE_FIELD":"ignored",` +
		`"RELATIONSHIPS":[{"REL_POINTER_ROLE":"Ownership","REL_POINTER_KEY":"r2"}]}` + "\n" +
		`{"DATA_SOURCE":"OS_TEST","RECORD_ID":"r2","RECORD_TYPE":"PERSON","NAMES":[{"NAME_FULL":"Ivan Petrov"}]}`
	got, err := readertest.Parse(senzing.Parse, line, "test.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d entities, want 2", len(got))
	}
	e := got[0]
	want := &entity.Entity{
		List: "os_test", ID: "r1", Kind: entity.KindOrganization,
		Names: []entity.Name{
			{Full: "Acme LLC", Type: entity.NamePrimary},
			{Full: "John Doe", Type: entity.NameAlias, Parts: []entity.NamePart{{Type: entity.PartGiven, Value: "John"}, {Type: entity.PartFamily, Value: "Doe"}}},
		},
		BirthDates: []entity.Date{{Year: 1970, Month: 2, Day: 3}},
		Genders:    []entity.Gender{entity.GenderFemale},

		Countries: []string{"RU"},

		Documents: []entity.Document{{Type: entity.DocPassport, Number: "P123", Country: "RU"}, {Type: entity.DocTaxID, Number: "7701", Country: "RU"}},

		More: &entity.More{Citizenships: []string{"DE"}, Addresses: []entity.Address{{Full: "1 Main St, Moscow", Country: "RU"}}, OtherIDs: []entity.Identifier{{Scheme: "lei", Value: "LEI9"}}, Emails: []string{"a@b.c"}, Programs: []string{"sanction"}, Relations: []entity.Relation{{Type: entity.RelOwnership, TargetID: "r2", TargetName: "Ivan Petrov",
			Role: "Ownership", Outgoing: true, Source: "os_test senzing RELATIONSHIPS"}}},
	}
	if d := diffEntity(e, want); d != "" {
		t.Errorf("mapping: %s", d)
	}
}

func TestListName(t *testing.T) {
	for in, want := range map[string]string{"OS_US_CONGRESS": "os_us_congress", "EU_FSF": "os_eu_fsf", "os_x": "os_x"} {
		if got := senzing.ListName(in); got != want {
			t.Errorf("ListName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParse_Bad(t *testing.T) {
	ok := `{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAMES":[{"NAME_FULL":"A"}]}` + "\n"
	tests := []struct {
		name, in string
		line     int
		field    string
	}{
		{"empty file", "", 0, ""},
		{"blank lines only", "\n \n", 0, ""},
		{"malformed JSON", ok + `{"DATA_SOURCE":"OS_T",` + "\n", 2, ""},
		{"truncated last line", ok + `{"DATA_SOURCE":"OS_T","RECORD_ID":"b","NAMES":[{"NAME_FU`, 2, ""},
		{"array line", ok + `[1,2]` + "\n", 2, ""},
		{"null line", ok + "null\n", 2, ""},
		{"trailing garbage", ok + `{"DATA_SOURCE":"OS_T","RECORD_ID":"b","NAMES":[{"NAME_FULL":"B"}]} x` + "\n", 2, ""},
		{"invalid UTF-8", ok + "{\"DATA_SOURCE\":\"OS_T\",\"RECORD_ID\":\"b\",\"NAMES\":[{\"NAME_FULL\":\"\xff\xfe\"}]}\n", 2, ""},
		{"binary garbage", "\x00\x01\x02\x89PNG\r\n", 1, ""},
		{"no RECORD_ID", `{"DATA_SOURCE":"OS_T","NAMES":[{"NAME_FULL":"A"}]}`, 1, "RECORD_ID"},
		{"no DATA_SOURCE", `{"RECORD_ID":"a","NAMES":[{"NAME_FULL":"A"}]}`, 1, "RECORD_ID"},
		{"no names", ok + `{"DATA_SOURCE":"OS_T","RECORD_ID":"b","NAMES":[]}`, 2, "NAMES"},
		{"duplicate RECORD_ID", ok + ok, 2, "RECORD_ID"},
		{"string for array", `{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAMES":"A"}`, 1, "NAMES"},
		{"array of strings", `{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAMES":["A"]}`, 1, "NAMES"},
		{"number for string", `{"DATA_SOURCE":"OS_T","RECORD_ID":7,"NAMES":[{"NAME_FULL":"A"}]}`, 1, "RECORD_ID"},
		{"number in feature", `{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAMES":[{"NAME_FULL":5}]}`, 1, "NAMES"},
		{"object in flat field", `{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAMES":[{"NAME_FULL":"A"}],"URL":{}}`, 1, "URL"},
		{"bad date", `{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAMES":[{"NAME_FULL":"A"}],"DATES":[{"DATE_OF_BIRTH":"soon"}]}`, 1, "DATES[0]"},
		{"bad country", `{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAMES":[{"NAME_FULL":"A"}],"COUNTRIES":[{"NATIONALITY":"Narnia"}]}`, 1, "COUNTRIES[0]"},
		{"huge line", ok + `{"DATA_SOURCE":"OS_T","RECORD_ID":"b","NAMES":[{"NAME_FULL":"` + strings.Repeat("x", reader.MaxField+10) + `"}]}`, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			readertest.WantBad(t, senzing.Parse, "test.jsonl", tt.in, tt.line, tt.field)
		})
	}
}

func TestParse_EmitError(t *testing.T) {
	stop := errors.New("stop")
	in := `{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAMES":[{"NAME_FULL":"A"}]}`
	err := senzing.Parse(context.Background(), strings.NewReader(in), "t", func(*entity.Entity) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("err = %v, want the emit error", err)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{`{"DATA_SOURCE":"OS_US_CONGRESS","RECORD_ID":"NK-1","RECORD_TYPE":"PERSON","NAMES":[{"NAME_TY`, true},
		{"\ufeff\n" + `{"RECORD_ID":"x","DATA_SOURCE":"y"}`, true},
		{`{"id":"x","schema":"Person","properties":{}}`, false},
		{`{"DATA_SOURCE":"x"}`, false},
		{"ent_num,name\n", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := senzing.Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func TestDetect_RealFile(t *testing.T) {
	head := readertest.Head(t, congressPath(t), 512)
	if !senzing.Detect(head) {
		t.Error("Detect(congress file) = false")
	}
}

func BenchmarkRead_Congress(b *testing.B) {
	path := congressPath(b)
	for b.Loop() {
		n := 0
		if err := senzing.Read(context.Background(), path, func(*entity.Entity) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n != 1317 {
			b.Fatalf("n = %d", n)
		}
	}
}
