package screen

import (
	"cmp"
	"sort"

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

// storeSet is records held in several packed stores, numbered through
// them in order.
type storeSet struct {
	stores []*packed.Store
	start  []int // start[k] is the number of store k's first record; one more, the total
}

func newStoreSet(stores []*packed.Store) *storeSet {
	s := &storeSet{stores: stores, start: make([]int, len(stores)+1)}
	for k, st := range stores {
		s.start[k+1] = s.start[k] + st.Len()
	}
	return s
}

// at returns the store of record i and its number there.
func (s *storeSet) at(i int) (*packed.Store, int) {
	k := sort.SearchInts(s.start, i+1) - 1
	return s.stores[k], i - s.start[k]
}

func (s *storeSet) Len() int { return s.start[len(s.stores)] }

func (s *storeSet) Entity(i int) *entity.Entity {
	st, j := s.at(i)
	return st.Entity(j)
}

func (s *storeSet) List(i int) string {
	st, j := s.at(i)
	return st.List(j)
}

func (s *storeSet) Compare(i int, list, id string) int {
	st, j := s.at(i)
	return st.Compare(j, list, id)
}

func (s *storeSet) CompareRecords(i, j int) int {
	a, ai := s.at(i)
	b, bj := s.at(j)
	return a.CompareWith(ai, b, bj)
}

var _ records = (*storeSet)(nil)
