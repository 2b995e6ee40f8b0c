// Package ofsi reads the UK HM Treasury (OFSI) consolidated list of
// financial sanctions targets into list "gb_hmt_ofsi", from either of its
// two published forms: the CSV (older editions, Windows-1252) and the XLSX
// workbook.
//
// Both have one row per name, a first line "Last Updated,<dd/mm/yyyy>" and
// then a header row. Rows of one designation share a "Group ID", which
// becomes the record ID; the rows of a group need not be adjacent. All
// rows of a group are merged into one record: every distinct name, date of
// birth, address, document and so on is kept once. Records are emitted in
// the order their Group ID first appears.
//
// Encoding of the CSV: a file that is valid UTF-8 (with or without BOM) is
// read as UTF-8, any other file as Windows-1252, the encoding OFSI used
// for its CSV. XLSX text is always Unicode.
package ofsi

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/rowmap"
	"github.com/vigil-screening/vigil/reader/xlsxrows"
)

// List is the list name of the records this package reads.
const List = "gb_hmt_ofsi"

// Detect reports whether head, the first bytes of a file, is the CSV form
// of the list: a "Last Updated," line, then (when head reaches it) the
// header row starting "Name 6,Name 1,".
func Detect(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(head, []byte("Last Updated,")) {
		return false
	}
	_, rest, found := bytes.Cut(head, []byte("\n"))
	if !found || len(rest) < len("Name 6,Name 1,") {
		return true
	}
	return bytes.HasPrefix(rest, []byte("Name 6,Name 1,"))
}

// DetectWorkbook reports whether the file at path is an XLSX workbook of
// the list: a sheet whose header row has OFSI's columns.
func DetectWorkbook(path string) (bool, error) {
	return xlsxrows.DetectFile("ofsi", path, 3, isHeader)
}

// DetectRows reports whether rows, the first rows of a worksheet, are
// those of the XLSX form of the list: one of the first three is the
// header row. It lets a caller that has peeked at a workbook recognise it
// without opening it in full.
func DetectRows(rows [][]string) bool {
	return xlsxrows.HeaderWithin(rows, 3, isHeader)
}

// Read parses the list file at path, CSV or XLSX (told apart by content).
func Read(ctx context.Context, path string, emit reader.Emit) error {
	_, err := ReadEdition(ctx, path, emit)
	return err
}

// ReadEdition parses the list file at path like Read and also returns
// the "Last Updated" date at its top ("2025-04-14"), or "" when it has
// none. It reads the file once.
func ReadEdition(ctx context.Context, path string, emit reader.Emit) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("ofsi: %w", err)
	}
	defer f.Close()
	d, err := parse(ctx, f, path, emit)
	if err != nil || d.IsZero() {
		return "", err
	}
	return d.String(), nil
}

// Parse parses the list read from r, CSV or XLSX (told apart by content);
// name is used in errors. An XLSX input is buffered in memory.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	_, err := parse(ctx, r, name, emit)
	return err
}

// Edition returns the "Last Updated" date at the top of the list file at
// path, e.g. "2025-04-14". It reads only the lines before the header, so
// it says nothing about whether the rest of the file is sound.
func Edition(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("ofsi: %w", err)
	}
	defer f.Close()
	src, closeSrc, err := open(f, path)
	if err != nil {
		return "", err
	}
	defer closeSrc()
	_, d, err := readHeader(path, src)
	if err != nil {
		return "", err
	}
	if d.IsZero() {
		return "", reader.Errorf(path, 1, "no \"Last Updated\" line")
	}
	return d.String(), nil
}

// parse parses the list and returns its "Last Updated" date, zero when
// it has none.
func parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) (entity.Date, error) {
	src, closeSrc, err := open(r, name)
	if err != nil {
		return entity.Date{}, err
	}
	defer closeSrc()
	return parseRows(ctx, name, src, emit)
}

// open picks the CSV or XLSX reader by the file's first bytes. A
// workbook in a file is read in place.
func open(r io.Reader, name string) (rowmap.Source, func(), error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(4)
	if xlsxrows.IsZip(head) {
		var in io.Reader = br
		if f, ok := r.(*os.File); ok {
			in = f // read with ReadAt: what br took from it does not matter
		}
		sh, err := openWorkbook(in, name)
		if err != nil {
			return nil, nil, err
		}
		return sh, sh.Close, nil
	}
	c, err := openCSV(br, name)
	if err != nil {
		return nil, nil, err
	}
	return c, func() {}, nil
}
