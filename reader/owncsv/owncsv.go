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
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
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
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("owncsv: %w", err)
	}
	defer f.Close()
	return Parse(ctx, f, path, emit)
}

// Parse parses an own-list file read from r; name is used in errors and
// gives the default list name. All rows are checked before the first
// record is emitted.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	lr := &io.LimitedReader{R: r, N: reader.MaxFile + 1}
	br := bufio.NewReader(lr)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cols, err := readHeader(cr, name)
	if err != nil {
		return err
	}
	b := newBuilder(name, defaultList(name))
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if lr.N <= 0 {
			return reader.Errorf(name, 0, "file larger than %d bytes", reader.MaxFile)
		}
		if err != nil {
			return csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if err := checkFields(name, line, cols, row); err != nil {
			return err
		}
		if err := b.add(line, cols, row); err != nil {
			return err
		}
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

func readHeader(cr *csv.Reader, name string) ([]string, error) {
	row, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, reader.Errorf(name, 0, "empty file: want a header row")
	}
	if err != nil {
		return nil, csvError(name, err)
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

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &reader.ParseError{File: name, Err: err}
	}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return reader.Errorf(name, pe.StartLine, "%v (each row must have as many cells as the header)", pe.Err)
	}
	return reader.Errorf(name, pe.StartLine, "column %d: %v (truncated or malformed file?)", pe.Column, pe.Err)
}

func checkFields(name string, line int, cols, row []string) error {
	for i, v := range row {
		switch {
		case len(v) > reader.MaxField:
			return &reader.ParseError{File: name, Line: line, Field: cols[i],
				Err: fmt.Errorf("field of %d bytes exceeds limit %d", len(v), reader.MaxField)}
		case !utf8.ValidString(v):
			return &reader.ParseError{File: name, Line: line, Field: cols[i], Err: errors.New("invalid UTF-8 (save the file as UTF-8)")}
		}
	}
	return nil
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
