package csl_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/csl"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
)

const hdr = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n"

func currentPath(t testing.TB) string {
	return testdata.Path(t, "lists", "current", "us-csl-2023-11", "consolidated.csv")
}

// Counts verified with Python's csv module on the raw file (rows not equal
// to the header row; multi-valued fields split on ";" and trimmed; one
// alias list has "OAO;OJSC" without a space).
func TestRead_Current(t *testing.T) {
	got := readertest.ReadByID(t, csl.Read, currentPath(t))
	if len(got) != 4225 {
		t.Fatalf("records = %d, want 4225", len(got))
	}
	kinds := map[entity.Kind]int{}
	var names, aliases, addrs, dobs, passports, websites, listed, programs int
	for _, e := range got {
		kinds[e.Kind]++
		names += len(e.Names)
		for _, n := range e.Names {
			if n.Type == entity.NameAlias {
				aliases++
			}
		}
		addrs += len(e.Addresses())
		dobs += len(e.BirthDates)
		websites += len(e.Websites())
		listed += len(e.ListedOn())
		programs += len(e.Programs())
		for _, d := range e.Documents {
			if d.Type == entity.DocPassport {
				passports++
			}
		}
	}
	checks := []struct {
		what      string
		got, want int
	}{
		{"persons", kinds[entity.KindPerson], 1124},
		{"organizations", kinds[entity.KindOrganization], 1060},
		{"vessels", kinds[entity.KindVessel], 3},
		{"unknown kind", kinds[entity.KindUnknown], 2038},
		{"names", names, 4225 + 6134},
		{"aliases", aliases, 6134},
		{"addresses", addrs, 6219},
		{"birth dates", dobs, 1258},
		{"passports", passports, 334},
		{"websites", websites, 200},
		{"listed-on dates", listed, 1538},
		{"programs", programs, 2605},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
}

func TestRead_SpotChecks(t *testing.T) {
	got := readertest.ReadByID(t, csl.Read, currentPath(t))
	tests := []struct {
		id      string
		primary string
		kind    entity.Kind
		names   int
		check   func(*entity.Entity) bool
	}{
		{"CMIC-30882", "China Telecom Corporation Limited", entity.KindOrganization, 4, func(e *entity.Entity) bool {
			return len(e.Documents) == 1 && e.Documents[0].Type == entity.DocRegistration &&
				e.Documents[0].Number == "9111000071093019X7" && countScheme(e, "isin") == 5 &&
				countScheme(e, "equity_ticker") == 7
		}},
		{"PLC-9659", "Fathi Ahmad Mohammad HAMMAD", entity.KindPerson, 4, func(e *entity.Entity) bool {
			return len(e.BirthDates) == 1 && e.BirthDates[0].String() == "1961" &&
				strings.Join(e.Programs(), "|") == "SDGT|NS-PLC" && e.BirthPlaces()[0] == "Jabaliya, Gaza Strip"
		}},
		{"SDN-9659", "HAMMAD, Fathi Ahmad Mohammad", entity.KindPerson, 4, nil},
		{"SDN-4238", "MAR AZUL", entity.KindVessel, 1, func(e *entity.Entity) bool {
			return e.Vessel != nil && e.Vessel.CallSign == "CL2192" && e.Vessel.Type == "Tug" &&
				e.Vessel.Tonnage == "212" && e.Vessel.Owner == "Samir de Navegacion S.A."
		}},
		{"SDN-7782", "SAHINPASIC, Senad", entity.KindPerson, 1, func(e *entity.Entity) bool {
			return len(e.BirthDates) == 1 && e.BirthDates[0].String() == "~1951"
		}},
		{"EL-ec07454767e552d987cc77f8a7a0f216cfb39b34c04d2982d73fcd1e", "Haji Khalil Construction Company", entity.KindUnknown, 1, func(e *entity.Entity) bool {
			return len(e.ListedOn()) == 1 && e.ListedOn()[0].String() == "2012-04-27" && len(e.Addresses()) == 1
		}},
		{"FSE-26182", "Evren KAYAKIRAN", entity.KindPerson, 1, func(e *entity.Entity) bool {
			return len(e.Documents) == 1 && e.Documents[0].Number == "U00242309" &&
				len(e.Genders) == 1 && e.Genders[0] == entity.GenderMale && e.BirthDates[0].String() == "1980-02-08"
		}},
		{"SSI-17013", "VTB BANK PUBLIC JOINT STOCK COMPANY", entity.KindOrganization, 0, func(e *entity.Entity) bool {
			return len(e.Addresses()) == 9 && e.Addresses()[1].Country == "RU" &&
				strings.HasPrefix(e.Remarks(), "For more information on directives")
		}},
		{"SSI-17014", "JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK", entity.KindOrganization, 0, nil},
		{"NS-MBS-17014", "Joint Stock Company Russian Agricultural Bank", entity.KindOrganization, 0, nil},
		{"MEU-dcc742038bcb47f1bf9e805ef279484d", "Academy of Aerospace Solid Propulsion Technology (AASPT)", entity.KindUnknown, 1, func(e *entity.Entity) bool {
			return len(e.ListedOn()) == 1 && e.ListedOn()[0].String() == "2020-12-23" && len(e.OtherIDs()) == 1
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e := got[tt.id]
			if e == nil {
				t.Fatalf("record %s missing", tt.id)
			}
			if e.PrimaryName() != tt.primary || e.Kind != tt.kind {
				t.Errorf("primary, kind = %q, %q; want %q, %q", e.PrimaryName(), e.Kind, tt.primary, tt.kind)
			}
			if tt.names > 0 && len(e.Names) != tt.names {
				t.Errorf("names = %d, want %d", len(e.Names), tt.names)
			}
			if tt.check != nil && !tt.check(e) {
				t.Errorf("details wrong: %+v", e)
			}
		})
	}
}

func countScheme(e *entity.Entity, scheme string) int {
	n := 0
	for _, id := range e.OtherIDs() {
		if id.Scheme == scheme {
			n++
		}
	}
	return n
}

// The archived file stops inside a quoted field of the record that starts
// on line 4233 (grep -n '^"11476"' on the file).
func TestRead_Truncated(t *testing.T) {
	path := testdata.Path(t, "bad", "us-csl-2023-11-truncated.csv")
	n := 0
	err := csl.Read(context.Background(), path, func(*entity.Entity) error { n++; return nil })
	var pe *reader.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want *reader.ParseError", err)
	}
	if pe.Line != 4233 || pe.File != path {
		t.Errorf("error at %s:%d, want %s:4233 (%v)", pe.File, pe.Line, path, err)
	}
}

func TestParse_Bad(t *testing.T) {
	row := `"1","Specially Designated Nationals (SDN) - Treasury Department","1","Individual","","NAME","","","","","","","","","","","","","","","","","","","","","","",""` + "\n"
	tests := []struct {
		name, input string
		line        int
		field       string
	}{
		{"empty", "", 0, ""},
		{"header only", hdr, 0, ""},
		{"header twice only", hdr + hdr, 0, ""},
		{"no header", row, 1, ""},
		{"semicolon delimiter", strings.ReplaceAll(hdr, ",", ";") + strings.ReplaceAll(row, `","`, `";"`), 1, ""},
		{"truncated quote", hdr + row + `"2","x","2","Entity","","N","","unterminated`, 3, ""},
		{"short row", hdr + `"1","x"` + "\n", 2, ""},
		{"invalid utf8", hdr + strings.Replace(row, "NAME", "N\xffME", 1), 2, "name"},
		{"binary garbage", "\x00\x01\x02PK\x03\x04\xff\xfe\n\x00\x00", 1, ""},
		{"huge field", hdr + strings.Replace(row, "NAME", strings.Repeat("A", reader.MaxField+1), 1), 2, "name"},
		{"duplicate id", hdr + row + row, 3, "_id"},
		{"missing name", hdr + strings.Replace(row, "NAME", "", 1), 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readertest.Parse(csl.Parse, tt.input, "in.csv")
			readertest.WantErrorAt(t, err, "in.csv", tt.line, tt.field)
		})
	}
}

func TestDetect(t *testing.T) {
	if !csl.Detect(readertest.Head(t, currentPath(t), 512)) {
		t.Error("Detect(real file) = false")
	}
	if csl.Detect([]byte("Name\tStreet_Address\n")) {
		t.Error("Detect(BIS header) = true")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(hdr + `"1","Specially Designated Nationals (SDN) - Treasury Department","1","Individual","P","N","","a, RU","","1999-01-01","","","","","","","","","","","","","x; y","","circa 01 Jan 1960","","","","Passport, A1, RU; Website, w"` + "\n")
	f.Add(hdr + hdr)
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := readertest.Fuzz(t, csl.Parse, in, "f.csv", false)
		if ok && len(got) == 0 {
			t.Fatal("no error and no records")
		}
		for _, e := range got {
			if e.ID == "" || len(e.Names) == 0 {
				t.Fatalf("record without id or name: %+v", e)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	path := currentPath(b)
	readertest.BenchRead(b, csl.Read, path)
}
