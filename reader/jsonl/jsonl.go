// Package jsonl reads JSON Lines list files for the readers of that family
// (OpenSanctions Senzing and FollowTheMoney exports): one object a line,
// with the limits and error reporting every reader shares.
package jsonl

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/reader"
)

// EachLine calls fn with each non-blank line of r and its 1-based number.
// It rejects a line longer than reader.MaxField, invalid UTF-8, a file
// larger than reader.MaxFile, and an input without any non-blank line.
func EachLine(ctx context.Context, r io.Reader, name string, fn func(line []byte, n int) error) error {
	cr := &countingReader{r: io.LimitReader(r, reader.MaxFile+1)}
	sc := bufio.NewScanner(cr)
	sc.Buffer(make([]byte, 0, 64<<10), reader.MaxField+2)
	n, seen := 0, 0
	for sc.Scan() {
		n++
		if cr.n > reader.MaxFile {
			return reader.Errorf(name, n, "file larger than %d bytes", reader.MaxFile)
		}
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("%s:%d: %w", name, n, err)
			}
		}
		line := sc.Bytes()
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if !utf8.Valid(line) {
			return reader.Errorf(name, n, "invalid UTF-8")
		}
		seen++
		if err := fn(line, n); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return reader.Errorf(name, n+1, "line longer than %d bytes", reader.MaxField)
		}
		return &reader.ParseError{File: name, Line: n + 1, Err: err}
	}
	if cr.n > reader.MaxFile {
		return reader.Errorf(name, n, "file larger than %d bytes", reader.MaxFile)
	}
	if seen == 0 {
		return reader.Errorf(name, 0, "no records: empty file")
	}
	return nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// FirstLine returns the first non-blank line of head, without a BOM.
func FirstLine(head []byte) []byte {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for len(head) > 0 {
		line, rest, _ := bytes.Cut(head, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return t
		}
		head = rest
	}
	return nil
}

// TopKeys returns the top-level keys of the JSON object that starts line,
// as far as line goes (it may be cut short).
func TopKeys(line []byte) map[string]bool {
	keys := make(map[string]bool)
	dec := json.NewDecoder(bytes.NewReader(line))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return keys
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		k, ok := tok.(string)
		if !ok {
			return keys
		}
		keys[k] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}
