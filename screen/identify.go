package screen

import (
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

// idSet maps the identifier keys of every record to the records.
type idSet struct{ keys map[string][]int32 }

func newIDs() idSet { return idSet{keys: map[string][]int32{}} }

// add adds the identifier keys of record i.
func (s idSet) add(ent *entity.Entity, i int32) {
	add := func(k string) {
		if k != "" && !slices.Contains(s.keys[k], i) {
			s.keys[k] = append(s.keys[k], i)
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
		for _, i := range e.ids[k] {
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
		if slices.ContainsFunc(w.best, func(b best) bool { return b.ent == ent }) ||
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
