package packed

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// The form of a record: its fields in the order of entity.Entity, then
// of entity.More. Numbers are unsigned varints, signed ones zig-zag
// varints; a string is its length and its bytes (a name part most often
// a piece of the full name: see writer.part), a symbol the number of
// a string in the store's table; a slice is its length plus one (0 for
// nil), then its elements; a pointer a byte 0 (nil) or 1 and the value.

// writer appends a record's form to b.
type writer struct {
	b []byte
	s *Store
}

func (w *writer) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *writer) int(v int64)   { w.b = binary.AppendVarint(w.b, v) }
func (w *writer) str(v string)  { w.uint(uint64(len(v))); w.b = append(w.b, v...) }
func (w *writer) sym(v string)  { w.uint(w.s.symbol(v)) }

func (w *writer) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func writeSlice[T any](w *writer, s []T, f func(*writer, *T)) {
	if s == nil {
		w.uint(0)
		return
	}
	w.uint(uint64(len(s)) + 1)
	for i := range s {
		f(w, &s[i])
	}
}

func writeSyms[T ~string](w *writer, s []T) {
	writeSlice(w, s, func(w *writer, v *T) { w.sym(string(*v)) })
}
func writeStrs(w *writer, s []string)       { writeSlice(w, s, func(w *writer, v *string) { w.str(*v) }) }
func writeDates(w *writer, s []entity.Date) { writeSlice(w, s, (*writer).date) }

func writePtr[T any](w *writer, p *T, f func(*writer, *T)) {
	w.bool(p != nil)
	if p != nil {
		f(w, p)
	}
}

// Date flags.
const (
	dateCirca = 1 << iota
	dateRange
	dateFlags = dateCirca | dateRange
)

func (w *writer) date(d *entity.Date) {
	var f byte
	if d.Circa {
		f |= dateCirca
	}
	rng := d.ToYear != 0 || d.ToMonth != 0 || d.ToDay != 0
	if rng {
		f |= dateRange
	}
	w.b = append(w.b, f)
	w.int(int64(d.Year))
	w.int(int64(d.Month))
	w.int(int64(d.Day))
	if rng {
		w.int(int64(d.ToYear))
		w.int(int64(d.ToMonth))
		w.int(int64(d.ToDay))
	}
}

func (w *writer) entity(e *entity.Entity) {
	w.sym(e.List)
	w.str(e.ID)
	w.sym(string(e.Kind))
	writeSlice(w, e.Names, (*writer).name)
	writeDates(w, e.BirthDates)
	writeSyms(w, e.Genders)
	writeSyms(w, e.Nationalities)
	writeSyms(w, e.Countries)
	writeSlice(w, e.Documents, func(w *writer, d *entity.Document) {
		w.sym(string(d.Type))
		w.str(d.Number)
		w.sym(d.Country)
		w.str(d.Note)
	})
	writePtr(w, e.Vessel, func(w *writer, v *entity.Vessel) {
		w.str(v.IMO)
		w.str(v.MMSI)
		w.str(v.CallSign)
		w.sym(v.Flag)
		w.sym(v.Type)
		w.str(v.Tonnage)
		w.str(v.Owner)
	})
	writePtr(w, e.More, (*writer).more)
}

func (w *writer) name(n *entity.Name) {
	w.str(n.Full)
	w.sym(string(n.Type))
	writeSlice(w, n.Parts, func(w *writer, p *entity.NamePart) {
		w.sym(string(p.Type))
		w.part(p.Value, n.Full)
	})
	w.sym(n.Script)
	w.sym(n.Lang)
}

// part writes a name part's value, most often a piece of the full name
// ("Ayman" of "ZAWAHIRI, Ayman"): then as its length and offset in it
// (length<<1 | 1, offset), otherwise as a string (length<<1, bytes).
func (w *writer) part(v, full string) {
	if i := strings.Index(full, v); i >= 0 {
		w.uint(uint64(len(v))<<1 | 1)
		w.uint(uint64(i))
		return
	}
	w.uint(uint64(len(v)) << 1)
	w.b = append(w.b, v...)
}

func (w *writer) more(m *entity.More) {
	writeSlice(w, m.OtherIDs, func(w *writer, x *entity.Identifier) {
		w.sym(x.Scheme)
		w.str(x.Value)
	})
	writeDates(w, m.DeathDates)
	writeStrs(w, m.BirthPlaces)
	writeSyms(w, m.Citizenships)
	writeStrs(w, m.Titles)
	writeStrs(w, m.Positions)
	writeSlice(w, m.Crypto, func(w *writer, c *entity.CryptoAddress) {
		w.sym(c.Currency)
		w.str(c.Address)
	})
	writeStrs(w, m.Emails)
	writeStrs(w, m.Phones)
	writeStrs(w, m.Websites)
	writeSlice(w, m.Addresses, func(w *writer, a *entity.Address) {
		w.str(a.Full)
		w.str(a.Street)
		w.str(a.City)
		w.str(a.Region)
		w.str(a.PostalCode)
		w.sym(a.Country)
	})
	writePtr(w, m.Aircraft, func(w *writer, a *entity.Aircraft) {
		w.str(a.TailNumber)
		w.str(a.Model)
		w.str(a.SerialNumber)
		w.str(a.Operator)
	})
	writeSyms(w, m.Programs)
	writeDates(w, m.ListedOn)
	writeDates(w, m.AmendedOn)
	w.str(m.Remarks)
	writeSlice(w, m.Relations, func(w *writer, r *entity.Relation) {
		w.sym(string(r.Type))
		w.str(r.TargetID)
		w.sym(r.TargetList)
		w.str(r.TargetName)
		w.str(r.Role)
		w.bool(r.Outgoing)
		w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(r.Share))
		w.str(r.Source)
		w.date(&r.Start)
		w.date(&r.End)
	})
}

// reader decodes a record's form from b. str is b as a string, or ""
// when only symbols and byte slices are read (List, Compare): strings
// are cut from it. After the first error every read returns zero values
// and err says what was wrong.
type reader struct {
	b   []byte
	str string
	off int
	s   *Store
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("packed: at byte %d: %s", r.off, fmt.Sprintf(format, args...))
	}
	r.off = len(r.b)
}

func (r *reader) uint() uint64 {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad unsigned number")
		return 0
	}
	r.off += n
	return v
}

func (r *reader) int() int64 {
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad signed number")
		return 0
	}
	r.off += n
	return v
}

func (r *reader) byte() byte {
	if r.off >= len(r.b) {
		r.fail("record ends early")
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

func (r *reader) bool() bool {
	switch r.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail("bad boolean")
	return false
}

// span returns the offsets of the next string's bytes.
func (r *reader) span() (int, int) {
	return r.spanN(r.uint())
}

// spanN returns the offsets of the next n bytes.
func (r *reader) spanN(n uint64) (int, int) {
	if n > uint64(len(r.b)-r.off) {
		r.fail("string of %d bytes past the record's end", n)
		return 0, 0
	}
	lo := r.off
	r.off += int(n)
	return lo, r.off
}

func (r *reader) bytes() []byte {
	lo, hi := r.span()
	return r.b[lo:hi]
}

func (r *reader) string() string {
	lo, hi := r.span()
	return r.str[lo:hi]
}

func (r *reader) sym() string {
	id := r.uint()
	if id >= uint64(len(r.s.syms)) {
		r.fail("symbol %d of %d", id, len(r.s.syms))
		return ""
	}
	return r.s.syms[id]
}

func readSlice[T any](r *reader, f func(*reader, *T)) []T {
	n := r.uint()
	if n == 0 {
		return nil
	}
	n--
	// Every element takes at least one byte: a larger count is false,
	// and would allocate for nothing.
	if n > uint64(len(r.b)-r.off) {
		r.fail("%d elements in %d bytes", n, len(r.b)-r.off)
		return nil
	}
	out := make([]T, n)
	for i := range out {
		f(r, &out[i])
	}
	return out
}

func readSyms[T ~string](r *reader) []T {
	return readSlice(r, func(r *reader, v *T) { *v = T(r.sym()) })
}
func readStrs(r *reader) []string {
	return readSlice(r, func(r *reader, v *string) { *v = r.string() })
}
func readDates(r *reader) []entity.Date { return readSlice(r, (*reader).date) }

func readPtr[T any](r *reader, f func(*reader, *T)) *T {
	if !r.bool() {
		return nil
	}
	v := new(T)
	f(r, v)
	return v
}

// small reads a signed number that must fit T.
func small[T int8 | int16](r *reader) T {
	v := r.int()
	if int64(T(v)) != v {
		r.fail("number %d out of range", v)
		return 0
	}
	return T(v)
}

func (r *reader) date(d *entity.Date) {
	f := r.byte()
	if f&^dateFlags != 0 {
		r.fail("bad date flags %#x", f)
		return
	}
	d.Circa = f&dateCirca != 0
	d.Year, d.Month, d.Day = small[int16](r), small[int8](r), small[int8](r)
	if f&dateRange != 0 {
		d.ToYear, d.ToMonth, d.ToDay = small[int16](r), small[int8](r), small[int8](r)
	}
}

func (r *reader) entity() *entity.Entity {
	e := &entity.Entity{List: r.sym(), ID: r.string(), Kind: entity.Kind(r.sym())}
	e.Names = readSlice(r, (*reader).name)
	e.BirthDates = readDates(r)
	e.Genders = readSyms[entity.Gender](r)
	e.Nationalities = readSyms[string](r)
	e.Countries = readSyms[string](r)
	e.Documents = readSlice(r, func(r *reader, d *entity.Document) {
		*d = entity.Document{Type: entity.DocType(r.sym()), Number: r.string(), Country: r.sym(), Note: r.string()}
	})
	e.Vessel = readPtr(r, func(r *reader, v *entity.Vessel) {
		*v = entity.Vessel{IMO: r.string(), MMSI: r.string(), CallSign: r.string(), Flag: r.sym(),
			Type: r.sym(), Tonnage: r.string(), Owner: r.string()}
	})
	e.More = readPtr(r, (*reader).more)
	return e
}

func (r *reader) name(n *entity.Name) {
	n.Full = r.string()
	n.Type = entity.NameType(r.sym())
	n.Parts = readSlice(r, func(r *reader, p *entity.NamePart) {
		*p = entity.NamePart{Type: entity.PartType(r.sym()), Value: r.part(n.Full)}
	})
	n.Script = r.sym()
	n.Lang = r.sym()
}

// part reads what writer.part wrote.
func (r *reader) part(full string) string {
	v := r.uint()
	n := v >> 1
	if v&1 == 0 {
		lo, hi := r.spanN(n)
		return r.str[lo:hi]
	}
	i := r.uint()
	if i > uint64(len(full)) || n > uint64(len(full))-i {
		r.fail("part %d+%d outside a name of %d bytes", i, n, len(full))
		return ""
	}
	return full[i : i+n]
}

func (r *reader) more(m *entity.More) {
	m.OtherIDs = readSlice(r, func(r *reader, x *entity.Identifier) {
		*x = entity.Identifier{Scheme: r.sym(), Value: r.string()}
	})
	m.DeathDates = readDates(r)
	m.BirthPlaces = readStrs(r)
	m.Citizenships = readSyms[string](r)
	m.Titles = readStrs(r)
	m.Positions = readStrs(r)
	m.Crypto = readSlice(r, func(r *reader, c *entity.CryptoAddress) {
		*c = entity.CryptoAddress{Currency: r.sym(), Address: r.string()}
	})
	m.Emails = readStrs(r)
	m.Phones = readStrs(r)
	m.Websites = readStrs(r)
	m.Addresses = readSlice(r, func(r *reader, a *entity.Address) {
		*a = entity.Address{Full: r.string(), Street: r.string(), City: r.string(), Region: r.string(),
			PostalCode: r.string(), Country: r.sym()}
	})
	m.Aircraft = readPtr(r, func(r *reader, a *entity.Aircraft) {
		*a = entity.Aircraft{TailNumber: r.string(), Model: r.string(), SerialNumber: r.string(), Operator: r.string()}
	})
	m.Programs = readSyms[string](r)
	m.ListedOn = readDates(r)
	m.AmendedOn = readDates(r)
	m.Remarks = r.string()
	m.Relations = readSlice(r, func(r *reader, x *entity.Relation) {
		x.Type = entity.RelationType(r.sym())
		x.TargetID = r.string()
		x.TargetList = r.sym()
		x.TargetName = r.string()
		x.Role = r.string()
		x.Outgoing = r.bool()
		if len(r.b)-r.off < 8 {
			r.fail("record ends early")
			return
		}
		x.Share = math.Float64frombits(binary.LittleEndian.Uint64(r.b[r.off:]))
		r.off += 8
		x.Source = r.string()
		r.date(&x.Start)
		r.date(&x.End)
	})
}
