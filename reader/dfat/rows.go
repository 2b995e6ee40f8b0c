package dfat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/reader"
)

// row is one data row as column name → trimmed value. Unknown columns are
// ignored so that a column DFAT adds does not stop loading.
type row map[string]string

// parseRows merges all data rows by reference and emits the records.
func parseRows(ctx context.Context, name string, wb *workbook, emit reader.Emit) error {
	gs := newGroups()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, cells, err := wb.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		r, err := toRow(name, line, wb.header, cells)
		if err != nil {
			return err
		}
		if r == nil {
			continue
		}
		if err := gs.add(r); err != nil {
			return &reader.ParseError{File: name, Line: line, Record: r["Reference"], Field: fieldOf(err), Err: err}
		}
	}
	if len(gs.order) == 0 {
		return reader.Errorf(name, 0, "no records")
	}
	for _, id := range gs.order {
		if err := emit(gs.finish(id)); err != nil {
			return err
		}
	}
	return nil
}

// toRow checks a data row's cells and maps them to the header. It returns
// nil for a blank row.
func toRow(name string, line int, header, cells []string) (row, error) {
	r := make(row, len(header))
	blank := true
	for i, v := range cells {
		col := columnName(header, i)
		switch {
		case len(v) > reader.MaxField:
			return nil, &reader.ParseError{File: name, Line: line, Field: col,
				Err: fmt.Errorf("field of %d bytes exceeds limit %d", len(v), reader.MaxField)}
		case !utf8.ValidString(v):
			return nil, &reader.ParseError{File: name, Line: line, Field: col, Err: errors.New("invalid UTF-8")}
		}
		if v = strings.TrimSpace(v); v != "" {
			blank = false
			r[col] = v
		}
	}
	if blank {
		return nil, nil
	}
	return r, nil
}

// fieldError is an error about one column of a row.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

func fieldOf(err error) string {
	var fe *fieldError
	if errors.As(err, &fe) {
		return fe.field
	}
	return ""
}

// columnName names cell i by its header, or by position past the header.
func columnName(header []string, i int) string {
	if i < len(header) && header[i] != "" {
		return header[i]
	}
	return fmt.Sprintf("column %d", i+1)
}
