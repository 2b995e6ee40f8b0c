package subject

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/internal/strictjson"
)

// jsonLines splits JSON Lines input into its non-blank lines. A line
// longer than MaxLine, or not valid UTF-8, is a row error at its line, and
// reading goes on at the next line. Subjects and pairs are both read
// through it, so that `vigil screen` and `vigil compare` treat damaged
// lines alike.
type jsonLines struct {
	name string
	br   *bufio.Reader
	line int
}

// next returns the next non-blank line and its number. rowErr is set for
// a line that cannot be decoded (too long, not UTF-8); err is io.EOF at
// the end, or the error that stopped the read.
func (j *jsonLines) next() (line int, data []byte, rowErr, err error) {
	for {
		data, tooLong, err := readLine(j.br, MaxLine)
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, nil, nil, fmt.Errorf("%s:%d: %w", j.name, j.line+1, err)
		}
		if errors.Is(err, io.EOF) && len(data) == 0 && !tooLong {
			return 0, nil, nil, io.EOF
		}
		j.line++
		if tooLong {
			return j.line, nil, fmt.Errorf("line longer than %d bytes", MaxLine), nil
		}
		data = bytes.TrimSpace(data)
		if len(data) == 0 {
			continue
		}
		if !utf8.Valid(data) {
			return j.line, nil, errors.New("not valid UTF-8"), nil
		}
		return j.line, data, nil, nil
	}
}

// jsonlReader reads one subject per line.
type jsonlReader struct{ lines jsonLines }

func newJSONLReader(br *bufio.Reader, name string) *jsonlReader {
	return &jsonlReader{lines: jsonLines{name: name, br: br}}
}

// next decodes the next non-blank line as one subject object.
func (j *jsonlReader) next() (Row, error) {
	line, data, rowErr, err := j.lines.next()
	switch {
	case err != nil:
		return Row{}, err
	case rowErr != nil:
		return rowError(j.lines.name, line, "", "", rowErr), nil
	}
	var in vigil.SubjectInput
	if err := strictjson.Decode(bytes.NewReader(data), &in); err != nil {
		return rowError(j.lines.name, line, "", "", err), nil
	}
	s, err := in.Subject(strconv.Itoa(line))
	if err != nil {
		id := string(in.ID)
		if vigil.CheckText("id", id) != nil {
			id = ""
		}
		return rowError(j.lines.name, line, id, "", err), nil
	}
	return Row{Line: line, Subject: s, NoID: strings.TrimSpace(string(in.ID)) == ""}, nil
}

// readLine reads one line without its end. A line longer than max is
// consumed to its end and reported as tooLong, with no data.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > max+2 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if tooLong {
			return nil, true, err
		}
		return bytes.TrimRight(line, "\r\n"), false, err
	}
}
