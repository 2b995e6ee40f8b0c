package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
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
// later entries change are kept as values, short ones shared, digests as
// their first 16 bytes. Rows hold no pointers, so the garbage collector
// does not have to walk them.
type State struct {
	tables map[string]*tableState
	order  []string
	short  map[string]string // short values, shared
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
	index map[string]int // key → position in rows
	rows  []row
	mut   []string // len(Mutable) values a row, in rows order
}

type row struct {
	fixed [16]byte // digest of the fixed columns
	seq   int64    // the entry that wrote the fixed columns; 0 when written before the binding
	mseq  int64    // the last entry that changed a mutable column
	seen  bool     // Compare met the row
}

// NewState returns an empty state of the tables, which Missing visits in
// the order given.
func NewState(tables ...Table) *State {
	s := &State{tables: map[string]*tableState{}, short: map[string]string{}}
	for _, t := range tables {
		s.tables[t.Name] = &tableState{Table: t, index: map[string]int{}}
		s.order = append(s.order, t.Name)
	}
	return s
}

// Reserve makes room for n rows of a table, to save growing it row by
// row.
func (s *State) Reserve(table string, n int) {
	t := s.tables[table]
	if t == nil || len(t.rows) > 0 || n <= 0 {
		return
	}
	t.index = make(map[string]int, n)
	t.rows = make([]row, 0, n)
	t.mut = make([]string, 0, n*len(t.Mutable))
}

func (s *State) table(name string) (*tableState, error) {
	t := s.tables[name]
	if t == nil {
		return nil, fmt.Errorf("audit replay: no table %q", name)
	}
	return t, nil
}

// find returns the position of a row, or -1.
func (t *tableState) find(key string) int {
	if i, ok := t.index[key]; ok {
		return i
	}
	return -1
}

// add makes room for a row (or returns the one the key has), its mutable
// columns Unknown.
func (t *tableState) add(key string) int {
	i, ok := t.index[key]
	if !ok {
		i = len(t.rows)
		t.rows = append(t.rows, row{})
		for range t.Mutable {
			t.mut = append(t.mut, Unknown)
		}
		t.index[key] = i
	}
	return i
}

func (t *tableState) mutable(i int) []string {
	n := len(t.Mutable)
	return t.mut[i*n : i*n+n]
}

// keep returns the form in which the state keeps a value: a digest
// ("sha256:" and 64 hex digits) as NUL and its first 16 bytes, a short
// value shared with equal ones.
func (s *State) keep(v string) string {
	if raw, ok := digestBytes(v); ok {
		return "\x00" + string(raw[:])
	}
	if len(v) > 16 {
		return v
	}
	if k, ok := s.short[v]; ok {
		return k
	}
	s.short[v] = v
	return v
}

func digestBytes(v string) ([16]byte, bool) {
	var raw [16]byte
	if len(v) != len("sha256:")+64 || v[:7] != "sha256:" {
		return raw, false
	}
	_, err := hex.Decode(raw[:], []byte(v[7:39]))
	return raw, err == nil
}

// same reports whether a stored value matches a kept one.
func same(kept, stored string) bool {
	if len(kept) == 17 && kept[0] == 0 {
		raw, ok := digestBytes(stored)
		return ok && string(raw[:]) == kept[1:]
	}
	return kept == stored
}

// shown is a kept value as a report shows it.
func shown(kept string) string {
	if len(kept) == 17 && kept[0] == 0 {
		return "sha256:" + hex.EncodeToString([]byte(kept[1:])) + "…"
	}
	return kept
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
	for _, c := range t.Mutable {
		if _, ok := v[c]; !ok {
			return fmt.Errorf("audit replay: entry %d, %s %s: no value for %s", seq, table, key, c)
		}
	}
	i := t.add(key)
	t.rows[i] = row{fixed: fixed, seq: seq, mseq: seq}
	for j, c := range t.Mutable {
		t.mutable(i)[j] = s.keep(v[c])
	}
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
	i := t.add(key)
	m := t.mutable(i)
	for c, val := range v {
		j := slices.Index(t.Mutable, c)
		if j < 0 {
			return fmt.Errorf("audit replay: entry %d, %s %s: %s is not a column entries change", seq, table, key, c)
		}
		m[j] = s.keep(val)
	}
	t.rows[i].mseq = seq
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
	m := t.mutable(t.add(key))
	for j := range m {
		m[j] = Unknown
	}
	return nil
}

// Delete records that a row was deleted; it reports whether the trail had
// the row.
func (s *State) Delete(table, key string) (bool, error) {
	t, err := s.table(table)
	if err != nil {
		return false, err
	}
	_, ok := t.index[key]
	delete(t.index, key) // the row's place stays unused
	return ok, nil
}

// Has reports whether the trail has the row.
func (s *State) Has(table, key string) bool {
	t := s.tables[table]
	return t != nil && t.find(key) >= 0
}

// IsLegacy reports whether the trail has the row but not its fixed
// columns: it was written before the binding.
func (s *State) IsLegacy(table, key string) bool {
	t := s.tables[table]
	if t == nil {
		return false
	}
	i := t.find(key)
	return i >= 0 && t.rows[i].seq == 0
}

// CheckRead compares the mutable columns of a row as entry seq read them
// with what the trail implies: each that differs (and the trail knows) is
// an Inconsistent difference. It reports false when the trail does not
// have the row.
func (s *State) CheckRead(seq int64, table, key string, read Values) ([]Difference, bool) {
	t := s.tables[table]
	if t == nil || t.find(key) < 0 {
		return nil, false
	}
	m := t.mutable(t.find(key))
	var out []Difference
	for j, c := range t.Mutable {
		want := m[j]
		if got, ok := read[c]; ok && want != Unknown && !same(want, got) {
			out = append(out, Difference{Problem: Inconsistent, Table: table, Row: key, Column: c, Found: got, Want: shown(want), Seq: seq})
		}
	}
	return out, true
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
	i := t.find(key)
	if i < 0 {
		return Match{}, nil
	}
	r := &t.rows[i]
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
	for j, c := range t.Mutable {
		want := t.mutable(i)[j]
		if want != Unknown && !same(want, stored[c]) {
			m.Changed = append(m.Changed, Difference{Problem: Changed, Table: table, Row: key, Column: c,
				Found: stored[c], Want: shown(want), Seq: r.mseq})
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
		for k, i := range t.index {
			if !t.rows[i].seen {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			r := t.rows[t.index[k]]
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
