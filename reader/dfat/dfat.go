// Package dfat reads the Australian DFAT consolidated sanctions list
// (regulation8_consolidated.xlsx) into list "au_dfat".
//
// The workbook has one row per name. A row's Reference is a number,
// optionally followed by letters and digits for further names of the same
// listing ("123", "123a", "123b", "34c1"): the record ID is the leading
// number, and all rows sharing it are merged into one record, with each
// distinct value kept once. The row typed "Primary Name" gives the primary
// name; "aka" rows are aliases, "Original Script" rows names in their own
// script, "Formerly known as"/"Previously listed as" former names (the
// Name Type column is matched without regard to case or surrounding
// spaces). Dates come as Excel serial day numbers or as free text.
package dfat

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/vigil-screening/vigil/reader"
)

// List is the list name of the records this package reads.
const List = "au_dfat"

// required are the columns without which a row cannot be read.
var required = []string{"Reference", "Name of Individual or Entity", "Type", "Name Type"}

var zipMagic = []byte("PK\x03\x04")

// Limits on the unzipped workbook, against zip bombs.
const (
	unzipLimit    = 1 << 30
	unzipXMLLimit = 512 << 20
)

// DetectWorkbook reports whether the file at path is an XLSX workbook
// whose first row has the DFAT list's columns.
func DetectWorkbook(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("dfat: %w", err)
	}
	defer f.Close()
	head := make([]byte, len(zipMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, zipMagic) {
		return false, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return false, fmt.Errorf("dfat: %w", err)
	}
	wb, err := openWorkbook(f, path)
	if err != nil {
		return false, nil
	}
	wb.close()
	return true, nil
}

// DetectRows reports whether rows, the first rows of a worksheet, are
// those of the list: the first is its header row. It lets a caller that
// has peeked at a workbook recognise it without opening it in full.
func DetectRows(rows [][]string) bool {
	return len(rows) > 0 && isHeader(rows[0])
}

// Read parses the workbook at path.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("dfat: %w", err)
	}
	defer f.Close()
	return Parse(ctx, f, path, emit)
}

// Parse parses the workbook read from r (buffered in memory); name is used
// in errors.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	wb, err := openWorkbook(r, name)
	if err != nil {
		return err
	}
	defer wb.close()
	return parseRows(ctx, name, wb, emit)
}

// workbook reads the first sheet whose first row is the list's header.
type workbook struct {
	name   string
	f      *excelize.File
	rows   *excelize.Rows
	header []string
	row    int
}

func openWorkbook(r io.Reader, name string) (*workbook, error) {
	lr := &io.LimitedReader{R: r, N: reader.MaxFile + 1}
	f, err := excelize.OpenReader(lr, excelize.Options{
		RawCellValue: true, UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit,
	})
	if lr.N <= 0 {
		return nil, reader.Errorf(name, 0, "file larger than %d bytes", reader.MaxFile)
	}
	if err != nil {
		return nil, reader.Errorf(name, 0, "not a readable XLSX workbook: %v", err)
	}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			f.Close()
			return nil, &reader.ParseError{File: name, Field: "sheet " + sheet, Err: err}
		}
		wb := &workbook{name: name, f: f, rows: rows}
		if _, header, err := wb.next(); err == nil && isHeader(header) {
			wb.header = header
			return wb, nil
		}
		rows.Close()
	}
	f.Close()
	return nil, reader.Errorf(name, 1, "no sheet whose first row is the DFAT header (Reference, Name of Individual or Entity, ...)")
}

func isHeader(cells []string) bool {
	for _, c := range required {
		if !slices.Contains(cells, c) {
			return false
		}
	}
	return true
}

// next returns the next row and its 1-based number, or io.EOF.
func (w *workbook) next() (int, []string, error) {
	if !w.rows.Next() {
		if err := w.rows.Error(); err != nil {
			return 0, nil, reader.Errorf(w.name, w.row+1, "reading sheet: %v", err)
		}
		return 0, nil, io.EOF
	}
	w.row++
	cells, err := w.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, reader.Errorf(w.name, w.row, "reading row: %v", err)
	}
	return w.row, cells, nil
}

func (w *workbook) close() {
	w.rows.Close()
	w.f.Close()
}
