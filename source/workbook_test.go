package source

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
)

// Detection peeks at a workbook's first rows without opening it in full.
func TestPeekWorkbook(t *testing.T) {
	tests := []struct {
		dir, file, format string
		header            int // row of the header in the first sheet, 0-based
		first             string
	}{
		{"uk-ofsi-2025-04", "ConList.xlsx", "ofsi", 1, "Name 6"},
		{"au-dfat-2024-11", "regulation8_consolidated.xlsx", "dfat_xlsx", 0, "Reference"},
	}
	for _, tt := range tests {
		path := testdata.Path(t, "lists", "current", tt.dir, tt.file)
		sheets, err := peekWorkbook(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(sheets) != 1 || len(sheets[0]) != peekRows {
			t.Fatalf("%s: %d sheets, first of %d rows; want 1 of %d", tt.file, len(sheets), len(sheets[0]), peekRows)
		}
		if got := sheets[0][tt.header][0]; got != tt.first {
			t.Errorf("%s: header starts %q, want %q", tt.file, got, tt.first)
		}
		f, err := detectFile(path)
		if err != nil || f == nil || f.Name != tt.format {
			t.Errorf("detectFile(%s) = %v, %v; want %s", tt.file, f, err, tt.format)
		}
	}
}

// xlsx builds a zip of the given parts.
func xlsx(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sheet(rows ...string) string {
	return `<worksheet><sheetData>` + strings.Join(rows, "") + `</sheetData></worksheet>`
}

func inlineRow(cells ...string) string {
	var b strings.Builder
	b.WriteString("<row>")
	for _, c := range cells {
		b.WriteString(`<c t="inlineStr"><is><t>` + c + `</t></is></c>`)
	}
	return b.String() + "</row>"
}

// Broken and hostile workbooks named as a list are failed editions naming
// the file: a workbook that does not open, one that opens but holds no
// list, one that looks like a list but does not read. Never a panic,
// never a partial edition. A workbook that opens but is no list, under a
// name no publisher uses, is only unrecognised.
func TestPeekWorkbook_Hostile(t *testing.T) {
	real, err := os.ReadFile(testdata.Path(t, "lists", "current", "uk-ofsi-2025-04", "ConList.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	dfatHeader := inlineRow("Reference", "Name of Individual or Entity", "Type", "Name Type")
	noSheets := xlsx(t, map[string]string{"xl/workbook.xml": "<workbook/>"})
	const broken = "looks like a workbook but does not open"
	tests := []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"truncated workbook", real[:len(real)/2], broken},
		{"sheet not XML", xlsx(t, map[string]string{"xl/worksheets/sheet1.xml": "\x00\xff<<<"}), broken},
		{"shared string missing", xlsx(t, map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row><c t="s"><v>5</v></c></row>`)}), broken},
		{"shared string index out of range", xlsx(t, map[string]string{
			"xl/worksheets/sheet1.xml": sheet(`<row><c t="s"><v>5</v></c></row>`),
			"xl/sharedStrings.xml":     `<sst><si><t>Reference</t></si></sst>`}), broken},
		{"bad shared string index", xlsx(t, map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row><c t="s"><v>-1</v></c></row>`)}), broken},
		{"huge cell", xlsx(t, map[string]string{"xl/worksheets/sheet1.xml": sheet(inlineRow(strings.Repeat("A", 1<<20)))}), broken},
		{"no sheets", noSheets, "named like a list file"},
		{"DFAT header, not a real workbook", xlsx(t, map[string]string{"xl/worksheets/sheet1.xml": sheet(dfatHeader)}), "regulation8_consolidated.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string][]byte{"regulation8_consolidated.xlsx": tt.data})
			l, err := Load(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Editions) != 0 || len(l.Unrecognised) != 0 || len(l.Failed) != 1 {
				t.Fatalf("editions %d, unrecognised %v, failed %v; want one failed", len(l.Editions), l.Unrecognised, l.Failed)
			}
			checkErr(t, l.Failed[0], tt.wantErr)
			checkErr(t, l.Failed[0], "regulation8_consolidated.xlsx")
		})
	}
	dir := writeFiles(t, map[string][]byte{"other.xlsx": noSheets})
	l, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Failed) != 0 || len(l.Unrecognised) != 1 {
		t.Errorf("other.xlsx: failed %v, unrecognised %v; want it unrecognised", l.Failed, l.Unrecognised)
	}
}

// Sheets are peeked in file number order (sheet2 before sheet10); shared
// strings join rich-text runs and skip phonetic guides; a header row in
// inline strings on a later sheet is still recognised.
func TestPeekWorkbook_InlineSecondSheet(t *testing.T) {
	data := xlsx(t, map[string]string{
		"xl/worksheets/sheet1.xml":  sheet(inlineRow("notes")),
		"xl/worksheets/sheet10.xml": sheet(inlineRow("Reference", "Name of Individual or Entity", "Type", "Name Type")),
		"xl/worksheets/sheet2.xml":  sheet(`<row><c t="s"><v>1</v></c><c><v>42</v></c></row>`),
		"xl/sharedStrings.xml":      `<sst><si><t>a</t></si><si><r><t>Ref</t></r><r><t>erence</t></r><rPh><t>x</t></rPh></si></sst>`,
	})
	dir := writeFiles(t, map[string][]byte{"book.xlsx": data})
	sheets, err := peekWorkbook(dir + "/book.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) != 3 || sheets[1][0][0] != "Reference" || sheets[1][0][1] != "42" || sheets[2][0][0] != "Reference" {
		t.Fatalf("sheets %q", sheets)
	}
	f, err := detectFile(dir + "/book.xlsx")
	if err != nil || f == nil || f.Name != "dfat_xlsx" {
		t.Errorf("detectFile = %v, %v; want dfat_xlsx", f, err)
	}
}

// FuzzPeekWorkbook offers arbitrary sheet and shared-strings XML in a
// well-formed zip: peeking must return rows or an error, never panic.
func FuzzPeekWorkbook(f *testing.F) {
	f.Add(sheet(`<row><c t="s"><v>0</v></c></row>`), `<sst><si><t>Reference</t></si></sst>`)
	f.Add(sheet(inlineRow("Name 6", "Group ID")), "")
	f.Add("<row><c t=\"s\"><v>99999999999999999999</v>", "<si><t>")
	f.Fuzz(func(t *testing.T, sheetXML, strs string) {
		dir := writeFiles(t, map[string][]byte{"b.xlsx": xlsx(t, map[string]string{
			"xl/worksheets/sheet1.xml": sheetXML, "xl/sharedStrings.xml": strs})})
		sheets, err := peekWorkbook(dir + "/b.xlsx")
		if err != nil {
			return
		}
		for _, rows := range sheets {
			if len(rows) > peekRows {
				t.Fatalf("%d rows peeked", len(rows))
			}
		}
	})
}
