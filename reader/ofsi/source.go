package ofsi

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/vigil-screening/vigil/reader"
)

// rowSource yields the rows of the list, one slice of cells per row, with
// the 1-based line (CSV) or row (XLSX) number. It returns io.EOF at the end.
type rowSource interface {
	next() (line int, cells []string, err error)
}

// csvSource reads the CSV form.
type csvSource struct {
	name string
	r    *csv.Reader
}

// openCSV reads the whole CSV (at most reader.MaxFile bytes), decodes it
// from Windows-1252 unless it is valid UTF-8, and prepares to split it.
func openCSV(r io.Reader, name string) (*csvSource, error) {
	data, err := io.ReadAll(io.LimitReader(r, reader.MaxFile+1))
	if err != nil {
		return nil, &reader.ParseError{File: name, Err: err}
	}
	if len(data) > reader.MaxFile {
		return nil, reader.Errorf(name, 0, "file larger than %d bytes", reader.MaxFile)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return nil, &reader.ParseError{File: name, Err: fmt.Errorf("decoding Windows-1252: %w", err)}
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	return &csvSource{name: name, r: cr}, nil
}

func (s *csvSource) next() (int, []string, error) {
	row, err := s.r.Read()
	if errors.Is(err, io.EOF) {
		return 0, nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return 0, nil, reader.Errorf(s.name, pe.StartLine, "column %d: %v (truncated or malformed file?)", pe.Column, pe.Err)
		}
		return 0, nil, &reader.ParseError{File: s.name, Err: err}
	}
	line, _ := s.r.FieldPos(0)
	return line, row, nil
}

// workbook reads the XLSX form: the first sheet whose first rows hold the
// list's header.
type workbook struct {
	name string
	f    *excelize.File
	rows *excelize.Rows
	row  int
}

// Limits on the unzipped workbook, against zip bombs.
const (
	unzipLimit    = 1 << 30
	unzipXMLLimit = 512 << 20
)

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
		ok, err := sheetHasHeader(f, sheet)
		if err != nil {
			f.Close()
			return nil, &reader.ParseError{File: name, Field: "sheet " + sheet, Err: err}
		}
		if !ok {
			continue
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			f.Close()
			return nil, &reader.ParseError{File: name, Field: "sheet " + sheet, Err: err}
		}
		return &workbook{name: name, f: f, rows: rows}, nil
	}
	f.Close()
	return nil, reader.Errorf(name, 0, "no sheet with the OFSI header row (Name 6 ... Group ID)")
}

// sheetHasHeader reports whether one of the first three rows of sheet is
// the header row.
func sheetHasHeader(f *excelize.File, sheet string) (bool, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for i := 0; i < 3 && rows.Next(); i++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return false, err
		}
		if isHeader(cells) {
			return true, nil
		}
	}
	return false, rows.Error()
}

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
