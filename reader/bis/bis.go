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
	"bytes"
	"context"
	"errors"
	"io"
	"slices"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/csvrows"
	"github.com/vigil-screening/vigil/reader/readfile"
	"github.com/vigil-screening/vigil/reader/rowmap"
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
	return readfile.Read(ctx, "bis", path, Parse, emit)
}

// Parse parses a DPL file read from r; name is used in errors. All rows
// are read before the first record is emitted, since the rows of one order
// need not be adjacent.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	rows := csvrows.New(r, name, csvrows.Options{
		Comma: '\t', Fields: len(header),
		FieldCountHint: "wrong delimiter or not a DPL file?",
		MalformedHint:  "truncated or malformed file?",
	})
	if err := readHeader(rows, name); err != nil {
		return err
	}
	orders := newOrders()
	err := rowmap.Each(ctx, rows, func(line int, row []string) error {
		if err := rowmap.CheckCells(name, line, header, row, ""); err != nil {
			return err
		}
		if err := orders.add(row); err != nil {
			return &reader.ParseError{File: name, Line: line, Field: rowmap.FieldOf(err), Err: err}
		}
		return nil
	})
	if err != nil {
		return err
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

func readHeader(rows *csvrows.Reader, name string) error {
	_, row, err := rows.Next()
	if errors.Is(err, io.EOF) {
		return reader.Errorf(name, 0, "empty file")
	}
	if err != nil {
		return err
	}
	if !slices.Equal(row, header) {
		return reader.Errorf(name, 1, "not a Denied Persons List: want tab-separated header %q", header)
	}
	return nil
}
