// Package subject reads the people and organisations a user wants screened
// from CSV or JSON Lines input and turns each into a vigil.Subject.
//
// Input is read as a stream: one Row at a time, each carrying the line it
// started on. A malformed row does not stop the file: it comes back as a Row
// with Err set (naming file, line and field) and the next row is read.
// Only damage that makes the rest of the file unreadable (binary data, a
// header without a name column, an over-long CSV line) is a fatal error.
package subject

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/entity"
)

// MaxField is the longest value accepted in one field. No real name,
// place or identifier comes near it.
const MaxField = 4 << 10

// ID is a subject identifier. In JSON it may be written as a string or a
// number.
type ID string

// UnmarshalJSON accepts a JSON string or number.
func (id *ID) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*id = ID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return apperr.Field("id", "want a string or a number")
	}
	*id = ID(n.String())
	return nil
}

// Input is a subject as users write it: the JSON field names of
// vigil.Subject plus the synonyms that CSV headers and other tools use
// (full_name, dob, passport, national_id, ...). CSV rows and JSON objects
// both become an Input, and Subject validates it.
type Input struct {
	ID           ID                `json:"id,omitempty"`
	Type         string            `json:"type,omitempty"`
	Name         string            `json:"name,omitempty"`
	FullName     string            `json:"full_name,omitempty"`
	FirstName    string            `json:"first_name,omitempty"`
	MiddleName   string            `json:"middle_name,omitempty"`
	LastName     string            `json:"last_name,omitempty"`
	Gender       string            `json:"gender,omitempty"`
	DateOfBirth  string            `json:"date_of_birth,omitempty"`
	DOB          string            `json:"dob,omitempty"`
	PlaceOfBirth string            `json:"place_of_birth,omitempty"`
	Nationality  string            `json:"nationality,omitempty"`
	Country      string            `json:"country,omitempty"`
	Documents    []entity.Document `json:"documents,omitempty"`
	Passport     string            `json:"passport,omitempty"`
	NationalID   string            `json:"national_id,omitempty"`
	TaxID        string            `json:"tax_id,omitempty"`
	IMO          string            `json:"imo,omitempty"`
	Crypto       []string          `json:"crypto,omitempty"`
}

// IsZero reports whether no field of in is set.
func (in Input) IsZero() bool { return reflect.ValueOf(in).IsZero() }

// Subject validates in and returns the subject it describes. Errors are
// *apperr.Error values of code Invalid naming the offending field. When in
// has no id, the subject gets fallbackID.
func (in Input) Subject(fallbackID string) (vigil.Subject, error) {
	if err := in.checkText(); err != nil {
		return vigil.Subject{}, err
	}
	s := vigil.Subject{
		ID:           strings.TrimSpace(string(in.ID)),
		FirstName:    strings.TrimSpace(in.FirstName),
		MiddleName:   strings.TrimSpace(in.MiddleName),
		LastName:     strings.TrimSpace(in.LastName),
		PlaceOfBirth: strings.TrimSpace(in.PlaceOfBirth),
		Nationality:  strings.TrimSpace(in.Nationality),
		Country:      strings.TrimSpace(in.Country),
		IMO:          strings.TrimSpace(in.IMO),
	}
	if s.ID == "" {
		s.ID = fallbackID
	}
	var err error
	if s.Name, err = oneOf("name", in.Name, "full_name", in.FullName); err != nil {
		return vigil.Subject{}, err
	}
	if s.Name == "" && s.FirstName == "" && s.MiddleName == "" && s.LastName == "" {
		return vigil.Subject{}, apperr.Field("name", "required: give name or first_name/last_name")
	}
	if s.Kind, err = parseKind(in.Type); err != nil {
		return vigil.Subject{}, err
	}
	if s.Gender, err = parseGender(in.Gender); err != nil {
		return vigil.Subject{}, err
	}
	if s.DateOfBirth, err = parseDOB(in.DateOfBirth, in.DOB); err != nil {
		return vigil.Subject{}, err
	}
	if s.Documents, err = in.documents(); err != nil {
		return vigil.Subject{}, err
	}
	for _, c := range in.Crypto {
		if c = strings.TrimSpace(c); c != "" {
			s.Crypto = append(s.Crypto, c)
		}
	}
	return s, nil
}

// checkText rejects text fields that are too long, not UTF-8, or carry
// control characters.
func (in Input) checkText() error {
	fields := []struct{ name, value string }{
		{"id", string(in.ID)}, {"type", in.Type}, {"name", in.Name}, {"full_name", in.FullName},
		{"first_name", in.FirstName}, {"middle_name", in.MiddleName}, {"last_name", in.LastName},
		{"gender", in.Gender}, {"date_of_birth", in.DateOfBirth}, {"dob", in.DOB},
		{"place_of_birth", in.PlaceOfBirth}, {"nationality", in.Nationality}, {"country", in.Country},
		{"passport", in.Passport}, {"national_id", in.NationalID}, {"tax_id", in.TaxID}, {"imo", in.IMO},
	}
	for _, f := range fields {
		if err := checkValue(f.name, f.value); err != nil {
			return err
		}
	}
	for i, c := range in.Crypto {
		if err := checkValue("crypto["+strconv.Itoa(i)+"]", c); err != nil {
			return err
		}
	}
	for i, d := range in.Documents {
		prefix := "documents[" + strconv.Itoa(i) + "]."
		for _, f := range []struct{ name, value string }{
			{"type", string(d.Type)}, {"number", d.Number}, {"country", d.Country}, {"note", d.Note},
		} {
			if err := checkValue(prefix+f.name, f.value); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkValue(field, v string) error {
	if len(v) > MaxField {
		return apperr.Field(field, "longer than %d bytes (%d)", MaxField, len(v))
	}
	if !utf8.ValidString(v) {
		return apperr.Field(field, "not valid UTF-8")
	}
	for _, r := range v {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return apperr.Field(field, "control character %U", r)
		}
	}
	return nil
}

// oneOf returns whichever of two synonym fields is set, and an error when
// both are set to different values.
func oneOf(name, a, synonym, b string) (string, error) {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	switch {
	case a == "":
		return b, nil
	case b != "" && a != b:
		return "", apperr.Field(synonym, "conflicts with %s", name)
	}
	return a, nil
}

func parseKind(s string) (entity.Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return entity.KindUnknown, nil
	case "person", "individual":
		return entity.KindPerson, nil
	case "organization", "organisation", "entity", "company":
		return entity.KindOrganization, nil
	case "vessel":
		return entity.KindVessel, nil
	case "aircraft":
		return entity.KindAircraft, nil
	}
	return "", apperr.Field("type", "%q is not person, organization, vessel or aircraft", s)
}

func parseGender(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "other", "unknown", "u", "x":
		// Says nothing the lists could agree or disagree with.
		return "", nil
	case "male", "m":
		return string(entity.GenderMale), nil
	case "female", "f":
		return string(entity.GenderFemale), nil
	}
	return "", apperr.Field("gender", "%q is not male or female", s)
}

func parseDOB(dob, synonym string) (string, error) {
	v, err := oneOf("date_of_birth", dob, "dob", synonym)
	if err != nil || v == "" {
		return "", err
	}
	d, err := entity.ParseDate(v)
	if err != nil || !d.Valid() {
		return "", apperr.Field("date_of_birth", "%q is not YYYY, YYYY-MM or YYYY-MM-DD", v)
	}
	return d.String(), nil
}

// documents gathers the documents list and the passport, national_id and
// tax_id shorthands; each shorthand may hold several numbers split by ';'.
func (in Input) documents() ([]entity.Document, error) {
	var docs []entity.Document
	for i, d := range in.Documents {
		d.Number = strings.TrimSpace(d.Number)
		if d.Number == "" {
			return nil, apperr.Field("documents["+strconv.Itoa(i)+"].number", "required")
		}
		if d.Type == "" {
			d.Type = entity.DocOther
		}
		docs = append(docs, d)
	}
	for _, sh := range []struct {
		typ   entity.DocType
		value string
	}{{entity.DocPassport, in.Passport}, {entity.DocNationalID, in.NationalID}, {entity.DocTaxID, in.TaxID}} {
		for n := range strings.SplitSeq(sh.value, ";") {
			if n = strings.TrimSpace(n); n != "" {
				docs = append(docs, entity.Document{Type: sh.typ, Number: n})
			}
		}
	}
	return docs, nil
}
