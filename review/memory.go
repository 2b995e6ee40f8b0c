package review

import (
	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
)

// False-positive memory. Closing an alert as a false positive remembers,
// for every record of the alert's identity, both sides' attributes as the
// reviewer saw them (SubjectAttrs, RecordAttrs). A later hit on the same
// identity is suppressed only when every one of its records was covered
// by such a decision and neither side has changed since.

// Remembered is what a false-positive decision remembered of one record
// of an identity.
type Remembered struct {
	SubjectAttrs Attrs
	RecordAttrs  Attrs
}

// Memory is the false-positive memory of one subject, by record.
type Memory map[Ref]*Remembered

// CheckMemory compares a hit with the subject's false-positive memory.
// subject are the subject's attributes now, refs the records of the hit's
// identity (its own first), and record returns each record as the
// screening carried it, or nil when it did not. The hit is suppressed
// only when every record was covered by a false-positive decision and
// neither the subject nor any record has changed since. Otherwise
// CheckMemory returns what changed since the decisions that covered some
// of the records (nil when none did): per side and attribute, before and
// after, plus "not_reviewed" for each record no decision covered and
// "unknown" for each the screening did not carry (never taken as
// unchanged).
func CheckMemory(subject Attrs, refs []Ref, record func(Ref) *entity.Entity, memory Memory) (changes []Change, suppressed bool) {
	var uncovered []Change
	all, some := true, false
	for i, r := range refs {
		m := memory[r]
		label := ""
		if i > 0 {
			label = r.String()
		}
		if m == nil {
			all = false
			uncovered = append(uncovered, Change{Side: "record", Record: r.String(), Attribute: "not_reviewed"})
			continue
		}
		// Each decision remembered the subject as it was then; the first
		// one's differences are the ones reported.
		d := Diff("subject", m.SubjectAttrs.canonical(), subject)
		if !some {
			changes = append(changes, d...)
			some = true
		}
		all = all && len(d) == 0
		rec := record(r)
		if rec == nil {
			all = false
			changes = append(changes, Change{Side: "record", Record: label, Attribute: "unknown", Before: []string{r.String()}})
			continue
		}
		for _, c := range Diff("record", m.RecordAttrs.canonical(), RecordAttrs(rec)) {
			c.Record = label
			changes = append(changes, c)
			all = false
		}
	}
	if all {
		return nil, true
	}
	if !some {
		return nil, false
	}
	return append(changes, uncovered...), false
}

// String names the record: "list/source_id".
func (r Ref) String() string { return r.List + "/" + r.SourceID }

// canonical returns the attributes normalised as SubjectAttrs and
// RecordAttrs normalise them now. Memory written by earlier versions of
// Vigil kept countries as the names users wrote ("RUSSIAN FEDERATION")
// and white space as given; read through canonical, they compare equal to
// the same values written now ("RU").
func (a Attrs) canonical() Attrs {
	out := Attrs{}
	for k, vs := range a {
		for _, v := range vs {
			if k == "nationality" || k == "country" {
				if code, ok := country.Code(v); ok {
					v = code
				}
			}
			out.add(k, v)
		}
	}
	return out.normalise()
}
