package screen

import (
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// query is a parsed subject.
type query struct {
	name  string
	raw   string // the name as given, before any reordering
	kind  names.Kind
	attrs match.Attrs
	// unread are the attributes given that could not be read, reported
	// on every hit as missing so that the caller sees they were not used.
	unread []match.Qualifier
}

// notCompared is the Detail of an attribute value Vigil does not
// recognise.
const notCompared = "unrecognised value, not compared"

// parseSubject reads a subject: its name (whole, or first/middle/last, or
// "LAST, First"), and its attributes. An unreadable date of birth is an
// error; an unrecognised gender, nationality or country is reported on
// every hit as a missing qualifier (see query.unread). The genders
// "other" and "unknown" are legitimate and say nothing.
func parseSubject(s vigil.Subject) (query, error) {
	raw := rawSubjectName(s)
	q := query{name: raw, raw: raw, kind: nameKind(s.Kind)}
	if q.kind != names.Organization {
		q.name = names.NaturalOrder(raw)
	}
	if strings.TrimSpace(q.name) == "" {
		return q, fmt.Errorf("subject %q: a name is required", s.ID)
	}
	if dob := strings.TrimSpace(s.DateOfBirth); dob != "" {
		d, err := entity.ParseDate(dob)
		if err != nil {
			return q, fmt.Errorf("subject %q: date_of_birth: %w", s.ID, err)
		}
		q.attrs.BirthDate = d
	}
	switch strings.ToLower(strings.TrimSpace(s.Gender)) {
	case "male", "m":
		q.attrs.Gender = entity.GenderMale
	case "female", "f":
		q.attrs.Gender = entity.GenderFemale
	case "", "other", "unknown":
	default:
		q.unread = append(q.unread, match.Qualifier{Attribute: "gender", Query: s.Gender, Verdict: match.Missing, Detail: notCompared})
	}
	for _, c := range []struct{ attr, value string }{{"nationality", s.Nationality}, {"country", s.Country}} {
		if code, ok := countryCode(c.value); ok {
			q.attrs.Countries = append(q.attrs.Countries, code)
		} else if strings.TrimSpace(c.value) != "" {
			q.unread = append(q.unread, match.Qualifier{Attribute: c.attr, Query: c.value, Verdict: match.Missing, Detail: notCompared})
		}
	}
	q.attrs.BirthPlace = names.Fold(s.PlaceOfBirth)
	q.attrs.Documents = s.Documents
	q.attrs.Crypto = s.Crypto
	q.attrs.IMO = s.IMO
	return q, nil
}

// rawSubjectName returns the subject's name: Name, else first, middle and
// last joined. parseSubject puts a person's "LAST, First" in natural
// order ("First LAST", see names.NaturalOrder); organisations keep theirs.
func rawSubjectName(s vigil.Subject) string {
	name := strings.TrimSpace(s.Name)
	if name == "" {
		name = strings.Join(strings.Fields(s.FirstName+" "+s.MiddleName+" "+s.LastName), " ")
	}
	if len(name) > names.MaxInput {
		name = name[:names.MaxInput]
	}
	return name
}

func countryCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if c, ok := country.Code(s); ok {
		return c, true
	}
	return "", false
}

func nameKind(k entity.Kind) names.Kind {
	switch k {
	case entity.KindPerson:
		return names.Person
	case entity.KindOrganization, entity.KindVessel, entity.KindAircraft:
		return names.Organization
	}
	return names.Any
}

// kindTag is the index's kind tag for a record kind.
func kindTag(k entity.Kind) uint8 {
	switch k {
	case entity.KindPerson:
		return 1
	case entity.KindOrganization:
		return 2
	case entity.KindVessel, entity.KindAircraft:
		return 3
	}
	return 0
}

// kindFilter returns which listed kinds a subject of kind k may match:
// people match people, organisations match organisations, vessels and
// aircraft, and records of unknown kind match anything.
func kindFilter(k entity.Kind) func(uint8) bool {
	switch k {
	case entity.KindPerson:
		return func(t uint8) bool { return t == 0 || t == 1 }
	case entity.KindOrganization, entity.KindVessel, entity.KindAircraft:
		return func(t uint8) bool { return t != 1 }
	}
	return nil
}
