package screen

import (
	"slices"

	"github.com/vigil-screening/vigil/entity"
)

// mergeAlso folds hits that are the same identity on several lists into
// the best-scoring one, listing the others under Also.
//
// The merge rule: two hits from different lists are one identity when
// (1) they are of compatible kinds, (2) some name of one and some name of
// the other have the same set of folded name parts (order, case, accents,
// punctuation and script ignored; titles dropped), and (3) their birth
// dates, where both give any, are within a year of each other. Two
// records of the same list are never merged: a list does not list one
// identity twice.
func (e *Engine) mergeAlso(hits []Hit) []Hit {
	var out []Hit
next:
	for _, h := range hits {
		hi := e.byKey[h.List+"/"+h.SourceID]
		for i := range out {
			o := &out[i]
			if o.List == h.List || slices.ContainsFunc(o.Also, func(r Ref) bool { return r.List == h.List }) {
				continue
			}
			oi := e.byKey[o.List+"/"+o.SourceID]
			a, b := e.entities[oi], e.entities[hi]
			if compatibleKinds(a.Kind, b.Kind) && shareKey(e.idKeys[oi], e.idKeys[hi]) && datesCompatible(a.BirthDates, b.BirthDates) {
				o.Also = append(o.Also, Ref{List: h.List, SourceID: h.SourceID})
				continue next
			}
		}
		out = append(out, h)
	}
	return out
}

func shareKey(a, b []uint64) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
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
