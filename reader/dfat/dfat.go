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
	"context"
	"errors"
	"io"
	"slices"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/readfile"
	"github.com/vigil-screening/vigil/reader/xlsxrows"
)

// List is the list name of the records this package reads.
const List = "au_dfat"

// required are the columns without which a row cannot be read.
var required = []string{"Reference", "Name of Individual or Entity", "Type", "Name Type"}

// DetectWorkbook reports whether the file at path is an XLSX workbook
// whose first row has the DFAT list's columns.
func DetectWorkbook(path string) (bool, error) {
	return xlsxrows.DetectFile("dfat", path, 1, isHeader)
}

// DetectRows reports whether rows, the first rows of a worksheet, are
// those of the list: the first is its header row. It lets a caller that
// has peeked at a workbook recognise it without opening it in full.
func DetectRows(rows [][]string) bool {
	return xlsxrows.HeaderWithin(rows, 1, isHeader)
}

// Read parses the workbook at path.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	return readfile.Read(ctx, "dfat", path, Parse, emit)
}

// Parse parses the workbook read from r (buffered in memory); name is used
// in errors. The list is on the first sheet whose first row is its header.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	sh, err := xlsxrows.Open(r, name, 1, isHeader)
	if errors.Is(err, xlsxrows.ErrNoSheet) {
		return reader.Errorf(name, 1, "no sheet whose first row is the DFAT header (Reference, Name of Individual or Entity, ...)")
	}
	if err != nil {
		return err
	}
	defer sh.Close()
	return parseRows(ctx, name, sh, emit)
}

func isHeader(cells []string) bool {
	for _, c := range required {
		if !slices.Contains(cells, c) {
			return false
		}
	}
	return true
}
