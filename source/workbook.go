package source

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Peeking at a workbook: detection needs only the first rows of each
// worksheet, and opening a large workbook with an XLSX library unzips and
// decodes all of it (about a second for OFSI's). So detection reads the
// zip directory, the start of each sheet, and the shared strings up to
// the highest one those rows use. The reader of the matching format then
// opens the workbook once, with the XLSX library, and checks everything.

const (
	// peekRows is how many rows of each sheet detection looks at.
	peekRows = 3
	// peekLimit bounds the unzipped bytes read from one part (sheet or
	// shared strings) while peeking, against zip bombs.
	peekLimit = 64 << 20
	// maxPeekCell bounds one cell's text while peeking.
	maxPeekCell = 64 << 10
)

// errPeekDone stops an XML scan once it has what it needs.
var errPeekDone = errors.New("done")

// peekWorkbook returns the first rows of each worksheet of the XLSX file
// at path, in sheet file order (xl/worksheets/sheet1.xml, sheet2.xml,
// ...), with each row's non-empty cells in column order. Cell positions
// are not kept: detection only asks which values a row holds.
func peekWorkbook(file string) ([][][]string, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, fmt.Errorf("peek %s: %w", file, err)
	}
	defer zr.Close()
	var sheets []*zip.File
	var strs *zip.File
	for _, f := range zr.File {
		dir, base := path.Split(f.Name)
		switch {
		case dir == "xl/worksheets/" && strings.HasSuffix(base, ".xml"):
			sheets = append(sheets, f)
		case strings.EqualFold(f.Name, "xl/sharedStrings.xml"):
			strs = f
		}
	}
	sort.Slice(sheets, func(i, j int) bool { return sheetLess(sheets[i].Name, sheets[j].Name) })
	var all [][]peekCell
	var bySheet [][][]peekCell
	for _, f := range sheets {
		rows, err := peekSheet(f)
		if err != nil {
			return nil, fmt.Errorf("peek %s: %s: %w", file, f.Name, err)
		}
		bySheet = append(bySheet, rows)
		all = append(all, rows...)
	}
	shared, err := peekShared(strs, maxShared(all))
	if err != nil {
		return nil, fmt.Errorf("peek %s: shared strings: %w", file, err)
	}
	out := make([][][]string, len(bySheet))
	for i, rows := range bySheet {
		for _, r := range rows {
			out[i] = append(out[i], resolve(r, shared))
		}
	}
	return out, nil
}

// sheetLess orders sheet files by their number: sheet2.xml before sheet10.xml.
func sheetLess(a, b string) bool {
	na, ea := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path.Base(a), "sheet"), ".xml"))
	nb, eb := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path.Base(b), "sheet"), ".xml"))
	if ea == nil && eb == nil && na != nb {
		return na < nb
	}
	return a < b
}

// peekCell is a cell's text, or the index of its shared string.
type peekCell struct {
	text   string
	shared int // -1 when text holds the value
}

// peekSheet returns the cells of the first peekRows rows of a sheet.
func peekSheet(f *zip.File) ([][]peekCell, error) {
	var rows [][]peekCell
	var typ string
	err := scanXML(f, func(d *xml.Decoder, se xml.StartElement) error {
		switch se.Name.Local {
		case "row":
			if len(rows) == peekRows {
				return errPeekDone
			}
			rows = append(rows, nil)
		case "c":
			typ = attr(se, "t")
		case "v", "t":
			if len(rows) == 0 {
				return nil
			}
			text, err := charData(d)
			if err != nil {
				return err
			}
			c := peekCell{text: text, shared: -1}
			if typ == "s" && se.Name.Local == "v" {
				if c.shared, err = strconv.Atoi(strings.TrimSpace(text)); err != nil || c.shared < 0 {
					return fmt.Errorf("bad shared string index %q", text)
				}
			}
			last := len(rows) - 1
			rows[last] = append(rows[last], c)
		}
		return nil
	})
	return rows, err
}

// peekShared returns the first n+1 shared strings (indexes 0..n). Each
// string is the text of its <t> elements, rich-text runs joined, phonetic
// guides (<rPh>) left out.
func peekShared(f *zip.File, n int) ([]string, error) {
	if n < 0 {
		return nil, nil
	}
	if f == nil {
		return nil, errors.New("cells refer to shared strings, but the workbook has none")
	}
	var strs []string
	var cur strings.Builder
	inPhonetic := false
	err := scanXML(f, func(d *xml.Decoder, se xml.StartElement) error {
		switch se.Name.Local {
		case "si":
			if len(strs) > n {
				return errPeekDone
			}
			strs = append(strs, "")
			cur.Reset()
			inPhonetic = false
		case "rPh":
			inPhonetic = true
		case "t":
			text, err := charData(d)
			if err != nil || inPhonetic || len(strs) == 0 {
				return err
			}
			cur.WriteString(text)
			strs[len(strs)-1] = cur.String()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(strs) <= n {
		return nil, fmt.Errorf("index %d, but only %d strings", n, len(strs))
	}
	return strs, nil
}

// scanXML calls fn for each start element of a zip part until fn
// returns an error; errPeekDone ends the scan without error. Reading
// past peekLimit unzipped bytes is an error.
func scanXML(f *zip.File, fn func(*xml.Decoder, xml.StartElement) error) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: peekLimit}
	d := xml.NewDecoder(lr)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if lr.N <= 0 {
				return fmt.Errorf("part larger than %d bytes", peekLimit)
			}
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if err := fn(d, se); errors.Is(err, errPeekDone) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// charData returns the text up to the end of the current element.
func charData(d *xml.Decoder) (string, error) {
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if b.Len()+len(t) > maxPeekCell {
				return "", fmt.Errorf("cell text longer than %d bytes", maxPeekCell)
			}
			b.Write(t)
		case xml.EndElement:
			return b.String(), nil
		case xml.StartElement:
			return "", fmt.Errorf("unexpected <%s> in text", t.Name.Local)
		}
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// maxShared returns the highest shared string index the rows use, -1 if none.
func maxShared(rows [][]peekCell) int {
	n := -1
	for _, r := range rows {
		for _, c := range r {
			n = max(n, c.shared)
		}
	}
	return n
}

// resolve returns a row's cell values, shared strings looked up.
func resolve(r []peekCell, shared []string) []string {
	vals := make([]string, len(r))
	for i, c := range r {
		vals[i] = c.text
		if c.shared >= 0 {
			vals[i] = shared[c.shared]
		}
	}
	return vals
}
