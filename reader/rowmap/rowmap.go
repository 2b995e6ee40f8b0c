// Package rowmap holds what the readers of tabular lists (CSV, TSV and
// XLSX) share once a file is split into rows of cells: the loop over the
// rows, the check of each cell against the shared limits, and the mapping
// of a row to its header's column names.
package rowmap

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/reader"
)

// Source yields the rows of a list file, one slice of cells per row, with
// the 1-based line (CSV) or row (XLSX) number. It returns io.EOF at the
// end, and errors that name the file and line.
type Source interface {
	Next() (line int, cells []string, err error)
}

// Each calls fn for every remaining row of src, checking ctx before each.
// It stops at the first error, from src or fn, and returns it.
func Each(ctx context.Context, src Source, fn func(line int, cells []string) error) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, cells, err := src.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(line, cells); err != nil {
			return err
		}
	}
}

// CheckCells rejects a cell larger than reader.MaxField or not valid
// UTF-8, naming its column from header. badUTF8 is the message for
// invalid UTF-8 ("invalid UTF-8" when empty).
func CheckCells(name string, line int, header, cells []string, badUTF8 string) error {
	for i, v := range cells {
		if err := checkCell(v, badUTF8); err != nil {
			return &reader.ParseError{File: name, Line: line, Field: ColumnName(header, i), Err: err}
		}
	}
	return nil
}

func checkCell(v, badUTF8 string) error {
	switch {
	case len(v) > reader.MaxField:
		return fmt.Errorf("field of %d bytes exceeds limit %d", len(v), reader.MaxField)
	case !utf8.ValidString(v) && badUTF8 != "":
		return errors.New(badUTF8)
	case !utf8.ValidString(v):
		return errors.New("invalid UTF-8")
	}
	return nil
}

// ColumnName names cell i by its header, or by position past the header.
func ColumnName(header []string, i int) string {
	if i < len(header) && header[i] != "" {
		return header[i]
	}
	return fmt.Sprintf("column %d", i+1)
}

// Row is one data row as column name → trimmed value; empty cells are
// left out.
type Row map[string]string

// Map checks a data row's cells and maps them to the header. It returns
// nil for a blank row. A value past the header is kept under "column N",
// or with rejectExtra is an error.
func Map(name string, line int, header, cells []string, rejectExtra bool) (Row, error) {
	r := make(Row, len(header))
	for i, v := range cells {
		col := ColumnName(header, i)
		if err := checkCell(v, ""); err != nil {
			return nil, &reader.ParseError{File: name, Line: line, Field: col, Err: err}
		}
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		if i >= len(header) && rejectExtra {
			return nil, &reader.ParseError{File: name, Line: line, Field: col,
				Err: fmt.Errorf("value in a column beyond the %d header columns", len(header))}
		}
		r[col] = v
	}
	if len(r) == 0 {
		return nil, nil
	}
	return r, nil
}

// FieldError is an error about one column of a row, for a reader to turn
// into a *reader.ParseError naming that column.
type FieldError struct {
	Field string
	Err   error
}

func (e *FieldError) Error() string { return e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

// FieldOf returns the column named by a *FieldError in err's chain, or "".
func FieldOf(err error) string {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

// SplitList splits a ";"-separated cell into its trimmed values, dropping
// empty ones.
func SplitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
