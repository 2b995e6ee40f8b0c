package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// runVigil runs the program in-process and returns its outputs.
func runVigil(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), append([]string{"vigil"}, args...), &out, &errb)
	return out.String(), errb.String(), err
}

// newService returns a service over a fresh SQLite database.
func newService(t *testing.T) *service.Service {
	t.Helper()
	db, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return service.New(service.Config{Store: db, Logger: slog.New(slog.DiscardHandler)})
}

// stored returns how many editions svc's database holds.
func stored(t *testing.T, svc *service.Service) int {
	t.Helper()
	eds, err := svc.Editions(context.Background(), operator())
	if err != nil {
		t.Fatal(err)
	}
	return len(eds)
}

// The two csv-only OFAC editions a day apart differ by 8 removals
// (checked with Python: ent_num in one file and not the other).
func TestListsDiff(t *testing.T) {
	dir := testdata.Path(t, "lists", "editions", "ofac-sdn-csv-only")
	out, _, err := runVigil(t, "lists", "diff", dir+"/sdn_2024-05-02.csv", dir+"/sdn_2024-05-03.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"us_ofac_sdn: 2024-05-02 (36a3ef82bf77) -> 2024-05-03 (210ca6b4a818)",
		"14973 -> 14965 records: 0 added, 8 removed, 0 changed",
		"- us_ofac_sdn/38556 EMPEROR AVIATION LTD",
		"- us_ofac_sdn/38566 9H-TIO",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestListsDiff_Errors(t *testing.T) {
	ed := testdata.Path(t, "lists", "editions")
	cur := testdata.Path(t, "lists", "current")
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"one argument", []string{ed}, "want two editions"},
		{"several editions", []string{ed + "/ofac-sdn-csv-only", ed + "/ofac-sdn-2019-01"}, "holds 6 editions"},
		{"different sources", []string{ed + "/ofac-sdn-2019-01", cur + "/us-csl-2023-11"}, "is us_ofac_sdn but"},
		{"damaged edition", []string{cur + "/us-csl-2023-11", testdata.Path(t, "bad", "us-csl-2023-11-truncated.csv")}, "us-csl-2023-11-truncated.csv:4233"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runVigil(t, append([]string{"lists", "diff"}, tt.args...)...)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestListsArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"import without folder", []string{"lists", "import"}, "want one folder or file"},
		{"bad max-drop", []string{"lists", "import", "--max-drop", "1.5", "x"}, "--max-drop 1.5"},
		{"unknown source", []string{"lists", "fetch", "--source", "nope"}, `unknown source "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runVigil(t, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestListsSources(t *testing.T) {
	out, _, err := runVigil(t, "lists", "sources")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"us_ofac_sdn", "https://scsanctions.un.org/resources/xml/en/consolidated.xml", "au_dfat"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// importDir prints one line per edition; a rejected edition makes it fail
// and prints the reader's message.
func TestImportDir(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb}
	if err := e.importDir(ctx, svc, testdata.Path(t, "lists", "current", "us-csl-2023-11"), source.DefaultChecks()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "us_csl") || !strings.Contains(out.String(), "accepted  4225") {
		t.Errorf("output:\n%s", out.String())
	}
	out.Reset()
	err := e.importDir(ctx, svc, testdata.Path(t, "bad", "us-csl-2023-11-truncated.csv"), source.DefaultChecks())
	if err == nil || !strings.Contains(err.Error(), "1 edition(s) rejected") {
		t.Fatalf("error %v, want a rejection", err)
	}
	if !strings.Contains(out.String(), "us-csl-2023-11-truncated.csv:4233") {
		t.Errorf("output lacks the reader's message:\n%s", out.String())
	}
	if n := stored(t, svc); n != 1 {
		t.Errorf("store holds %d snapshots, want 1", n)
	}
	// A list file that holds something else (say, a fetched HTML error
	// page) is a rejected edition, and the file, line and cause are named.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sdn.csv"), []byte("<html>Service unavailable</html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err = e.importDir(ctx, svc, dir, source.DefaultChecks())
	if err == nil || !strings.Contains(err.Error(), "1 edition(s) rejected") || !strings.Contains(err.Error(), "Nothing was imported") ||
		!strings.Contains(out.String(), "the set's primary file sdn.csv is damaged") || !strings.Contains(out.String(), "sdn.csv:1: 1 fields, want 12") {
		t.Errorf("error %v, output %q", err, out.String())
	}
	// A folder with nothing but an unrelated file is an error too; the
	// file gets a warning.
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "README.txt"), []byte("lists of Monday\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	err = e.importDir(ctx, svc, dir, source.DefaultChecks())
	if err == nil || !strings.Contains(err.Error(), "no list edition found") || !strings.Contains(errb.String(), "README.txt: not recognised") {
		t.Errorf("error %v, stderr %q", err, errb.String())
	}
}

// damagedListsDir returns a folder holding the UN list of 2026-02 and the
// DFAT workbook cut to its first 100 KB, as a broken download leaves it.
func damagedListsDir(t *testing.T) string {
	t.Helper()
	dir := unListsDir(t)
	b, err := os.ReadFile(testdata.Path(t, "lists", "current", "au-dfat-2024-11", "regulation8_consolidated.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "regulation8_consolidated.xlsx"), b[:100<<10], 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// "vigil lists import" of a folder with a damaged workbook beside a good
// list imports the good one, rejects the workbook naming it, says so, and
// exits with an error.
func TestListsImport_Damaged(t *testing.T) {
	data := t.TempDir()
	stdout, _, err := runVigil(t, "--data-dir", data, "lists", "import", damagedListsDir(t))
	if err == nil || !strings.Contains(err.Error(), "1 edition(s) rejected") ||
		!strings.Contains(err.Error(), "The other 1 edition(s) were imported: 1 accepted, 0 unchanged, 0 known") {
		t.Fatalf("import = %v, want one rejection and one import", err)
	}
	if !strings.Contains(stdout, "rejected ") || !strings.Contains(stdout, "regulation8_consolidated.xlsx: looks like a workbook but does not open") {
		t.Errorf("output does not name the damaged file:\n%s", stdout)
	}
	status, _, err := runVigil(t, "--data-dir", data, "lists", "status")
	if err != nil || !strings.Contains(status, "un_sc") || !strings.Contains(status, "1003") || strings.Contains(status, "au_dfat") {
		t.Errorf("status = %v:\n%s\nwant un_sc stored alone", err, status)
	}
}

func TestPrintStatus(t *testing.T) {
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	eds := []service.Edition{
		{Meta: snapshot.Meta{ID: 3, Source: "un_sc", Format: "un_xml", Edition: "2026-02-27", Hash: "66b392a409080000", Records: 1003, LoadedAt: at}, InForce: true},
		{Meta: snapshot.Meta{ID: 2, Source: "us_csl", Format: "csl_csv", Edition: "2023-11-01", Hash: "baa540db90ac1111", Records: 4225, LoadedAt: at}, InForce: true},
		{Meta: snapshot.Meta{ID: 1, Source: "un_sc", Format: "un_xml", Edition: "2024-11-30", Hash: "0123456789ab2222", Records: 998, LoadedAt: at}},
	}
	var out bytes.Buffer
	printStatus(&out, eds)
	want := "IN FORCE  SOURCE  FORMAT   EDITION     RECORDS  HASH          ACCEPTED AT\n" +
		"          un_sc   un_xml   2024-11-30  998      0123456789ab  2026-11-26T10:00:00Z\n" +
		"*         un_sc   un_xml   2026-02-27  1003     66b392a40908  2026-11-26T10:00:00Z\n" +
		"*         us_csl  csl_csv  2023-11-01  4225     baa540db90ac  2026-11-26T10:00:00Z\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// Fetch then import, end to end: a local server publishes the real CSL
// file; the second fetch is answered 304 and the edition is unchanged.
func TestFetchThenImport(t *testing.T) {
	csl := testdata.Path(t, "lists", "current", "us-csl-2023-11", "consolidated.csv")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, csl) // honours If-Modified-Since
	}))
	defer srv.Close()
	src := source.Source{Name: "us_csl", Downloads: []source.Download{{URL: srv.URL + "/consolidated.csv", File: "consolidated.csv"}}}
	ctx := context.Background()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb}
	svc := newService(t)
	downloads := t.TempDir()
	for i, want := range []string{"accepted  4225", "unchanged  4225"} {
		out.Reset()
		dirs, err := fetchAll(ctx, e, source.NewFetcher(10*time.Second), downloads, []source.Source{src})
		if err != nil || len(dirs) != 1 {
			t.Fatalf("fetch %d: %v, %v", i, dirs, err)
		}
		if err := e.importDir(ctx, svc, dirs[0], source.DefaultChecks()); err != nil {
			t.Fatalf("import %d: %v", i, err)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("fetch %d output lacks %q:\n%s", i, want, out.String())
		}
	}
	if !strings.Contains(out.String(), "consolidated.csv not modified") {
		t.Errorf("second fetch was not conditional:\n%s", out.String())
	}
	if n := stored(t, svc); n != 1 {
		t.Errorf("store holds %d snapshots, want 1", n)
	}
}
