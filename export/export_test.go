package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var cols = []Column{{"id", Int}, {"name", Text}, {"score", Float}, {"details", JSON}, {"at", Time}}

func rows() [][]any {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return [][]any{
		{int64(1), "Ann, \"Smith\"", 0.97, json.RawMessage(`{"a":1}`), at},
		{int64(2), "=HYPERLINK(\"http://x\")", 0.5, json.RawMessage(nil), time.Time{}},
		{int64(3), "-12.5", 1.0, json.RawMessage(`[]`), at},
		{int64(4), "@SUM(A1)", 0.0, json.RawMessage(`null`), at},
	}
}

func write(t *testing.T, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(&buf, f, cols, "t")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows() {
		if err := w.Row(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCSV(t *testing.T) {
	recs, err := csv.NewReader(bytes.NewReader(write(t, CSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"id", "name", "score", "details", "at"},
		{"1", `Ann, "Smith"`, "0.97", `{"a":1}`, "2026-01-02T03:04:05Z"},
		{"2", `'=HYPERLINK("http://x")`, "0.5", "", ""},
		{"3", "-12.5", "1", "[]", "2026-01-02T03:04:05Z"},
		{"4", "'@SUM(A1)", "0", "null", "2026-01-02T03:04:05Z"},
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, recs[i], want[i])
		}
	}
}

func TestJSONL(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(write(t, JSONL))), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines", len(lines))
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &v); err != nil {
		t.Fatal(err)
	}
	if v["id"] != 1.0 || v["name"] != `Ann, "Smith"` || v["score"] != 0.97 || v["details"].(map[string]any)["a"] != 1.0 || v["at"] != "2026-01-02T03:04:05Z" {
		t.Errorf("line 1 = %v", v)
	}
	if err := json.Unmarshal([]byte(lines[1]), &v); err != nil || v["name"] != `=HYPERLINK("http://x")` || v["details"] != nil || v["at"] != nil {
		t.Errorf("line 2 = %v (%v): JSON Lines keeps text as it is", v, err)
	}
}

// Past the sheet limit, rows go on a new sheet with its own header.
func TestXLSX_Sheets(t *testing.T) {
	sheetRows = 3
	defer func() { sheetRows = MaxSheetRows }()
	f, err := excelize.OpenReader(bytes.NewReader(write(t, XLSX)))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); strings.Join(got, ",") != "t,t 2" {
		t.Fatalf("sheets %v", got)
	}
	a, _ := f.GetRows("t")
	b, _ := f.GetRows("t 2")
	if len(a) != 4 || len(b) != 2 || b[0][0] != "id" || b[1][0] != "4" || a[2][1] != `'=HYPERLINK("http://x")` {
		t.Errorf("sheet t %v, sheet t 2 %v", a, b)
	}
}

func TestFormats(t *testing.T) {
	for in, want := range map[string]Format{"csv": CSV, "XLSX": XLSX, "ndjson": JSONL, "json": JSONL} {
		if f, err := ParseFormat(in); err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, f, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("pdf accepted")
	}
	for in, want := range map[string]Format{"text/csv;q=0.9": CSV, "application/x-ndjson": JSONL, XLSX.ContentType(): XLSX, "*/*": "", "": ""} {
		if got := FromAccept(in); got != want {
			t.Errorf("FromAccept(%q) = %q, want %q", in, got, want)
		}
	}
}
