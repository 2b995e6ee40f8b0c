// Package merge builds one record from several rows that share an ID, as
// the lists with one row per name need (DFAT, OFSI): each distinct value
// is kept once, and the record ends with exactly one primary name.
package merge

import (
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
)

// Record is a record being built from its rows.
type Record struct {
	Entity  *entity.Entity
	Remarks []string // joined with newlines into Entity.Remarks by Set.Emit
	seen    map[string]bool
}

// Once reports whether key is new to the record, and marks it seen.
func (r *Record) Once(key ...string) bool {
	k := strings.Join(key, "\x00")
	if r.seen[k] {
		return false
	}
	r.seen[k] = true
	return true
}

// AddName adds a name once; a name seen before as an alias becomes
// primary when a row lists it as the primary name.
func (r *Record) AddName(n entity.Name) {
	for i, old := range r.Entity.Names {
		if old.Full == n.Full {
			if n.Type == entity.NamePrimary {
				r.Entity.Names[i].Type = entity.NamePrimary
			}
			return
		}
	}
	r.Entity.Names = append(r.Entity.Names, n)
}

// finish returns the record with its remarks joined and one primary name:
// the first typed as primary; further primary names become aliases, and a
// record with none gets its first name not in original script.
func (r *Record) finish() *entity.Entity {
	e := r.Entity
	e.EnsureMore().Remarks = strings.Join(r.Remarks, "\n")
	primary := -1
	for i, n := range e.Names {
		switch {
		case n.Type == entity.NamePrimary && primary < 0:
			primary = i
		case n.Type == entity.NamePrimary:
			e.Names[i].Type = entity.NameAlias
		}
	}
	for i := range e.Names {
		if primary < 0 && e.Names[i].Type != entity.NameOriginalScript {
			e.Names[i].Type = entity.NamePrimary
			primary = i
		}
	}
	return e
}

// Set holds the records of one file by ID, in the order IDs first appear.
type Set struct {
	order []string
	byID  map[string]*Record
}

// NewSet returns an empty set.
func NewSet() *Set { return &Set{byID: make(map[string]*Record)} }

// Record returns the record with id, creating it with list and kind on
// its first row.
func (s *Set) Record(list, id string, kind entity.Kind) *Record {
	r := s.byID[id]
	if r == nil {
		r = &Record{Entity: &entity.Entity{List: list, ID: id, Kind: kind}, seen: make(map[string]bool)}
		s.byID[id] = r
		s.order = append(s.order, id)
	}
	return r
}

// IDs returns the IDs of the records in the order they first appeared.
func (s *Set) IDs() []string { return s.order }

// Finish returns the record with id, its remarks joined and with one
// primary name, or nil when there is none.
func (s *Set) Finish(id string) *entity.Entity {
	r := s.byID[id]
	if r == nil {
		return nil
	}
	return r.finish()
}

// Emit finishes each record, calls after on it when after is not nil,
// and emits it, in order. An empty set is an error naming file name.
func (s *Set) Emit(name string, emit reader.Emit, after func(*entity.Entity)) error {
	if len(s.order) == 0 {
		return reader.Errorf(name, 0, "no records")
	}
	for _, id := range s.order {
		e := s.Finish(id)
		if after != nil {
			after(e)
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}
