// Package sema reads Canada's consolidated autonomous sanctions list
// (Special Economic Measures Act and Justice for Victims of Corrupt Foreign
// Officials regulations), an XML <data-set> of <record> elements, into
// entities of list "ca_sema".
//
// Canada gives records no identifier of its own; a record is its item in
// a schedule of a country's regulations. The ID is therefore built from
// Country, Schedule and Item as "COUNTRY.SCHEDULE.ITEM": the ISO code of
// the country ("MM.1.1", "RU.1-part-2.15"), or for a regulation that
// names no country the acronym it gives ("JVCFOR.1.3"); the schedule in
// lower case with other characters made "-" ("n-a"), or "none" when
// absent. The three together are unique in the real list (1,369 records,
// April 2020), and the reader rejects a file in which they are not.
// The IDs are stable as long as Canada does not renumber items.
package sema

import (
	"context"
	"fmt"
	"io"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/readfile"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// List is the list name of the records this package reads.
const List = "ca_sema"

const rootName = "data-set"

// Read parses Canada's consolidated sanctions XML file at path.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	return readfile.Read(ctx, "sema", path, Parse, emit)
}

// Parse reads Canada's consolidated sanctions XML from r, naming it name
// in errors, and emits one entity per <record>.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	d := xmlnode.NewDecoder(r, name)
	if _, err := d.RootNamed(rootName); err != nil {
		return err
	}
	seen := map[string]int{} // ID → line of the record that has it
	for {
		start, line, ok, err := d.Next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := d.Element(start, line)
		if err != nil {
			return err
		}
		if n.Name != "record" {
			return reader.Errorf(name, line, "unexpected <%s> in <%s>", n.Name, rootName)
		}
		e, err := record(n, name)
		if err != nil {
			return err
		}
		if first, dup := seen[e.ID]; dup {
			return &reader.ParseError{File: name, Line: line, Record: e.ID,
				Err: fmt.Errorf("Country, Schedule and Item repeat the record at line %d", first)}
		}
		seen[e.ID] = line
		if err := emit(e); err != nil {
			return err
		}
	}
	return d.End()
}

// Detect reports whether head, the first bytes of a file, is Canada's
// list: its root element is <data-set> and its first child a <record>.
func Detect(head []byte) bool {
	return detect(head)
}
