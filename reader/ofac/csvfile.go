package ofac

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/reader"
)

// row is one CSV record of an OFAC file, with its fields already trimmed
// and the "-0-" empty marker replaced by "".
type row struct {
	line   int
	fields []string
}

// The columns of each file kind, named as OFAC's documentation names them.
var (
	primaryCols = []string{"ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign",
		"Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks"}
	aliasCols   = []string{"ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"}
	addressCols = []string{"ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks"}
	commentCols = []string{"ent_num", "remarks_continuation"}
)

// readRows reads a whole OFAC CSV file and splits it into rows of exactly
// len(cols) fields. Any damage is a *reader.ParseError naming the file and line.
func readRows(ctx context.Context, r io.Reader, name string, cols []string) ([]row, error) {
	data, err := io.ReadAll(io.LimitReader(r, reader.MaxFile+1))
	if err != nil {
		return nil, &reader.ParseError{File: name, Err: fmt.Errorf("read: %w", err)}
	}
	if len(data) > reader.MaxFile {
		return nil, reader.Errorf(name, 0, "file larger than %d bytes", reader.MaxFile)
	}
	text, err := decode(data, name)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	var rows []row
	for {
		if len(rows)%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if err := cleanFields(rec, name, line, cols); err != nil {
			return nil, err
		}
		rows = append(rows, row{line: line, fields: rec})
	}
}

// cleanFields checks the field count and sizes and normalises the fields in place.
func cleanFields(rec []string, name string, line int, cols []string) error {
	if len(rec) != len(cols) {
		return reader.Errorf(name, line, "%d fields, want %d (wrong delimiter or damaged line?)", len(rec), len(cols))
	}
	for i, f := range rec {
		if len(f) > reader.MaxField {
			return &reader.ParseError{File: name, Line: line, Field: cols[i],
				Err: fmt.Errorf("field of %d bytes exceeds limit of %d", len(f), reader.MaxField)}
		}
		rec[i] = clean(f)
	}
	return nil
}

// clean trims a field and maps OFAC's empty marker "-0-" to "".
func clean(s string) string {
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	return s
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		err := fmt.Errorf("column %d: %w", pe.Column, pe.Err)
		if pe.StartLine != pe.Line {
			err = fmt.Errorf("record starting at line %d: %w", pe.StartLine, err)
		}
		return &reader.ParseError{File: name, Line: pe.Line, Err: err}
	}
	return &reader.ParseError{File: name, Err: err}
}

// decode turns the raw bytes of a file into text. It drops the DOS
// end-of-file byte (0x1A) OFAC appends to some files and a UTF-8 byte order
// mark, and rejects other control bytes (binary data).
//
// Encoding: a file that is valid UTF-8 is taken as UTF-8. A file holding no
// valid multi-byte UTF-8 sequence but some bytes >= 0x80 is taken as
// Windows-1252, which OFAC used for older files. A file mixing valid UTF-8
// with invalid bytes is damaged and rejected, naming the line of the first
// invalid byte.
func decode(data []byte, name string) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimSuffix(data, []byte{0x1a})
	if i := bytes.IndexFunc(data, isBadControl); i >= 0 {
		return "", reader.Errorf(name, lineAt(data, i), "control byte 0x%02x (binary data?)", data[i])
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	bad, hasUTF8 := scanUTF8(data)
	if hasUTF8 {
		return "", reader.Errorf(name, lineAt(data, bad), "invalid UTF-8 byte 0x%02x in a file that is otherwise UTF-8", data[bad])
	}
	return decodeWindows1252(data, name)
}

func isBadControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r'
}

// scanUTF8 returns the offset of the first invalid UTF-8 byte and whether
// the data also holds a valid multi-byte sequence.
func scanUTF8(data []byte) (bad int, hasUTF8 bool) {
	bad = -1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			if bad < 0 {
				bad = i
			}
		} else if size > 1 {
			hasUTF8 = true
		}
		i += size
	}
	return bad, hasUTF8
}

// lineAt returns the 1-based line number of byte offset i.
func lineAt(data []byte, i int) int {
	return bytes.Count(data[:i], []byte("\n")) + 1
}
