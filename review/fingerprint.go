package review

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/snapshot"
)

// Attrs are the attributes of one side of a (subject, record) pair that
// matter to a false-positive decision, by attribute name. Values are
// normalised (trimmed, upper-cased, sorted, without duplicates) so that a
// mere reordering is not a change.
type Attrs map[string][]string

// SubjectAttrs returns the relevant attributes of a screened subject.
func SubjectAttrs(s vigil.Subject) Attrs {
	a := Attrs{}
	a.add("kind", string(s.Kind))
	a.add("name", s.Name)
	a.add("first_name", s.FirstName)
	a.add("middle_name", s.MiddleName)
	a.add("last_name", s.LastName)
	a.add("gender", string(s.Gender))
	a.add("date_of_birth", s.DateOfBirth.String())
	a.add("place_of_birth", s.PlaceOfBirth)
	a.add("nationality", s.Nationality)
	a.add("country", s.Country)
	for _, u := range s.Unread {
		a.add(u.Attribute, u.Value) // as given: a change of it is a change
	}
	for _, d := range s.Documents {
		a.add("documents", documentKey(d))
	}
	a.add("crypto", s.Crypto...)
	a.add("imo", s.IMO)
	return a.normalise()
}

// RecordAttrs returns the relevant attributes of a list record: every
// field the screening engine compares (snapshot.MatchingFields, the one
// statement of them), so that a record that gains, say, an IMO number or
// a crypto address is a changed record.
func RecordAttrs(e *entity.Entity) Attrs {
	a := Attrs{}
	for name, values := range snapshot.MatchingValues(e) {
		a.add(name, values...)
	}
	return a.normalise()
}

func documentKey(d entity.Document) string {
	return string(d.Type) + ":" + d.Number + ":" + d.Country
}

// add adds the values that are not blank, upper-cased with runs of white
// space made one space.
func (a Attrs) add(name string, values ...string) {
	for _, v := range values {
		if v = strings.Join(strings.Fields(v), " "); v != "" {
			a[name] = append(a[name], strings.ToUpper(v))
		}
	}
}

func (a Attrs) normalise() Attrs {
	for k, v := range a {
		slices.Sort(v)
		a[k] = slices.Compact(v)
	}
	return a
}

// Fingerprint is a hex SHA-256 of the attributes' canonical JSON (map keys
// sorted by encoding/json).
func (a Attrs) Fingerprint() string {
	b, err := json.Marshal(a)
	if err != nil { // a map of string slices always encodes
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Change is one attribute that differs between two versions of one side.
type Change struct {
	Side string `json:"side"` // "subject" or "record"
	// Record names the record ("list/source_id") of a record change when
	// it is not the alert's own record but another of its identity. The
	// attribute "not_reviewed" says that no false-positive decision
	// covered that record; "unknown" that the screening did not carry it.
	Record    string   `json:"record,omitempty"`
	Attribute string   `json:"attribute"`
	Before    []string `json:"before,omitempty"`
	After     []string `json:"after,omitempty"`
}

// Diff lists the attributes that differ between before and after, in
// attribute-name order.
func Diff(side string, before, after Attrs) []Change {
	var names []string
	for k := range before {
		names = append(names, k)
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	var out []Change
	for _, k := range names {
		if !slices.Equal(before[k], after[k]) {
			out = append(out, Change{Side: side, Attribute: k, Before: before[k], After: after[k]})
		}
	}
	return out
}
