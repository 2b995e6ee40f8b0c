package ofsi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
)

// required are the columns without which a row cannot be read.
var required = []string{"Name 6", "Group ID", "Group Type", "Alias Type"}

// isHeader reports whether cells is the list's header row.
func isHeader(cells []string) bool {
	for _, c := range required {
		if !slices.Contains(cells, c) {
			return false
		}
	}
	return true
}

// row is one data row as column name → trimmed value. Columns this reader
// does not know are ignored, so that a column OFSI adds does not stop
// loading; the required columns must be present.
type row map[string]string

// parseRows reads the preamble and header, merges all data rows by Group
// ID and emits the records. It returns the "Last Updated" date of the
// preamble, zero when there is none.
func parseRows(ctx context.Context, name string, src rowSource, emit reader.Emit) (entity.Date, error) {
	header, edition, err := readHeader(name, src)
	if err != nil {
		return entity.Date{}, err
	}
	gs := newGroups()
	for {
		if err := ctx.Err(); err != nil {
			return entity.Date{}, err
		}
		line, cells, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return entity.Date{}, err
		}
		r, err := toRow(name, line, header, cells)
		if err != nil {
			return entity.Date{}, err
		}
		if r == nil {
			continue
		}
		if err := gs.add(r); err != nil {
			return entity.Date{}, &reader.ParseError{File: name, Line: line, Record: r["Group ID"], Field: fieldOf(err), Err: err}
		}
	}
	if len(gs.order) == 0 {
		return entity.Date{}, reader.Errorf(name, 0, "no records")
	}
	for _, id := range gs.order {
		if err := emit(gs.finish(id)); err != nil {
			return entity.Date{}, err
		}
	}
	return edition, nil
}

// readHeader reads an optional "Last Updated,dd/mm/yyyy" line and the
// header row.
func readHeader(name string, src rowSource) ([]string, entity.Date, error) {
	var edition entity.Date
	for {
		line, cells, err := src.next()
		if errors.Is(err, io.EOF) {
			return nil, edition, reader.Errorf(name, line, "no header row: empty file")
		}
		if err != nil {
			return nil, edition, err
		}
		if isHeader(cells) {
			return cells, edition, nil
		}
		if line == 1 && len(cells) >= 2 && strings.TrimSpace(cells[0]) == "Last Updated" {
			edition, _ = parseDate(cells[1])
			continue
		}
		return nil, edition, reader.Errorf(name, line,
			"not an OFSI list: want header row with columns %s", strings.Join(required, ", "))
	}
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
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if i >= len(header) {
			return nil, &reader.ParseError{File: name, Line: line, Field: col,
				Err: fmt.Errorf("value in a column beyond the %d header columns", len(header))}
		}
		blank = false
		r[col] = v
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
