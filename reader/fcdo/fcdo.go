// Package fcdo reads the UK Sanctions List published by the Foreign,
// Commonwealth and Development Office (since 28 January 2026 the UK's
// only list: it replaced OFSI's consolidated list) into entities of list
// "gb_fcdo_sanctions", from its CSV or its XML form (told apart by
// content; the ODS form is not read).
//
// The CSV starts with a line "Report Date: 28-Jan-2026", then a header
// row and one row per name: "Unique ID" (the designation's reference,
// "RUS0270", which becomes the record ID), "OFSI Group ID", "UN Reference
// Number", "Name 1" to "Name 6" (Name 6 is the family name or the whole
// name of an entity), "Name type" ("Primary Name", "Alias", "Primary name
// variation"), "Alias strength", "Name non-latin script", the regime,
// the designation type (individual, entity or ship) and identity columns
// (dates of birth, nationalities, passports, addresses, ships...). Rows
// sharing a Unique ID are merged into one record, each distinct value
// kept once. Columns are found by their header; unknown ones are
// ignored, and a cell may hold several values separated by "|".
//
// The XML is a <Designations> root (with <DateGenerated>) of
// <Designation> elements holding the same information in elements
// (UniqueID, OFSIGroupID, Names/Name/Name1..Name6, NameType, RegimeName,
// IndividualEntityShip, Addresses/Address, IndividualDetails/.../DOB...).
// The reader looks for each element by name within a Designation, so
// that wrappers it does not know do not stop it.
//
// No complete edition of either form could be had when this reader was
// written: it and its test files follow the published description of
// the format (see docs/lists.md), not a downloaded file.
package fcdo

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// List is the list name of the records this package reads.
const List = "gb_fcdo_sanctions"

// Read parses the list file at path, CSV or XML.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	_, err := ReadEdition(ctx, path, emit)
	return err
}

// ReadEdition parses the list file at path like Read and also returns
// the date it states ("Report Date" or DateGenerated) as "YYYY-MM-DD",
// or "" when it states none, from the same single pass.
func ReadEdition(ctx context.Context, path string, emit reader.Emit) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("fcdo: %w", err)
	}
	defer f.Close()
	return parse(ctx, f, path, emit)
}

// Parse parses the list read from r, CSV or XML; name is used in errors.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	_, err := parse(ctx, r, name, emit)
	return err
}

func parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) (string, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	if isXML(head) {
		return parseXML(ctx, br, name, emit)
	}
	return parseCSV(ctx, br, name, emit)
}

// isXML reports whether a file starts like XML.
func isXML(head []byte) bool {
	return bytes.HasPrefix(bytes.TrimSpace(xmlnode.TrimBOM(head)), []byte("<"))
}

// Detect reports whether head, the first bytes of a file, is the list:
// the CSV's "Report Date:" line followed by a header with "Unique ID"
// and "Name 6", or XML whose root is <Designations>.
func Detect(head []byte) bool {
	if isXML(head) {
		return detectXML(head)
	}
	return detectCSV(head)
}
