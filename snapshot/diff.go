package snapshot

import (
	"cmp"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// Delta is what changed from one edition of a list to the next (the
// result of Diff). Records are
// matched by Key (list and id). Every slice is sorted by list, then id
// (numeric ids in numeric order), so a Delta of the same editions is always
// the same.
type Delta struct {
	// OldCount and NewCount count the distinct records (keys) of the two
	// editions.
	OldCount, NewCount int
	// Added holds records only in the new edition.
	Added []*entity.Entity
	// Removed holds records only in the old edition (their old version):
	// delistings.
	Removed []*entity.Entity
	// Changed holds records in both editions that differ.
	Changed []Change
}

// Change is one record amended between two editions.
type Change struct {
	Old, New *entity.Entity
	// Fields lists the fields that differ, in entity field order.
	Fields []FieldChange
}

// FieldChange is the change of one field of a record. Multi-valued fields
// are compared as sets of rendered values (order and repeats do not
// count); a single-valued field that changed has its old value in Removed
// and its new value in Added.
type FieldChange struct {
	// Field is the entity's JSON field name: "names", "birth_dates",
	// "documents", "programs", "remarks", "relations", ...
	Field   string
	Added   []string
	Removed []string
}

// Diff compares two editions of a list: old and new hold the records of
// each. A record whose key appears twice in one edition is taken once, at
// its first appearance. Diff does not modify the records; the Delta points
// at them.
func Diff(old, new []*entity.Entity) Delta {
	oldByKey := index(old)
	newByKey := index(new)
	d := Delta{OldCount: len(oldByKey), NewCount: len(newByKey)}
	for key, n := range newByKey {
		o, ok := oldByKey[key]
		if !ok {
			d.Added = append(d.Added, n)
			continue
		}
		if fields := compareFields(o, n); len(fields) > 0 {
			d.Changed = append(d.Changed, Change{Old: o, New: n, Fields: fields})
		}
	}
	for key, o := range oldByKey {
		if _, ok := newByKey[key]; !ok {
			d.Removed = append(d.Removed, o)
		}
	}
	slices.SortFunc(d.Added, compareEntities)
	slices.SortFunc(d.Removed, compareEntities)
	slices.SortFunc(d.Changed, func(a, b Change) int { return compareEntities(a.New, b.New) })
	return d
}

func index(es []*entity.Entity) map[string]*entity.Entity {
	m := make(map[string]*entity.Entity, len(es))
	for _, e := range es {
		if _, dup := m[e.Key()]; !dup {
			m[e.Key()] = e
		}
	}
	return m
}

func compareEntities(a, b *entity.Entity) int {
	if c := strings.Compare(a.List, b.List); c != 0 {
		return c
	}
	return compareIDs(a.ID, b.ID)
}

// compareIDs orders numeric ids by value ("9" before "10") and others as
// strings; numbers come before other ids.
func compareIDs(a, b string) int {
	an, bn := isDigits(a), isDigits(b)
	switch {
	case an && bn:
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
	case an:
		return -1
	case bn:
		return 1
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Empty reports whether the two editions hold the same records.
func (d Delta) Empty() bool {
	return len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Changed) == 0
}

// RemovedKeys returns the keys ("list/id") of the removed records, sorted.
func (d Delta) RemovedKeys() []string {
	keys := make([]string, len(d.Removed))
	for i, e := range d.Removed {
		keys[i] = e.Key()
	}
	return keys
}

// Rescreen returns the records that a re-screening of monitored subjects
// must look at: the added records and the new versions of changed records
// whose change can alter a match (see Change.AffectsMatching), sorted.
func (d Delta) Rescreen() []*entity.Entity {
	out := slices.Clone(d.Added)
	for _, c := range d.Changed {
		if c.AffectsMatching() {
			out = append(out, c.New)
		}
	}
	slices.SortFunc(out, compareEntities)
	return out
}

// AffectsMatching reports whether the change touches a field that
// screening compares (see MatchingFields), so that subjects screened
// against the old version must be screened again.
func (c Change) AffectsMatching() bool {
	for _, f := range c.Fields {
		if isMatching(f.Field) {
			return true
		}
	}
	return false
}

// Field returns the change of the named field, or false when it did not
// change.
func (c Change) Field(name string) (FieldChange, bool) {
	for _, f := range c.Fields {
		if f.Field == name {
			return f, true
		}
	}
	return FieldChange{}, false
}
