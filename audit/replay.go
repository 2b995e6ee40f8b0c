package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
)

// State is what the trail says the tables hold. Replaying the entries in
// sequence order builds it (Write, Update, Legacy, Delete); a scan of each
// table then compares every stored row with it (Compare), and the rows
// the trail has that no stored row matched are missing (Missing).
//
// Memory stays near the number of rows: a row's fixed columns (written
// once with the row) are kept as one 16-byte digest and the sequence
// number of the entry that wrote them. When they differ, the caller
// re-reads that entry to name the column (DiffFixed). Only the columns
// later entries change are kept as values.
type State struct {
	tables map[string]*tableState
	order  []string
}

// Table describes one table the trail binds.
type Table struct {
	Name string
	// Fixed columns are written with the row and never change (an entry
	// that replaces the row writes them all again).
	Fixed []string
	// Mutable columns are those later entries change.
	Mutable []string
}

// Values are a row's columns as Compare compares them: text as stored,
// numbers in decimal, large values as "sha256:" and the hex digest of the
// text as stored. Unknown stands for a column the trail does not give.
type Values map[string]string

// Unknown is the value of a column that no entry gives: one of a row
// written before the trail bound the state it describes.
const Unknown = "\x00unknown"

type tableState struct {
	Table
	rows map[string]*row
}

type row struct {
	fixed   [16]byte // digest of the fixed columns
	seq     int64    // the entry that wrote the fixed columns; 0 when written before the binding
	mseq    int64    // the last entry that changed a mutable column
	mutable []string // in Table.Mutable order
	seen    bool     // Compare met the row
}

// NewState returns an empty state of the tables, which Missing visits in
// the order given.
func NewState(tables ...Table) *State {
	s := &State{tables: map[string]*tableState{}}
	for _, t := range tables {
		s.tables[t.Name] = &tableState{Table: t, rows: map[string]*row{}}
		s.order = append(s.order, t.Name)
	}
	return s
}

func (s *State) table(name string) (*tableState, error) {
	t := s.tables[name]
	if t == nil {
		return nil, fmt.Errorf("audit replay: no table %q", name)
	}
	return t, nil
}

// Write records that entry seq wrote a whole row (a new one, or every
// column of an existing one). v must give every column.
func (s *State) Write(seq int64, table, key string, v Values) error {
	t, err := s.table(table)
	if err != nil {
		return err
	}
	fixed, err := t.fixedDigest(v)
	if err != nil {
		return fmt.Errorf("audit replay: entry %d, %s %s: %w", seq, table, key, err)
	}
	r := &row{fixed: fixed, seq: seq, mseq: seq, mutable: make([]string, len(t.Mutable))}
	for i, c := range t.Mutable {
		val, ok := v[c]
		if !ok {
			return fmt.Errorf("audit replay: entry %d, %s %s: no value for %s", seq, table, key, c)
		}
		r.mutable[i] = val
	}
	t.rows[key] = r
	return nil
}

// Update records that entry seq changed some mutable columns of a row. A
// row the trail did not write is taken as written before the binding: its
// other columns are Unknown.
func (s *State) Update(seq int64, table, key string, v Values) error {
	t, err := s.table(table)
	if err != nil {
		return err
	}
	r := t.rows[key]
	if r == nil {
		r = t.legacy(key)
	}
	for c, val := range v {
		i := slices.Index(t.Mutable, c)
		if i < 0 {
			return fmt.Errorf("audit replay: entry %d, %s %s: %s is not a column entries change", seq, table, key, c)
		}
		r.mutable[i] = val
	}
	r.mseq = seq
	return nil
}

// Legacy records a row the trail names but does not describe: one written
// by an entry from before the binding, or changed by one. Its fixed
// columns, if known, stay; its mutable columns become Unknown.
func (s *State) Legacy(table, key string) error {
	t, err := s.table(table)
	if err != nil {
		return err
	}
	r := t.rows[key]
	if r == nil {
		t.legacy(key)
		return nil
	}
	for i := range r.mutable {
		r.mutable[i] = Unknown
	}
	return nil
}

func (t *tableState) legacy(key string) *row {
	r := &row{mutable: make([]string, len(t.Mutable))}
	for i := range r.mutable {
		r.mutable[i] = Unknown
	}
	t.rows[key] = r
	return r
}

// Delete records that a row was deleted; it reports whether the trail had
// the row.
func (s *State) Delete(table, key string) (bool, error) {
	t, err := s.table(table)
	if err != nil {
		return false, err
	}
	_, ok := t.rows[key]
	delete(t.rows, key)
	return ok, nil
}

// Current returns the mutable columns the trail gives a row, or nil when
// the trail does not have the row.
func (s *State) Current(table, key string) Values {
	t := s.tables[table]
	if t == nil {
		return nil
	}
	r := t.rows[key]
	if r == nil {
		return nil
	}
	v := make(Values, len(t.Mutable))
	for i, c := range t.Mutable {
		v[c] = r.mutable[i]
	}
	return v
}

// Has reports whether the trail has the row.
func (s *State) Has(table, key string) bool {
	t := s.tables[table]
	return t != nil && t.rows[key] != nil
}

// IsLegacy reports whether the trail has the row but not its fixed
// columns: it was written before the binding.
func (s *State) IsLegacy(table, key string) bool {
	t := s.tables[table]
	if t == nil {
		return false
	}
	r := t.rows[key]
	return r != nil && r.seq == 0
}

// Match is the outcome of comparing one stored row with the trail.
type Match struct {
	// Known is false when the trail has no such row.
	Known bool
	// Legacy is true for a row written before the binding: its fixed
	// columns and any mutable column no later entry set are not checked.
	Legacy bool
	// FixedSeq is, when the fixed columns differ, the entry that wrote
	// them; DiffFixed names the columns.
	FixedSeq int64
	// Changed are the mutable columns that differ.
	Changed []Difference
}

// Compare compares a stored row with what the trail says of it.
func (s *State) Compare(table, key string, stored Values) (Match, error) {
	t, err := s.table(table)
	if err != nil {
		return Match{}, err
	}
	r := t.rows[key]
	if r == nil {
		return Match{}, nil
	}
	r.seen = true
	m := Match{Known: true, Legacy: r.seq == 0}
	if !m.Legacy {
		got, err := t.fixedDigest(stored)
		if err != nil {
			return Match{}, err
		}
		if got != r.fixed {
			m.FixedSeq = r.seq
		}
	}
	for i, c := range t.Mutable {
		want := r.mutable[i]
		if want != Unknown && stored[c] != want {
			m.Changed = append(m.Changed, Difference{Problem: Changed, Table: table, Row: key, Column: c,
				Found: stored[c], Want: want, Seq: r.mseq})
		}
	}
	return m, nil
}

// DiffFixed names the fixed columns of a stored row that differ from
// those the entry seq wrote (want, as its replay gives them).
func (s *State) DiffFixed(table, key string, seq int64, stored, want Values) []Difference {
	t := s.tables[table]
	if t == nil {
		return nil
	}
	var out []Difference
	for _, c := range t.Fixed {
		if stored[c] != want[c] {
			out = append(out, Difference{Problem: Changed, Table: table, Row: key, Column: c, Found: stored[c], Want: want[c], Seq: seq})
		}
	}
	return out
}

// Missing calls fn for every row the trail has that Compare did not meet,
// table by table in the order given to NewState, keys in sorted order.
// seq is the entry that wrote the row (0 when written before the binding).
func (s *State) Missing(fn func(table, key string, seq int64)) {
	for _, name := range s.order {
		t := s.tables[name]
		var keys []string
		for k, r := range t.rows {
			if !r.seen {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			r := t.rows[k]
			seq := r.seq
			if seq == 0 {
				seq = r.mseq
			}
			fn(name, k, seq)
		}
	}
}

// fixedDigest digests the fixed columns of v, each length-prefixed, to 16
// bytes: plenty to tell a changed row from an unchanged one.
func (t *tableState) fixedDigest(v Values) ([16]byte, error) {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, c := range t.Fixed {
		val, ok := v[c]
		if !ok {
			return [16]byte{}, fmt.Errorf("no value for %s", c)
		}
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(val)))])
		h.Write([]byte(val))
	}
	var out [16]byte
	copy(out[:], h.Sum(nil))
	return out, nil
}
