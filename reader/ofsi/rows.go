package ofsi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/rowmap"
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
type row = rowmap.Row

// parseRows reads the preamble and header, merges all data rows by Group
// ID and emits the records. It returns the "Last Updated" date of the
// preamble, zero when there is none.
func parseRows(ctx context.Context, name string, src rowmap.Source, emit reader.Emit) (entity.Date, error) {
	header, edition, err := readHeader(name, src)
	if err != nil {
		return entity.Date{}, err
	}
	gs := newGroups()
	err = rowmap.Each(ctx, src, func(line int, cells []string) error {
		r, err := toRow(name, line, header, cells)
		if err != nil || r == nil {
			return err
		}
		if err := gs.add(r); err != nil {
			return &reader.ParseError{File: name, Line: line, Record: r["Group ID"], Field: rowmap.FieldOf(err), Err: err}
		}
		return nil
	})
	if err != nil {
		return entity.Date{}, err
	}
	if err := gs.Emit(name, emit, addVessel); err != nil {
		return entity.Date{}, err
	}
	return edition, nil
}

// readHeader reads an optional "Last Updated,dd/mm/yyyy" line and the
// header row. A "Last Updated" line whose date does not parse is an
// error: the edition date must not silently fall back to a file name.
func readHeader(name string, src rowmap.Source) ([]string, entity.Date, error) {
	var edition entity.Date
	for {
		line, cells, err := src.Next()
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
			d, ok := parseDate(cells[1])
			if _, err := time.Parse(time.DateOnly, d.String()); !ok || err != nil {
				return nil, edition, &reader.ParseError{File: name, Line: line, Field: "Last Updated",
					Err: fmt.Errorf("edition date %q is not a date (want dd/mm/yyyy)", truncate(cells[1], 40))}
			}
			edition = d
			continue
		}
		return nil, edition, reader.Errorf(name, line,
			"not an OFSI list: want header row with columns %s", strings.Join(required, ", "))
	}
}

// toRow checks a data row's cells and maps them to the header. It returns
// nil for a blank row; a value beyond the header's columns is an error.
func toRow(name string, line int, header, cells []string) (row, error) {
	return rowmap.Map(name, line, header, cells, true)
}

// truncate shortens s to at most n bytes for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
