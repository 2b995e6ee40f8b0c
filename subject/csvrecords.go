package subject

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// CSV input is split into records here, not by encoding/csv alone, so that
// one damaged row cannot swallow the rows after it. encoding/csv, given an
// unterminated quote, reads on to the end of the input looking for the
// closing quote, and a line longer than MaxLine would have to end the read.
// Instead, records are gathered line by line: a line with an odd number
// of quotes opens a quoted field that runs on to the next lines until the
// quote closes. When it does not close (end of input, MaxLine bytes or
// maxRecordLines lines), or the gathered record does not parse into as
// many fields as the header, the first line alone is reported as a
// damaged row and reading starts again at the line after it. Each record
// is then parsed by encoding/csv.

// maxRecordLines is the most lines one record (a quoted field holding
// line breaks) may span.
const maxRecordLines = 100

// csvLine is one line of the input.
type csvLine struct {
	n       int    // 1-based line number
	data    []byte // without its line end
	tooLong bool   // longer than MaxLine; data is then empty
}

// csvRecords splits CSV input into records.
type csvRecords struct {
	br      *bufio.Reader
	n       int       // lines read from br
	end     error     // what ended br: io.EOF or a read error
	pending []csvLine // lines read ahead, to be read again
	want    int       // fields a record must have when it spans lines; 0 any
	comma   rune
	feed    *feeder
	cr      *csv.Reader
}

func newCSVRecords(br *bufio.Reader, comma rune) *csvRecords {
	c := &csvRecords{br: br, comma: comma, feed: &feeder{}}
	c.reset()
	return c
}

// reset gives the record parser a fresh csv.Reader: one that failed may
// still hold part of the record it failed on.
func (c *csvRecords) reset() {
	c.cr = csv.NewReader(c.feed)
	c.cr.Comma = c.comma
	c.cr.FieldsPerRecord = -1
	c.cr.TrimLeadingSpace = true
}

// next returns the next record's fields and the line it starts on. A
// damaged record is returned as rowErr with its line; err is io.EOF at
// the end of the input, or the error that stopped the read.
func (c *csvRecords) next() (fields []string, line int, rowErr, err error) {
	first, err := c.line()
	for err == nil && !first.tooLong && len(first.data) == 0 {
		first, err = c.line() // blank lines are skipped, as encoding/csv does
	}
	switch {
	case err != nil:
		return nil, 0, nil, err
	case first.tooLong:
		return nil, first.n, fmt.Errorf("line longer than %d bytes", MaxLine), nil
	case !oddQuotes(first.data):
		fields, rowErr = c.parse(first.data)
		return fields, first.n, rowErr, nil
	}
	fields, more, err := c.gather(first)
	if err != nil {
		return nil, 0, nil, err
	}
	if fields == nil {
		c.pending = append(more, c.pending...)
		return nil, first.n, errors.New("malformed CSV: a quoted field opened on this line is not closed; the lines after it are read as rows of their own"), nil
	}
	return fields, first.n, nil, nil
}

// gather reads the lines of a record whose first line leaves a quoted
// field open, and parses them. It returns the fields, or nil when the
// field does not close or the record is malformed, with the lines read
// after the first.
func (c *csvRecords) gather(first csvLine) (fields []string, more []csvLine, err error) {
	rec := bytes.Clone(first.data)
	for open := true; open; {
		l, err := c.line()
		if errors.Is(err, io.EOF) {
			return nil, more, nil
		}
		if err != nil {
			return nil, nil, err
		}
		more = append(more, l)
		if l.tooLong || len(rec)+1+len(l.data) > MaxLine || len(more) >= maxRecordLines {
			return nil, more, nil
		}
		rec = append(append(rec, '\n'), l.data...)
		open = open != oddQuotes(l.data)
	}
	fields, rowErr := c.parse(rec)
	if rowErr != nil || (c.want > 0 && len(fields) != c.want) {
		return nil, more, nil
	}
	return fields, more, nil
}

// parse parses one complete record.
func (c *csvRecords) parse(rec []byte) ([]string, error) {
	c.feed.buf = append(append(c.feed.buf[:0], rec...), '\n')
	fields, err := c.cr.Read()
	if err != nil {
		c.reset()
		c.feed.buf = c.feed.buf[:0]
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("malformed CSV: %w", err)
	}
	return fields, nil
}

// line returns the next line: one read ahead before, else one from br.
func (c *csvRecords) line() (csvLine, error) {
	if len(c.pending) > 0 {
		l := c.pending[0]
		c.pending = c.pending[1:]
		return l, nil
	}
	if c.end != nil {
		return csvLine{}, c.end
	}
	data, tooLong, err := readLine(c.br, MaxLine)
	switch {
	case errors.Is(err, io.EOF):
		c.end = io.EOF
		if len(data) == 0 && !tooLong {
			return csvLine{}, io.EOF
		}
	case err != nil:
		c.end = fmt.Errorf("line %d: %w", c.n+1, err)
		return csvLine{}, c.end
	}
	c.n++
	return csvLine{n: c.n, data: data, tooLong: tooLong}, nil
}

// oddQuotes reports whether a line holds an odd number of double quotes:
// it then opens (or closes) a quoted field that spans lines. An escaped
// quote ("") counts twice, so it does not change the parity.
func oddQuotes(b []byte) bool { return bytes.Count(b, []byte{'"'})%2 == 1 }

// feeder hands encoding/csv one record at a time.
type feeder struct{ buf []byte }

func (f *feeder) Read(p []byte) (int, error) {
	if len(f.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, f.buf)
	f.buf = f.buf[n:]
	return n, nil
}
