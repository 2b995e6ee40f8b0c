package xlsxrows_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/xlsxrows"
)

func isHeader(cells []string) bool { return slices.Contains(cells, "ID") }

// workbook saves a workbook with one sheet per element of sheets.
func workbook(t *testing.T, sheets ...[][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, rows := range sheets {
		name := fmt.Sprintf("S%d", i+1)
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for j, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, j+1)
			if err := f.SetSheetRow(name, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func open(t *testing.T, path string, n int) (*xlsxrows.Sheet, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() }) // a file is read in place: open until the sheet is closed
	return xlsxrows.Open(f, path, n, isHeader)
}

func TestOpen_PicksSheet(t *testing.T) {
	path := workbook(t,
		[][]any{{"other"}, {"x"}},
		[][]any{{"Updated", "today"}, {"ID", "Name"}, {"1", "A"}, {}, {"2", "B"}},
	)
	sh, err := open(t, path, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer sh.Close()
	var got []string
	for {
		line, cells, err := sh.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d:%s", line, strings.Join(cells, ",")))
	}
	// Row 4 is not in the sheet (an empty row): it is skipped, and the
	// numbers stay the sheet's.
	if want := "1:Updated,today 2:ID,Name 3:1,A 5:2,B"; strings.Join(got, " ") != want {
		t.Errorf("rows = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestOpen_NoSheet(t *testing.T) {
	path := workbook(t, [][]any{{"Updated"}, {"ID"}})
	if _, err := open(t, path, 1); !errors.Is(err, xlsxrows.ErrNoSheet) {
		t.Errorf("header on row 2, looking at row 1: err = %v, want ErrNoSheet", err)
	}
	sh, err := open(t, path, 2)
	if err != nil {
		t.Fatalf("header on row 2, looking at 2 rows: %v", err)
	}
	sh.Close()
}

func TestOpen_NotWorkbook(t *testing.T) {
	for name, in := range map[string]string{
		"empty":          "",
		"csv":            "ID,Name\n1,A\n",
		"truncated zip":  "PK\x03\x04\x14\x00\x00\x00",
		"binary garbage": "\x00\xff\xfe\x01garbage",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := xlsxrows.Open(strings.NewReader(in), "in.xlsx", 1, isHeader)
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != "in.xlsx" || !strings.Contains(err.Error(), "not a readable XLSX workbook") {
				t.Errorf("err = %v, want *reader.ParseError naming in.xlsx", err)
			}
		})
	}
}

func TestDetectFile(t *testing.T) {
	good := workbook(t, [][]any{{"ID"}})
	other := workbook(t, [][]any{{"Name"}})
	text := filepath.Join(t.TempDir(), "t.csv")
	if err := os.WriteFile(text, []byte("ID\n1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path    string
		want    bool
		wantErr bool
	}{
		{good, true, false},
		{other, false, false},
		{text, false, false},
		{filepath.Join(t.TempDir(), "missing.xlsx"), false, true},
	}
	for _, tt := range tests {
		ok, err := xlsxrows.DetectFile("pkg", tt.path, 1, isHeader)
		if ok != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("DetectFile(%s) = %v, %v", filepath.Base(tt.path), ok, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "pkg: ") {
			t.Errorf("error %q lacks the package prefix", err)
		}
	}
}

func TestHeaderWithin(t *testing.T) {
	rows := [][]string{{"a"}, {"b"}, {"ID"}}
	if xlsxrows.HeaderWithin(rows, 2, isHeader) || !xlsxrows.HeaderWithin(rows, 3, isHeader) || xlsxrows.HeaderWithin(nil, 3, isHeader) {
		t.Error("HeaderWithin does not honour the row limit")
	}
	if !xlsxrows.IsZip([]byte("PK\x03\x04rest")) || xlsxrows.IsZip([]byte("PK")) {
		t.Error("IsZip wrong")
	}
}
