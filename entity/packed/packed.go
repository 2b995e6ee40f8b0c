// Package packed keeps listed records in a compact binary form: every
// record encoded into a few large byte chunks, decoded back into an
// entity.Entity only when asked for. A million synthetic records take
// some 600 MiB as entity.Entity values (a struct, its slices and
// strings, each allocated apart) and about a fifth of that packed.
//
// The form is private to a process (it is never stored or sent): the
// short strings that recur from record to record (kinds, name and part
// types, genders, scripts, languages, document types, country codes,
// list names) are numbers in the store's table of symbols, every other
// string is written out. A decoded record equals the record packed,
// field by field, nil and empty slices told apart.
package packed

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// chunkSize is the size of the byte chunks records are written into
// once the first has grown to it: growing one slice of some hundred
// MiB by append would hold the old and the new array at once.
const chunkSize = 4 << 20

// Store holds records packed. Add is not safe for concurrent use; once
// the records are added, every reading method is.
type Store struct {
	chunks [][]byte
	at     []pos // per record: where its bytes start
	syms   []string
	symID  map[string]uint64
	buf    []byte // Add's scratch
}

// pos is where a record lies: its chunk and the offset of its length.
type pos struct{ chunk, off uint32 }

// New returns an empty store.
func New() *Store { return &Store{symID: map[string]uint64{}} }

// Pack returns a store of the records, in their order.
func Pack(ents []*entity.Entity) *Store {
	s := New()
	s.at = make([]pos, 0, len(ents))
	for _, e := range ents {
		s.Add(e)
	}
	return s
}

// Len returns the number of records.
func (s *Store) Len() int { return len(s.at) }

// Size returns the bytes the records take, their positions included.
func (s *Store) Size() int {
	n := len(s.at) * 8
	for _, c := range s.chunks {
		n += cap(c)
	}
	return n
}

// Add packs e after the records already added; it is record Len()-1.
func (s *Store) Add(e *entity.Entity) {
	w := writer{b: s.buf[:0], s: s}
	w.entity(e)
	s.buf = w.b
	n := binary.AppendUvarint(nil, uint64(len(w.b)))
	need := len(n) + len(w.b)
	last := len(s.chunks) - 1
	if last < 0 || len(s.chunks[last]) > 0 && len(s.chunks[last])+need > chunkSize {
		// The first chunk grows by append up to chunkSize, so that a
		// small store stays small; the others are made at their size.
		size := need
		if last >= 0 {
			size = max(need, chunkSize)
		}
		s.chunks = append(s.chunks, make([]byte, 0, size))
		last++
	}
	c := s.chunks[last]
	s.at = append(s.at, pos{uint32(last), uint32(len(c))})
	s.chunks[last] = append(append(c, n...), w.b...)
}

// bytes returns the packed bytes of record i.
func (s *Store) bytes(i int) []byte {
	p := s.at[i]
	c := s.chunks[p.chunk][p.off:]
	n, k := binary.Uvarint(c)
	return c[k : k+int(n)]
}

// Entity decodes record i. It panics if the record's bytes do not
// decode, which only a fault of this package can cause: the store
// decodes only what it encoded.
func (s *Store) Entity(i int) *entity.Entity {
	e, err := s.decode(s.bytes(i))
	if err != nil {
		panic(fmt.Sprintf("packed: record %d: %v", i, err))
	}
	return e
}

// List returns the list of record i without decoding the rest.
func (s *Store) List(i int) string {
	r := reader{b: s.bytes(i), s: s}
	return r.sym()
}

// ID returns the id of record i without decoding the rest; the string
// is a copy.
func (s *Store) ID(i int) string {
	_, id := s.key(i)
	return string(id)
}

// Compare orders record i against the key list/id by list, then id,
// as strings compare, without allocating.
func (s *Store) Compare(i int, list, id string) int {
	l, b := s.key(i)
	switch {
	case l < list:
		return -1
	case l > list:
		return 1
	case string(b) < id:
		return -1
	case string(b) > id:
		return 1
	}
	return 0
}

// CompareRecords orders records i and j by list, then id.
func (s *Store) CompareRecords(i, j int) int {
	return s.CompareWith(i, s, j)
}

// CompareWith orders record i against record j of store t by list,
// then id, without allocating.
func (s *Store) CompareWith(i int, t *Store, j int) int {
	l, b := t.key(j)
	l2, b2 := s.key(i)
	return cmp.Or(strings.Compare(l2, l), bytes.Compare(b2, b))
}

// key returns the list of record i and the bytes of its id.
func (s *Store) key(i int) (string, []byte) {
	r := reader{b: s.bytes(i), s: s}
	list := r.sym()
	id := r.bytes()
	return list, id
}

// symbol returns the number of a recurring string, adding it to the
// table if it is new.
func (s *Store) symbol(v string) uint64 {
	id, ok := s.symID[v]
	if !ok {
		id = uint64(len(s.syms))
		s.syms = append(s.syms, v)
		s.symID[v] = id
	}
	return id
}

// decode decodes one record's bytes. Its strings are substrings of one
// copy of the bytes: one allocation for all of them.
func (s *Store) decode(b []byte) (*entity.Entity, error) {
	r := reader{b: b, str: string(b), s: s}
	e := r.entity()
	if r.err == nil && r.off != len(b) {
		r.fail("%d bytes after the record", len(b)-r.off)
	}
	if r.err != nil {
		return nil, r.err
	}
	return e, nil
}
