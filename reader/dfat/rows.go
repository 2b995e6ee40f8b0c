package dfat

import (
	"context"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/rowmap"
	"github.com/vigil-screening/vigil/reader/xlsxrows"
)

// row is one data row as column name → trimmed value. Unknown columns are
// ignored so that a column DFAT adds does not stop loading.
type row = rowmap.Row

// parseRows reads the header row, merges all data rows by reference and
// emits the records.
func parseRows(ctx context.Context, name string, sh *xlsxrows.Sheet, emit reader.Emit) error {
	_, header, err := sh.Next()
	if err != nil {
		return err
	}
	gs := newGroups()
	err = rowmap.Each(ctx, sh, func(line int, cells []string) error {
		r, err := toRow(name, line, header, cells)
		if err != nil || r == nil {
			return err
		}
		if err := gs.add(r); err != nil {
			return &reader.ParseError{File: name, Line: line, Record: r["Reference"], Field: rowmap.FieldOf(err), Err: err}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return gs.Emit(name, emit, nil)
}

// toRow checks a data row's cells and maps them to the header. It returns
// nil for a blank row.
func toRow(name string, line int, header, cells []string) (row, error) {
	return rowmap.Map(name, line, header, cells, false)
}
