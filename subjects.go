package vigil

import (
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
