package subject

import (
	"bufio"
	"bytes"
	"io"
	"strconv"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/internal/strictjson"
)

// PairRow is one pair of subjects read from JSON Lines input, as `vigil
// compare` takes them: {"id": ..., "a": {subject}, "b": {subject}}.
type PairRow struct {
	// Line is the 1-based line of the pair.
	Line int
	// ID is the pair's id, or its line number when it has none.
	ID string
	// A and B are the validated subjects.
	A, B vigil.Subject
	// Err is set when the line is malformed; it is a *reader.ParseError
	// naming the file, line and field ("b.name").
	Err error
}

// PairReader reads pairs one line at a time, through the same JSON Lines
// reader as subjects: a damaged line (too long, not UTF-8, not a pair)
// is a PairRow with Err set, and reading goes on at the next line.
type PairReader struct{ lines jsonLines }

// NewPairReader returns a PairReader over r; name is the file name used in
// errors.
func NewPairReader(r io.Reader, name string) *PairReader {
	return &PairReader{lines: jsonLines{name: name, br: bufio.NewReaderSize(r, 64<<10)}}
}

// Next returns the next pair, io.EOF at the end of the input, or another
// error when the input cannot be read further.
func (p *PairReader) Next() (PairRow, error) {
	line, data, rowErr, err := p.lines.next()
	if err != nil {
		return PairRow{}, err
	}
	row := PairRow{Line: line, ID: strconv.Itoa(line)}
	if rowErr != nil {
		row.Err = p.rowError(line, "", rowErr)
		return row, nil
	}
	var pair vigil.Pair
	if err := strictjson.Decode(bytes.NewReader(data), &pair); err != nil {
		row.Err = p.rowError(line, "", err)
		return row, nil
	}
	if id := string(pair.ID); id != "" && vigil.CheckText("id", id) == nil {
		row.ID = id
	}
	if row.A, row.B, err = pair.Subjects(); err != nil {
		row.Err = p.rowError(line, string(pair.ID), err)
	}
	return row, nil
}

func (p *PairReader) rowError(line int, id string, err error) error {
	if vigil.CheckText("id", id) != nil {
		id = ""
	}
	return parseError(p.lines.name, line, id, "", err)
}
