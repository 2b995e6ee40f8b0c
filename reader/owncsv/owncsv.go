// Package owncsv reads an organisation's own list ("persons of concern")
// from a CSV file in the layout documented in docs/own-list.md, so a user
// can load an internal list without code.
//
// The file is UTF-8 (a BOM is allowed), comma-separated, with a header row
// naming the columns in any order. Only the documented columns are
// accepted: an unknown or repeated column is an error naming it, so that a
// misspelt column ("nationalty") is reported instead of silently ignored.
// Any bad value is an error naming the line and column; the file loads
// completely or not at all.
package owncsv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/csvrows"
	"github.com/vigil-screening/vigil/reader/readfile"
	"github.com/vigil-screening/vigil/reader/rowmap"
)

// Columns are the accepted column names, in documentation order.
var Columns = []string{
	"list", "id", "type", "name", "aliases", "first_name", "last_name", "gender",
	"date_of_birth", "place_of_birth", "nationality", "passport", "national_id",
	"address", "country", "remarks", "program", "linked_to",
}

// requiredColumns must be in the header.
var requiredColumns = []string{"id", "name"}

var listName = regexp.MustCompile(`^[a-z0-9_]+$`)

// Detect reports whether head, the first bytes of a file, starts with a
// header row of this layout: only known columns, "id" and "name" among
// them.
func Detect(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	cols := strings.Split(strings.TrimSpace(string(line)), ",")
	_, err := mapHeader("", cols)
	return err == nil
}

// Read parses the own-list file at path. The list name defaults to the
// file's base name without extension ("persons_of_concern.csv" →
// "persons_of_concern").
func Read(ctx context.Context, path string, emit reader.Emit) error {
	return readfile.Read(ctx, "owncsv", path, Parse, emit)
}

// Parse parses an own-list file read from r; name is used in errors and
// gives the default list name. All rows are checked before the first
// record is emitted.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	rows := csvrows.New(r, name, csvrows.Options{
		SkipBOM:        true,
		FieldCountHint: "each row must have as many cells as the header",
		MalformedHint:  "truncated or malformed file?",
	})
	cols, err := readHeader(rows, name)
	if err != nil {
		return err
	}
	b := newBuilder(name, defaultList(name))
	err = rowmap.Each(ctx, rows, func(line int, row []string) error {
		if err := rowmap.CheckCells(name, line, cols, row, "invalid UTF-8 (save the file as UTF-8)"); err != nil {
			return err
		}
		return b.add(line, cols, row)
	})
	if err != nil {
		return err
	}
	records, err := b.finish()
	if err != nil {
		return err
	}
	for _, e := range records {
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

// defaultList derives the list name from the file name: base name without
// extension, lower case, runs of other characters as "_".
func defaultList(name string) string {
	base := strings.ToLower(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)))
	var sb strings.Builder
	for _, r := range base {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			sb.WriteRune(r)
		} else if !strings.HasSuffix(sb.String(), "_") {
			sb.WriteByte('_')
		}
	}
	return strings.Trim(sb.String(), "_")
}

func readHeader(rows *csvrows.Reader, name string) ([]string, error) {
	_, row, err := rows.Next()
	if errors.Is(err, io.EOF) {
		return nil, reader.Errorf(name, 0, "empty file: want a header row")
	}
	if err != nil {
		return nil, err
	}
	return mapHeader(name, row)
}

// mapHeader checks the header's column names and returns them trimmed and
// lower case.
func mapHeader(name string, row []string) ([]string, error) {
	cols := make([]string, len(row))
	seen := make(map[string]bool)
	for i, c := range row {
		valid := utf8.ValidString(c) && len(c) <= 100
		c = strings.ToLower(strings.TrimSpace(c))
		switch {
		case !valid:
			return nil, &reader.ParseError{File: name, Line: 1, Field: fmt.Sprintf("column %d", i+1), Err: errors.New("bad column name")}
		case !isColumn(c):
			return nil, &reader.ParseError{File: name, Line: 1, Field: c,
				Err: fmt.Errorf("unknown column %q; known columns: %s", c, strings.Join(Columns, ", "))}
		case seen[c]:
			return nil, &reader.ParseError{File: name, Line: 1, Field: c, Err: errors.New("column given twice")}
		}
		seen[c] = true
		cols[i] = c
	}
	for _, c := range requiredColumns {
		if !seen[c] {
			return nil, &reader.ParseError{File: name, Line: 1, Field: c, Err: errors.New("required column missing")}
		}
	}
	return cols, nil
}

func isColumn(c string) bool {
	for _, k := range Columns {
		if k == c {
			return true
		}
	}
	return false
}

// entityKinds maps the type column to kinds.
var entityKinds = map[string]entity.Kind{
	"":             entity.KindUnknown,
	"person":       entity.KindPerson,
	"organization": entity.KindOrganization,
	"organisation": entity.KindOrganization,
	"vessel":       entity.KindVessel,
	"aircraft":     entity.KindAircraft,
}
