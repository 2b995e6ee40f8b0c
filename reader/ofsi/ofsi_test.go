package ofsi_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
	"github.com/vigil-screening/vigil/reader/ofsi"
)

var (
	xlsx2025 = []string{"lists", "current", "uk-ofsi-2025-04", "ConList.xlsx"}
	xlsx2023 = []string{"lists", "editions", "uk-ofsi-2023-06", "ConList.xlsx"}
	csv2018  = []string{"lists", "editions", "uk-ofsi-2018-04", "sanctionsconlist.csv"}
)

func readAll(t testing.TB, path string) (map[string]*entity.Entity, []string) {
	t.Helper()
	got := make(map[string]*entity.Entity)
	var order []string
	err := ofsi.Read(context.Background(), path, func(e *entity.Entity) error {
		if got[e.ID] != nil {
			t.Fatalf("record %s emitted twice", e.ID)
		}
		got[e.ID] = e
		order = append(order, e.ID)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return got, order
}

// Expected counts were computed with a Python script that reads the raw
// files independently (zipfile + ElementTree for the XLSX, csv with cp1252
// for the CSV): groups by Group ID, distinct full names (Name 1..6 joined)
// plus distinct non-Latin names per group, distinct FKA names, distinct DOB
// cells, distinct Regime cells, distinct address tuples.
func TestRead_Editions(t *testing.T) {
	tests := []struct {
		file                                []string
		edition                             string
		records, persons, orgs, vessels     int
		names, original, former, dobs, regs int
		addrs                               int
	}{
		{xlsx2025, "2025-04-14", 4688, 3663, 1010, 15, 15966, 3226, 15, 3543, 4704, 3117},
		{xlsx2023, "2023-06-05", 3993, 3231, 747, 15, 13768, 2745, 12, 3216, 4009, 2688},
		{csv2018, "2018-04-13", 2106, 1426, 680, 0, 5548, 0, 9, 1478, 2114, 1159},
	}
	for _, tt := range tests {
		t.Run(tt.edition, func(t *testing.T) {
			path := testdata.Path(t, tt.file...)
			got, _ := readAll(t, path)
			kinds := map[entity.Kind]int{}
			nameTypes := map[entity.NameType]int{}
			var names, dobs, regs, addrs int
			for _, e := range got {
				kinds[e.Kind]++
				names += len(e.Names)
				for _, n := range e.Names {
					nameTypes[n.Type]++
				}
				dobs += len(e.BirthDates) + strings.Count(e.Remarks(), "DOB: ")
				regs += len(e.Programs())
				addrs += len(e.Addresses())
			}
			checks := []struct {
				what      string
				got, want int
			}{
				{"records", len(got), tt.records},
				{"persons", kinds[entity.KindPerson], tt.persons},
				{"organizations", kinds[entity.KindOrganization], tt.orgs},
				{"vessels", kinds[entity.KindVessel], tt.vessels},
				{"names", names, tt.names},
				{"primary names", nameTypes[entity.NamePrimary], tt.records},
				{"original-script names", nameTypes[entity.NameOriginalScript], tt.original},
				{"former names", nameTypes[entity.NameFormer], tt.former},
				{"dates of birth", dobs, tt.dobs},
				{"regimes", regs, tt.regs},
				{"addresses", addrs, tt.addrs},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
				}
			}
			ed, err := ofsi.Edition(path)
			if err != nil || ed != tt.edition {
				t.Errorf("Edition = %q, %v; want %q", ed, err, tt.edition)
			}
			n := 0
			ed, err = ofsi.ReadEdition(context.Background(), path, func(*entity.Entity) error { n++; return nil })
			if err != nil || ed != tt.edition || n != tt.records {
				t.Errorf("ReadEdition = %q, %v with %d records; want %q with %d", ed, err, n, tt.edition, tt.records)
			}
			spotCheck(t, tt.edition, got)
		})
	}
}

// spotCheck checks records of the edition just read against values read
// off the raw file.
func spotCheck(t *testing.T, edition string, recs map[string]*entity.Entity) {
	tests := []struct {
		name    string
		edition string
		id      string
		primary string
		names   int
		check   func(*entity.Entity) bool
	}{
		{"HAQ", "2025-04-14", "15672", "Mian Abdul HAQ", 5, func(e *entity.Entity) bool {
			return e.Kind == entity.KindPerson && join(e.Titles()) == "Mr" && len(e.Genders) == 1 &&
				e.Genders[0] == entity.GenderMale && e.OtherIDs()[0].Value == "GHR0086" &&
				join(e.Programs()) == "Global Human Rights" && len(e.ListedOn()) == 1 &&
				e.ListedOn()[0].String() == "2022-12-09" && len(e.Addresses()) == 1 &&
				e.Addresses()[0].Street == "Hafizabad Taluka Daharki, District Ghotki" &&
				e.Names[4].Parts[2] == entity.NamePart{Type: entity.PartFamily, Value: "HAQ"}
		}},
		{"ship", "2025-04-14", "13651", "SAM JONG 2", 9, func(e *entity.Entity) bool {
			return e.Kind == entity.KindVessel && e.Vessel != nil && e.Vessel.IMO == "7408873" &&
				e.Vessel.Type == "Oil tanker" && e.Vessel.Tonnage == "1676" && e.Vessel.Owner == "Korea Samjong Shipping"
		}},
		{"Cyrillic", "2025-04-14", "14241", "Khizri Magomedovich ABAKAROV", 2, func(e *entity.Entity) bool {
			return e.Names[1].Full == "Хизри Магомедович Абакаров" && e.Names[1].Script == "Cyrl" &&
				e.Names[1].Type == entity.NameOriginalScript && e.BirthDates[0].String() == "1960-06-28" &&
				join(e.Nationalities) == "RU" && e.Addresses()[0].Country == "RU" && e.Addresses()[0].PostalCode == "103265" &&
				join(e.BirthPlaces()) == "Yuzhno Sakhalinsk, Russia"
		}},
		{"Cyrillic", "2023-06-05", "14241", "Khizri Magomedovich ABAKAROV", 2, nil},
		{"AL-HABABI", "2018-04-13", "13349", "Nayef Salam Muhammad Ujaym AL-HABABI", 8, func(e *entity.Entity) bool {
			return len(e.BirthDates) == 2 && e.BirthDates[0].String() == "1980" && e.BirthDates[1].String() == "1981" &&
				len(e.Documents) == 1 && e.Documents[0].Number == "Passport No: 592667 (Qatari passport issued on 3 May 2007)." &&
				strings.HasPrefix(e.Remarks(), "UN Ref QDe.004.")
		}},
		{"ZIMA", "2018-04-13", "12927", "Pyotr Anatoliyovych ZIMA", 2, func(e *entity.Entity) bool {
			return len(e.BirthDates) == 2 && e.BirthDates[1].String() == "1965-03-29" &&
				join(e.Positions()) == "Head of the Crimean Security Service (SBU) (Since 3 March 2014)" &&
				len(e.AmendedOn()) == 1 && e.AmendedOn()[0].String() == "2018-03-15"
		}},
	}
	for _, tt := range tests {
		if tt.edition != edition {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			e := recs[tt.id]
			if e == nil {
				t.Fatalf("record %s missing", tt.id)
			}
			if e.PrimaryName() != tt.primary || len(e.Names) != tt.names {
				t.Errorf("primary %q with %d names, want %q with %d", e.PrimaryName(), len(e.Names), tt.primary, tt.names)
			}
			if tt.check != nil && !tt.check(e) {
				t.Errorf("details wrong: %+v", e)
			}
		})
	}
}

func join(s []string) string { return strings.Join(s, "|") }

// Windows-1252 bytes (0x92 is a right single quote) are decoded, not
// rejected: the 2018 file has 1,215 of them.
func TestParse_Windows1252(t *testing.T) {
	in := "Last Updated,01/02/2018\n" + csvHeader + "O\x92BRIEN,Sean" + strings.Repeat(",", 22) + "Individual,Prime Alias,R,01/01/2018,01/01/2018,1\n"
	var got []*entity.Entity
	err := ofsi.Parse(context.Background(), strings.NewReader(in), "w.csv", func(e *entity.Entity) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].PrimaryName() != "Sean O’BRIEN" {
		t.Fatalf("got %+v", got)
	}
}

const csvHeader = "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,Nationality,Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID\n"

func csvRow(name, groupType, id string) string {
	return name + ",Given" + strings.Repeat(",", 22) + groupType + ",Prime Alias,R,01/01/2018,01/01/2018," + id + "\n"
}

func TestParse_BadCSV(t *testing.T) {
	pre := "Last Updated,01/02/2018\n" + csvHeader
	tests := []struct {
		name, input string
		line        int
		field       string
	}{
		{"empty", "", 0, ""},
		{"header only", pre, 0, ""},
		{"no header", csvRow("A", "Individual", "1"), 1, ""},
		{"semicolon delimiter", strings.ReplaceAll(pre+csvRow("A", "Individual", "1"), ",", ";"), 1, ""},
		{"truncated quote", pre + csvRow("A", "Individual", "1") + `"B,"unterminated`, 4, ""},
		{"binary garbage", "\x00\x01\x02\xff\xfe\x00garbage\n\x00", 1, ""},
		{"huge field", pre + csvRow(strings.Repeat("A", reader.MaxField+1), "Individual", "1"), 3, "Name 6"},
		{"no group id", pre + csvRow("A", "Individual", ""), 3, "Group ID"},
		{"bad group type", pre + csvRow("A", "Alien", "1"), 3, "Group Type"},
		{"no name", pre + strings.Replace(csvRow("", "Individual", "1"), "Given", "", 1), 3, "Name 6"},
		{"extra column", pre + strings.TrimSuffix(csvRow("A", "Individual", "1"), "\n") + ",extra\n", 3, "column 30"},
		{"zip but not xlsx", "PK\x03\x04not really a zip", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			readertest.WantBad(t, ofsi.Parse, "in.csv", tt.input, tt.line, tt.field)
		})
	}
}

func TestRead_BadWorkbook(t *testing.T) {
	noSheet := readertest.WriteWorkbook(t, [][]any{{"Reference", "Name"}, {"1", "X"}})
	headerOnly := readertest.WriteWorkbook(t, [][]any{{"Last Updated", "01/01/2025"}, strings2any(strings.Split(strings.TrimSpace(csvHeader), ","))})
	for name, path := range map[string]string{"no expected sheet": noSheet, "header only": headerOnly} {
		t.Run(name, func(t *testing.T) {
			err := ofsi.Read(context.Background(), path, func(*entity.Entity) error { return nil })
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != path {
				t.Fatalf("err = %v, want *reader.ParseError naming %s", err, path)
			}
		})
	}
	if ok, err := ofsi.DetectWorkbook(noSheet); ok || err != nil {
		t.Errorf("DetectWorkbook(other workbook) = %v, %v", ok, err)
	}
	if ok, err := ofsi.DetectWorkbook(headerOnly); !ok || err != nil {
		t.Errorf("DetectWorkbook(OFSI layout) = %v, %v", ok, err)
	}
}

func strings2any(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func TestDetect(t *testing.T) {
	if !ofsi.Detect(readertest.Head(t, testdata.Path(t, csv2018...), 400)) {
		t.Error("Detect(2018 CSV) = false")
	}
	if ofsi.Detect([]byte("_id,source,entity_number\n")) {
		t.Error("Detect(CSL) = true")
	}
	ok, err := ofsi.DetectWorkbook(testdata.Path(t, xlsx2025...))
	if !ok || err != nil {
		t.Errorf("DetectWorkbook(2025) = %v, %v", ok, err)
	}
	ok, err = ofsi.DetectWorkbook(testdata.Path(t, "lists", "current", "au-dfat-2024-11", "regulation8_consolidated.xlsx"))
	if ok || err != nil {
		t.Errorf("DetectWorkbook(DFAT) = %v, %v", ok, err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("Last Updated,01/02/2018\n" + csvHeader + csvRow("A", "Individual", "1") + csvRow("B", "Entity", "2"))
	f.Add(csvHeader + `X,"(1) a (2) b",,,,,,00/00/1980,,,"1) Afghan 2) Pakistani",,,,,,,,,,,,,Ship,AKA,R,,,7` + "\n")
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := readertest.Fuzz(t, ofsi.Parse, in, "f.csv", true)
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

func benchmarkRead(b *testing.B, file []string) {
	path := testdata.Path(b, file...)
	readertest.BenchRead(b, ofsi.Read, path)
}

func BenchmarkRead2025XLSX(b *testing.B) { benchmarkRead(b, xlsx2025) }
func BenchmarkRead2023XLSX(b *testing.B) { benchmarkRead(b, xlsx2023) }
func BenchmarkRead2018CSV(b *testing.B)  { benchmarkRead(b, csv2018) }

// A list without the "Last Updated" line states no date: ReadEdition
// returns "" (the caller falls back to file and folder names), and its
// errors are those of Read.
func TestReadEdition_NoDate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "list.csv")
	csv := "Name 6,Name 1,Group Type,Alias Type,Group ID\nSIDOROV,Ivan,Individual,Primary name,1\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	n := 0
	ed, err := ofsi.ReadEdition(context.Background(), path, func(*entity.Entity) error { n++; return nil })
	if err != nil || ed != "" || n != 1 {
		t.Errorf("ReadEdition = %q, %v with %d records; want \"\", nil with 1", ed, err, n)
	}
	if err := os.WriteFile(path, []byte("Last Updated,13/04/2018\n"+csv[:40]), 0o600); err != nil {
		t.Fatal(err)
	}
	ed, err = ofsi.ReadEdition(context.Background(), path, func(*entity.Entity) error { return nil })
	if err == nil || ed != "" || !strings.Contains(err.Error(), "list.csv") {
		t.Errorf("truncated: ReadEdition = %q, %v; want an error naming the file", ed, err)
	}
}

// A "Last Updated" line whose date does not parse is an error naming the
// file, line 1 and the field; a good one gives the edition date.
func TestReadEdition_LastUpdated(t *testing.T) {
	body := "Name 6,Name 1,Group Type,Alias Type,Group ID\nSIDOROV,Ivan,Individual,Primary name,1\n"
	tests := []struct{ value, want, wantErr string }{
		{"13/04/2018", "2018-04-13", ""},
		{"31/02/2018", "", `list.csv:1: field Last Updated`},
		{"yesterday", "", `edition date "yesterday" is not a date`},
		{"", "", `list.csv:1: field Last Updated`},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "list.csv")
		if err := os.WriteFile(path, []byte("Last Updated,"+tt.value+"\n"+body), 0o600); err != nil {
			t.Fatal(err)
		}
		n := 0
		ed, err := ofsi.ReadEdition(context.Background(), path, func(*entity.Entity) error { n++; return nil })
		switch {
		case tt.wantErr == "" && (err != nil || ed != tt.want || n != 1):
			t.Errorf("%q: ReadEdition = %q, %v, %d records; want %q, nil, 1", tt.value, ed, err, n, tt.want)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr) || n != 0):
			t.Errorf("%q: ReadEdition = %q, %v, %d records; want an error containing %q and no records", tt.value, ed, err, n, tt.wantErr)
		}
	}
}

func TestDetectRows(t *testing.T) {
	header := []string{"Name 6", "Name 1", "Group Type", "Alias Type", "Group ID"}
	dfatHeader := []string{"Reference", "Name of Individual or Entity", "Type", "Name Type"}
	tests := []struct {
		name string
		rows [][]string
		want bool
	}{
		{"after Last Updated", [][]string{{"Last Updated", "14/04/2025"}, header}, true},
		{"first row", [][]string{header}, true},
		{"fourth row", [][]string{{}, {}, {}, header}, false},
		{"DFAT header", [][]string{dfatHeader}, false},
		{"column missing", [][]string{header[1:]}, false},
		{"no rows", nil, false},
	}
	for _, tt := range tests {
		if got := ofsi.DetectRows(tt.rows); got != tt.want {
			t.Errorf("%s: DetectRows = %v, want %v", tt.name, got, tt.want)
		}
	}
}
