// Package csvrows splits a CSV or TSV list file into rows with the limits
// every reader applies: at most reader.MaxFile bytes, an optional UTF-8
// byte order mark skipped, and each encoding/csv error turned into a
// *reader.ParseError naming the file and the line where the bad record
// starts. Cell checks (size, UTF-8) and header mapping are in package
// rowmap, which also loops over a Reader.
package csvrows

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"

	"github.com/vigil-screening/vigil/reader"
)

// Options describe the file's layout and the hints added to error
// messages.
type Options struct {
	Comma   rune // field separator; 0 means ','
	Fields  int  // cells per row as in csv.Reader.FieldsPerRecord
	SkipBOM bool // skip a leading UTF-8 byte order mark
	Reuse   bool // reuse the row slice between calls (csv.Reader.ReuseRecord)

	// FieldCountHint is added in parentheses to a wrong cell count
	// error, MalformedHint to other syntax errors; empty adds nothing.
	FieldCountHint string
	MalformedHint  string
}

// Reader yields the rows of one CSV file.
type Reader struct {
	name string
	lr   *io.LimitedReader
	cr   *csv.Reader
	opt  Options
}

var bom = []byte("\xef\xbb\xbf")

// New prepares to read rows from r; name is used in errors.
func New(r io.Reader, name string, opt Options) *Reader {
	lr := &io.LimitedReader{R: r, N: reader.MaxFile + 1}
	br := bufio.NewReader(lr)
	if head, _ := br.Peek(len(bom)); opt.SkipBOM && bytes.Equal(head, bom) {
		br.Discard(len(bom))
	}
	cr := csv.NewReader(br)
	if opt.Comma != 0 {
		cr.Comma = opt.Comma
	}
	cr.FieldsPerRecord = opt.Fields
	cr.ReuseRecord = opt.Reuse
	return &Reader{name: name, lr: lr, cr: cr, opt: opt}
}

// Next returns the next row and the line it starts on, or io.EOF at the
// end of the file.
func (r *Reader) Next() (int, []string, error) {
	row, err := r.cr.Read()
	if errors.Is(err, io.EOF) {
		return 0, nil, io.EOF
	}
	if r.lr.N <= 0 {
		return 0, nil, reader.Errorf(r.name, 0, "file larger than %d bytes", reader.MaxFile)
	}
	if err != nil {
		return 0, nil, r.error(err)
	}
	line, _ := r.cr.FieldPos(0)
	return line, row, nil
}

// error turns an encoding/csv error into a *reader.ParseError. For a
// quoted field left open it names the line where the record holding that
// field starts.
func (r *Reader) error(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &reader.ParseError{File: r.name, Err: err}
	}
	switch {
	case errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line:
		return reader.Errorf(r.name, pe.StartLine,
			"quoted field starting in this record is not terminated (input ends or breaks at line %d): truncated or malformed file", pe.Line)
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return reader.Errorf(r.name, pe.StartLine, "%v%s", pe.Err, hint(r.opt.FieldCountHint))
	}
	return reader.Errorf(r.name, pe.StartLine, "column %d: %v%s", pe.Column, pe.Err, hint(r.opt.MalformedHint))
}

func hint(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}
