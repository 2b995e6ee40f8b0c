package bis_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/bis"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
)

func currentPath(t testing.TB) string {
	return testdata.Path(t, "lists", "current", "bis-dpl-2023-11", "dpl.txt")
}

// Counts from Python's csv module (delimiter tab) on the raw file: 665
// rows; 547 distinct (name with spaces collapsed, upper case; effective
// date) pairs; 663 distinct non-empty (street, city, state, postal code,
// country) per order. The kinds are this reader's heuristic, checked by
// reading all 547 names (2 organizations taken for persons).
func TestRead_Current(t *testing.T) {
	got := readertest.ReadByID(t, bis.Read, currentPath(t))
	kinds := map[entity.Kind]int{}
	var addrs, aliases int
	for _, e := range got {
		kinds[e.Kind]++
		addrs += len(e.Addresses())
		aliases += len(e.Names) - 1
	}
	checks := []struct {
		what      string
		got, want int
	}{
		{"records", len(got), 547},
		{"addresses", addrs, 663},
		{"aliases", aliases, 2},
		{"organizations", kinds[entity.KindOrganization], 106},
		{"persons", kinds[entity.KindPerson], 441},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
}

// IDs are the first 12 hex digits of sha256("NAME|YYYY-MM-DD"), computed
// independently with Python's hashlib.
func TestRead_SpotChecks(t *testing.T) {
	got := readertest.ReadByID(t, bis.Read, currentPath(t))
	tests := []struct {
		id, primary string
		kind        entity.Kind
		check       func(*entity.Entity) bool
	}{
		{"dpl-d7f65b691531", "I. ASH", entity.KindPerson, func(e *entity.Entity) bool {
			a := e.Addresses()
			return len(a) == 1 && a[0].City == "SEAGOVILLE" && a[0].Region == "TX" && a[0].PostalCode == "75159" &&
				a[0].Country == "US" && e.ListedOn()[0].String() == "2003-06-19" && e.AmendedOn()[0].String() == "2007-01-31" &&
				strings.Contains(e.Remarks(), "Expires: 06/29/2056")
		}},
		{"dpl-c5dad1991389", "ABDULAH AL NASSER", entity.KindPerson, func(e *entity.Entity) bool {
			return len(e.Addresses()) == 2 && e.Addresses()[1].Street == "908 AUDELIA ROAD, SUIE 200, PMB #245"
		}},
		{"dpl-def53a3a0b78", "AIR FREIGHT LTD", entity.KindOrganization, func(e *entity.Entity) bool {
			return len(e.Addresses()) == 4 && e.Addresses()[2].City == "DUBAI" && e.AmendedOn()[0].String() == "2023-11-02"
		}},
		{"dpl-c82a3af70942", "FUYI SUN", entity.KindPerson, func(e *entity.Entity) bool {
			return len(e.Names) == 2 && e.Names[1].Full == "FRANK SUN" && e.Names[1].Type == entity.NameAlias
		}},
		{"dpl-d3cceda71f4d", "SIBERIAN AIRLINES", entity.KindOrganization, func(e *entity.Entity) bool {
			return len(e.Names) == 2 && e.Names[1].Full == "S7 AIRLINES" && len(e.Addresses()) == 1 && e.Addresses()[0].City == ""
		}},
		{"dpl-a61ac5952a0b", "MAHAN AIRWAYS", entity.KindOrganization, func(e *entity.Entity) bool {
			return len(e.Addresses()) == 1 && e.Addresses()[0].City == "TEHRAN" && e.ListedOn()[0].String() == "2023-10-31"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.primary, func(t *testing.T) {
			e := got[tt.id]
			if e == nil {
				t.Fatalf("record %s missing", tt.id)
			}
			if e.PrimaryName() != tt.primary || e.Kind != tt.kind {
				t.Errorf("got %q %s, want %q %s", e.PrimaryName(), e.Kind, tt.primary, tt.kind)
			}
			if tt.check != nil && !tt.check(e) {
				t.Errorf("details wrong: %+v", e)
			}
		})
	}
}

const hdr = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n"

func row(name, eff string) string {
	return "\"" + name + "\"\t\"1 MAIN ST\"\t\"TOWN\"\t\"TX\"\t\"US\"\t\"75159\"\t\"" + eff + "\"\t\"\"\t\"Y\"\t\"2020-01-01\"\t\"\"\t\"\"\n"
}

func TestParse_Bad(t *testing.T) {
	tests := []struct {
		name, input string
		line        int
		field       string
	}{
		{"empty", "", 0, ""},
		{"header only", hdr, 0, ""},
		{"comma delimiter", strings.ReplaceAll(hdr+row("A B", "01/02/2003"), "\t", ","), 1, ""},
		{"semicolon delimiter", strings.ReplaceAll(hdr+row("A B", "01/02/2003"), "\t", ";"), 1, ""},
		{"truncated", hdr + row("A B", "01/02/2003") + "\"C D\"\t\"unterminated", 3, ""},
		{"short row", hdr + "\"A\"\t\"B\"\n", 2, ""},
		{"invalid utf8", hdr + row("A\xffB", "01/02/2003"), 2, "Name"},
		{"binary garbage", "\x00\x01\xff\xfe\tPK\x03\x04\n\x00", 1, ""},
		{"huge field", hdr + row(strings.Repeat("A", reader.MaxField+1), "01/02/2003"), 2, "Name"},
		{"empty name", hdr + row(" ", "01/02/2003"), 2, "Name"},
		{"bad date", hdr + row("A B", "2003-02-01"), 2, "Effective_Date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			readertest.WantBad(t, bis.Parse, "in.txt", tt.input, tt.line, tt.field)
		})
	}
}

func TestParse_MergesAddresses(t *testing.T) {
	in := hdr + row("ACME LTD", "01/02/2003") + row("JOHN DOE", "01/02/2003") +
		strings.Replace(row("ACME  LTD", "01/02/2003"), "1 MAIN ST", "2 HIGH ST", 1) + row("ACME LTD", "05/06/2007")
	var got []*entity.Entity
	err := bis.Parse(context.Background(), strings.NewReader(in), "in.txt", func(e *entity.Entity) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || len(got[0].Addresses()) != 2 || got[0].Kind != entity.KindOrganization || got[1].Kind != entity.KindPerson {
		t.Fatalf("got %d records: %+v", len(got), got)
	}
}

func TestDetect(t *testing.T) {
	if !bis.Detect(readertest.Head(t, currentPath(t), 200)) {
		t.Error("Detect(real file) = false")
	}
	if bis.Detect([]byte("_id,source,entity_number\n")) {
		t.Error("Detect(CSL) = true")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(hdr + row("ACME LTD A/K/A ACME", "01/02/2003") + row("JOHN DOE", "12/31/1999"))
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := readertest.Fuzz(t, bis.Parse, in, "f.txt", true)
		if ok && len(got) == 0 {
			t.Fatal("no error and no records")
		}
		for _, e := range got {
			if !strings.HasPrefix(e.ID, "dpl-") || e.PrimaryName() == "" || len(e.ListedOn()) != 1 {
				t.Fatalf("bad record %+v", e)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	path := currentPath(b)
	readertest.BenchRead(b, bis.Read, path)
}
