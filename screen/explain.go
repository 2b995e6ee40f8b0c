package screen

import (
	"fmt"
	"math"
	"slices"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// Common names. A query that gives only part of a listed name, and whose
// matched parts together weigh less than minInformation times the weight
// of a part seen once (log(N/df) with df = 1; with all current lists
// loaded, 0.67 is the weight of a part that about one listed name in
// 1,700 contains), says too little to alert on its name alone, however well
// those parts match: "Mohammed" meeting "Abu Mohammed", "John" meeting
// "LEE, John"; so does a match that rests on one common part, even when
// a list gives that part as a whole name ("MOHAMED", "John"). A query
// that meets every part of a listed name of two or more parts ("ABU
// ABDALLAH", a published alias) is not held down: the list published
// that name as it stands. Its name score is held at maxCommonScore,
// below match.MinNameForBoost, so that no birth date or country can lift
// it into an alert either; only an agreeing identifier can (see
// identify.go). A rare single name (ZAWAHIRI, HEZBOLLAH, ROSNEFT) carries
// enough information on its own.
const (
	minInformation = 0.67
	maxCommonScore = 0.65
)

// Rare and close names. When the subject's full date of birth and its
// nationality both contradict the record's (match.IdentityConflict), a
// name match alone alerts only when the name is close (name score above
// closeName, see isClose) and rare (its matched parts together weigh at
// least rareInformation times a part seen once: two parts each about as
// rare as a part seen once, or more parts that are less rare).
const (
	closeName       = 0.95
	rareInformation = 2.0
	// scoreNoise is more than the rounding of a name score summed in
	// float32 (about 1e-7), and less than any part written alike adds to
	// it.
	scoreNoise = 1e-5
)

// isClose reports whether a name score is close: above closeName, the
// similarity of two spellings of one part (a variant, parts written
// together): some part is written alike. A name whose parts all meet
// only as other spellings ("정수 이" read "jongsu yi" for "Jong Su RI")
// scores closeName to float32 rounding, a hair above or below it by the
// weights of its parts; it is inexact, never close, whatever the
// rounding (and a change of the lists' weights cannot turn it close).
func isClose(score float64) bool { return score > closeName+scoreNoise }

// nameTerms are the terms of a name score: the aligned parts' score and
// the adjustments beyond it.
type nameTerms struct {
	parts    float64 // Σ Sim × Weight / Σ Weight of the pairs
	initials float64 // part of names left unsaid by initials, or no ordinary part matched
	lack     [len(lackOrder)]float64
	native   float64 // characters two names in Chinese characters or Hangul do not share
	weak     float64 // discount of a weak alias
	common   float64 // little information
	score    float64 // the name score: the sum of the above
	rare     bool    // the name is rare and close (see closeName)
	partial  bool    // some ordinary part of the listed name has no counterpart
}

// lackOrder lists the reasons of match.Result.Terms in order.
var lackOrder = [...]match.Lack{match.LackFamily, match.LackSyllable, match.LackNumber, match.LackSubstitute}

// termsOf splits the result of comparing two names into its terms.
func termsOf(qn, ln *match.Name, r *match.Result, weak bool, maxWeight float32) nameTerms {
	parts, initials, lack, native := r.Terms()
	t := nameTerms{parts: float64(parts), initials: float64(initials), native: float64(native)}
	for k := range lackOrder {
		t.lack[k] = float64(lack[k])
	}
	s := float64(r.Score)
	if weak {
		t.weak = -(1 - weakAliasFactor) * s
		s += t.weak
	}
	info := r.Information(qn)
	if s > maxCommonScore && (r.Partial() || r.Met() < 2) && info < minInformation*maxWeight {
		t.common = maxCommonScore - s
		s = maxCommonScore
	}
	t.score = s
	t.rare = isClose(s) && info >= rareInformation*maxWeight
	for i := 0; i < r.N; i++ {
		if p := &r.Pairs[i]; p.Q < 0 && p.L >= 0 && ln.Parts[p.L].Class == names.Plain {
			t.partial = true
		}
	}
	return t
}

// adjustments returns the name-level terms as reported, rounded.
func (t nameTerms) adjustments() []vigil.Adjustment {
	var out []vigil.Adjustment
	add := func(reason string, effect float64) {
		if e := round(effect); e != 0 {
			out = append(out, vigil.Adjustment{Reason: reason, Effect: e})
		}
	}
	if t.score == 0 && t.parts > 0 && t.weak == 0 && t.common == 0 {
		add("no ordinary name part matched (only particles, initials or legal forms)", t.initials)
	} else {
		add("initials leave part of the name unsaid", t.initials)
	}
	for k, why := range lackOrder {
		add(why.String(), t.lack[k])
	}
	add("different character or syllable in a name written in Chinese characters or Hangul", t.native)
	add("weak alias (low-quality a.k.a.)", t.weak)
	add("common name: little information", t.common)
	return out
}

// titleNotes records the titles read before either name ("General",
// "Sheikh"), which are not name parts, as adjustments of no effect.
func titleNotes(qn, ln *match.Name) []vigil.Adjustment {
	var out []vigil.Adjustment
	for _, t := range qn.Titles {
		out = append(out, vigil.Adjustment{Reason: fmt.Sprintf("title %q in the query is not a name part", t)})
	}
	for _, t := range ln.Titles {
		out = append(out, vigil.Adjustment{Reason: fmt.Sprintf("title %q in the listed name is not a name part", t)})
	}
	return out
}

// explain builds the explanation of a name match with its qualifiers.
// The reported terms are rounded to three decimals and the reported name
// score and score are computed from them, so that they add up exactly as
// the Explanation documents; they may differ from the unrounded score
// used to rank candidates by a few thousandths.
func explain(qn, ln *match.Name, r *match.Result, t nameTerms, quals []match.Qualifier) (float64, vigil.Explanation) {
	ex := vigil.Explanation{Parts: partMatches(qn, ln, r), Adjustments: append(t.adjustments(), titleNotes(qn, ln)...)}
	name := 0.0
	for _, p := range ex.Parts {
		name += p.Similarity * p.Weight
	}
	for _, a := range ex.Adjustments {
		name += a.Effect
	}
	ex.NameScore = round(clamp(name))
	score, qs := qualifiersOf(ex.NameScore, quals)
	ex.Qualifiers = qs
	return score, ex
}

// qualifiersOf returns the reported qualifiers, rounded, and the score
// they make with the reported name score.
func qualifiersOf(nameScore float64, quals []match.Qualifier) (float64, []vigil.Qualifier) {
	var out []vigil.Qualifier
	score := nameScore
	for _, mq := range quals {
		q := vigil.Qualifier{Attribute: mq.Attribute, Query: mq.Query, Listed: mq.Listed,
			Verdict: vigil.Verdict(mq.Verdict), Effect: round(mq.Effect), Detail: mq.Detail}
		out = append(out, q)
		score += q.Effect
	}
	return round(clamp(score)), out
}

// roundShares rounds weights that sum to 1 to thousandths that still sum
// to exactly 1 (largest remainder), so that a perfect match reads 1.000.
func roundShares(w []float64) []float64 {
	out := make([]float64, len(w))
	type rem struct {
		i int
		r float64
	}
	rems := make([]rem, len(w))
	left := 1000
	for i, x := range w {
		f := math.Floor(x * 1000)
		out[i] = f
		left -= int(f)
		rems[i] = rem{i, x*1000 - f}
	}
	slices.SortStableFunc(rems, func(a, b rem) int {
		switch {
		case a.r > b.r:
			return -1
		case a.r < b.r:
			return 1
		}
		return 0
	})
	for k := 0; k < left && k < len(rems); k++ {
		out[rems[k].i]++
	}
	for i := range out {
		out[i] /= 1000
	}
	return out
}
