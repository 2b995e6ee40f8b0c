package snapshot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// compareFields returns the fields of o and n that differ, in entity field
// order. Each field of entity.Entity except List and ID (the key) is
// rendered as a set of strings that carry all of its content.
func compareFields(o, n *entity.Entity) []FieldChange {
	var out []FieldChange
	for _, f := range fields {
		added, removed := setDiff(f.render(o), f.render(n))
		if len(added) > 0 || len(removed) > 0 {
			out = append(out, FieldChange{Field: f.name, Added: added, Removed: removed})
		}
	}
	return out
}

// fields renders each field of a record, named as in the entity's JSON
// form, and says whether the screening engine compares it (matching). It
// is the one statement of which fields of a listed record matter: a
// change in a matching field can alter a score, so it is what a
// re-screening must look at (Change.AffectsMatching) and what
// false-positive memory compares (review.RecordAttrs, through
// MatchingValues); a change elsewhere (remarks, programmes, dates of
// listing) alters no score.
var fields = []struct {
	name     string
	matching bool
	render   func(*entity.Entity) []string
}{
	{"kind", true, func(e *entity.Entity) []string { return one(string(e.Kind)) }},
	{"names", true, func(e *entity.Entity) []string { return each(e.Names, renderName) }},
	{"other_ids", true, func(e *entity.Entity) []string {
		return each(e.OtherIDs(), func(id entity.Identifier) string { return id.Scheme + ": " + id.Value })
	}},
	{"birth_dates", true, func(e *entity.Entity) []string { return each(e.BirthDates, entity.Date.String) }},
	{"death_dates", true, func(e *entity.Entity) []string { return each(e.DeathDates(), entity.Date.String) }},
	{"birth_places", true, func(e *entity.Entity) []string { return e.BirthPlaces() }},
	{"genders", true, func(e *entity.Entity) []string {
		return each(e.Genders, func(g entity.Gender) string { return string(g) })
	}},
	{"nationalities", true, func(e *entity.Entity) []string { return e.Nationalities }},
	{"citizenships", true, func(e *entity.Entity) []string { return e.Citizenships() }},
	{"countries", true, func(e *entity.Entity) []string { return e.Countries }},
	{"titles", false, func(e *entity.Entity) []string { return e.Titles() }},
	{"positions", false, func(e *entity.Entity) []string { return e.Positions() }},
	{"documents", true, func(e *entity.Entity) []string { return each(e.Documents, renderDocument) }},
	{"crypto", true, func(e *entity.Entity) []string {
		return each(e.Crypto(), func(c entity.CryptoAddress) string { return c.Currency + " " + c.Address })
	}},
	{"emails", false, func(e *entity.Entity) []string { return e.Emails() }},
	{"phones", false, func(e *entity.Entity) []string { return e.Phones() }},
	{"websites", false, func(e *entity.Entity) []string { return e.Websites() }},
	{"addresses", true, func(e *entity.Entity) []string { return each(e.Addresses(), renderAddress) }},
	{"vessel", true, func(e *entity.Entity) []string { return renderVessel(e.Vessel) }},
	{"aircraft", true, func(e *entity.Entity) []string { return renderAircraft(e.Aircraft()) }},
	{"programs", false, func(e *entity.Entity) []string { return e.Programs() }},
	{"listed_on", false, func(e *entity.Entity) []string { return each(e.ListedOn(), entity.Date.String) }},
	{"amended_on", false, func(e *entity.Entity) []string { return each(e.AmendedOn(), entity.Date.String) }},
	{"remarks", false, func(e *entity.Entity) []string { return one(e.Remarks()) }},
	{"relations", true, func(e *entity.Entity) []string { return each(e.Relations(), renderRelation) }},
}

// MatchingFields returns the names of the fields the screening engine
// compares, in entity field order.
func MatchingFields() []string {
	var out []string
	for _, f := range fields {
		if f.matching {
			out = append(out, f.name)
		}
	}
	return out
}

// isMatching reports whether the named field is one screening compares.
func isMatching(name string) bool {
	for _, f := range fields {
		if f.name == name {
			return f.matching
		}
	}
	return false
}

// MatchingValues renders the record's matching fields that have values, by
// field name, each as the values Diff compares (all of the field's
// content, one string per value).
func MatchingValues(e *entity.Entity) map[string][]string {
	out := map[string][]string{}
	for _, f := range fields {
		if !f.matching {
			continue
		}
		if vs := f.render(e); len(vs) > 0 {
			out[f.name] = vs
		}
	}
	return out
}

// setDiff returns the values of n not in o, and of o not in n, each sorted
// and without repeats.
func setDiff(o, n []string) (added, removed []string) {
	return missing(n, o), missing(o, n)
}

func missing(from, in []string) []string {
	var out []string
	for _, v := range from {
		if !slices.Contains(in, v) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func each[T any](vs []T, render func(T) string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = render(v)
	}
	return out
}

// join joins the non-empty values with sep.
func join(sep string, vs ...string) string {
	return strings.Join(slices.DeleteFunc(vs, func(s string) bool { return s == "" }), sep)
}

func renderName(n entity.Name) string {
	s := n.Full + " [" + string(n.Type)
	if n.Script != "" || n.Lang != "" {
		s += ", " + join("/", n.Script, n.Lang)
	}
	if len(n.Parts) > 0 {
		s += ", " + strings.Join(each(n.Parts, func(p entity.NamePart) string { return string(p.Type) + "=" + p.Value }), " ")
	}
	return s + "]"
}

func renderDocument(d entity.Document) string {
	s := join(" ", string(d.Type), d.Number)
	if d.Country != "" {
		s += " (" + d.Country + ")"
	}
	if d.Note != "" {
		s += "; " + d.Note
	}
	return s
}

func renderAddress(a entity.Address) string {
	parts := join(", ", a.Street, a.City, a.Region, a.PostalCode, a.Country)
	if a.Full == "" {
		return parts
	}
	if parts == "" {
		return a.Full
	}
	return a.Full + " [" + parts + "]"
}

func renderVessel(v *entity.Vessel) []string {
	if v == nil {
		return nil
	}
	return []string{fmt.Sprintf("IMO %s, MMSI %s, call sign %s, flag %s, type %s, tonnage %s, owner %s",
		v.IMO, v.MMSI, v.CallSign, v.Flag, v.Type, v.Tonnage, v.Owner)}
}

func renderAircraft(a *entity.Aircraft) []string {
	if a == nil {
		return nil
	}
	return []string{fmt.Sprintf("tail %s, model %s, serial %s, operator %s", a.TailNumber, a.Model, a.SerialNumber, a.Operator)}
}

// renderRelation writes a relation as "ownership -> 123 (ACME LTD)",
// with "<-" for an incoming link, followed by what qualifies it.
func renderRelation(r entity.Relation) string {
	arrow := "<-"
	if r.Outgoing {
		arrow = "->"
	}
	target := r.TargetID
	if r.TargetList != "" {
		target = r.TargetList + "/" + target
	}
	s := join(" ", string(r.Type), arrow, target)
	if r.TargetName != "" {
		s += " (" + r.TargetName + ")"
	}
	var q []string
	if r.Role != "" {
		q = append(q, "role "+r.Role)
	}
	if r.Share != 0 {
		q = append(q, "share "+strconv.FormatFloat(r.Share, 'f', -1, 64)+"%")
	}
	if !r.Start.IsZero() || !r.End.IsZero() {
		q = append(q, "from "+r.Start.String()+" to "+r.End.String())
	}
	if r.Source != "" {
		q = append(q, "source "+r.Source)
	}
	if len(q) > 0 {
		s += "; " + strings.Join(q, "; ")
	}
	return s
}
