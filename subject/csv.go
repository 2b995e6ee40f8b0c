package subject

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/reader"
)

// columns maps each accepted CSV header (lower case, spaces and hyphens
// as underscores) to the SubjectInput field it fills.
var columns = map[string]string{
	"id": "id", "subject_id": "id", "ref": "id", "reference": "id",
	"type": "type", "kind": "type", "subject_type": "type",
	"name": "name", "full_name": "name", "fullname": "name",
	"first_name": "first_name", "firstname": "first_name", "given_name": "first_name",
	"middle_name": "middle_name", "middlename": "middle_name",
	"last_name": "last_name", "lastname": "last_name", "family_name": "last_name", "surname": "last_name",
	"gender": "gender", "sex": "gender",
	"date_of_birth": "date_of_birth", "dob": "date_of_birth", "birth_date": "date_of_birth", "birthdate": "date_of_birth",
	"place_of_birth": "place_of_birth", "pob": "place_of_birth", "birth_place": "place_of_birth",
	"nationality": "nationality", "citizenship": "nationality",
	"country":  "country",
	"passport": "passport", "passport_number": "passport",
	"national_id": "national_id", "tax_id": "tax_id",
	"imo": "imo", "imo_number": "imo",
	"crypto": "crypto", "crypto_address": "crypto", "wallet": "crypto",
}

// setters fill one Input field from a CSV value.
var setters = map[string]func(*vigil.SubjectInput, string){
	"id":             func(in *vigil.SubjectInput, v string) { in.ID = vigil.SubjectID(v) },
	"type":           func(in *vigil.SubjectInput, v string) { in.Type = v },
	"name":           func(in *vigil.SubjectInput, v string) { in.Name = v },
	"first_name":     func(in *vigil.SubjectInput, v string) { in.FirstName = v },
	"middle_name":    func(in *vigil.SubjectInput, v string) { in.MiddleName = v },
	"last_name":      func(in *vigil.SubjectInput, v string) { in.LastName = v },
	"gender":         func(in *vigil.SubjectInput, v string) { in.Gender = v },
	"date_of_birth":  func(in *vigil.SubjectInput, v string) { in.DateOfBirth = v },
	"place_of_birth": func(in *vigil.SubjectInput, v string) { in.PlaceOfBirth = v },
	"nationality":    func(in *vigil.SubjectInput, v string) { in.Nationality = v },
	"country":        func(in *vigil.SubjectInput, v string) { in.Country = v },
	"passport":       func(in *vigil.SubjectInput, v string) { in.Passport = v },
	"national_id":    func(in *vigil.SubjectInput, v string) { in.NationalID = v },
	"tax_id":         func(in *vigil.SubjectInput, v string) { in.TaxID = v },
	"imo":            func(in *vigil.SubjectInput, v string) { in.IMO = v },
	"crypto":         func(in *vigil.SubjectInput, v string) { in.Crypto = strings.Split(v, ";") },
}

type csvReader struct {
	name   string
	recs   *csvRecords
	comma  rune
	fields []string          // Input field per column; "" for ignored columns
	header map[string]string // Input field -> header as written, for errors
	idCol  int               // column of the id, or -1
}

func newCSVReader(br *bufio.Reader, name string, head []byte) (*csvReader, error) {
	comma := sniffDelimiter(head)
	recs := newCSVRecords(br, comma)
	rec, line, rowErr, err := recs.next()
	switch {
	case errors.Is(err, io.EOF):
		return nil, &reader.ParseError{File: name, Line: 1, Err: errors.New("empty input: no header and no subjects")}
	case err != nil:
		return nil, fmt.Errorf("%s: %w", name, err)
	case rowErr != nil:
		return nil, &reader.ParseError{File: name, Line: line, Err: rowErr}
	}
	c := &csvReader{name: name, recs: recs, comma: comma, header: map[string]string{}, idCol: -1}
	if err := c.mapHeader(rec, line); err != nil {
		return nil, err
	}
	recs.want = len(rec)
	return c, nil
}

// mapHeader maps each header to its Input field; unknown columns are ignored.
func (c *csvReader) mapHeader(rec []string, line int) error {
	hasName := false
	for i, h := range rec {
		key := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(h)))
		f := columns[key]
		c.fields = append(c.fields, f)
		if f == "" {
			continue
		}
		if prev, dup := c.header[f]; dup {
			return &reader.ParseError{File: c.name, Line: line, Field: h, Err: fmt.Errorf("column gives %s, as column %q does", f, prev)}
		}
		c.header[f] = h
		switch f {
		case "id":
			c.idCol = i
		case "name", "first_name", "middle_name", "last_name":
			hasName = true
		}
	}
	if !hasName {
		return &reader.ParseError{File: c.name, Line: line, Err: fmt.Errorf(
			"header %q has no name column (want name, full_name, first_name or last_name, separated by commas, semicolons or tabs)",
			truncate(strings.Join(rec, string(c.comma)), 200))}
	}
	return nil
}

// next returns the next row. A damaged row (a bad quote, a line longer
// than MaxLine) is a row error at its line, and reading goes on at the
// next line, so that every row of the input gives exactly one Row.
func (c *csvReader) next() (Row, error) {
	rec, line, rowErr, err := c.recs.next()
	if errors.Is(err, io.EOF) {
		return Row{}, io.EOF
	}
	if err != nil {
		return Row{}, fmt.Errorf("%s: %w", c.name, err)
	}
	if rowErr != nil {
		return rowError(c.name, line, "", "", rowErr), nil
	}
	id := ""
	if c.idCol >= 0 && c.idCol < len(rec) {
		id = strings.TrimSpace(rec[c.idCol])
		if vigil.CheckText("id", id) != nil {
			id = ""
		}
	}
	if len(rec) != len(c.fields) {
		return rowError(c.name, line, id, "", fmt.Errorf("has %d fields, the header has %d", len(rec), len(c.fields))), nil
	}
	var in vigil.SubjectInput
	for i, v := range rec {
		if f := c.fields[i]; f != "" {
			setters[f](&in, v)
		}
	}
	s, err := in.Subject(strconv.Itoa(line))
	if err != nil {
		return rowError(c.name, line, id, "", c.renameField(err)), nil
	}
	return Row{Line: line, Subject: s, NoID: strings.TrimSpace(string(in.ID)) == ""}, nil
}

// renameField names the column as the header writes it ("dob", not
// "date_of_birth") in a field error.
func (c *csvReader) renameField(err error) error {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return err
	}
	if h, ok := c.header[ae.Field]; ok {
		return &apperr.Error{Code: ae.Code, Field: h, Message: ae.Message}
	}
	return err
}

// sniffDelimiter picks ',', ';' or tab, whichever occurs most (outside
// quotes) in the first line.
func sniffDelimiter(head []byte) rune {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	counts := map[byte]int{}
	quoted := false
	for _, b := range line {
		switch {
		case b == '"':
			quoted = !quoted
		case !quoted && (b == ',' || b == ';' || b == '\t'):
			counts[b]++
		}
	}
	best := byte(',')
	for _, d := range []byte{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return rune(best)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
