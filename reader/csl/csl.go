// Package csl reads the US Consolidated Screening List (trade.gov) CSV into
// list "us_csl".
//
// The file merges 13 US government lists. Each row is one record; the
// header row is repeated inside the file and skipped wherever it appears.
// Multi-valued cells are "; "-separated.
//
// Identifier: a record's ID is "<SUB>-<_id>", where SUB is the sub-list's
// short name from the "source" column ("SDN", "EL", "DPL", "NS-MBS", ...)
// and _id the file's own row identifier (equal to entity_number where that
// is filled). _id alone is not unique: the same OFAC entity appears under
// SDN and PLC, or SSI and NS-MBS, with the same _id. The full source name
// is kept in OtherIDs under scheme "csl_source", entity_number under
// "entity_number". A repeated ID is an error.
//
// The file must be UTF-8: invalid UTF-8 is an error naming line and field.
package csl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/csvrows"
	"github.com/vigil-screening/vigil/reader/readfile"
	"github.com/vigil-screening/vigil/reader/rowmap"
)

// List is the list name of the records this package reads.
const List = "us_csl"

// header is the column layout this reader understands.
var header = []string{
	"_id", "source", "entity_number", "type", "programs", "name", "title",
	"addresses", "federal_register_notice", "start_date", "end_date",
	"standard_order", "license_requirement", "license_policy", "call_sign",
	"vessel_type", "gross_tonnage", "gross_registered_tonnage", "vessel_flag",
	"vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships",
	"dates_of_birth", "nationalities", "places_of_birth",
	"source_information_url", "ids",
}

// Detect reports whether head, the first bytes of a file, starts with the
// CSL header row.
func Detect(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	return bytes.HasPrefix(head, []byte("_id,source,entity_number,type,programs,name,"))
}

// Read parses the CSL file at path.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	return readfile.Read(ctx, "csl", path, Parse, emit)
}

// Parse parses a CSL file read from r; name is used in errors.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	rows := csvrows.New(r, name, csvrows.Options{
		Fields: len(header), Reuse: true,
		FieldCountHint: "wrong delimiter or not a CSL file?",
	})
	seen := make(map[string]int)
	records, sawHeader := 0, false
	err := rowmap.Each(ctx, rows, func(line int, row []string) error {
		if slices.Equal(row, header) {
			sawHeader = true
			return nil
		}
		if !sawHeader {
			return reader.Errorf(name, line, "not a CSL file: header row missing")
		}
		if err := rowmap.CheckCells(name, line, header, row, ""); err != nil {
			return err
		}
		e := toEntity(row)
		if first, dup := seen[e.ID]; dup {
			return &reader.ParseError{File: name, Line: line, Record: e.ID, Field: "_id",
				Err: fmt.Errorf("duplicate record (first on line %d)", first)}
		}
		seen[e.ID] = line
		if err := validate(e); err != nil {
			return &reader.ParseError{File: name, Line: line, Record: e.ID, Err: err}
		}
		records++
		return emit(e)
	})
	if err != nil {
		return err
	}
	if records == 0 {
		return reader.Errorf(name, 0, "no records")
	}
	return nil
}

// validate checks what every record must have.
func validate(e *entity.Entity) error {
	switch {
	case e.ID == "" || e.ID[len(e.ID)-1] == '-':
		return errors.New("field _id: empty")
	case len(e.Names) == 0:
		return errors.New("field name: empty")
	}
	return nil
}
