package source

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/snapshot"
)

// Record counts verified on the raw files: with Python, csv.reader rows
// whose first field is a number (OFAC primary files, which also gives
// as many distinct ent_num), csv.DictReader rows less the repeated header
// row (CSL), distinct Group IDs (OFSI, sheet XML parsed with regexps);
// with grep, lines with "RECORD_TYPE":"PERSON" (Senzing; the two other
// lines are positions the reader folds into the persons), <INDIVIDUAL>
// plus <ENTITY> elements (UN: 730 + 273) and <record> elements (Canada);
// BIS: distinct (name upper-cased with spaces collapsed, Effective_Date)
// pairs of the 665 rows, one record per denial order as the reader
// documents; DFAT: distinct leading numbers of Reference (9,553 rows).
var currentEditions = map[string]struct {
	format  string
	records int
	files   int
}{
	"us_ofac_sdn":    {"ofac_csv", 8976, 4},
	"us_ofac_cons":   {"ofac_csv", 442, 4},
	"us_csl":         {"csl_csv", 4225, 1},
	"os_us_congress": {"senzing", 1317, 1},
	"un_sc":          {"un_xml", 1003, 1},
	"gb_hmt_ofsi":    {"ofsi", 4688, 1},
	"ca_sema":        {"sema_xml", 1369, 1},
	"au_dfat":        {"dfat_xlsx", 3062, 1},
	"us_bis_dpl":     {"bis_dpl", 547, 1},
}

// Edition dates the files state themselves: UN dateGenerated, OFSI
// "Last Updated" (checked by eye in the XML and the shared strings),
// DFAT's latest Control Date (serial 45607, the largest in column L of
// the sheet XML, found with a Python regexp).
// The others state no date, and their file names none either: their
// folder names give year and month (ofac-sdn-2021-07, ...).
var statedEditions = map[string]string{
	"un_sc": "2026-02-27", "gb_hmt_ofsi": "2025-04-14", "au_dfat": "2024-11-11",
	"us_ofac_sdn": "2021-07", "us_ofac_cons": "2025-12", "us_csl": "2023-11",
	"os_us_congress": "2024-03", "ca_sema": "2020-04", "us_bis_dpl": "2023-11",
}

func TestLoadDir_Current(t *testing.T) {
	snaps, err := LoadDir(context.Background(), testdata.Path(t, "lists", "current"))
	if err != nil {
		t.Fatal(err)
	}
	got := make(map[string]*snapshot.Snapshot)
	for _, s := range snaps {
		if got[s.Source] != nil {
			t.Fatalf("two editions of %s", s.Source)
		}
		got[s.Source] = s
	}
	for src, want := range currentEditions {
		s := got[src]
		if s == nil {
			t.Errorf("%s: not loaded", src)
			continue
		}
		if s.Format != want.format || s.Len() != want.records || len(s.Files) != want.files {
			t.Errorf("%s: format %s, %d records, %d files; want %s, %d, %d",
				src, s.Format, s.Len(), len(s.Files), want.format, want.records, want.files)
		}
		if want := statedEditions[src]; s.Edition != want {
			t.Errorf("%s: edition %s, want %s", src, s.Edition, want)
		}
		if s.LoadedAt.IsZero() {
			t.Errorf("%s: loaded at %v", src, s.LoadedAt)
		}
	}
	if len(snaps) != len(currentEditions) {
		t.Errorf("loaded %d editions, want %d", len(snaps), len(currentEditions))
	}
}

// The hashes were computed with sha256sum: for the OFAC set,
// `cat add.csv alt.csv sdn.csv sdn_comments.csv | sha256sum`.
func TestLoadEdition_Hash(t *testing.T) {
	snaps, err := LoadDir(context.Background(), testdata.Path(t, "lists", "current", "ofac-sdn-2021-07"))
	if err != nil {
		t.Fatal(err)
	}
	if len(snaps) != 1 {
		t.Fatalf("%d editions, want 1", len(snaps))
	}
	s := snaps[0]
	if want := "29e83fe61651764639ad640e0b388392b8d67fee58314451b5a721c8570d4390"; s.Hash != want {
		t.Errorf("hash %s, want %s", s.Hash, want)
	}
	wantFiles := []snapshot.File{
		{Name: "add.csv", Size: 889405},
		{Name: "alt.csv", Size: 595881},
		{Name: "sdn.csv", Size: 2013896, SHA256: "2a08fac873a3be0b92208f8874b2e7c138b7938190eeeb7ef991c15ba60e855b"},
		{Name: "sdn_comments.csv", Size: 2256},
	}
	if len(s.Files) != len(wantFiles) {
		t.Fatalf("files %+v", s.Files)
	}
	for i, w := range wantFiles {
		f := s.Files[i]
		if f.Name != w.Name || f.Size != w.Size || (w.SHA256 != "" && f.SHA256 != w.SHA256) {
			t.Errorf("file %d = %+v, want %+v", i, f, w)
		}
	}
}

// Older UN and UK editions, dated by their own content.
func TestLoadDir_StatedDates(t *testing.T) {
	tests := []struct {
		dir, source, edition string
		records              int
	}{
		{"un-2020-03", "un_sc", "2020-03-20", 709 + 305},
		{"un-2024-11", "un_sc", "2024-11-30", 686 + 193},
		{"uk-ofsi-2018-04", "gb_hmt_ofsi", "2018-04-13", 2106},
		{"uk-ofsi-2023-06", "gb_hmt_ofsi", "2023-06-05", 3993},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			s := loadOneT(t, testdata.Path(t, "lists", "editions", tt.dir))
			if s.Source != tt.source || s.Edition != tt.edition || s.Len() != tt.records {
				t.Errorf("%s %s %d records, want %s %s %d", s.Source, s.Edition, s.Len(), tt.source, tt.edition, tt.records)
			}
		})
	}
}

// The csv-only folder holds six single-file editions dated by their names.
func TestLoadDir_EditionsFromNames(t *testing.T) {
	snaps, err := LoadDir(context.Background(), testdata.Path(t, "lists", "editions", "ofac-sdn-csv-only"))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		edition string
		records int
	}{
		{"2021-08-18", 9083}, {"2022-03-31", 9847}, {"2022-12-28", 11430},
		{"2023-06-29", 12631}, {"2024-05-02", 14973}, {"2024-05-03", 14965},
	}
	if len(snaps) != len(want) {
		t.Fatalf("%d editions, want %d", len(snaps), len(want))
	}
	for i, w := range want {
		s := snaps[i]
		if s.Source != "us_ofac_sdn" || s.Edition != w.edition || s.Len() != w.records {
			t.Errorf("edition %d: %s %s %d records, want us_ofac_sdn %s %d", i, s.Source, s.Edition, s.Len(), w.edition, w.records)
		}
	}
}

// The damaged CSL file stops inside a quoted field on line 4233 (the
// file has 4,232 newlines; Python's csv module fails on the same line).
func TestLoad_Truncated(t *testing.T) {
	path := testdata.Path(t, "bad", "us-csl-2023-11-truncated.csv")
	_, err := LoadDir(context.Background(), path)
	checkErr(t, err, "us-csl-2023-11-truncated.csv:4233")
	l, err := Load(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Editions) != 0 || len(l.Failed) != 1 || l.Failed[0].Source != "us_csl" {
		t.Fatalf("editions %d, failed %+v; want one failed us_csl edition", len(l.Editions), l.Failed)
	}
}

// writeFiles creates files in a fresh folder and returns the folder.
func writeFiles(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// cslHeader returns the real CSL header line.
func cslHeader(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(testdata.Path(t, "lists", "current", "us-csl-2023-11", "consolidated.csv"))
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return append(line, '\n')
}

// cslFile returns a CSL file of header and one record named name, with
// the name quoted so that cutting the file short ends inside a quote.
func cslFile(header []byte, name string) []byte {
	fields := make([]string, bytes.Count(header, []byte(","))+1)
	fields[0], fields[1], fields[3] = "1", `"Entity List (EL) - Bureau of Industry and Security"`, "Entity"
	fields[5] = `"` + name + `"`
	return append(append([]byte(nil), header...), strings.Join(fields, ",")+"\n"...)
}

func TestLoad_Hostile(t *testing.T) {
	sdnRow := []byte(`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n")
	header := cslHeader(t)
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i * 7 % 256)
	}
	tests := []struct {
		name         string
		files        map[string][]byte
		unrecognised int
		wantErr      string // of the one failed edition; "" = none fails
	}{
		{"empty file", map[string][]byte{"empty.csv": nil}, 1, ""},
		{"binary garbage", map[string][]byte{"list.bin": garbage}, 1, ""},
		{"invalid UTF-8 text", map[string][]byte{"names.txt": []byte("\xff\xfe\xfd name\n")}, 1, ""},
		{"OFAC alias file alone", map[string][]byte{"alt.csv": []byte("36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n")}, 0, "named like a list file"},
		{"hidden files skipped", map[string][]byte{".manifest.json": []byte("{}")}, 0, ""},
		{"broken workbook", map[string][]byte{"ConList.xlsx": []byte("PK\x03\x04 not really a zip")}, 0, "does not open"},
		{"broken zip, unknown name", map[string][]byte{"book.xlsx": []byte("PK\x03\x04 not really a zip")}, 0, "book.xlsx"},
		{"empty sdn.csv", map[string][]byte{"sdn.csv": nil}, 0, "sdn.csv"},
		{"CSL truncated in a quoted field", map[string][]byte{"csl.csv": cslFile(header, "ACME")[:len(header)+30]}, 0, "csl.csv:2"},
		{"CSL with invalid UTF-8", map[string][]byte{"csl.csv": cslFile(header, "\xff\xfe")}, 0, "csl.csv:2"},
		{"CSL with a huge field", map[string][]byte{"csl.csv": cslFile(header, strings.Repeat("A", reader.MaxField+1))}, 0, "csl.csv:2"},
		{"OFAC set with a cut-off primary", map[string][]byte{"sdn.csv": append(sdnRow, []byte(`37,"CUT OFF`)...)}, 0, "sdn.csv:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			l, err := Load(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Editions) != 0 {
				t.Errorf("loaded %d editions from hostile input", len(l.Editions))
			}
			if len(l.Unrecognised) != tt.unrecognised {
				t.Errorf("unrecognised %v, want %d files", l.Unrecognised, tt.unrecognised)
			}
			if tt.wantErr == "" {
				if len(l.Failed) != 0 {
					t.Errorf("failed: %v", l.Failed)
				}
				return
			}
			if len(l.Failed) != 1 {
				t.Fatalf("failed %v, want one", l.Failed)
			}
			checkErr(t, l.Failed[0], tt.wantErr)
		})
	}
}

func TestScan_Layout(t *testing.T) {
	sdn, err := os.ReadFile(testdata.Path(t, "lists", "editions", "ofac-sdn-csv-only", "sdn_2024-05-03.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string][]byte{
		"a/sdn.csv":             sdn,
		"a/alt.csv":             []byte("36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n"),
		"e/SDN.CSV":             sdn, // upper case, as OFAC's service names it: alone
		"e/ALT.CSV":             []byte("36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n"),
		"b/sdn_2024-05-03.csv":  sdn,
		"c/d/sdn.csv":           sdn, // two levels down: not scanned
		"README.md":             []byte("# notes\n"),
		"b/cons_2024-05-03.csv": sdn,
	})
	found, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ed := range found.Editions {
		rel, _ := filepath.Rel(dir, ed.Path)
		got = append(got, rel+" "+ed.Source+" "+ed.Format.Name+" "+strings.Repeat("f", len(ed.Files)))
	}
	want := []string{"a us_ofac_sdn ofac_csv ff", "b/cons_2024-05-03.csv us_ofac_cons ofac_csv f", "b/sdn_2024-05-03.csv us_ofac_sdn ofac_csv f", "e/SDN.CSV us_ofac_sdn ofac_csv f"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("editions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// An alias file beside an SDN file it does not belong to is a damaged
	// list, not a file to skip.
	if len(found.Unrecognised) != 1 || filepath.Base(found.Unrecognised[0]) != "README.md" {
		t.Errorf("unrecognised %v, want README.md", found.Unrecognised)
	}
	if len(found.Damaged) != 1 || filepath.Base(found.Damaged[0].Path) != "ALT.CSV" || found.Damaged[0].Source != "us_ofac_sdn" {
		t.Errorf("damaged %v, want e/ALT.CSV of us_ofac_sdn", found.Damaged)
	}
}

func TestScan_BothOFACSets(t *testing.T) {
	sdn, err := os.ReadFile(testdata.Path(t, "lists", "editions", "ofac-sdn-csv-only", "sdn_2024-05-03.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string][]byte{"sdn.csv": sdn, "cons_prim.csv": sdn})
	_, err = Scan(dir)
	checkErr(t, err, "holds both an SDN and a non-SDN OFAC set")
}

func TestNameDate(t *testing.T) {
	tests := []struct{ name, want string }{
		{"sdn_2024-05-03.csv", "2024-05-03"},
		{"list_20240503.csv", "2024-05-03"},
		{"ofac-sdn-2021-07", ""},
		{"sdn_2024-02-30.csv", ""},
		{"v12024-05-03", ""},
		{"export_2023_11_01.xml", "2023-11-01"},
		{"consolidated.xml", ""},
	}
	for _, tt := range tests {
		if got := nameDate(tt.name); got != tt.want {
			t.Errorf("nameDate(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// An organisation's own list: its list name comes from the file name or
// the records' list column; one file of two lists is refused.
func TestLoad_OwnList(t *testing.T) {
	header := "id,type,name,date_of_birth,list\n"
	dir := writeFiles(t, map[string][]byte{
		"Persons of Concern 2024-06-01.csv": []byte(header + "P-1,person,Ivan SIDOROV,1971-07-05,\nP-2,person,Maria GONZALEZ,,\n"),
		"mixed.csv":                         []byte(header + "P-1,person,Ivan SIDOROV,,a_list\nP-2,person,Maria GONZALEZ,,b_list\n"),
	})
	l, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Editions) != 1 || len(l.Failed) != 1 {
		t.Fatalf("editions %d, failed %v; want 1 and 1", len(l.Editions), l.Failed)
	}
	s := l.Editions[0].Snapshot
	if s.Source != "persons_of_concern_2024_06_01" || s.Format != "own_csv" || s.Edition != "2024-06-01" || s.Len() != 2 {
		t.Errorf("snapshot %s %s %s %d records", s.Source, s.Format, s.Edition, s.Len())
	}
	checkErr(t, l.Failed[0], `belongs to list "b_list", not "a_list"`)
}

func TestFormatsFor(t *testing.T) {
	if got := formatsFor("/x/ConList.xlsx")[0].Name; got != "ofsi" {
		t.Errorf("ConList.xlsx: first format %s, want ofsi", got)
	}
	if got := formatsFor("/x/REGULATION8_CONSOLIDATED.XLSX")[0].Name; got != "dfat_xlsx" {
		t.Errorf("regulation8_consolidated.xlsx: first format %s, want dfat_xlsx", got)
	}
	all, other := Formats(), formatsFor("/x/list.xlsx")
	for i := range all {
		if all[i].Name != other[i].Name {
			t.Fatalf("an unknown name changed the order: %s at %d, want %s", other[i].Name, i, all[i].Name)
		}
	}
}

// Content decides, not the name: the DFAT workbook saved under OFSI's
// file name is still DFAT, and OFSI's under another name still OFSI.
func TestScan_ByContent(t *testing.T) {
	read := func(elem ...string) []byte {
		b, err := os.ReadFile(testdata.Path(t, elem...))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	dir := writeFiles(t, map[string][]byte{
		"ConList.xlsx":      read("lists", "current", "au-dfat-2024-11", "regulation8_consolidated.xlsx"),
		"download (1).xlsx": read("lists", "current", "uk-ofsi-2025-04", "ConList.xlsx"),
		"un.txt":            read("lists", "current", "un-2026-02", "consolidated.xml"),
	})
	found, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, ed := range found.Editions {
		got[filepath.Base(ed.Path)] = ed.Source
	}
	want := map[string]string{"ConList.xlsx": "au_dfat", "download (1).xlsx": "gb_hmt_ofsi", "un.txt": "un_sc"}
	for name, src := range want {
		if got[name] != src {
			t.Errorf("%s detected as %q, want %q", name, got[name], src)
		}
	}
}

// cutCopy writes the first n bytes of a real list file to name in dir.
func cutCopy(t *testing.T, dir, name string, n int, src ...string) {
	t.Helper()
	b, err := os.ReadFile(testdata.Path(t, src...))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b[:min(n, len(b))], 0o600); err != nil {
		t.Fatal(err)
	}
}

// A list that arrived damaged is an error naming the file, so that no one
// screens against fewer lists without knowing; an unrelated file beside
// the lists is only skipped.
func TestLoadDir_DamagedFiles(t *testing.T) {
	bis := []string{"lists", "current", "bis-dpl-2023-11", "dpl.txt"}
	dfat := []string{"lists", "current", "au-dfat-2024-11", "regulation8_consolidated.xlsx"}
	garbage := bytes.Repeat([]byte{0x01, 0xfe, 0x00, 0x7f}, 1024)
	tests := []struct {
		name    string
		setup   func(dir string)
		wantErr string // "" = loads, README.txt only unrecognised
	}{
		{"DFAT workbook cut to 100 KB", func(dir string) {
			cutCopy(t, dir, "regulation8_consolidated.xlsx", 100<<10, dfat...)
		}, "regulation8_consolidated.xlsx (au_dfat): looks like a workbook but does not open"},
		{"DFAT workbook cut, under another name", func(dir string) {
			cutCopy(t, dir, "australia.xlsx", 100<<10, dfat...)
		}, "australia.xlsx (unknown): looks like a workbook but does not open"},
		{"OFSI list as garbage", func(dir string) {
			cutCopy(t, dir, "dpl.txt", 1<<30, bis...)
			if err := os.WriteFile(filepath.Join(dir, "ConList.csv"), garbage, 0o600); err != nil {
				t.Fatal(err)
			}
		}, "ConList.csv (gb_hmt_ofsi): named like a list file"},
		{"garbage beside a BIS list", func(dir string) {
			cutCopy(t, dir, "dpl.txt", 1<<30, bis...)
			if err := os.WriteFile(filepath.Join(dir, "dpl-backup.dat"), garbage, 0o600); err != nil {
				t.Fatal(err)
			}
		}, "dpl-backup.dat (us_bis_dpl): lies beside us_bis_dpl files"},
		{"README beside a BIS list", func(dir string) { cutCopy(t, dir, "dpl.txt", 1<<30, bis...) }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "README.txt"), []byte("Lists downloaded on Monday.\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			tt.setup(dir)
			snaps, err := LoadDir(context.Background(), dir)
			checkErr(t, err, tt.wantErr)
			if err != nil {
				return
			}
			if len(snaps) != 1 || snaps[0].Source != "us_bis_dpl" {
				t.Errorf("%d snapshots, want the BIS list", len(snaps))
			}
			l, err := Load(context.Background(), dir)
			if err != nil || len(l.Unrecognised) != 1 || filepath.Base(l.Unrecognised[0]) != "README.txt" {
				t.Errorf("Load: %v, unrecognised %v; want README.txt", err, l.Unrecognised)
			}
		})
	}
}

// Import rejects a damaged file as an edition of its own and still
// imports the good editions beside it.
func TestImport_DamagedBesideGood(t *testing.T) {
	dir := t.TempDir()
	cutCopy(t, dir, "regulation8_consolidated.xlsx", 100<<10, "lists", "current", "au-dfat-2024-11", "regulation8_consolidated.xlsx")
	cutCopy(t, dir, "dpl.txt", 1<<30, "lists", "current", "bis-dpl-2023-11", "dpl.txt")
	st := &memStore{}
	rep, err := Import(context.Background(), st, dir, DefaultChecks())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(Rejected) != 1 || rep.Count(Accepted) != 1 || len(st.saved) != 1 || st.saved[0].Source != "us_bis_dpl" {
		t.Fatalf("results %+v; want DFAT rejected, BIS accepted", rep.Results)
	}
	for _, r := range rep.Results {
		if r.Status == Rejected && (r.Source != "au_dfat" || !strings.Contains(r.Path, "regulation8_consolidated.xlsx") || !r.Unreadable) {
			t.Errorf("rejection %+v, want the DFAT file, unreadable", r)
		}
	}
}

// A damaged sdn.csv (its first line cut) no longer makes its valid
// companion files look unrecognised: the set is one failed edition, and
// the error names the real cause, the primary file and its line.
func TestLoad_DamagedPrimary(t *testing.T) {
	dir := t.TempDir()
	src := testdata.Path(t, "lists", "current", "ofac-sdn-2021-07")
	for _, name := range []string{"alt.csv", "add.csv", "sdn_comments.csv"} {
		cutCopy(t, dir, name, 1<<30, "lists", "current", "ofac-sdn-2021-07", name)
	}
	sdn, err := os.ReadFile(filepath.Join(src, "sdn.csv"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := bytes.Cut(sdn, []byte("\n"))
	damaged := append([]byte(`36,"AEROCARIBBEAN AIR`+"\r\n"), rest...) // the first record cut inside its name
	if err := os.WriteFile(filepath.Join(dir, "sdn.csv"), damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Editions) != 0 || len(l.Unrecognised) != 0 || len(l.Failed) != 1 {
		t.Fatalf("editions %d, unrecognised %v, failed %v; want the set as one failure", len(l.Editions), l.Unrecognised, l.Failed)
	}
	f := l.Failed[0]
	if f.Path != dir || f.Source != "us_ofac_sdn" {
		t.Errorf("failure %s (%s), want the folder as us_ofac_sdn", f.Path, f.Source)
	}
	checkErr(t, f, "the set's primary file sdn.csv is damaged")
	checkErr(t, f, "sdn.csv:2: record starting at line 1")
}

// An XML file named like a list and refused for its DTD says so, rather
// than "damaged or cut short?": entity expansion (billion laughs), an
// external entity (XXE), a bare DTD.
func TestLoad_HostileXMLNamed(t *testing.T) {
	tests := []struct{ doc, want string }{
		{`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` + "\n" + `<CONSOLIDATED_LIST>&lol2;</CONSOLIDATED_LIST>`,
			`named like a list file, but refused: DOCTYPE refused: the file declares the entity "lol"; entity expansion is refused (billion laughs)`},
		{`<?xml version="1.0"?><!DOCTYPE data-set [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><data-set><record><Entity>&xxe;</Entity></record></data-set>`,
			`named like a list file, but refused: DOCTYPE refused: the file declares the external entity "xxe" (XXE)`},
		{`<!DOCTYPE CONSOLIDATED_LIST SYSTEM "un.dtd"><CONSOLIDATED_LIST/>`, "named like a list file, but refused: DOCTYPE refused: the lists have no DTD"},
	}
	for _, tt := range tests {
		dir := writeFiles(t, map[string][]byte{"consolidated.xml": []byte(tt.doc)})
		l, err := Load(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Failed) != 1 || len(l.Editions)+len(l.Unrecognised) != 0 {
			t.Fatalf("failed %v, editions %d, unrecognised %v; want one failure", l.Failed, len(l.Editions), l.Unrecognised)
		}
		checkErr(t, l.Failed[0], tt.want)
	}
	// Beside a BIS list, under a name no publisher uses.
	dir := t.TempDir()
	cutCopy(t, dir, "dpl.txt", 1<<30, "lists", "current", "bis-dpl-2023-11", "dpl.txt")
	if err := os.WriteFile(filepath.Join(dir, "extra.xml"), []byte(tests[1].doc), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadDir(context.Background(), dir)
	checkErr(t, err, `extra.xml (us_bis_dpl): lies beside us_bis_dpl files, but refused: DOCTYPE refused: the file declares the external entity "xxe"`)
}
