// Package bis reads the US Bureau of Industry and Security Denied Persons
// List (dpl.txt: tab-separated, quoted fields, UTF-8) into list
// "us_bis_dpl".
//
// One record per denial order: rows with the same name (compared upper
// case, spaces collapsed) and the same Effective_Date are one order listed
// once per address, and are merged into one record with several
// addresses. The same name with another effective date is another order,
// and another record.
//
// The file has no identifier. A record's ID is "dpl-" and the first 12 hex
// digits of the SHA-256 of the normalised name, "|" and the effective date
// (ISO form): stable from one edition to the next while the order stands.
// A repeated ID is an error.
//
// The Name column holds persons and companies alike; Kind is guessed from
// legal-form and business words (see orgWords): a name holding one is an
// organization, any other a person. "X A/K/A Y" and "X D/B/A Y" give an
// alias Y.
//
// The file must be UTF-8: invalid UTF-8 is an error naming line and field.
package bis

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/reader"
)

// List is the list name of the records this package reads.
const List = "us_bis_dpl"

var header = []string{
	"Name", "Street_Address", "City", "State", "Country", "Postal_Code",
	"Effective_Date", "Expiration_Date", "Standard_Order", "Last_Update",
	"Action", "FR_Citation",
}

// Detect reports whether head, the first bytes of a file, starts with the
// DPL header row.
func Detect(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	return bytes.HasPrefix(head, []byte("\"Name\"\t\"Street_Address\"\t\"City\"\t")) ||
		bytes.HasPrefix(head, []byte("Name\tStreet_Address\tCity\t"))
}

// Read parses the DPL file at path.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("bis: %w", err)
	}
	defer f.Close()
	return Parse(ctx, f, path, emit)
}

// Parse parses a DPL file read from r; name is used in errors. All rows
// are read before the first record is emitted, since the rows of one order
// need not be adjacent.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	lr := &io.LimitedReader{R: r, N: reader.MaxFile + 1}
	cr := csv.NewReader(bufio.NewReader(lr))
	cr.Comma = '\t'
	cr.FieldsPerRecord = len(header)
	if err := readHeader(cr, name); err != nil {
		return err
	}
	orders := newOrders()
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
		if err := checkFields(name, line, row); err != nil {
			return err
		}
		if err := orders.add(row); err != nil {
			return &reader.ParseError{File: name, Line: line, Field: fieldOf(err), Err: err}
		}
	}
	if len(orders.order) == 0 {
		return reader.Errorf(name, 0, "no records")
	}
	for _, key := range orders.order {
		if err := emit(orders.finish(key)); err != nil {
			return err
		}
	}
	return nil
}

func readHeader(cr *csv.Reader, name string) error {
	row, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return reader.Errorf(name, 0, "empty file")
	}
	if err != nil {
		return csvError(name, err)
	}
	if !slices.Equal(row, header) {
		return reader.Errorf(name, 1, "not a Denied Persons List: want tab-separated header %q", header)
	}
	return nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &reader.ParseError{File: name, Err: err}
	}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return reader.Errorf(name, pe.StartLine, "%v (wrong delimiter or not a DPL file?)", pe.Err)
	}
	return reader.Errorf(name, pe.StartLine, "column %d: %v (truncated or malformed file?)", pe.Column, pe.Err)
}

func checkFields(name string, line int, row []string) error {
	for i, v := range row {
		switch {
		case len(v) > reader.MaxField:
			return &reader.ParseError{File: name, Line: line, Field: header[i],
				Err: fmt.Errorf("field of %d bytes exceeds limit %d", len(v), reader.MaxField)}
		case !utf8.ValidString(v):
			return &reader.ParseError{File: name, Line: line, Field: header[i], Err: errors.New("invalid UTF-8")}
		}
	}
	return nil
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
