package ofsi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/csvrows"
	"github.com/vigil-screening/vigil/reader/xlsxrows"
)

// openCSV reads the whole CSV (at most reader.MaxFile bytes), decodes it
// from Windows-1252 unless it is valid UTF-8, and prepares to split it.
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
	return csvrows.New(bytes.NewReader(data), name, csvrows.Options{
		Fields: -1, MalformedHint: "truncated or malformed file?",
	}), nil
}

// openWorkbook opens the XLSX form: the first sheet one of whose first
// three rows is the list's header.
func openWorkbook(r io.Reader, name string) (*xlsxrows.Sheet, error) {
	sh, err := xlsxrows.Open(r, name, 3, isHeader)
	if errors.Is(err, xlsxrows.ErrNoSheet) {
		return nil, reader.Errorf(name, 0, "no sheet with the OFSI header row (Name 6 ... Group ID)")
	}
	return sh, err
}
