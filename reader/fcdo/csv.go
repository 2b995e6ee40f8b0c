package fcdo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/csvrows"
	"github.com/vigil-screening/vigil/reader/loosedate"
	"github.com/vigil-screening/vigil/reader/rowmap"
)

// required are the columns without which the CSV cannot be read.
var required = []string{colID, "Name 6", colNameType, colKind}

// The columns the reader relies on by name.
const (
	colID       = "Unique ID"
	colNameType = "Name type"
	colKind     = "Designation Type"
)

const reportDate = "Report Date:"

// detectCSV recognises the "Report Date:" line, and when head reaches
// it, the header row after it.
func detectCSV(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(head, []byte(reportDate)) {
		return false
	}
	_, rest, found := bytes.Cut(head, []byte("\n"))
	header, _, complete := bytes.Cut(rest, []byte("\n"))
	if !found || !complete {
		return true
	}
	for _, c := range required {
		if !bytes.Contains(header, []byte(c)) {
			return false
		}
	}
	return true
}

// parseCSV reads the "Report Date:" line, the header and the rows,
// merges the rows of each Unique ID and emits the records.
func parseCSV(ctx context.Context, r io.Reader, name string, emit reader.Emit) (string, error) {
	src, err := openCSV(r, name)
	if err != nil {
		return "", err
	}
	header, edition, err := readHeader(name, src)
	if err != nil {
		return "", err
	}
	rs := newRecords(name)
	err = rowmap.Each(ctx, src, func(line int, cells []string) error {
		row, err := rowmap.Map(name, line, header, cells, true)
		if err != nil || row == nil {
			return err
		}
		return rs.add(line, row)
	})
	if err != nil {
		return "", err
	}
	return edition, rs.emit(emit)
}

// openCSV reads the whole file (at most reader.MaxFile bytes) and decodes
// it from Windows-1252 unless it is valid UTF-8.
func openCSV(r io.Reader, name string) (*csvrows.Reader, error) {
	data, err := io.ReadAll(io.LimitReader(r, reader.MaxFile+1))
	if err != nil {
		return nil, &reader.ParseError{File: name, Err: err}
	}
	if len(data) > reader.MaxFile {
		return nil, reader.Errorf(name, 0, "file larger than %d bytes", reader.MaxFile)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return nil, &reader.ParseError{File: name, Err: fmt.Errorf("decoding Windows-1252: %w", err)}
		}
	}
	return csvrows.New(bytes.NewReader(data), name, csvrows.Options{Fields: -1, MalformedHint: "truncated or malformed file?"}), nil
}

// readHeader reads the "Report Date:" line and the header row. A report
// date that does not read is an error: the edition date must not fall
// back silently to a file name.
func readHeader(name string, src *csvrows.Reader) ([]string, string, error) {
	edition := ""
	for {
		line, cells, err := src.Next()
		if errors.Is(err, io.EOF) {
			return nil, "", reader.Errorf(name, line, "no header row: empty file")
		}
		if err != nil {
			return nil, "", err
		}
		if isHeader(cells) {
			return cells, edition, nil
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(cells[0]), reportDate); ok && line == 1 {
			d, err := loosedate.Parse(v)
			if err != nil || d.Day == 0 || d.IsRange() || d.Circa {
				return nil, "", &reader.ParseError{File: name, Line: line, Field: "Report Date",
					Err: fmt.Errorf("%q is not a date", strings.TrimSpace(v))}
			}
			edition = d.String()
			continue
		}
		return nil, "", reader.Errorf(name, line, "not the UK Sanctions List: want a header row with the columns %s", strings.Join(required, ", "))
	}
}

func isHeader(cells []string) bool {
	for _, c := range required {
		if !slices.Contains(cells, c) {
			return false
		}
	}
	return true
}
