package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/subject"
)

// unListsDir returns a temporary lists folder holding a copy of the real
// UN consolidated list (730 individuals, 273 entities): small enough to
// load quickly in tests.
func unListsDir(t *testing.T) string {
	t.Helper()
	src := testdata.Path(t, "lists", "current", "un-2026-02", "consolidated.xml")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "un-2026-02"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "un-2026-02", "consolidated.xml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in
// different goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// screenResult is one output line of vigil screen.
type screenResult struct {
	ID    string `json:"id"`
	Error string `json:"error"`
	Hits  []struct {
		Score    float64 `json:"score"`
		List     string  `json:"list"`
		SourceID string  `json:"source_id"`
	} `json:"hits"`
}

func decodeResults(t *testing.T, out string) []screenResult {
	t.Helper()
	var rs []screenResult
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var r screenResult
		if err := dec.Decode(&r); err == io.EOF {
			return rs
		} else if err != nil {
			t.Fatalf("output is not JSON Lines: %v\n%s", err, out)
		}
		rs = append(rs, r)
	}
}

func TestScreenCommand(t *testing.T) {
	lists := unListsDir(t)
	in := writeTemp(t, "in.csv", "id,first_name,middle_name,last_name,dob,nationality\n"+
		"z,Aiman,Muhammed Rabi,al-Zawahiri,1951-06-19,Egypt\n"+
		"n,Xqzvwy,,Plorktanu,1990-01-01,\n"+
		"bad,Some,,Body,19-x,\n"+
		",Aiman,,Al-Zawahiri,,\n")
	out := filepath.Join(t.TempDir(), "out.jsonl")
	_, stderr, err := runVigil(t, "screen", "--lists", lists, "--in", in, "--out", out, "--workers", "2")
	if exitCode(err) != exitPartial { // one malformed row: partly done
		t.Fatalf("screen: %v (exit %d, want %d)\n%s", err, exitCode(err), exitPartial, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rs := decodeResults(t, string(data))
	if len(rs) != 4 {
		t.Fatalf("got %d result lines, want 4:\n%s", len(rs), data)
	}
	wantIDs := []string{"z", "n", "bad", "5"}
	for i, r := range rs {
		if r.ID != wantIDs[i] {
			t.Errorf("line %d has id %q, want %q (input order)", i+1, r.ID, wantIDs[i])
		}
	}
	// DATAID 111923 is AIMAN MUHAMMED RABI AL-ZAWAHIRI in the UN XML.
	if h := rs[0].Hits; len(h) == 0 || h[0].List != "un_sc" || h[0].SourceID != "111923" || h[0].Score < 0.8 {
		t.Errorf("Zawahiri: hits %+v, want un_sc 111923 first", h)
	}
	if h := rs[3].Hits; len(h) == 0 || h[0].SourceID != "111923" {
		t.Errorf("Zawahiri without id: hits %+v, want un_sc 111923 first", h)
	}
	if rs[1].Hits == nil || len(rs[1].Hits) != 0 || rs[1].Error != "" {
		t.Errorf("invented name: %+v, want \"hits\": []", rs[1])
	}
	if !strings.Contains(rs[2].Error, "in.csv:4") || !strings.Contains(rs[2].Error, "dob") {
		t.Errorf("malformed row: error %q, want it to name in.csv:4 and dob", rs[2].Error)
	}
	if !strings.Contains(stderr, "line=4") || !strings.Contains(stderr, "screened 4 subjects") ||
		!strings.Contains(stderr, "2 with hits, 1 malformed rows") {
		t.Errorf("stderr lacks the warning or the summary:\n%s", stderr)
	}
}

// Every input row yields one output line: a row with an unterminated
// quote and a line over subject.MaxLine are errors naming their lines,
// and the rows after them are still screened.
func TestScreenCommand_DamagedRows(t *testing.T) {
	in := writeTemp(t, "in.csv", "id,name,dob\n"+
		"a,Aiman Muhammed Rabi al-Zawahiri,1951\n"+
		"b,\"Unterminated Name,1960\n"+
		"c,"+strings.Repeat("x", subject.MaxLine+1)+",1970\n"+
		"d,Xqzvwy Plorktanu,1990\n"+
		"e,Aiman al-Zawahiri,\n")
	stdout, stderr, err := runVigil(t, "screen", "--lists", unListsDir(t), "--in", in, "--workers", "2")
	if exitCode(err) != exitPartial {
		t.Fatalf("screen: %v (exit %d, want %d)\n%s", err, exitCode(err), exitPartial, stderr)
	}
	rs := decodeResults(t, stdout)
	if len(rs) != 5 {
		t.Fatalf("got %d result lines, want 5", len(rs))
	}
	want := []struct{ id, err string }{{"a", ""}, {"3", "in.csv:3: malformed CSV"}, {"4", "in.csv:4: line longer than"}, {"d", ""}, {"e", ""}}
	for i, w := range want {
		if rs[i].ID != w.id || (w.err == "") != (rs[i].Error == "") || !strings.Contains(rs[i].Error, w.err) {
			t.Errorf("line %d = id %q error %q, want id %q error %q", i+1, rs[i].ID, rs[i].Error, w.id, w.err)
		}
	}
	if len(rs[4].Hits) == 0 || rs[4].Hits[0].SourceID != "111923" {
		t.Errorf("the row after the damaged ones was not screened: %+v", rs[4])
	}
	if !strings.Contains(stderr, "screened 5 subjects") || !strings.Contains(stderr, "2 malformed rows") {
		t.Errorf("summary:\n%s", stderr)
	}
}

func TestScreenCommand_Stdout(t *testing.T) {
	lists := unListsDir(t)
	in := writeTemp(t, "in.jsonl", `{"id": 1, "name": "Aiman Muhammed Rabi al-Zawahiri"}`+"\n")
	stdout, stderr, err := runVigil(t, "screen", "--lists", lists, "--in", in, "--threshold", "0.99", "--limit", "1")
	if err != nil {
		t.Fatalf("screen: %v\n%s", err, stderr)
	}
	rs := decodeResults(t, stdout)
	if len(rs) != 1 || rs[0].ID != "1" || len(rs[0].Hits) > 1 {
		t.Errorf("results = %+v, want one line with at most 1 hit", rs)
	}
	for _, h := range rs[0].Hits {
		if h.Score < 0.99 {
			t.Errorf("hit %+v below --threshold 0.99", h)
		}
	}
}

func TestScreenCommand_Errors(t *testing.T) {
	lists := unListsDir(t)
	empty := writeTemp(t, "empty.csv", "")
	noName := writeTemp(t, "x.csv", "id;dob\n1;1970\n")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no lists flag", []string{"screen", "--in", empty}, `"lists" not set`},
		{"bad threshold", []string{"screen", "--lists", lists, "--threshold", "2"}, "--threshold 2 is not in 0..1"},
		{"bad format", []string{"screen", "--lists", lists, "--format", "xml"}, "unknown input format"},
		{"missing input", []string{"screen", "--lists", lists, "--in", "/nonexistent/x.csv"}, "no such file"},
		{"empty input", []string{"screen", "--lists", lists, "--in", empty}, "empty.csv:1: empty input"},
		{"no name column", []string{"screen", "--lists", lists, "--in", noName}, "no name column"},
		{"empty lists folder", []string{"screen", "--lists", t.TempDir(), "--in", empty}, "no list files found"},
		{"damaged list in the folder", []string{"screen", "--lists", damagedListsDir(t), "--in", empty}, "regulation8_consolidated.xlsx (au_dfat): looks like a workbook but does not open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runVigil(t, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
