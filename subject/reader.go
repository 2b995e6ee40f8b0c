// Package subject reads the people and organisations a user wants screened
// from CSV or JSON Lines input: each row becomes a vigil.SubjectInput,
// which the domain validates into a vigil.Subject. It also reads the pairs
// of subjects `vigil compare` takes, through the same JSON Lines reader.
// Reading is its one job: screening the rows is the service's.
//
// Input is read as a stream: one Row at a time, each carrying the line it
// started on. A malformed row does not stop the file: it comes back as a Row
// with Err set (naming file, line and field) and the next row is read.
// Only damage that makes the rest of the file unreadable (binary data, a
// header without a name column) is a fatal error.
package subject

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/reader"
)

// Format is an input format.
type Format string

// Input formats. FormatAuto picks JSON Lines when the first non-blank
// character is '{' and CSV otherwise.
const (
	FormatAuto  Format = ""
	FormatCSV   Format = "csv"
	FormatJSONL Format = "jsonl"
)

// ParseFormat parses a --format value: "", "auto", "csv", "jsonl" or "json".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "", "auto":
		return FormatAuto, nil
	case "csv":
		return FormatCSV, nil
	case "jsonl", "json", "ndjson":
		return FormatJSONL, nil
	case "ftm":
		return FormatFtM, nil
	}
	return "", fmt.Errorf("unknown input format %q (want csv, jsonl or ftm)", s)
}

// MaxLine is the longest input line accepted; a longer line is a row
// error, and reading goes on at the next line.
const MaxLine = 4 << 20

// Row is one subject read from the input.
type Row struct {
	// Line is the 1-based line the row starts on.
	Line int
	// Subject is the subject. Its ID is the input's id or, when missing,
	// the line number.
	Subject vigil.Subject
	// NoID is true when the input gave no id (Subject.ID is then the line
	// number): enrolment needs the caller's own id.
	NoID bool
	// Also are further names of the same subject (the aliases of an FtM
	// entity), each with the subject's other attributes: each is
	// screened, and a listed record is reported once, with its best score.
	Also []vigil.Subject
	// Err is set when the row is malformed; it is a *reader.ParseError
	// naming the file, line and field. Subject.ID is still set.
	Err error
}

// Reader reads subjects one row at a time.
type Reader struct {
	next    func() (Row, error)
	skipped map[string]int
}

// NewReader returns a Reader over r; name is the file name used in errors.
// It reads ahead to detect the format when f is FormatAuto, and rejects
// empty and binary input.
func NewReader(r io.Reader, name string, f Format) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := peek(br)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) { // UTF-8 byte order mark
		if _, err := br.Discard(3); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if head, err = peek(br); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, &reader.ParseError{File: name, Line: 1, Err: errors.New("empty input: no header and no subjects")}
	}
	if isBinary(head) {
		return nil, &reader.ParseError{File: name, Line: 1, Err: errors.New("binary data: want UTF-8 CSV or JSON Lines")}
	}
	if bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("{")) && f == FormatAuto {
		f = FormatJSONL
		if isFtM(head) {
			f = FormatFtM
		}
	}
	if f == FormatFtM {
		j := newFtMReader(br, name)
		return &Reader{next: j.next, skipped: j.skipped}, nil
	}
	if f == FormatJSONL {
		j := newJSONLReader(br, name)
		return &Reader{next: j.next}, nil
	}
	c, err := newCSVReader(br, name, head)
	if err != nil {
		return nil, err
	}
	return &Reader{next: c.next}, nil
}

// peek returns up to 4 KiB of what br will read next.
func peek(br *bufio.Reader) ([]byte, error) {
	head, err := br.Peek(4 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	return head, nil
}

// Next returns the next row, io.EOF at the end of the input, or another
// error when the input cannot be read further. A malformed row is not an
// error of Next: it is returned with Row.Err set.
func (r *Reader) Next() (Row, error) { return r.next() }

// isBinary reports whether head looks like binary data: a NUL byte, or
// more than one byte in ten a control character other than whitespace.
func isBinary(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f {
			ctl++
		}
	}
	return ctl*10 > len(head)
}

// rowError makes a Row for a malformed row, giving it the line number as
// ID when it has none of its own.
func rowError(file string, line int, id, col string, err error) Row {
	pe := parseError(file, line, id, col, err)
	if id == "" {
		id = strconv.Itoa(line)
	}
	return Row{Line: line, Subject: vigil.Subject{ID: id}, Err: pe}
}

// parseError names the file, line, record and field of a malformed row;
// the field of an *apperr.Error becomes the error's field.
func parseError(file string, line int, id, col string, err error) *reader.ParseError {
	var ae *apperr.Error
	if col == "" && errors.As(err, &ae) && ae.Field != "" {
		col, err = ae.Field, errors.New(ae.Message)
	}
	return &reader.ParseError{File: file, Line: line, Record: id, Field: col, Err: err}
}
