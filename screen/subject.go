package screen

import (
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil"
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

// parseSubject prepares a validated subject for the engine: its name
// (whole, or first/middle/last, or "LAST, First") and its attributes, as
// vigil.SubjectInput.Subject typed them. The values it could not read
// (Subject.Unread) are reported on every hit as missing (see
// query.unread).
func parseSubject(s vigil.Subject) (query, error) {
	raw := rawSubjectName(s)
	q := query{name: raw, raw: raw, kind: nameKind(s.Kind)}
	if q.kind != names.Organization {
		q.name = names.NaturalOrder(raw)
	}
	if strings.TrimSpace(q.name) == "" {
		return q, fmt.Errorf("subject %q: a name is required", s.ID)
	}
	q.attrs.BirthDate = s.DateOfBirth
	q.attrs.Gender = s.Gender
	for _, c := range []string{s.Nationality, s.Country} {
		if c != "" {
			q.attrs.Countries = append(q.attrs.Countries, c)
		}
	}
	for _, u := range s.Unread {
		q.unread = append(q.unread, match.Qualifier{Attribute: u.Attribute, Query: u.Value, Verdict: match.Missing, Detail: notCompared})
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
