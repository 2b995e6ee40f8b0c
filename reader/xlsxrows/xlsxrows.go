// Package xlsxrows reads the rows of an XLSX workbook as a stream: the
// zip directory, then the chosen worksheet's XML as a token stream, one
// row at a time, with the shared strings read as far as the cells refer
// to them. Nothing is unzipped in full or held whole, and a budget
// (Limits: unzipped size and compression ratio of each part, number and
// bytes of shared strings, rows, columns, cell text) refuses a hostile
// workbook as soon as it exceeds one, with an error naming the file and
// the limit.
//
// It finds the sheet holding a list (by its header row) and yields its
// rows with their 1-based row numbers; detection peeks at the first rows
// of every sheet with the same code. Cell checks and header mapping are
// in package rowmap, which also loops over a Sheet.
package xlsxrows

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

var zipMagic = []byte("PK\x03\x04")

// ErrNoSheet is returned by Open when no sheet has the header a reader
// looks for; the reader turns it into an error naming its list.
var ErrNoSheet = errors.New("no sheet with the list's header")

// IsZip reports whether head, the first bytes of a file, starts like a
// zip archive, as every XLSX workbook does.
func IsZip(head []byte) bool { return bytes.HasPrefix(head, zipMagic) }

// HeaderWithin reports whether one of the first n rows satisfies isHeader.
func HeaderWithin(rows [][]string, n int, isHeader func([]string) bool) bool {
	for i, cells := range rows {
		if i < n && isHeader(cells) {
			return true
		}
	}
	return false
}

// Open reads the workbook in r and opens the first sheet (in the
// workbook's order) one of whose rows numbered 1 to n satisfies isHeader,
// at its first row. A file (an *os.File) is read in place, and must stay
// open until the Sheet is closed; any other reader is buffered in memory
// first. name is used in errors. Without such a sheet it returns
// ErrNoSheet.
func Open(r io.Reader, name string, n int, isHeader func([]string) bool) (*Sheet, error) {
	return OpenWith(r, name, n, isHeader, DefaultLimits())
}

// OpenWith is Open with a budget other than DefaultLimits.
func OpenWith(r io.Reader, name string, n int, isHeader func([]string) bool, lim Limits) (*Sheet, error) {
	b, err := openBook(r, name, lim)
	if err != nil {
		return nil, err
	}
	for _, ref := range b.sheets {
		head, err := b.firstRows(ref, n)
		if err != nil {
			b.strs.close()
			return nil, err
		}
		if HeaderWithin(head, n, isHeader) {
			sh, err := b.openSheet(ref)
			if err != nil {
				b.strs.close()
			}
			return sh, err
		}
	}
	b.strs.close()
	return nil, ErrNoSheet
}

// firstRows returns the rows of a sheet numbered 1 to n.
func (b *book) firstRows(ref sheetRef, n int) ([][]string, error) {
	sh, err := b.openSheet(ref)
	if err != nil {
		return nil, err
	}
	defer sh.rc.Close()
	var rows [][]string
	for {
		num, cells, err := sh.Next()
		if errors.Is(err, io.EOF) || err == nil && num > n {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		for len(rows) < num-1 {
			rows = append(rows, nil)
		}
		rows = append(rows, cells)
	}
}

// Peek returns the rows numbered 1 to n of every worksheet of the XLSX
// file at path, in the workbook's order, for detection. It reads the zip
// directory, the start of each sheet and the shared strings those rows
// use: a few milliseconds, whatever the size of the workbook. Cells are
// limited to 64 KiB (a header's are short).
func Peek(path string, n int) ([][][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := openBook(f, path, peekLimits())
	if err != nil {
		return nil, err
	}
	defer b.strs.close()
	out := make([][][]string, 0, len(b.sheets))
	for _, ref := range b.sheets {
		rows, err := b.firstRows(ref, n)
		if err != nil {
			return nil, err
		}
		out = append(out, rows)
	}
	return out, nil
}

// DetectFile reports whether the file at path is an XLSX workbook with a
// sheet one of whose first n rows satisfies isHeader. pkg prefixes an
// error opening the file; a file that is not a readable workbook is not
// one, without error.
func DetectFile(pkg, path string, n int, isHeader func([]string) bool) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("%s: %w", pkg, err)
	}
	defer f.Close()
	head := make([]byte, len(zipMagic))
	if _, err := io.ReadFull(f, head); err != nil || !IsZip(head) {
		return false, nil
	}
	b, err := openBook(f, path, peekLimits())
	if err != nil {
		return false, nil
	}
	defer b.strs.close()
	for _, ref := range b.sheets {
		head, err := b.firstRows(ref, n)
		if err != nil {
			return false, nil
		}
		if HeaderWithin(head, n, isHeader) {
			return true, nil
		}
	}
	return false, nil
}
