// Package export writes tables of rows — alerts, screenings, subjects, the
// audit trail — as CSV, XLSX or JSON Lines, one row at a time, so that a
// million rows never sit in memory: CSV and JSON Lines go straight to the
// writer; XLSX goes through excelize's StreamWriter, which spills to a
// temporary file past 16 MiB, and starts a new sheet every 1,048,575
// rows (Excel's limit, less the header).
//
// It does no reading: the rows come from the store, a page at a time,
// through the service.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Format is an export format.
type Format string

// Formats.
const (
	CSV   Format = "csv"
	XLSX  Format = "xlsx"
	JSONL Format = "jsonl"
)

// ParseFormat reads a format name ("csv", "xlsx", "jsonl"; "json" and
// "ndjson" for JSON Lines).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "csv":
		return CSV, nil
	case "xlsx", "excel":
		return XLSX, nil
	case "jsonl", "json", "ndjson":
		return JSONL, nil
	}
	return "", fmt.Errorf("unknown export format %q (want csv, xlsx or jsonl)", s)
}

// ContentType is the media type of a format.
func (f Format) ContentType() string {
	switch f {
	case CSV:
		return "text/csv; charset=utf-8"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/x-ndjson"
}

// FromAccept picks a format from an Accept header, "" when it names none.
func FromAccept(accept string) Format {
	for _, part := range strings.Split(accept, ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.TrimSpace(mt) {
		case "text/csv":
			return CSV
		case XLSX.ContentType():
			return XLSX
		case "application/x-ndjson", "application/jsonl", "application/jsonlines", "application/json":
			return JSONL
		}
	}
	return ""
}

// Kind is the type of a column's values.
type Kind int

// Column kinds. JSON columns hold a JSON text, written as a value in JSON
// Lines and as text in CSV and XLSX.
const (
	Text Kind = iota
	Int
	Float
	JSON
	Time
)

// Column is one column of a table.
type Column struct {
	Name string
	Kind Kind
}

// Writer writes one table.
type Writer interface {
	// Row writes one row: one value per column, of the column's kind
	// (string, int64, float64, json.RawMessage or string, time.Time).
	Row(vals []any) error
	// Close finishes the file. It must be called once, even after an error.
	Close() error
}

// New returns a writer of the table with these columns in format f.
func New(w io.Writer, f Format, cols []Column, sheet string) (Writer, error) {
	switch f {
	case CSV:
		cw := csv.NewWriter(w)
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = c.Name
		}
		if err := cw.Write(names); err != nil {
			return nil, err
		}
		return &csvWriter{w: cw, cols: cols, rec: make([]string, len(cols))}, nil
	case JSONL:
		return &jsonlWriter{w: bufio.NewWriterSize(w, 64<<10), cols: cols}, nil
	case XLSX:
		return newXLSX(w, cols, sheet)
	}
	return nil, fmt.Errorf("unknown export format %q", f)
}

// text renders a value for CSV and XLSX. Cells that a spreadsheet would
// read as a formula (=, +, -, @ first) are prefixed with a quote, so
// that a hostile name cannot run in the reviewer's spreadsheet.
func text(v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		s = x
	case json.RawMessage:
		s = string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.UTC().Format(time.RFC3339Nano)
	default:
		s = fmt.Sprint(x)
	}
	return defuse(s)
}

// defuse quotes a text that a spreadsheet would take as a formula.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}

type csvWriter struct {
	w    *csv.Writer
	cols []Column
	rec  []string
}

func (c *csvWriter) Row(vals []any) error {
	for i := range c.cols {
		c.rec[i] = text(vals[i])
	}
	return c.w.Write(c.rec)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

type jsonlWriter struct {
	w    *bufio.Writer
	cols []Column
	buf  []byte
}

func (j *jsonlWriter) Row(vals []any) error {
	b := append(j.buf[:0], '{')
	for i, c := range j.cols {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, c.Name) // column names are ASCII
		b = append(b, ':')
		switch v := vals[i].(type) {
		case nil:
			b = append(b, "null"...)
		case json.RawMessage:
			if len(v) == 0 {
				b = append(b, "null"...)
			} else {
				b = append(b, v...)
			}
		case time.Time:
			if v.IsZero() {
				b = append(b, "null"...)
			} else {
				b = append(b, '"')
				b = v.UTC().AppendFormat(b, time.RFC3339Nano)
				b = append(b, '"')
			}
		default:
			m, err := json.Marshal(v)
			if err != nil {
				return err
			}
			b = append(b, m...)
		}
	}
	b = append(b, '}', '\n')
	j.buf = b
	_, err := j.w.Write(b)
	return err
}

func (j *jsonlWriter) Close() error { return j.w.Flush() }

// MaxSheetRows is the most data rows on one XLSX sheet: Excel's
// 1,048,576 rows less the header.
const MaxSheetRows = 1_048_575

// sheetRows is MaxSheetRows, lowered by tests.
var sheetRows = MaxSheetRows

type xlsxWriter struct {
	out   io.Writer
	f     *excelize.File
	sw    *excelize.StreamWriter
	cols  []Column
	name  string
	sheet int // sheets written
	row   int // data rows on the current sheet
	cells []any
}

func newXLSX(w io.Writer, cols []Column, name string) (*xlsxWriter, error) {
	if name == "" {
		name = "export"
	}
	x := &xlsxWriter{out: w, f: excelize.NewFile(), cols: cols, name: name, cells: make([]any, len(cols))}
	if err := x.nextSheet(); err != nil {
		x.f.Close()
		return nil, err
	}
	return x, nil
}

func (x *xlsxWriter) nextSheet() error {
	if x.sw != nil {
		if err := x.sw.Flush(); err != nil {
			return err
		}
	}
	x.sheet++
	name := x.name
	if x.sheet > 1 {
		name = fmt.Sprintf("%s %d", x.name, x.sheet)
	}
	if x.sheet == 1 {
		if err := x.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := x.f.NewSheet(name); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	x.sw, x.row = sw, 0
	header := make([]any, len(x.cols))
	for i, c := range x.cols {
		header[i] = c.Name
	}
	return sw.SetRow("A1", header)
}

func (x *xlsxWriter) Row(vals []any) error {
	if x.row == sheetRows {
		if err := x.nextSheet(); err != nil {
			return err
		}
	}
	x.row++
	for i := range x.cols {
		switch v := vals[i].(type) {
		case int64, float64, int:
			x.cells[i] = v
		default:
			x.cells[i] = text(v)
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, x.row+1)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.cells)
}

func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	return x.f.Write(x.out)
}
