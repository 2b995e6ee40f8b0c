package screen

import (
	"cmp"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
)

// records is what the engine reads of the listed records: the caller's
// slice (New), or a packed store that decodes a record when asked
// (NewPacked), so that a process need not hold a million records as
// entity.Entity values.
type records interface {
	Len() int
	// Entity returns record i: the caller's own from a slice, a fresh
	// copy from a packed store. It must not be changed.
	Entity(i int) *entity.Entity
	List(i int) string
	// Compare orders record i against list/id, CompareRecords records
	// i and j, by list, then id.
	Compare(i int, list, id string) int
	CompareRecords(i, j int) int
}

// entitySlice is records held as the caller's entity.Entity values.
type entitySlice []*entity.Entity

func (s entitySlice) Len() int                    { return len(s) }
func (s entitySlice) Entity(i int) *entity.Entity { return s[i] }
func (s entitySlice) List(i int) string           { return s[i].List }

func (s entitySlice) Compare(i int, list, id string) int {
	return cmp.Or(cmp.Compare(s[i].List, list), cmp.Compare(s[i].ID, id))
}

func (s entitySlice) CompareRecords(i, j int) int { return s.Compare(i, s[j].List, s[j].ID) }

var _ records = (*packed.Store)(nil)
