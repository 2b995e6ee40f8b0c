// Package xlsxrows opens an XLSX workbook with the limits every reader
// applies (at most reader.MaxFile bytes, bounded unzipped sizes against
// zip bombs), finds the sheet holding a list, and yields its rows with
// their 1-based row numbers. Cell checks and header mapping are in
// package rowmap, which also loops over a Sheet.
package xlsxrows

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/vigil-screening/vigil/reader"
)

// Limits on the unzipped workbook, against zip bombs.
const (
	unzipLimit    = 1 << 30
	unzipXMLLimit = 512 << 20
)

var zipMagic = []byte("PK\x03\x04")

// ErrNoSheet is returned by Open when no sheet has the header a reader
// looks for; the reader turns it into an error naming its list.
var ErrNoSheet = errors.New("no sheet with the list's header")

// IsZip reports whether head, the first bytes of a file, starts like a
// zip archive, as every XLSX workbook does.
func IsZip(head []byte) bool { return bytes.HasPrefix(head, zipMagic) }

// HeaderWithin reports whether one of the first n rows satisfies isHeader.
func HeaderWithin(rows [][]string, n int, isHeader func([]string) bool) bool {
	for i, cells := range rows {
		if i < n && isHeader(cells) {
			return true
		}
	}
	return false
}

// Sheet yields the rows of one worksheet.
type Sheet struct {
	name string
	f    *excelize.File
	rows *excelize.Rows
	row  int
}

// Open reads the workbook from r (buffered in memory) and opens the first
// sheet one of whose first n rows satisfies isHeader, at its first row.
// name is used in errors. Without such a sheet it returns ErrNoSheet.
func Open(r io.Reader, name string, n int, isHeader func([]string) bool) (*Sheet, error) {
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
		head, err := firstRows(f, sheet, n)
		if err != nil {
			f.Close()
			return nil, &reader.ParseError{File: name, Field: "sheet " + sheet, Err: err}
		}
		if !HeaderWithin(head, n, isHeader) {
			continue
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			f.Close()
			return nil, &reader.ParseError{File: name, Field: "sheet " + sheet, Err: err}
		}
		return &Sheet{name: name, f: f, rows: rows}, nil
	}
	f.Close()
	return nil, ErrNoSheet
}

// firstRows returns the first n rows of sheet.
func firstRows(f *excelize.File, sheet string, n int) ([][]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for i := 0; i < n && rows.Next(); i++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		out = append(out, cells)
	}
	return out, rows.Error()
}

// Next returns the next row and its 1-based number, or io.EOF.
func (s *Sheet) Next() (int, []string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return 0, nil, reader.Errorf(s.name, s.row+1, "reading sheet: %v", err)
		}
		return 0, nil, io.EOF
	}
	s.row++
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, reader.Errorf(s.name, s.row, "reading row: %v", err)
	}
	return s.row, cells, nil
}

// Close releases the sheet and its workbook.
func (s *Sheet) Close() {
	s.rows.Close()
	s.f.Close()
}

// DetectFile reports whether the file at path is an XLSX workbook with a
// sheet one of whose first n rows satisfies isHeader. pkg prefixes an
// error opening the file.
func DetectFile(pkg, path string, n int, isHeader func([]string) bool) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("%s: %w", pkg, err)
	}
	defer f.Close()
	head := make([]byte, len(zipMagic))
	if _, err := io.ReadFull(f, head); err != nil || !IsZip(head) {
		return false, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return false, fmt.Errorf("%s: %w", pkg, err)
	}
	sh, err := Open(f, path, n, isHeader)
	if err != nil {
		return false, nil
	}
	sh.Close()
	return true, nil
}
