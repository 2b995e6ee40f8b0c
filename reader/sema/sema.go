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
// absent. The three together are unique in the real lists (1,369
// records, April 2020; 2,606, May 2022), and the reader rejects a file in
// which they are not. The IDs are stable as long as Canada does not
// renumber items.
//
// A record without an Item (two in May 2022: Belarusbank and
// Belagroprombank, listed under Belarus with neither Schedule nor Item)
// is identified by what does not change between editions, its country
// and its name: "COUNTRY.unnumbered.NAME", the name (given name and last
// name of a person, else the entity's or ship's name) in lower case with
// other characters made "-" ("BY.unnumbered.belarusbank"). Each such
// record is reported as a warning. Its ID changes if Canada renames it
// or gives it an item: the diff then shows it removed and added. A file
// in which more than 1% of the records have no Item (and at least one)
// is not read: that is no longer the list as Canada publishes it.
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

// maxUnnumbered is the largest share of records without an Item that a
// file may have.
const maxUnnumbered = 0.01

// Options configure ReadWith and ParseWith.
type Options struct {
	// Warn, when set, receives each record read with a fallback identity.
	Warn reader.Warn
}

// Read parses Canada's consolidated sanctions XML file at path. It
// drops warnings; ReadWith reports them.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	return ReadWith(ctx, path, Options{}, emit)
}

// ReadWith is Read with options.
func ReadWith(ctx context.Context, path string, opts Options, emit reader.Emit) error {
	return readfile.Read(ctx, "sema", path, func(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
		return ParseWith(ctx, r, name, opts, emit)
	}, emit)
}

// Parse reads Canada's consolidated sanctions XML from r, naming it name
// in errors, and emits one entity per <record>. It drops warnings.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	return ParseWith(ctx, r, name, Options{}, emit)
}

// ParseWith is Parse with options.
func ParseWith(ctx context.Context, r io.Reader, name string, opts Options, emit reader.Emit) error {
	d := xmlnode.NewDecoder(r, name)
	if _, err := d.RootNamed(rootName); err != nil {
		return err
	}
	seen := map[string]int{} // ID → line of the record that has it
	var unnumbered []*reader.ParseError
	records := 0
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
		e, warning, err := record(n, name)
		if err != nil {
			return err
		}
		records++
		if first, dup := seen[e.ID]; dup {
			what := "Country, Schedule and Item"
			if warning != nil {
				what = "Country and name (the record has no Item)"
			}
			return &reader.ParseError{File: name, Line: line, Record: e.ID,
				Err: fmt.Errorf("%s repeat the record at line %d", what, first)}
		}
		seen[e.ID] = line
		if warning != nil {
			unnumbered = append(unnumbered, warning)
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	if err := d.End(); err != nil {
		return err
	}
	return checkUnnumbered(name, records, unnumbered, opts.Warn)
}

// checkUnnumbered refuses a file with too many records without an Item,
// else reports each as a warning.
func checkUnnumbered(name string, records int, unnumbered []*reader.ParseError, warn reader.Warn) error {
	if len(unnumbered) == 0 {
		return nil
	}
	if float64(len(unnumbered)) > maxUnnumbered*float64(records) {
		first := unnumbered[0]
		return &reader.ParseError{File: name, Line: first.Line, Record: first.Record, Field: "Item",
			Err: fmt.Errorf("missing in %d of %d records (more than %.0f%%): not the list as Canada publishes it", len(unnumbered), records, 100*maxUnnumbered)}
	}
	if warn != nil {
		for _, w := range unnumbered {
			warn(w)
		}
	}
	return nil
}

// Detect reports whether head, the first bytes of a file, is Canada's
// list: its root element is <data-set> and its first child a <record>.
func Detect(head []byte) bool {
	return detect(head)
}
