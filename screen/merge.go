package screen

import (
	"cmp"
	"slices"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/match"
)

// mergeAlso folds hits that are the same identity on several lists into
// the best-scoring one, listing the others under Also.
//
// The merge rule: two hits from different lists are one identity when
// (1) they are of compatible kinds, (2) some name of one and some name of
// the other have the same set of folded name parts (order, case, accents,
// punctuation and script ignored; titles dropped), (3) their birth dates,
// where both give any, are within a year of each other, and (4) either
// that shared name is distinctive (its parts weigh at least
// mergeRarity times the weight of a part seen once: "Saddam Hussein
// al-Tikriti", not "Muhammad Ali") or
// both records give birth dates (which then agree by (3)). Two records of
// the same list are never merged: a list does not list one identity twice.
func (e *Engine) mergeAlso(hits []vigil.Hit) []vigil.Hit {
	var out []vigil.Hit
next:
	for _, h := range hits {
		hi := e.recordOf(h.List, h.SourceID)
		for i := range out {
			if e.joins(&out[i], hi) {
				out[i].Also = append(out[i].Also, vigil.Ref{List: h.List, SourceID: h.SourceID})
				continue next
			}
		}
		out = append(out, h)
	}
	return out
}

// joins reports whether record hi is the identity of hit o: it shares a
// name with o's record, and it fits o's record and every record already
// merged into o (other list, compatible kind and birth dates).
func (e *Engine) joins(o *vigil.Hit, hi int32) bool {
	oi := e.recordOf(o.List, o.SourceID)
	a, b := e.recs.Entity(int(oi)), e.recs.Entity(int(hi))
	if !e.shareName(oi, hi, len(a.BirthDates) > 0 && len(b.BirthDates) > 0) {
		return false
	}
	group := append([]vigil.Ref{{List: o.List, SourceID: o.SourceID}}, o.Also...)
	for _, r := range group {
		m := e.recs.Entity(int(e.recordOf(r.List, r.SourceID)))
		if m.List == b.List || !compatibleKinds(m.Kind, b.Kind) || !datesCompatible(m.BirthDates, b.BirthDates) {
			return false
		}
	}
	return true
}

// mergeRarity is the weight a shared name needs to merge two records
// without birth dates, in weights of a name part seen only once: most of
// one very rare part, or two uncommon ones ("Muhammad Ali" falls short).
const mergeRarity = 0.8

// shareName reports whether records a and b have a name with the same
// identity key that is distinctive, or any such name when datesAgree.
func (e *Engine) shareName(a, b int32, datesAgree bool) bool {
	minWeight := mergeRarity * e.ix.Vocab().Weight(-1)
	for i := e.first[a]; i < e.first[a+1]; i++ {
		for j := e.first[b]; j < e.first[b+1]; j++ {
			if e.nameKey[i] == e.nameKey[j] && (datesAgree || e.ix.Total(i) >= minWeight) {
				return true
			}
		}
	}
	return false
}

func compatibleKinds(a, b entity.Kind) bool {
	return a == b || a == entity.KindUnknown || b == entity.KindUnknown
}

func datesCompatible(a, b []entity.Date) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			lo, hi := y.Year, max(y.ToYear, y.Year)
			if x.Year >= lo-1 && x.Year <= hi+1 {
				return true
			}
		}
	}
	return false
}

// requalifyGroups compares the subject's attributes with every record of
// each merged hit (its own and those under Also), so that a birth date
// or passport given by only one list of the identity counts, and says in
// each qualifier's Detail which record supplied it. Scores that change
// are re-sorted; a hit a contradiction takes below the threshold is
// dropped.
func (e *Engine) requalifyGroups(hits []vigil.Hit, q *query, facts map[string]nameFacts, threshold float64) []vigil.Hit {
	changed := false
	for i := range hits {
		h := &hits[i]
		if len(h.Also) == 0 {
			continue
		}
		refs := []string{h.List + "/" + h.SourceID}
		group := []*entity.Entity{e.recs.Entity(int(e.recordOf(h.List, h.SourceID)))}
		for _, r := range h.Also {
			refs = append(refs, r.List+"/"+r.SourceID)
			group = append(group, e.recs.Entity(int(e.recordOf(r.List, r.SourceID))))
		}
		f := facts[refs[0]]
		f.score = h.Explanation.NameScore
		_, quals := qualify(q, group, refs, f, []match.Qualifier{})
		score, quals2 := qualifiersOf(h.Explanation.NameScore, append(quals, q.unread...))
		h.Explanation.Qualifiers = quals2
		changed = changed || score != h.Score
		h.Score = score
	}
	if !changed {
		return hits
	}
	hits = slices.DeleteFunc(hits, func(h vigil.Hit) bool { return h.Score < threshold })
	slices.SortFunc(hits, func(a, b vigil.Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.List, b.List), cmp.Compare(a.SourceID, b.SourceID))
	})
	return hits
}
