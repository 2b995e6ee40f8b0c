package ftmjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/entity"
)

// MaxNames is the most names one example may give: each is screened.
const MaxNames = 64

// Example is an FtM example entity: a query of yente's /match endpoint,
// or one line of an FtM JSON Lines subjects file. Properties may hold a
// string or an array of strings (and numbers, which are read as text),
// as yente accepts.
type Example struct {
	ID         vigil.SubjectID
	Schema     string
	Properties map[string]Values
}

// Values are the values of one property.
type Values []string

// exampleJSON is an Example as written. The rest of an exported entity
// (caption, datasets, referents, …) is accepted and ignored, so that an
// FtM export can be screened as it is.
type exampleJSON struct {
	ID         vigil.SubjectID            `json:"id,omitempty"`
	Schema     string                     `json:"schema"`
	Properties map[string]json.RawMessage `json:"properties"`
	Caption    any                        `json:"caption,omitempty"`
	Datasets   any                        `json:"datasets,omitempty"`
	Referents  any                        `json:"referents,omitempty"`
	Target     any                        `json:"target,omitempty"`
	FirstSeen  any                        `json:"first_seen,omitempty"`
	LastSeen   any                        `json:"last_seen,omitempty"`
	LastChange any                        `json:"last_change,omitempty"`
}

// MarshalJSON writes the example as yente echoes a query.
func (ex Example) MarshalJSON() ([]byte, error) {
	props := ex.Properties
	if props == nil {
		props = map[string]Values{}
	}
	return json.Marshal(struct {
		ID         *string           `json:"id"`
		Schema     string            `json:"schema"`
		Properties map[string]Values `json:"properties"`
	}{ptr(string(ex.ID)), ex.Schema, props})
}

func ptr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// UnmarshalJSON reads an example strictly: unknown top-level fields are
// errors; a property that is not a string, a number, null or an array of
// those is an Invalid error naming "properties.<name>".
func (ex *Example) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var j exampleJSON
	if err := dec.Decode(&j); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) && ute.Field != "" {
			return apperr.Field(ute.Field, "wrong type: got %s", ute.Value)
		}
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return apperr.Field(strings.Trim(name, `"`), "unknown field")
		}
		var ae *apperr.Error
		if errors.As(err, &ae) {
			return err
		}
		return apperr.New(apperr.Invalid, "%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	out := Example{ID: j.ID, Schema: strings.TrimSpace(j.Schema), Properties: make(map[string]Values, len(j.Properties))}
	for k, raw := range j.Properties {
		vs, err := values(raw)
		if err != nil {
			return apperr.Field("properties."+k, "%s", err.Error())
		}
		if len(vs) > 0 {
			out.Properties[k] = vs
		}
	}
	*ex = out
	return nil
}

// values reads a string, a number, null, or an array of those.
func values(b []byte) (Values, error) {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var raw []json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			return nil, err
		}
		out := make(Values, 0, len(raw))
		for _, r := range raw {
			s, err := scalar(r)
			if err != nil {
				return nil, err
			}
			if s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
	s, err := scalar(b)
	if err != nil || s == "" {
		return nil, err
	}
	return Values{s}, nil
}

// scalar reads a JSON string, number or null as text.
func scalar(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		return "", nil
	case b[0] == '"':
		var s string
		err := json.Unmarshal(b, &s)
		return strings.TrimSpace(s), err
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return "", err
		}
		return n.String(), nil
	}
	return "", fmt.Errorf("want a string or an array of strings, got %s", jsonKind(b[0]))
}

func jsonKind(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	}
	return "something else"
}

// kinds maps the FtM schemata that can be matched to Vigil's types: ""
// screens against records of any kind.
var kinds = map[string]string{
	"Person": "person", "Organization": "organization", "Company": "organization",
	"PublicBody": "organization", "LegalEntity": "", "Thing": "",
	"Vessel": "vessel", "Airplane": "aircraft",
}

// Matchable reports whether an example of the schema can be screened.
func Matchable(schema string) bool {
	_, ok := kinds[schema]
	return ok
}

// Schemata are the schemata an example may have.
func Schemata() []string {
	out := make([]string, 0, len(kinds))
	for k := range kinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// read are the properties Inputs reads; the others are reported as
// ignored.
var read = map[string]bool{
	"name": true, "alias": true, "previousName": true, "weakAlias": true, "abbreviation": true,
	"firstName": true, "middleName": true, "secondName": true, "fatherName": true, "lastName": true,
	"birthDate": true, "incorporationDate": true, "birthPlace": true, "gender": true,
	"nationality": true, "citizenship": true, "country": true, "jurisdiction": true, "mainCountry": true,
	"passportNumber": true, "idNumber": true, "taxNumber": true, "innCode": true, "vatCode": true,
	"registrationNumber": true, "ogrnCode": true, "imoNumber": true,
}

// Inputs turns the example into the subjects to screen: one per name (the
// values of name, alias, previousName and weakAlias, in that order, or
// the name parts when no full name is given), each carrying the other
// attributes. Where a property has several values, the first valid one is
// compared (several documents are all compared). Ignored lists the
// properties given that Vigil does not compare, sorted. Errors are
// Invalid errors naming "schema" or "properties.<name>".
func (ex Example) Inputs() (inputs []vigil.SubjectInput, ignored []string, err error) {
	kind, ok := kinds[ex.Schema]
	if !ok {
		if ex.Schema == "" {
			return nil, nil, apperr.Field("schema", "required: one of %s", strings.Join(Schemata(), ", "))
		}
		return nil, nil, apperr.Field("schema", "%q cannot be matched; want one of %s", ex.Schema, strings.Join(Schemata(), ", "))
	}
	p := ex.Properties
	base := vigil.SubjectInput{ID: ex.ID, Type: kind}
	base.DateOfBirth = firstDate(p["birthDate"], p["incorporationDate"])
	base.PlaceOfBirth = first(p["birthPlace"])
	base.Gender = firstOf(p["gender"], func(v string) bool { return v == "male" || v == "female" })
	base.Nationality = countryValue(first(p["nationality"], p["citizenship"]))
	base.Country = countryValue(first(p["country"], p["jurisdiction"], p["mainCountry"]))
	base.Passport = strings.Join(p["passportNumber"], ";")
	base.NationalID = strings.Join(p["idNumber"], ";")
	base.TaxID = strings.Join(slices.Concat(p["taxNumber"], p["innCode"], p["vatCode"]), ";")
	for _, n := range slices.Concat(p["registrationNumber"], p["ogrnCode"]) {
		base.Documents = append(base.Documents, entity.Document{Type: entity.DocRegistration, Number: n})
	}
	base.IMO = first(p["imoNumber"])
	names := slices.Concat(p["name"], p["alias"], p["previousName"], p["weakAlias"], p["abbreviation"])
	names = slices.Compact(names)
	if len(names) > MaxNames {
		return nil, nil, apperr.Field("properties.name", "%d names; the limit is %d", len(names), MaxNames)
	}
	if len(names) == 0 {
		in := base
		in.FirstName = first(p["firstName"])
		in.MiddleName = strings.Join(slices.Concat(p["middleName"], p["secondName"]), " ")
		in.LastName = strings.Join(slices.Concat(p["fatherName"], p["lastName"]), " ")
		if in.FirstName == "" && in.MiddleName == "" && in.LastName == "" {
			return nil, nil, apperr.Field("properties.name", "required: give name (or firstName/lastName)")
		}
		inputs = []vigil.SubjectInput{in}
	}
	for _, n := range names {
		in := base
		in.Name = n
		inputs = append(inputs, in)
	}
	for prop, vs := range p {
		if !read[prop] && len(vs) > 0 {
			ignored = append(ignored, prop)
		}
	}
	slices.Sort(ignored)
	return inputs, ignored, nil
}

// Subjects validates Inputs into subjects, each with the given id when
// the example has none. Errors name "properties.<name>" where Vigil's
// validation names one of its own fields.
func (ex Example) Subjects(fallbackID string) ([]vigil.Subject, []string, error) {
	ins, ignored, err := ex.Inputs()
	if err != nil {
		return nil, nil, err
	}
	subs := make([]vigil.Subject, 0, len(ins))
	for _, in := range ins {
		s, err := in.Subject(fallbackID)
		if err != nil {
			return nil, nil, rename(err)
		}
		subs = append(subs, s)
	}
	return subs, ignored, nil
}

// fieldProps names the FtM property behind each of Vigil's fields.
var fieldProps = map[string]string{
	"id": "id", "type": "schema", "name": "properties.name", "first_name": "properties.firstName",
	"middle_name": "properties.middleName", "last_name": "properties.lastName",
	"gender": "properties.gender", "date_of_birth": "properties.birthDate",
	"place_of_birth": "properties.birthPlace", "nationality": "properties.nationality",
	"country": "properties.country", "passport": "properties.passportNumber",
	"national_id": "properties.idNumber", "tax_id": "properties.taxNumber", "imo": "properties.imoNumber",
}

func rename(err error) error {
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Field == "" {
		return err
	}
	f := ae.Field
	if strings.HasPrefix(f, "documents[") {
		f = "properties.registrationNumber"
	} else if p, ok := fieldProps[f]; ok {
		f = p
	}
	return &apperr.Error{Code: ae.Code, Field: f, Message: ae.Message, Err: ae.Err}
}

// countryValue upper-cases FtM's lower-case alpha-2 codes ("ru"); other
// values (names, FtM's own longer codes) are left to Vigil's country
// validation.
func countryValue(v string) string {
	if len(v) == 2 {
		return strings.ToUpper(v)
	}
	return v
}

func first(lists ...Values) string {
	for _, vs := range lists {
		for _, v := range vs {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return ""
}

func firstOf(vs Values, ok func(string) bool) string {
	for _, v := range vs {
		if ok(strings.ToLower(strings.TrimSpace(v))) {
			return v
		}
	}
	return first(vs)
}

// firstDate returns the first date, cut to its date part
// ("1970-01-01T00:00:00" → "1970-01-01"), as FtM dates may carry a time.
func firstDate(lists ...Values) string {
	d := first(lists...)
	if len(d) > 10 && d[10] == 'T' {
		d = d[:10]
	}
	return d
}
