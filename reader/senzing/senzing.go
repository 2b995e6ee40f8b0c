// Package senzing reads OpenSanctions exports in Senzing JSON: one JSON
// object a line, each a record with DATA_SOURCE, RECORD_ID, RECORD_TYPE
// and feature arrays (NAMES, DATES, COUNTRIES, ADDRESSES, IDENTIFIERS,
// RELATIONSHIPS, RISKS, ...).
//
// The list name is "os_" followed by the lowercased DATA_SOURCE without a
// leading "OS_": DATA_SOURCE "OS_US_CONGRESS" gives list "os_us_congress".
//
// Mapping decisions:
//   - RISKS topics ("role.pep", "sanction") become Programs: they are why
//     the record is listed.
//   - TRUSTED_ID/OTHER_ID identifiers (WIKIDATA, OPEN_SANCTIONS, ...) become
//     OtherIDs under the lowercased type; passport, national id, tax id and
//     driving licence numbers become Documents; URL becomes OtherIDs "url";
//     LAST_CHANGE becomes AmendedOn.
//   - A record without RECORD_TYPE that other records point at with an
//     "Occupancy" relationship is a position (e.g. "United States senator"):
//     it is not emitted; its name goes into each holder's Positions and
//     the holder's occupancy relation.
//
// Positions may follow their holders in the file, so the reader keeps all
// records in memory and emits them after the last line; OpenSanctions
// Senzing files are at most a few hundred megabytes.
package senzing

import (
	"context"
	"fmt"
	"io"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/jsonl"
	"github.com/vigil-screening/vigil/reader/readfile"
)

// Read reads a Senzing JSON lines file.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	return readfile.Read(ctx, "senzing", path, Parse, emit)
}

// Parse reads Senzing JSON lines from r; name is used in errors. It emits
// nothing unless the whole input parses.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	var recs []*record
	seen := make(map[string]int) // key -> line
	err := jsonl.EachLine(ctx, r, name, func(line []byte, n int) error {
		rec, err := parseLine(line, name, n)
		if err != nil {
			return err
		}
		key := rec.ent.Key()
		if first, dup := seen[key]; dup {
			return &reader.ParseError{File: name, Line: n, Record: rec.ent.ID, Field: "RECORD_ID",
				Err: fmt.Errorf("duplicate RECORD_ID (first on line %d)", first)}
		}
		seen[key] = n
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range resolve(recs) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

// Detect reports whether head, the start of a file, looks like Senzing
// JSON: its first non-blank line is an object with DATA_SOURCE and RECORD_ID.
func Detect(head []byte) bool {
	keys := jsonl.TopKeys(jsonl.FirstLine(head))
	return keys["DATA_SOURCE"] && keys["RECORD_ID"]
}
