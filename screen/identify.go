package screen

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/match"
)

// Identifiers. Candidates come from names, but a subject whose document
// number, IMO number or crypto address is a record's is that record's
// candidate whatever its name: the index below finds such records, and
// match.Qualify lifts an agreeing identifier to match.IdentifierScore.

// minIDKey is the shortest document number that makes a candidate:
// shorter numbers are too often shared by chance.
const minIDKey = 4

func docIDKey(number string) string {
	if k := match.DocKey(number); len(k) >= minIDKey {
		return "doc:" + k
	}
	return ""
}

func imoIDKey(imo string) string {
	if k := match.IMOKey(imo); len(k) >= minIDKey {
		return "imo:" + k
	}
	return ""
}

func cryptoIDKey(addr string) string {
	if a := strings.TrimSpace(addr); len(a) >= minIDKey {
		return "crypto:" + a
	}
	return ""
}

// idSet maps the identifier keys of every record to the records: the
// keys' hashes in order, each with one record. At a million records this
// takes 12 bytes an identifier, where a map of key strings to slices of
// records took some 28. Two keys whose hashes collided would make each
// other's records candidates, which their names and identifiers then
// score as any candidate.
type idSet struct {
	keys []uint64
	recs []int32
}

// idEntry is one identifier key's hash and a record that has it.
type idEntry struct {
	key uint64
	rec int32
}

// idCollector collects the identifier keys of the records.
type idCollector struct{ entries []idEntry }

// add adds the identifier keys of record i.
func (c *idCollector) add(ent *entity.Entity, i int32) {
	add := func(k string) {
		if k != "" {
			c.entries = append(c.entries, idEntry{maphash.String(keySeed, k), i})
		}
	}
	for _, d := range ent.Documents {
		add(docIDKey(d.Number))
	}
	for _, c := range ent.Crypto() {
		add(cryptoIDKey(c.Address))
	}
	if ent.Vessel != nil {
		add(imoIDKey(ent.Vessel.IMO))
	}
}

// set returns the keys collected, sorted, each record once a key.
func (c *idCollector) set() idSet {
	slices.SortFunc(c.entries, func(a, b idEntry) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.rec, b.rec))
	})
	c.entries = slices.Compact(c.entries)
	s := idSet{keys: make([]uint64, len(c.entries)), recs: make([]int32, len(c.entries))}
	for i, en := range c.entries {
		s.keys[i], s.recs[i] = en.key, en.rec
	}
	return s
}

// records returns the records that have identifier key k.
func (s idSet) records(k string) []int32 {
	h := maphash.String(keySeed, k)
	lo, _ := slices.BinarySearch(s.keys, h)
	hi := lo
	for hi < len(s.keys) && s.keys[hi] == h {
		hi++
	}
	return s.recs[lo:hi]
}

// idRecords returns the records that share an identifier key with a.
func (e *Engine) idRecords(a *match.Attrs) []int32 {
	var keys []string
	for _, d := range a.Documents {
		keys = append(keys, docIDKey(d.Number))
	}
	for _, c := range a.Crypto {
		keys = append(keys, cryptoIDKey(c))
	}
	if a.IMO != "" {
		keys = append(keys, imoIDKey(a.IMO))
	}
	var out []int32
	for _, k := range keys {
		if k == "" {
			continue
		}
		for _, i := range e.ids.records(k) {
			if !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	return out
}

// addIDCandidates adds to w.best the records sharing an identifier with
// the subject that its names did not find, each with its best-scoring
// name (however low: the names are shown as they are).
func (e *Engine) addIDCandidates(qn *match.Name, a *match.Attrs, lists []string, w *work) {
	for _, ent := range e.idRecords(a) {
		if w.bestAt(ent) >= 0 ||
			len(lists) > 0 && !slices.Contains(lists, e.recs.List(int(ent))) {
			continue
		}
		b := best{ent: ent, name: -1}
		for c := e.first[ent]; c < e.first[ent+1]; c++ {
			ln := e.ix.Name(c, &w.name)
			match.Compare(qn, ln, &w.res)
			t := termsOf(qn, ln, &w.res, e.weak[c], e.ix.Vocab().Weight(-1))
			if s := float32(t.score); b.name < 0 || s > b.score {
				b.name, b.score, b.facts = c, s, factsOf(t)
			}
		}
		if b.name >= 0 {
			w.best = append(w.best, b)
		}
	}
}
