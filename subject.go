package vigil

import (
	"encoding/json"
	"fmt"

	"github.com/vigil-screening/vigil/entity"
)

// Subject is a person or organisation to screen, validated: every field
// is in the form the engine compares. The one way to make a Subject from
// what users write is SubjectInput.Subject; the engine, the store and the
// review rules read its fields and never parse them again.
type Subject struct {
	// ID is the caller's identifier, echoed in results.
	ID string
	// Kind is person, organization, vessel, aircraft, or unknown (any).
	Kind entity.Kind
	// Name is the full name in any order and script; FirstName, MiddleName
	// and LastName may be given instead or as well. At least one is set.
	Name       string
	FirstName  string
	MiddleName string
	LastName   string
	// Gender is male, female, or "" when not given or when the value says
	// nothing the lists could agree or disagree with ("unknown").
	Gender entity.Gender
	// DateOfBirth is a full or partial date; zero when not given.
	DateOfBirth  entity.Date
	PlaceOfBirth string
	// Nationality and Country are ISO 3166-1 alpha-2 codes, or "".
	Nationality string
	Country     string
	// Documents are identity documents (passport, national id, ...).
	Documents []entity.Document
	// Crypto addresses and the vessel IMO number.
	Crypto []string
	IMO    string
	// Unread are the values given that Vigil cannot compare: a country it
	// does not know, the gender "x". They are recorded here once, at
	// validation; the engine reports each on every hit as a qualifier
	// that was not compared, and results carry them as warnings, so that
	// a clean result is never mistaken for a full one.
	Unread []Unread
}

// Unread is one value of a subject that was given but cannot be compared.
type Unread struct {
	// Attribute is the field: "nationality", "country" or "gender".
	Attribute string
	// Value is the value as given.
	Value string
	// Reason says why it cannot be compared.
	Reason string
}

// Warnings says, for each unread value, that it was not compared.
func (s Subject) Warnings() []string {
	var out []string
	for _, u := range s.Unread {
		out = append(out, fmt.Sprintf("%s: %q %s; it was not compared", u.Attribute, u.Value, u.Reason))
	}
	return out
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
