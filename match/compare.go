package match

import (
	"slices"

	"github.com/vigil-screening/vigil/names"
)

// Costs of unmatched parts, as a share of their weight. A listed part the
// query lacks (a middle name the caller did not give) costs less than a
// query part the listed name lacks (evidence that this is someone else).
const (
	unmatchedListed = 0.2
	unmatchedQuery  = 1.0
	// unmatchedAncestor is the cost of an ancestor the listed name
	// leaves out of a nasab chain (see ancestors).
	unmatchedAncestor = 0.1
	// unmatchedFamily is the cost of a listed person's principal family
	// name the query lacks: far more than a dropped middle name, since a
	// query that gives only given names ("Michael William" for "WILLIAM
	// MICHAEL JOHNSON") names someone else as often as not.
	unmatchedFamily = 0.6
)

// Lack is a reason why a listed part the query lacks, or a part on either
// side that has no counterpart, costs more than a dropped middle name.
type Lack uint8

// Reasons, in the order their terms are reported.
const (
	// LackFamily: the listed principal family name is not in the query.
	LackFamily Lack = iota
	// LackSyllable: a syllable of a short name written in Chinese
	// characters or Hangul has no counterpart.
	LackSyllable
	// LackNumber: a number or series marker of an organisation's or
	// vessel's name is on one side only.
	LackNumber
	// LackSubstitute: in a long name, another name stands where the
	// listed name has one (another father's or grandfather's name).
	LackSubstitute
	numLacks
)

var lackReasons = [numLacks]string{
	LackFamily:     "family name not in the query",
	LackSyllable:   "syllable of a Chinese or Korean name missing",
	LackNumber:     "number or series marker on one side only",
	LackSubstitute: "another name in the place of a listed one (father's or grandfather's name)",
}

func (l Lack) String() string { return lackReasons[l] }

// shortSyllabic is the most parts a name written in Chinese characters or
// Hangul may have for every syllable to count: family and given name,
// two or three syllables, as the lists write them.
const shortSyllabic = 4

// minChain is the fewest ordinary parts both names need for a different
// part in the same place to count as another person's name in a chain of
// names (given name, father's, grandfather's, family).
const minChain = 4

// Pair is one aligned pair of parts. Q or L is -1 when the part has no
// counterpart; Q2 or L2 is the last part of a run of joined parts, else -1.
type Pair struct {
	Q, Q2, L, L2 int8
	Sim          float32
	Weight       float32
	How          How
}

// Result is the outcome of comparing two names.
type Result struct {
	Score float32
	// extra is weight counted against the score beyond the pairs: the
	// part of a name an initial leaves unsaid.
	extra float32
	// lack is weight counted against the score beyond the pairs and the
	// initials, by reason (see Lack): parts whose absence says more than
	// a dropped middle name.
	lack [numLacks]float32
	// native is, for two names written in one of Chinese characters or
	// Hangul, the share of characters they have in common (1 otherwise);
	// the score is multiplied by it.
	native float32
	Pairs  [2 * MaxParts]Pair
	N      int
}

// Compare aligns the parts of query q with those of listed name l and
// fills r with the score and the alignment. It does not allocate.
func Compare(q, l *Name, r *Result) {
	r.N, r.extra, r.lack, r.native = 0, 0, [numLacks]float32{}, 1
	strict := q.Syllabic || l.Syllabic
	var usedQ, usedL uint32
	matchJoins(q, l, r, &usedQ, &usedL, strict)
	alignGreedy(q, l, r, &usedQ, &usedL, strict)
	num, den := float32(0), r.extra
	anyPlain := false
	for i := 0; i < r.N; i++ {
		p := &r.Pairs[i]
		num += p.Sim * p.Weight
		den += p.Weight
		if p.Sim > 0 && (p.L >= 0 && l.Parts[p.L].Class == names.Plain || p.Q >= 0 && q.Parts[p.Q].Class == names.Plain) {
			anyPlain = true
		}
	}
	org := q.Org || l.Org
	var anc uint32
	if !org {
		anc = ancestors(q, l, usedQ, usedL)
	}
	for i := range q.Parts {
		if usedQ&(1<<i) == 0 {
			w := q.Parts[i].Weight * unmatchedQuery
			if anc&(1<<i) != 0 {
				w = q.Parts[i].Weight * unmatchedAncestor
			}
			den += w
			r.add(Pair{Q: int8(i), Q2: -1, L: -1, L2: -1, Weight: w, How: Unmatched})
		}
	}
	for j := range l.Parts {
		if usedL&(1<<j) == 0 {
			lp := &l.Parts[j]
			w := lp.Weight
			den += w * unmatchedListed
			r.add(Pair{Q: -1, Q2: -1, L: int8(j), L2: -1, Weight: w * unmatchedListed, How: Unmatched})
			switch more := w * (unmatchedQuery - unmatchedListed); {
			case slices.Contains(q.Titles, lp.Text):
				// The query gave the word, read as a title ("HADI Mizban
				// Khadr"): it is not left out.
			case strict && len(l.Parts) <= shortSyllabic:
				r.lack[LackSyllable] += more
			case org && isNumber(lp.Text):
				r.lack[LackNumber] += more
			case l.Family&(1<<j) != 0 && lp.Class == names.Plain:
				if standsIn(q, r) {
					// The query's own family name stands for a listed
					// given name ("Michael Williams" for "WILLIAM
					// MICHAEL JOHNSON"): the family name is not merely
					// left out, another stands in its place.
					r.lack[LackFamily] += more
				} else {
					r.lack[LackFamily] += l.FamilyCost
				}
			}
		}
	}
	if !org {
		r.lack[LackSubstitute] = substitutions(q, l, r, usedQ, usedL)
	}
	if !anyPlain || den == 0 {
		r.Score = 0
		return
	}
	for _, x := range r.lack {
		den += x
	}
	r.Score = num / den
	if q.Syllabic && l.Syllabic {
		r.native = nativeShare(q.Raw, l.Raw)
		r.Score *= r.native
	}
}

// Terms splits the score into the aligned parts' score and the terms
// beyond it, which add up to it: the part of names initials leave unsaid
// (or, when no ordinary part matched, the whole parts score taken away),
// each reason a listed part's absence costs more (by Lack), and the
// characters two names in Chinese characters or Hangul do not share.
func (r *Result) Terms() (parts, initials float32, lack [numLacks]float32, native float32) {
	var num, den float32
	for i := 0; i < r.N; i++ {
		num += r.Pairs[i].Sim * r.Pairs[i].Weight
		den += r.Pairs[i].Weight
	}
	if den == 0 {
		return 0, 0, lack, 0
	}
	parts = num / den
	if r.Score == 0 {
		return parts, -parts, lack, 0
	}
	den += r.extra
	prev := num / den
	initials = prev - parts
	for k, x := range r.lack {
		den += x
		s := num / den
		lack[k] = s - prev
		prev = s
	}
	native = prev*r.native - prev
	return parts, initials, lack, native
}

// ancestors returns the unmatched query parts that are ancestors the
// listed name leaves out of a chain of names: a nasab element ("bin
// Abdulaziz") of a person's name none of whose parts met the listed name,
// between matched parts of the query ("Faisal bin Abdullah [bin
// Abdulaziz] Al Saud" for "Faisal bin Abdullah Al Saud"), or after a
// chain the listed name also writes ("Muhammad bin Saud [bin Abdulaziz]"
// for "Muhammad bin Saud"). Lists write a person's nasab to the depth
// their source gave; an ancestor more says no more about another person
// than a middle name the query leaves out, and costs as much. Only when
// every ordinary listed part is met: a listed part left unmatched may be
// another father's name standing in the same place.
//
// An ancestor costs unmatchedAncestor of its weight, half a dropped middle
// name: the query tells more of one person's lineage, which is evidence of
// a match rather than against it, while a listed part left unmatched (a
// middle name the query drops) may be another person's.
func ancestors(q, l *Name, usedQ, usedL uint32) uint32 {
	for j := range l.Parts {
		if usedL&(1<<j) == 0 && l.Parts[j].Class == names.Plain {
			return 0
		}
	}
	listedChain := false
	for j := range l.Parts {
		listedChain = listedChain || usedL&(1<<j) != 0 && names.NasabParticle(l.Parts[j].Text)
	}
	var out uint32
	for p := 0; p < len(q.Parts); p++ {
		if !names.NasabParticle(q.Parts[p].Text) || q.Parts[p].Class != names.Particle {
			continue
		}
		// The element runs to the next nasab particle or matched part.
		e, plain := p+1, false
		for ; e < len(q.Parts) && !names.NasabParticle(q.Parts[e].Text); e++ {
			if usedQ&(1<<e) != 0 {
				if q.Parts[e].Class == names.Plain {
					break
				}
				continue // an article met elsewhere in the listed name
			}
			plain = plain || q.Parts[e].Class == names.Plain
		}
		if !plain {
			continue
		}
		before := usedQ&(1<<p-1) != 0
		after := usedQ>>e != 0
		if !before || !(after || listedChain) {
			continue
		}
		for i := p + 1; i < e; i++ {
			if usedQ&(1<<i) == 0 {
				out |= 1 << i
			}
		}
		if usedQ&(1<<p) == 0 {
			out |= 1 << p
		}
	}
	return out
}

// standsIn reports whether the last ordinary part of the query, where
// a name written in natural order has its family name, is aligned with a
// part of the listed name.
func standsIn(q *Name, r *Result) bool {
	last := -1
	for i := range q.Parts {
		if q.Parts[i].Class == names.Plain {
			last = i
		}
	}
	for i := 0; i < r.N && last >= 0; i++ {
		p := &r.Pairs[i]
		if p.L >= 0 && p.Sim > 0 && p.Q >= 0 && int(p.Q) <= last && last <= int(max(p.Q, p.Q2)) {
			return true
		}
	}
	return false
}

// substitutions returns the weight to count against the score for
// listed parts of a long name (minChain ordinary parts on both sides)
// that have no counterpart while an unmatched query part stands in the
// same place between the same matched neighbours: "Ahmad Muhammad Ali"
// for "Ahmad Mahmud Ali" names another father, which says more than a
// father's name left out. The listed part then costs as much as an
// unmatched query part.
func substitutions(q, l *Name, r *Result, usedQ, usedL uint32) float32 {
	if plainParts(q) < minChain || plainParts(l) < minChain {
		return 0
	}
	var qTo, lTo [MaxParts]int8
	for i := range qTo {
		qTo[i], lTo[i] = -1, -1
	}
	for i := 0; i < r.N; i++ {
		p := &r.Pairs[i]
		if p.Q < 0 || p.L < 0 || p.Sim <= 0 {
			continue
		}
		q2, l2 := max(p.Q2, p.Q), max(p.L2, p.L)
		for a := p.Q; a <= q2; a++ {
			qTo[a] = p.L
		}
		for b := p.L; b <= l2; b++ {
			lTo[b] = p.Q
		}
	}
	var cost float32
	taken := uint32(0)
	for i := range q.Parts {
		// Only a name the lists know, written in Latin letters, is
		// surely another name: an unknown part or a reading from another
		// script may be a spelling the matcher failed to meet.
		qp := &q.Parts[i]
		if usedQ&(1<<i) != 0 || qp.Class != names.Plain || qp.Tok < 0 || qp.Unvowelled || qp.Kana {
			continue
		}
		for j := range l.Parts {
			if usedL&(1<<j) != 0 || taken&(1<<j) != 0 || l.Parts[j].Class != names.Plain {
				continue
			}
			if samePlace(qTo[:len(q.Parts)], lTo[:len(l.Parts)], i, j) {
				taken |= 1 << j
				cost += l.Parts[j].Weight * (unmatchedQuery - unmatchedListed)
				break
			}
		}
	}
	return cost
}

// samePlace reports whether query part i and listed part j, both
// unmatched, stand between the same matched neighbours: the nearest
// matched part before each is matched to the other's, and likewise
// after (or both are at that end of their names), and at least one
// neighbour is matched.
func samePlace(qTo, lTo []int8, i, j int) bool {
	pq, pl := neighbour(qTo, i, -1), neighbour(lTo, j, -1)
	nq, nl := neighbour(qTo, i, 1), neighbour(lTo, j, 1)
	if pq < 0 && nq < 0 {
		return false
	}
	before := pq < 0 && pl < 0 || pq >= 0 && pl >= 0 && int(qTo[pq]) == pl
	after := nq < 0 && nl < 0 || nq >= 0 && nl >= 0 && int(qTo[nq]) == nl
	return before && after
}

// neighbour returns the index of the nearest matched part from i in
// direction step, or -1.
func neighbour(to []int8, i, step int) int {
	for k := i + step; k >= 0 && k < len(to); k += step {
		if to[k] >= 0 {
			return k
		}
	}
	return -1
}

func plainParts(n *Name) int {
	c := 0
	for i := range n.Parts {
		if n.Parts[i].Class == names.Plain {
			c++
		}
	}
	return c
}

func (r *Result) add(p Pair) {
	if r.N < len(r.Pairs) {
		r.Pairs[r.N] = p
		r.N++
	}
}

// matchJoins pairs two neighbouring parts of one name with a single part
// of the other when they are the same written together.
func matchJoins(q, l *Name, r *Result, usedQ, usedL *uint32, strict bool) {
	for _, j := range q.Joins {
		// Every listed part is in the vocabulary: a query join that is
		// neither a known token nor a known skeleton meets none.
		if *usedQ&j.mask() != 0 || j.Tok < 0 && j.Skel < 0 {
			continue
		}
		for k := range l.Parts {
			lp := &l.Parts[k]
			if *usedL&(1<<k) == 0 && joinMeets(j, q.Parts[j.At:j.At+j.N], lp, strict) && !sameTok(lp, q.Parts[j.At:j.At+j.N]) {
				r.add(Pair{Q: int8(j.At), Q2: int8(j.At + j.N - 1), L: int8(k), L2: -1, Sim: simJoined, Weight: lp.Weight, How: Joined})
				*usedQ |= j.mask()
				*usedL |= 1 << k
				break
			}
		}
	}
	unknownQ := false // a query part no list has, which may be listed parts written together
	for k := range q.Parts {
		unknownQ = unknownQ || q.Parts[k].Tok < 0
	}
	for _, j := range l.Joins {
		// A listed join that is neither a known token nor a known
		// skeleton can only be written as an unknown query part.
		if *usedL&j.mask() != 0 || j.Tok < 0 && j.Skel < 0 && !unknownQ {
			continue
		}
		for k := range q.Parts {
			qp := &q.Parts[k]
			if *usedQ&(1<<k) == 0 && joinMeets(j, l.Parts[j.At:j.At+j.N], qp, strict) && !sameTok(qp, l.Parts[j.At:j.At+j.N]) {
				var w float32
				for _, p := range l.Parts[j.At : j.At+j.N] {
					w += p.Weight
				}
				r.add(Pair{Q: int8(k), Q2: -1, L: int8(j.At), L2: int8(j.At + j.N - 1), Sim: simJoined, Weight: w, How: Joined})
				*usedL |= j.mask()
				*usedQ |= 1 << k
				break
			}
		}
	}
}

// sameTok reports whether p is one of the joined parts: then the parts
// match singly and joining them would hide the better match.
func sameTok(p *Part, joined []Part) bool {
	if p.Tok < 0 {
		return false
	}
	for i := range joined {
		if p.Tok == joined[i].Tok {
			return true
		}
	}
	return false
}

func joinMeets(j Join, joined []Part, p *Part, strict bool) bool {
	if p.Class != names.Plain {
		return false
	}
	if (j.Tok >= 0 && j.Tok == p.Tok) || len(p.Text) == int(j.Len) && isJoined(p.Text, joined) {
		return true
	}
	if strict {
		// Syllables meet as written, or in another romanisation.
		return looseEqualJoined(joined, p.Text)
	}
	if transJoinMeets(joined, p) {
		return true
	}
	if j.Skel < 0 || j.Skel != p.Skel || p.SkelLen < 4 {
		return false
	}
	// Equal skeletons count as for single parts: from a script without
	// vowels, or when also spelled alike ("sunwing" is not "shining").
	if j.Unvowelled || p.Unvowelled {
		return true
	}
	text := ""
	for i := range joined {
		text += joined[i].Text
	}
	return fuzzyText(text, p.Text) >= minPhoneticFuzzy
}

// isJoined reports whether s is the texts of parts written together.
func isJoined(s string, parts []Part) bool {
	for i := range parts {
		t := parts[i].Text
		if len(s) < len(t) || s[:len(t)] != t {
			return false
		}
		s = s[len(t):]
	}
	return s == ""
}

// alignGreedy pairs the remaining parts, most similar first. With the
// handful of parts a name has, this finds the best assignment in all but
// contrived cases and is far cheaper than an exact solver.
func alignGreedy(q, l *Name, r *Result, usedQ, usedL *uint32, strict bool) {
	var sims [MaxParts][MaxParts]float32
	var hows [MaxParts][MaxParts]How
	for i := range q.Parts {
		if *usedQ&(1<<i) != 0 {
			continue
		}
		for j := range l.Parts {
			if *usedL&(1<<j) == 0 {
				sims[i][j], hows[i][j] = partSim(&q.Parts[i], &l.Parts[j], strict)
			}
		}
	}
	for {
		bi, bj := -1, -1
		var best float32
		for i := range q.Parts {
			if *usedQ&(1<<i) != 0 {
				continue
			}
			for j := range l.Parts {
				if *usedL&(1<<j) != 0 || sims[i][j] == 0 {
					continue
				}
				// Most similar first; among equals, the heavier part.
				key := sims[i][j] + l.Parts[j].Weight*1e-4
				if key > best {
					best, bi, bj = key, i, j
				}
			}
		}
		if bi < 0 {
			return
		}
		*usedQ |= 1 << bi
		*usedL |= 1 << bj
		w := l.Parts[bj].Weight
		if hows[bi][bj] == Initial {
			// An initial stands for part of the full name's weight; the
			// rest counts as unmatched on the side that wrote it in full.
			if q.Parts[bi].Class == names.Initial {
				w = l.Parts[bj].Weight * initialShare
				r.extra += l.Parts[bj].Weight * (1 - initialShare) * unmatchedListed
			} else {
				w = q.Parts[bi].Weight * initialShare
				r.extra += q.Parts[bi].Weight * (1 - initialShare) * unmatchedQuery
			}
		}
		r.add(Pair{Q: int8(bi), Q2: -1, L: int8(bj), L2: -1, Sim: sims[bi][bj], Weight: w, How: hows[bi][bj]})
	}
}

// PartsScore returns Σ Sim × Weight / Σ Weight over the aligned pairs:
// the score before the part of names left unsaid by initials is counted
// and before the check that some ordinary part matched.
func (r *Result) PartsScore() float32 {
	var num, den float32
	for i := 0; i < r.N; i++ {
		num += r.Pairs[i].Sim * r.Pairs[i].Weight
		den += r.Pairs[i].Weight
	}
	if den == 0 {
		return 0
	}
	return num / den
}

// Information returns how much the match says, whatever share of the
// name the matched parts are: the summed rarity weight of the pairs whose
// parts resemble each other, each counted at the lighter of its two sides
// (a rare spelling of a common name, "Мухаммад", says no more than the
// query's "Mohammed"). "Mohammed" meeting "Abu Mohammed" says little
// however well it matches; "Zawahiri" says a lot.
func (r *Result) Information(q *Name) float32 {
	var info float32
	for i := 0; i < r.N; i++ {
		p := &r.Pairs[i]
		if p.Sim <= 0 || p.Q < 0 || p.L < 0 {
			continue
		}
		last := p.Q
		if p.Q2 >= 0 {
			last = p.Q2
		}
		var qw float32
		for _, qp := range q.Parts[p.Q : last+1] {
			qw += qp.Weight
		}
		info += min(qw, p.Weight)
	}
	return info
}

// Partial reports whether some listed part met no query part: the query
// gave only part of the listed name.
func (r *Result) Partial() bool {
	for i := 0; i < r.N; i++ {
		if p := &r.Pairs[i]; p.Q < 0 && p.L >= 0 {
			return true
		}
	}
	return false
}

// Met returns how many pairs aligned a query part with a listed part
// that it resembles (similarity above zero).
func (r *Result) Met() int {
	n := 0
	for i := 0; i < r.N; i++ {
		if p := &r.Pairs[i]; p.Sim > 0 && p.Q >= 0 && p.L >= 0 {
			n++
		}
	}
	return n
}
