package match

import "github.com/vigil-screening/vigil/names"

// Costs of unmatched parts, as a share of their weight. A listed part the
// query lacks (a middle name the caller did not give) costs less than a
// query part the listed name lacks (evidence that this is someone else).
const (
	unmatchedListed = 0.2
	unmatchedQuery  = 1.0
)

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
	Pairs [2 * MaxParts]Pair
	N     int
}

// Compare aligns the parts of query q with those of listed name l and
// fills r with the score and the alignment. It does not allocate.
func Compare(q, l *Name, r *Result) {
	r.N, r.extra = 0, 0
	var usedQ, usedL uint32
	matchJoins(q, l, r, &usedQ, &usedL)
	alignGreedy(q, l, r, &usedQ, &usedL)
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
	for i := range q.Parts {
		if usedQ&(1<<i) == 0 {
			w := q.Parts[i].Weight
			den += w * unmatchedQuery
			r.add(Pair{Q: int8(i), Q2: -1, L: -1, L2: -1, Weight: w * unmatchedQuery, How: Unmatched})
		}
	}
	for j := range l.Parts {
		if usedL&(1<<j) == 0 {
			w := l.Parts[j].Weight
			den += w * unmatchedListed
			r.add(Pair{Q: -1, Q2: -1, L: int8(j), L2: -1, Weight: w * unmatchedListed, How: Unmatched})
		}
	}
	if !anyPlain || den == 0 {
		r.Score = 0
		return
	}
	r.Score = num / den
}

func (r *Result) add(p Pair) {
	if r.N < len(r.Pairs) {
		r.Pairs[r.N] = p
		r.N++
	}
}

// matchJoins pairs two neighbouring parts of one name with a single part
// of the other when they are the same written together.
func matchJoins(q, l *Name, r *Result, usedQ, usedL *uint32) {
	for _, j := range q.Joins {
		// Every listed part is in the vocabulary: a query join that is
		// neither a known token nor a known skeleton meets none.
		if *usedQ&j.mask() != 0 || j.Tok < 0 && j.Skel < 0 {
			continue
		}
		for k := range l.Parts {
			lp := &l.Parts[k]
			if *usedL&(1<<k) == 0 && joinMeets(j, q.Parts[j.At:j.At+j.N], lp) && !sameTok(lp, q.Parts[j.At:j.At+j.N]) {
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
			if *usedQ&(1<<k) == 0 && joinMeets(j, l.Parts[j.At:j.At+j.N], qp) && !sameTok(qp, l.Parts[j.At:j.At+j.N]) {
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

func joinMeets(j Join, joined []Part, p *Part) bool {
	if p.Class != names.Plain {
		return false
	}
	if (j.Tok >= 0 && j.Tok == p.Tok) || len(p.Text) == int(j.Len) && isJoined(p.Text, joined) {
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
func alignGreedy(q, l *Name, r *Result, usedQ, usedL *uint32) {
	var sims [MaxParts][MaxParts]float32
	var hows [MaxParts][MaxParts]How
	for i := range q.Parts {
		if *usedQ&(1<<i) != 0 {
			continue
		}
		for j := range l.Parts {
			if *usedL&(1<<j) == 0 {
				sims[i][j], hows[i][j] = partSim(&q.Parts[i], &l.Parts[j])
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
