package country_test

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/internal/testdata"
)

// notCountries are values found in country fields of the real files that
// name no country: "na" (UN), the Canadian regulation title that sits in
// Canada's Country field for JVCFOR records, and the Kafia Kingi area
// disputed between Sudan and South Sudan.
var notCountries = map[string]bool{
	"na":                  true,
	"Region: Kafia Kingi": true,
	"Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR) / \u00a0Règlement relatif à la justice pour les victimes de dirigeants étrangers corrompus (RJVDEC)": true,
}

// TestRealSources resolves every distinct country value of the UN lists
// (three editions: NATIONALITY, address and birth-place COUNTRY, document
// ISSUING_COUNTRY and COUNTRY_OF_ISSUE), Canada's Country field and the
// eval set's nationality column, and fails on any it cannot resolve.
func TestRealSources(t *testing.T) {
	values := map[string]string{} // value → where it was seen
	for _, ed := range []string{"lists/current/un-2026-02", "lists/editions/un-2020-03", "lists/editions/un-2024-11"} {
		path := testdata.Path(t, strings.Split(ed+"/consolidated.xml", "/")...)
		collectXML(t, path, map[string]bool{"COUNTRY": true, "ISSUING_COUNTRY": true, "COUNTRY_OF_ISSUE": true, "VALUE": true}, "NATIONALITY", values)
	}
	collectXML(t, testdata.Path(t, "lists", "current", "ca-sema-2020-04", "sema-lmes.xml"), map[string]bool{"Country": true}, "", values)
	for _, f := range []string{"dev-positives-persons.csv", "dev-negatives.csv"} {
		collectCSV(t, testdata.Path(t, "eval", f), "nationality", values)
	}
	var bad []string
	for v, where := range values {
		if _, ok := country.Code(v); !ok && !notCountries[v] {
			bad = append(bad, where+": "+v)
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("unresolved country %q", b)
	}
	t.Logf("%d distinct country values, %d unresolved", len(values), len(bad))
	if len(values) < 150 {
		t.Errorf("only %d distinct values collected; the sources were not read", len(values))
	}
}

// collectXML adds the text of the named elements; VALUE counts only inside
// parent (when parent is not "").
func collectXML(t *testing.T, path string, elems map[string]bool, parent string, into map[string]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var stack []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			name := stack[len(stack)-1]
			if !elems[name] || (name == "VALUE" && (len(stack) < 2 || stack[len(stack)-2] != parent)) {
				continue
			}
			if v := strings.TrimSpace(string(tok)); v != "" {
				into[v] = path[strings.LastIndex(path, "/data/")+6:] + " " + name
			}
		}
	}
}

func collectCSV(t *testing.T, path, column string, into map[string]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	col := -1
	for i, h := range head {
		if h == column {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s: no column %q", path, column)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if v := strings.TrimSpace(rec[col]); v != "" {
			into[v] = "eval nationality"
		}
	}
}
