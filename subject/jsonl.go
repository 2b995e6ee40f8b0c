package subject

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

type jsonlReader struct {
	name string
	br   *bufio.Reader
	line int
}

func newJSONLReader(br *bufio.Reader, name string) *jsonlReader {
	return &jsonlReader{name: name, br: br}
}

// next decodes the next non-blank line as one subject object.
func (j *jsonlReader) next() (Row, error) {
	for {
		data, tooLong, err := readLine(j.br, MaxLine)
		if err != nil && !errors.Is(err, io.EOF) {
			return Row{}, fmt.Errorf("%s:%d: %w", j.name, j.line+1, err)
		}
		if errors.Is(err, io.EOF) && len(data) == 0 && !tooLong {
			return Row{}, io.EOF
		}
		j.line++
		if tooLong {
			return rowError(j.name, j.line, "", "", fmt.Errorf("line longer than %d bytes", MaxLine)), nil
		}
		data = bytes.TrimSpace(data)
		if len(data) == 0 {
			continue
		}
		return j.decode(data), nil
	}
}

func (j *jsonlReader) decode(data []byte) Row {
	if !utf8.Valid(data) {
		return rowError(j.name, j.line, "", "", errors.New("not valid UTF-8"))
	}
	var in Input
	if err := DecodeJSON(bytes.NewReader(data), &in); err != nil {
		return rowError(j.name, j.line, "", "", err)
	}
	s, err := in.Subject(strconv.Itoa(j.line))
	if err != nil {
		id := string(in.ID)
		if checkValue("id", id) != nil {
			id = ""
		}
		return rowError(j.name, j.line, id, "", err)
	}
	return Row{Line: j.line, Subject: s}
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
