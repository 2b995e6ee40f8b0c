package xlsxrows_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/xlsxrows"
)

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`
	rootRels     = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookXML  = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	sheetStart   = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetEnd     = `</sheetData></worksheet>`
)

// zipOf builds a zip of the given parts, deflated, in the order given.
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// workbookWith builds a complete one-sheet workbook ("Data") whose sheet
// data is rows and whose shared strings part is strs ("" for none).
func workbookWith(t testing.TB, rows, strs string) []byte {
	parts := []string{"[Content_Types].xml", contentTypes, "_rels/.rels", rootRels,
		"xl/workbook.xml", workbookXML, "xl/_rels/workbook.xml.rels", workbookRels,
		"xl/worksheets/sheet1.xml", sheetStart + rows + sheetEnd}
	if strs != "" {
		parts = append(parts, "xl/sharedStrings.xml", strs)
	}
	return zipOf(t, parts...)
}

func inlineCells(vals ...string) string {
	var b strings.Builder
	for _, v := range vals {
		b.WriteString(`<c t="inlineStr"><is><t>` + v + `</t></is></c>`)
	}
	return b.String()
}

const header = `<row r="1">` + `<c r="A1" t="inlineStr"><is><t>ID</t></is></c><c r="B1" t="inlineStr"><is><t>Name</t></is></c></row>`

// readAll opens data as a workbook and reads every row of the sheet
// whose first row has "ID".
func readAll(data []byte, lim xlsxrows.Limits) ([]string, error) {
	sh, err := xlsxrows.OpenWith(bytes.NewReader(data), "book.xlsx", 1, isHeader, lim)
	if err != nil {
		return nil, err
	}
	defer sh.Close()
	var got []string
	for {
		n, cells, err := sh.Next()
		if errors.Is(err, io.EOF) {
			return got, nil
		}
		if err != nil {
			return got, err
		}
		got = append(got, fmt.Sprintf("%d:%s", n, strings.Join(cells, "|")))
	}
}

// The cell forms a sheet holds: shared strings (with rich text runs and
// phonetic guides), inline strings, numbers as stored (serial dates
// too), booleans, formulas with their cached value, escaped characters,
// entities and character references, CDATA, cells without a reference,
// sparse cells, rows left out.
func TestRead_CellForms(t *testing.T) {
	strs := `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">` +
		`<si><t>Shared</t></si>` +
		`<si><r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>` +
		`<si><t>line_x000D_end _x005F_x0041_</t></si></sst>`
	rows := header +
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v> 1 </v></c><c r="C2" t="s"><v>2</v></c></row>` +
		`<row r="3"><c r="A3"><v>45607</v></c><c r="C3" t="b"><v>1</v></c><c r="E3"><f>1+1</f><v>2</v></c></row>` +
		`<row r="5"><c r="B5" t="inlineStr"><is><t>A &amp; B &lt;&#x41;&#66;&gt;</t></is></c><c r="C5" t="str"><v><![CDATA[<raw>]]></v></c></row>` +
		`<row><c t="inlineStr"><is><t>no</t></is></c><c><v>refs</v></c></row>` +
		`<row r="8"/>` +
		`<row r="9"><c r="A9" s="3"/><c r="B9" t="s"/><c r="C9"><v></v></c></row>`
	got, err := readAll(workbookWith(t, rows, strs), xlsxrows.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1:ID|Name", "2:Shared|Rich text|line\rend _x0041_", "3:45607||1||2",
		"5:|A & B <AB>|<raw>", "6:no|refs", "8:", "9:"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Broken and hostile workbooks are refused with a *reader.ParseError
// naming the file, and where it applies the sheet and the row: never a
// panic, never rows read past the damage.
func TestRead_Hostile(t *testing.T) {
	def := xlsxrows.DefaultLimits()
	laughs := `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>`
	xxe := `<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`
	sheetWith := func(rows string) []byte { return workbookWith(t, header+rows, "") }
	tests := []struct {
		name string
		data []byte
		line int
		want string
	}{
		{"billion laughs in the sheet", zipOf(t, "xl/worksheets/sheet1.xml", `<?xml version="1.0"?>`+laughs+`<worksheet><sheetData>`+header+`<row r="2"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`), 0, "DOCTYPE refused"},
		{"external entity in the shared strings", workbookWith(t, header+`<row r="2"><c t="s"><v>0</v></c></row>`, `<?xml version="1.0"?>`+xxe+`<sst><si><t>&xxe;</t></si></sst>`), 2, "DOCTYPE refused"},
		{"undefined entity", sheetWith(`<row r="2"><c t="inlineStr"><is><t>&xxe;</t></is></c></row>`), 2, "undefined entity &xxe;"},
		{"entity in the workbook index", zipOf(t, "xl/workbook.xml", `<?xml version="1.0"?>`+laughs+`<workbook/>`), 0, "DOCTYPE refused"},
		{"zip cut short", cut(workbookWith(t, header, "")), 0, "not a readable XLSX workbook"},
		{"sheet XML cut short", zipOf(t, "xl/worksheets/sheet1.xml", sheetStart+header+`<row r="2"><c t="inlineStr"><is><t>cut`), 2, "ends inside <t> (cut short?)"},
		{"unbalanced tags", sheetWith(`<row r="2"><c><v>1</c></v></row>`), 2, "</c> closes <v>"},
		{"deep nesting", sheetWith(`<row r="2"><c>` + strings.Repeat("<x>", 100) + strings.Repeat("</x>", 100) + `</c></row>`), 2, "nested deeper than"},
		{"huge attribute", sheetWith(`<row r="2" x="` + strings.Repeat("a", 100<<10) + `"></row>`), 0, "after row 1: tag with its attributes over the limit"},
		{"invalid UTF-8", sheetWith(`<row r="2"><c t="inlineStr"><is><t>N` + "\xff" + `ME</t></is></c></row>`), 2, "invalid UTF-8"},
		{"control character", sheetWith(`<row r="2"><c t="inlineStr"><is><t>N` + "\x00" + `ME</t></is></c></row>`), 2, "U+0000 is not allowed"},
		{"character reference to NUL", sheetWith(`<row r="2"><c t="inlineStr"><is><t>&#0;</t></is></c></row>`), 2, "not an XML character"},
		{"text outside the root", zipOf(t, "xl/worksheets/sheet1.xml", "garbage"+sheetStart+header+sheetEnd), 0, "text outside the root element"},
		{"content after the root", zipOf(t, "xl/worksheets/sheet1.xml", sheetStart+header+sheetEnd+"<worksheet/>"), 0, "content after the root"},
		{"latin-1 part", zipOf(t, "xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="ISO-8859-1"?><worksheet/>`), 0, `encoding "ISO-8859-1"`},
		{"rows out of order", sheetWith(`<row r="3"></row><row r="2"></row>`), 2, "row 2 after row 3"},
		{"cells out of order", sheetWith(`<row r="2"><c r="C2"><v>1</v></c><c r="B2"><v>1</v></c></row>`), 2, "cells out of order"},
		{"bad cell reference", sheetWith(`<row r="2"><c r="2B"><v>1</v></c></row>`), 2, "bad cell reference"},
		{"bad row number", sheetWith(`<row r="x"></row>`), 2, "bad row number"},
		{"row past Excel's last", sheetWith(`<row r="1048577"></row>`), 1048577, "row number is 1048577, over the limit of 1048576"},
		{"column past Excel's last", sheetWith(`<row r="2"><c r="XFE2"><v>1</v></c></row>`), 2, "over the limit of 16384"},
		{"cell over 1 MiB", sheetWith(`<row r="2">` + inlineCells(letters(reader.MaxField+1)) + `</row>`), 2, "over the limit of 1048576"},
		{"shared string missing", sheetWith(`<row r="2"><c t="s"><v>0</v></c></row>`), 2, "the workbook has none"},
		{"shared string out of range", workbookWith(t, header+`<row r="2"><c t="s"><v>5</v></c></row>`, `<sst><si><t>a</t></si></sst>`), 2, "shared string 5, but the workbook has only 1"},
		{"bad shared string index", sheetWith(`<row r="2"><c t="s"><v>-1</v></c></row>`), 2, `bad shared string index "-1"`},
		{"sheet part missing", zipOf(t, "xl/workbook.xml", workbookXML, "xl/_rels/workbook.xml.rels", workbookRels), 0, "part worksheets/sheet1.xml missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAll(tt.data, def)
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != "book.xlsx" || pe.Line != tt.line || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v (line %v); want a *reader.ParseError naming book.xlsx, line %d, mentioning %q", err, lineOf(pe), tt.line, tt.want)
			}
			_ = got
		})
	}
}

// drain reads every row of the workbook in data, keeping none.
func drain(data []byte) error {
	sh, err := xlsxrows.Open(bytes.NewReader(data), "book.xlsx", 1, isHeader)
	if err != nil {
		return err
	}
	defer sh.Close()
	for {
		if _, _, err := sh.Next(); err != nil {
			return err
		}
	}
}

// letters returns n pseudo-random letters, which do not compress much.
func letters(n int) string {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = 'a' + byte(x%26)
	}
	return string(b)
}

// cut returns the first half of data.
func cut(data []byte) []byte { return data[:len(data)/2] }

func lineOf(pe *reader.ParseError) int {
	if pe == nil {
		return -1
	}
	return pe.Line
}

// Each limit of the budget refuses a workbook past it, naming the limit.
func TestRead_Budget(t *testing.T) {
	small := func(edit func(*xlsxrows.Limits)) xlsxrows.Limits {
		l := xlsxrows.DefaultLimits()
		edit(&l)
		return l
	}
	strs := `<sst><si><t>one</t></si><si><t>two</t></si><si><t>three</t></si></sst>`
	allStrings := header + `<row r="2"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>`
	manyRows := header
	for i := 2; i <= 60; i++ {
		manyRows += fmt.Sprintf(`<row r="%d"><c><v>%d</v></c></row>`, i, i)
	}
	bomb := workbookWith(t, header+`<row r="2">`+inlineCells(strings.Repeat(" ", 4<<20))+`</row>`, "")
	tests := []struct {
		name string
		data []byte
		lim  xlsxrows.Limits
		want string
	}{
		{"part size", workbookWith(t, manyRows, ""), small(func(l *xlsxrows.Limits) { l.PartBytes = 1000 }), "unzipped size of xl/worksheets/sheet1.xml is"},
		{"zip bomb ratio", bomb, xlsxrows.DefaultLimits(), "compression ratio of xl/worksheets/sheet1.xml is"},
		{"rows", workbookWith(t, manyRows, ""), small(func(l *xlsxrows.Limits) { l.Rows = 10 }), "row number is 11, over the limit of 10"},
		{"columns", workbookWith(t, header+`<row r="2">`+inlineCells("a", "b", "c")+`</row>`, ""), small(func(l *xlsxrows.Limits) { l.Columns = 2 }), "over the limit of 2"},
		{"shared strings", workbookWith(t, allStrings, strs), small(func(l *xlsxrows.Limits) { l.SharedStrings = 2 }), "number of shared strings over the limit of 2"},
		{"shared string bytes", workbookWith(t, allStrings, strs), small(func(l *xlsxrows.Limits) { l.SharedBytes = 8 }), "bytes of shared strings over the limit of 8"},
		{"cell text", workbookWith(t, header+`<row r="2">`+inlineCells("0123456789")+`</row>`, ""), small(func(l *xlsxrows.Limits) { l.CellBytes = 8 }), "over the limit of 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(tt.data, tt.lim)
			var le *xlsxrows.LimitError
			var pe *reader.ParseError
			if !errors.As(err, &le) || !errors.As(err, &pe) || pe.File != "book.xlsx" || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v; want a *LimitError in a *reader.ParseError naming book.xlsx, mentioning %q", err, tt.want)
			}
		})
	}
}

// hugeSheet returns a workbook whose sheet unzips to the header row then
// about n bytes of rows in little space: one deflated block of a
// megabyte of rows, repeated (rows without numbers, so that repeats are
// valid). Its zip directory states the true size and checksum.
func hugeSheet(t testing.TB, rows func(w io.Writer, size int), n int) []byte {
	t.Helper()
	var chunk bytes.Buffer
	rows(&chunk, 1<<20)
	var block bytes.Buffer
	fw, _ := flate.NewWriter(&block, flate.BestCompression)
	fw.Write(chunk.Bytes())
	fw.Flush() // a byte-aligned block that refers to nothing before it: it may be repeated
	reps := max(1, n/chunk.Len())
	var body bytes.Buffer
	crc := crc32.NewIEEE()
	for _, s := range []string{sheetStart, header} {
		io.WriteString(crc, s)
		stored(&body, s)
	}
	for range reps {
		body.Write(block.Bytes())
		crc.Write(chunk.Bytes())
	}
	io.WriteString(crc, sheetEnd)
	stored(&body, sheetEnd)
	body.Write([]byte{0x03, 0x00}) // final empty block
	size := uint64(len(sheetStart) + len(header) + reps*chunk.Len() + len(sheetEnd))

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range [][2]string{{"_rels/.rels", rootRels}, {"xl/workbook.xml", workbookXML}, {"xl/_rels/workbook.xml.rels", workbookRels}} {
		w, _ := zw.Create(p[0])
		io.WriteString(w, p[1])
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CRC32: crc.Sum32(), CompressedSize64: uint64(body.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameRows writes rows of one cell, all alike: they compress 500 to 1.
func sameRows(w io.Writer, size int) {
	for n := 0; n < size; {
		k, _ := io.WriteString(w, `<row><c><v>1</v></c></row>`)
		n += k
	}
}

// numberRows writes rows of one cell holding a different number each:
// they compress about 4 to 1, like a real sheet.
func numberRows(w io.Writer, size int) {
	x := uint32(2463534242)
	for n := 0; n < size; {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		k, _ := fmt.Fprintf(w, `<row><c><v>%d</v></c></row>`, x)
		n += k
	}
}

// stored writes s as a stored (uncompressed), non-final deflate block.
func stored(w *bytes.Buffer, s string) {
	w.Write([]byte{0x00, byte(len(s)), byte(len(s) >> 8), ^byte(len(s)), ^byte(len(s) >> 8)})
	w.WriteString(s)
}

// A workbook of a few megabytes whose sheet unzips to a gigabyte is
// refused from its zip directory, before a byte of the sheet is read;
// one of a few hundred kilobytes whose sheet unzips to 100 MB is refused
// as a zip bomb (compression ratio).
func TestRead_HugeSheet(t *testing.T) {
	big := hugeSheet(t, sameRows, 1<<30)
	if len(big) > 8<<20 {
		t.Fatalf("test workbook of %d bytes", len(big))
	}
	_, err := readAll(big, xlsxrows.DefaultLimits())
	var le *xlsxrows.LimitError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "book.xlsx") || !strings.Contains(err.Error(), "unzipped size of xl/worksheets/sheet1.xml is 10") {
		t.Fatalf("1 GiB sheet: err = %v, want a LimitError naming the file and the part", err)
	}
	bomb := hugeSheet(t, sameRows, 100<<20)
	_, err = readAll(bomb, xlsxrows.DefaultLimits())
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "compression ratio of xl/worksheets/sheet1.xml") {
		t.Fatalf("zip bomb: err = %v, want a LimitError on the compression ratio", err)
	}
}

// BenchmarkRefuseHuge measures refusing hostile workbooks with the
// default limits: a gigabyte sheet (refused from the zip directory) and
// a sheet of 60 MB that compresses like a real one but holds more rows
// than Excel allows (refused at row 1,048,577, having read them).
func BenchmarkRefuseHuge(b *testing.B) {
	for _, tt := range []struct {
		name string
		rows func(io.Writer, int)
		size int
	}{{"1GiB-sheet", sameRows, 1 << 30}, {"2M-rows", numberRows, 60 << 20}} {
		data := hugeSheet(b, tt.rows, tt.size)
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				if err := drain(data); err == nil {
					b.Fatal("not refused")
				}
			}
			b.ReportMetric(float64(len(data))/(1<<20), "zip-MB")
		})
	}
}

// FuzzSheet reads arbitrary sheet and shared-strings XML in a well-formed
// workbook: rows in increasing order within the limits, or a
// *reader.ParseError naming the file; never a panic.
func FuzzSheet(f *testing.F) {
	f.Add(header+`<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="inlineStr"><is><r><t>x</t></r></is></c></row>`, `<sst><si><t>a</t></si></sst>`)
	f.Add(header+`<row r="3"><c><v>45607</v></c></row><row r="2"/>`, "")
	f.Add(header+`<row><c t="s"><v>99999999999999999999</v></c>`, "<sst><si><t>")
	f.Add(`<!DOCTYPE x [<!ENTITY a "b">]>`+header, `<sst><si><t>&a;</t></si></sst>`)
	lim := xlsxrows.DefaultLimits()
	lim.Columns, lim.Rows = 64, 1000
	f.Fuzz(func(t *testing.T, rows, strs string) {
		data := workbookWith(t, rows, strs)
		sh, err := xlsxrows.OpenWith(bytes.NewReader(data), "book.xlsx", 1, func([]string) bool { return true }, lim)
		if err == nil {
			defer sh.Close()
		}
		prev := 0
		for err == nil {
			var n int
			var cells []string
			n, cells, err = sh.Next()
			if err == nil && (n <= prev || n > lim.Rows || len(cells) > lim.Columns) {
				t.Fatalf("row %d after %d with %d cells", n, prev, len(cells))
			}
			prev = n
		}
		var pe *reader.ParseError
		if !errors.Is(err, io.EOF) && !errors.Is(err, xlsxrows.ErrNoSheet) && (!errors.As(err, &pe) || pe.File != "book.xlsx") {
			t.Fatalf("err = %v (%T), want a *reader.ParseError naming book.xlsx", err, err)
		}
	})
}
