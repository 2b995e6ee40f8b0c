package vigil

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
)

// MaxField is the longest value accepted in one field. No real name,
// place or identifier comes near it.
const MaxField = 4 << 10

// MaxValues is the most values one attribute of a subject may have: the
// identity documents (documents and the passport, national_id and tax_id
// shorthands together, once repeated ones are merged) and the crypto
// addresses. No real person or organisation has more; a query with more
// only costs the server (each value is compared with every candidate).
const MaxValues = 32

// SubjectID is a subject identifier as input gives it. In JSON it may be
// written as a string or a number.
type SubjectID string

// UnmarshalJSON accepts a JSON string or number.
func (id *SubjectID) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*id = SubjectID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return apperr.Field("id", "want a string or a number")
	}
	*id = SubjectID(n.String())
	return nil
}

// SubjectInput is a subject as users write it: the JSON field names of a
// Subject plus the synonyms that CSV headers and other tools use
// (full_name, dob, passport, national_id, tax_id). CSV rows, JSON Lines
// and request bodies all become a SubjectInput, and Subject validates it:
// the one validation step.
type SubjectInput struct {
	ID           SubjectID         `json:"id,omitempty"`
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
func (in SubjectInput) IsZero() bool { return reflect.ValueOf(in).IsZero() }

// Subject validates in and returns the subject it describes. Errors are
// *apperr.Error values of code Invalid naming the offending field. When in
// has no id, the subject gets fallbackID. Values that are well formed but
// cannot be compared (a country Vigil does not know, the gender "x") are
// not errors: they go to Subject.Unread.
func (in SubjectInput) Subject(fallbackID string) (Subject, error) {
	if err := in.checkText(); err != nil {
		return Subject{}, err
	}
	s := Subject{
		ID:           strings.TrimSpace(string(in.ID)),
		FirstName:    strings.TrimSpace(in.FirstName),
		MiddleName:   strings.TrimSpace(in.MiddleName),
		LastName:     strings.TrimSpace(in.LastName),
		PlaceOfBirth: strings.TrimSpace(in.PlaceOfBirth),
		IMO:          strings.TrimSpace(in.IMO),
	}
	if s.ID == "" {
		s.ID = fallbackID
	}
	var err error
	if s.Name, err = oneOf("name", in.Name, "full_name", in.FullName); err != nil {
		return Subject{}, err
	}
	if s.Name == "" && s.FirstName == "" && s.MiddleName == "" && s.LastName == "" {
		return Subject{}, apperr.Field("name", "required: give name or first_name/last_name")
	}
	for _, f := range []struct{ field, value string }{{"name", s.Name}, {"first_name", s.FirstName},
		{"middle_name", s.MiddleName}, {"last_name", s.LastName}} {
		if f.value != "" && !hasLetter(f.value) {
			if f.field == "name" && in.Name == "" {
				f.field = "full_name"
			}
			return Subject{}, apperr.Field(f.field, "%q has no letter: a name is screened by its letters", truncateText(f.value, 40))
		}
	}
	if s.Kind, err = parseKind(in.Type); err != nil {
		return Subject{}, err
	}
	if err := s.setGender(in.Gender); err != nil {
		return Subject{}, err
	}
	if s.DateOfBirth, err = parseDOB(in.DateOfBirth, in.DOB); err != nil {
		return Subject{}, err
	}
	s.Nationality = s.countryCode("nationality", in.Nationality)
	s.Country = s.countryCode("country", in.Country)
	if s.Documents, err = in.documents(); err != nil {
		return Subject{}, err
	}
	seen := map[string]bool{}
	for _, c := range in.Crypto {
		if c = strings.TrimSpace(c); c != "" && !seen[c] {
			seen[c] = true
			s.Crypto = append(s.Crypto, c)
		}
	}
	if len(s.Crypto) > MaxValues {
		return Subject{}, apperr.Field("crypto", "%d addresses; at most %d per subject", len(s.Crypto), MaxValues)
	}
	return s, nil
}

// checkText rejects text fields that are too long, not UTF-8, or carry
// control characters.
func (in SubjectInput) checkText() error {
	fields := []struct{ name, value string }{
		{"id", string(in.ID)}, {"type", in.Type}, {"name", in.Name}, {"full_name", in.FullName},
		{"first_name", in.FirstName}, {"middle_name", in.MiddleName}, {"last_name", in.LastName},
		{"gender", in.Gender}, {"date_of_birth", in.DateOfBirth}, {"dob", in.DOB},
		{"place_of_birth", in.PlaceOfBirth}, {"nationality", in.Nationality}, {"country", in.Country},
		{"passport", in.Passport}, {"national_id", in.NationalID}, {"tax_id", in.TaxID}, {"imo", in.IMO},
	}
	for _, f := range fields {
		if err := CheckText(f.name, f.value); err != nil {
			return err
		}
	}
	for i, c := range in.Crypto {
		if err := CheckText("crypto["+strconv.Itoa(i)+"]", c); err != nil {
			return err
		}
	}
	for i, d := range in.Documents {
		prefix := "documents[" + strconv.Itoa(i) + "]."
		for _, f := range []struct{ name, value string }{
			{"type", string(d.Type)}, {"number", d.Number}, {"country", d.Country}, {"note", d.Note},
		} {
			if err := CheckText(prefix+f.name, f.value); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckText returns an Invalid error naming field when v is longer than
// MaxField, not valid UTF-8, or holds a control character.
func CheckText(field, v string) error {
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

// setGender reads the one gender vocabulary: male and female (or m, f)
// are compared; "", "unknown", "u" and "other" say nothing the lists
// could agree or disagree with; "x" is a gender the lists cannot state,
// so it is recorded as unread; anything else is an error.
func (s *Subject) setGender(v string) error {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "unknown", "u", "other":
	case "male", "m":
		s.Gender = entity.GenderMale
	case "female", "f":
		s.Gender = entity.GenderFemale
	case "x":
		s.Unread = append(s.Unread, Unread{Attribute: "gender", Value: strings.TrimSpace(v),
			Reason: "is not a gender the lists record (male or female)"})
	default:
		return apperr.Field("gender", "%q is not male or female (nor x, other or unknown)", v)
	}
	return nil
}

func parseDOB(dob, synonym string) (entity.Date, error) {
	v, err := oneOf("date_of_birth", dob, "dob", synonym)
	if err != nil || v == "" {
		return entity.Date{}, err
	}
	d, err := entity.ParseDate(v)
	if err != nil || !d.Valid() {
		return entity.Date{}, apperr.Field("date_of_birth", "%q is not YYYY, YYYY-MM or YYYY-MM-DD", v)
	}
	return d, nil
}

// countryCode returns the ISO code of a country as given (a name, a
// demonym or a code), or "" after recording the value as unread when
// Vigil does not know it.
func (s *Subject) countryCode(field, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if c, ok := country.Code(v); ok {
		return c
	}
	s.Unread = append(s.Unread, Unread{Attribute: field, Value: v, Reason: "is not a country Vigil knows"})
	return ""
}

// documents gathers the documents list and the passport, national_id and
// tax_id shorthands; each shorthand may hold several numbers split by ';'.
func (in SubjectInput) documents() ([]entity.Document, error) {
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
	docs = uniqueDocuments(docs)
	if len(docs) > MaxValues {
		return nil, apperr.Field("documents", "%d identity documents (with passport, national_id and tax_id); at most %d per subject", len(docs), MaxValues)
	}
	return docs, nil
}

// uniqueDocuments keeps the first of documents given more than once (the
// same type, number and issuing country, the number compared by its
// letters and digits): each is compared, and reported, once.
func uniqueDocuments(docs []entity.Document) []entity.Document {
	if len(docs) < 2 {
		return docs
	}
	seen := make(map[string]bool, len(docs))
	out := docs[:0]
	for _, d := range docs {
		k := string(d.Type) + "|" + strings.ToUpper(d.Country) + "|" + docKey(d.Number)
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

// docKey is a document number's letters and digits, upper-cased.
func docKey(n string) string {
	var b strings.Builder
	for _, r := range n {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// subjectJSON is the JSON form of a Subject, as stored and as answered:
// the canonical field names of SubjectInput, the date of birth as
// "YYYY-MM-DD", "YYYY-MM" or "YYYY", and each unread value under its own
// field as it was given, so that reading it back gives the same Subject.
type subjectJSON struct {
	ID           string            `json:"id,omitempty"`
	Type         string            `json:"type,omitempty"`
	Name         string            `json:"name,omitempty"`
	FirstName    string            `json:"first_name,omitempty"`
	MiddleName   string            `json:"middle_name,omitempty"`
	LastName     string            `json:"last_name,omitempty"`
	Gender       string            `json:"gender,omitempty"`
	DateOfBirth  string            `json:"date_of_birth,omitempty"`
	PlaceOfBirth string            `json:"place_of_birth,omitempty"`
	Nationality  string            `json:"nationality,omitempty"`
	Country      string            `json:"country,omitempty"`
	Documents    []entity.Document `json:"documents,omitempty"`
	Crypto       []string          `json:"crypto,omitempty"`
	IMO          string            `json:"imo,omitempty"`
}

// MarshalJSON writes the subject in its stored and answered form.
func (s Subject) MarshalJSON() ([]byte, error) {
	j := subjectJSON{
		ID: s.ID, Type: string(s.Kind), Name: s.Name, FirstName: s.FirstName, MiddleName: s.MiddleName,
		LastName: s.LastName, Gender: string(s.Gender), DateOfBirth: s.DateOfBirth.String(),
		PlaceOfBirth: s.PlaceOfBirth, Nationality: s.Nationality, Country: s.Country,
		Documents: s.Documents, Crypto: s.Crypto, IMO: s.IMO,
	}
	for _, u := range s.Unread {
		switch u.Attribute {
		case "gender":
			j.Gender = u.Value
		case "nationality":
			j.Nationality = u.Value
		case "country":
			j.Country = u.Value
		}
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a subject as MarshalJSON writes it, and as earlier
// versions of Vigil stored it (countries as names): it validates the
// fields again, as SubjectInput.Subject does.
func (s *Subject) UnmarshalJSON(b []byte) error {
	var in SubjectInput
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	v, err := in.Subject("")
	if err != nil {
		return fmt.Errorf("subject %q: %w", in.ID, err)
	}
	*s = v
	return nil
}

// hasLetter reports whether s holds a letter of any script.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
