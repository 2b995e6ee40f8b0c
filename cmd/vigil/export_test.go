package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// vigil export writes the audit trail of a real database (a list import
// is audited) as CSV and XLSX; the export is itself audited.
func TestExportCommand(t *testing.T) {
	data := t.TempDir()
	if _, errOut, err := runVigil(t, "--data-dir", data, "lists", "import", unListsDir(t)); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	out := filepath.Join(t.TempDir(), "audit.csv")
	_, errOut, err := runVigil(t, "--data-dir", data, "export", "audit", "--format", "csv", "--out", out)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, errOut)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 3 || recs[0][0] != "seq" || !strings.Contains(string(raw), "list.import") || !strings.Contains(string(raw), "data.export") {
		t.Errorf("audit csv (%d rows):\n%s", len(recs), raw)
	}
	if !strings.Contains(errOut, "exported ") {
		t.Errorf("stderr %q", errOut)
	}
	xout := filepath.Join(t.TempDir(), "alerts.xlsx")
	if _, errOut, err := runVigil(t, "--data-dir", data, "export", "alerts", "--format", "xlsx", "--out", xout); err != nil {
		t.Fatalf("xlsx: %v\n%s", err, errOut)
	}
	f, err := excelize.OpenFile(xout)
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := f.GetRows("alerts"); len(rows) != 1 || rows[0][0] != "id" {
		t.Errorf("alerts xlsx of an empty table: %v", rows)
	}
	if _, _, err := runVigil(t, "--data-dir", data, "export", "alerts", "--format", "pdf"); err == nil {
		t.Error("--format pdf accepted")
	}
}

// A failed export leaves no file behind, not even a partial one, and an
// earlier file of the same name untouched.
func TestExportTo_Failure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("the previous export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := exportTo(path, io.Discard, func(w io.Writer) (int64, error) {
		w.Write([]byte("id\n1\n"))
		return 1, errors.New("database gone")
	})
	if err == nil {
		t.Fatal("no error")
	}
	got, _ := os.ReadFile(path)
	ents, _ := os.ReadDir(dir)
	if string(got) != "the previous export\n" || len(ents) != 1 {
		t.Errorf("after a failed export: %q, %d files", got, len(ents))
	}
}
