package index

import (
	"cmp"
	"slices"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// Scratch is per-goroutine working memory for Candidates, reused between
// queries so that the search does not allocate. Get one from NewScratch.
type Scratch struct {
	slots   []slot
	cur     uint32
	touched []int32
	heap    []cand
	buf     []byte
	out     []int32
	keys    []key
	rest    []float32
}

// slot is the search state of one indexed name, kept together so that
// crediting a name touches one cache line.
type slot struct {
	stamp  uint32  // the query that last touched the name
	acc    float32 // weight credited so far
	parts  uint16  // the query parts credited, a bit each
	listed uint16  // the name's parts credited to a query part, a bit each
}

type cand struct {
	name int32
	acc  float32
}

// NewScratch returns working memory sized for the index.
func (ix *Index) NewScratch() *Scratch {
	return &Scratch{slots: make([]slot, len(ix.total))}
}

// minShare is the share of the query's name weight a candidate must
// reach through shared keys to be scored at all.
const minShare = 0.3

// Candidates returns up to k indexed names that share keys with query q,
// those sharing the most weight first. allow filters names by their Kind
// tag (nil allows all). The result is valid until the next call with s.
//
// The keys of a query part are its token, variants, skeleton, deletion
// neighbours, and the joins that start at it. A name is credited, for
// each query part, the weight of the best key of that part it has. Keys
// are visited from the highest weight down; once the weight the keys left
// could add is too little for a name not yet seen to pass minShare or to
// beat the k-th best estimate so far (max-score pruning), the keys left
// only credit names already seen. The result is the same as crediting
// every posting.
func (ix *Index) Candidates(q *match.Name, k int, allow func(kind uint8) bool, s *Scratch) []int32 {
	s.cur++
	if s.cur == 0 { // wrapped: clear stamps
		clear(s.slots)
		s.cur = 1
	}
	s.touched = s.touched[:0]
	total := ix.collectKeys(q, s)
	floor := total * minShare
	restCost := 0 // postings of the keys not yet visited
	for _, kk := range s.keys {
		restCost += len(kk.post)
	}
	open := true // names not yet seen may still be added
	var kth float32
	kthAt := 0 // names seen when kth was computed
	for i, kk := range s.keys {
		restCost -= len(kk.post)
		switch {
		case open:
			ix.addPostings(kk, s)
		case len(s.touched)*4 < len(kk.post):
			ix.creditTouched(kk, s)
		default:
			ix.creditPostings(kk, s)
		}
		if !open {
			continue
		}
		rest := s.rest[i+1]
		// The k-th estimate costs a pass over the names seen: worth it
		// only when the postings left are many more. It only grows, so
		// an old one is still a bound.
		if len(s.touched) >= k && restCost >= 2*len(s.touched) && 2*kthAt <= len(s.touched) {
			kth, kthAt = ix.kthEstimate(k, total, allow, s), len(s.touched)
		}
		open = rest >= floor && rest >= kth*total
	}
	return ix.top(k, total, allow, s)
}

// key is one posting list, the query part it credits and the weight. A
// token key (skel false) holds the names with token id; a skeleton key
// those with a plain part or a join of skeleton id.
type key struct {
	post []int32
	// parts are, by posting, the parts of the name that have the key.
	parts []uint16
	w     float32
	id    int32
	qi    int8
	skel  bool
	// also are the other query parts a join key stands for: a name it
	// credits is not credited again for them (one listed "abdulaziz", or
	// "abd al aziz" written apart, meets "abd al aziz" once).
	also uint16
}

// bits returns the query parts key k credits, a bit each.
func (k key) bits() uint16 { return 1<<k.qi | k.also }

// joinBits returns the bits of the parts of join j after its first.
func joinBits(j match.Join) uint16 {
	return uint16((1<<j.N-1)<<j.At) &^ (1 << j.At)
}

// collectKeys gathers the keys of q in s.keys, highest weight first, and
// in s.rest the most the keys from each position on can credit a name;
// it returns the query's weight.
func (ix *Index) collectKeys(q *match.Name, s *Scratch) float32 {
	s.keys = s.keys[:0]
	// Plain parts find the candidates. Titles join in when there is at
	// most one plain part: "Sheikh" is also a family name on the lists.
	plain := 0
	for i := range q.Parts {
		if q.Parts[i].Class == names.Plain {
			plain++
		}
	}
	var total float32
	for i := range q.Parts {
		p := &q.Parts[i]
		if p.Class == names.Plain || plain <= 1 && p.Class == names.Honorific {
			total += p.Weight
			ix.partKeys(int8(i), p, s)
		}
	}
	for _, j := range q.Joins {
		if j.Tok >= 0 {
			kk := ix.tokKey(int8(j.At), j.Tok, 1)
			kk.also = joinBits(j)
			s.keys = append(s.keys, kk)
		}
		// A join whose text is also a listed token ("abdalaziz") is
		// searched by its skeleton too: the names that write it
		// otherwise ("Abdulaziz") share the skeleton, not the token.
		if j.N == 3 && j.Skel >= 0 && (!j.Article || j.Unvowelled) || j.Skel >= 0 && j.Unvowelled && names.CompoundPart(q.Parts[j.At].Text, q.Parts[j.At+1].Text) {
			// "abd al aziz" written apart finds "abdulaziz" by skeleton;
			// Arabic script writes apart the compound names Latin forms
			// join: "هدايت الله" finds "Hidayatullah", "شمس الدين"
			// "Shamsuddin" (a Latin query's article join is scored, not
			// searched: Latin names do not pay for it).
			w := q.Parts[j.At+j.N-1].Weight
			if j.Unvowelled {
				// The first part is as unsure as the last ("هدايت"
				// is no listed token): credit both.
				w += q.Parts[j.At].Weight
			}
			post, parts := ix.skelPost.of(j.Skel)
			s.keys = append(s.keys, key{post: post, parts: parts, w: w * 0.8, id: j.Skel, qi: int8(j.At), skel: true, also: joinBits(j)})
		}
	}
	ix.looseJoinKeys(q, s)
	slices.SortFunc(s.keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(len(a.post), len(b.post)), cmp.Compare(a.qi, b.qi), cmp.Compare(a.id, b.id),
			boolCmp(a.skel, b.skel))
	})
	// Visited from the end, each key is the best left of its part.
	s.rest = slices.Grow(s.rest[:0], len(s.keys)+1)[:len(s.keys)+1]
	var best [match.MaxParts]float32
	var sum float32
	s.rest[len(s.keys)] = 0
	for i := len(s.keys) - 1; i >= 0; i-- {
		kk := &s.keys[i]
		sum += kk.w - best[kk.qi]
		best[kk.qi] = kk.w
		s.rest[i] = sum
	}
	return total
}

func (ix *Index) tokKey(qi int8, tok int32, factor float32) key {
	post, parts := ix.tokPost.of(tok)
	return key{post: post, parts: parts, w: ix.vocab.Weight(tok) * factor, id: tok, qi: qi}
}

// partKeys appends the keys of one query part: its token, the tokens of
// its variant group, its skeleton, and its deletion neighbourhood.
func (ix *Index) partKeys(qi int8, p *match.Part, s *Scratch) {
	if p.Tok >= 0 {
		s.keys = append(s.keys, ix.tokKey(qi, p.Tok, 1))
	}
	for _, vr := range p.Variants() {
		for _, t := range ix.varTok[vr] {
			s.keys = append(s.keys, ix.tokKey(qi, t, 1))
		}
	}
	if p.Skel >= 0 && p.SkelLen >= 2 {
		post, parts := ix.skelPost.of(p.Skel)
		s.keys = append(s.keys, key{post: post, parts: parts, w: p.Weight * 0.8, id: p.Skel, qi: qi, skel: true})
	}
	for _, sk := range ix.arabicSkeletons(p) {
		if sk >= 0 {
			post, parts := ix.skelPost.of(sk)
			s.keys = append(s.keys, key{post: post, parts: parts, w: p.Weight * 0.8, id: sk, qi: qi, skel: true})
		}
	}
	if p.Trans && p.Class == names.Plain {
		ix.looseKeys(qi, p, s)
	}
	if len(p.Text) < minDeleteLen-1 || len(p.Text) > maxDeleteLen {
		return
	}
	// A three-letter query part meets listed parts of four with one
	// letter more ("htt" → "htet"); longer ones also lose a letter.
	ix.delKeys(qi, ix.dels[ix.hash(p.Text)], s)
	if len(p.Text) < minDeleteLen {
		return
	}
	for i := 0; i < len(p.Text); i++ {
		s.buf = deleteAt(s.buf[:0], p.Text, i)
		ix.delKeys(qi, ix.dels[ix.hashBytes(s.buf)], s)
	}
}

func (ix *Index) delKeys(qi int8, toks []int32, s *Scratch) {
	for _, t := range toks {
		s.keys = append(s.keys, ix.tokKey(qi, t, 0.9))
	}
}

// addPostings credits the key's weight to each name in its postings, once
// per query part (the key's bits) and once per listed part: a listed part
// another query part was credited for first ("saud" for سعود, by token)
// is not credited again for this one ("sd" for سعد, by skeleton), so that
// a name is not over-estimated by meeting two query parts with one part.
// Keys are visited from the highest weight down, so the best key of a
// listed part claims it.
func (ix *Index) addPostings(kk key, s *Scratch) {
	bits := kk.bits()
	for x, n := range kk.post {
		sl := &s.slots[n]
		if sl.stamp != s.cur {
			*sl = slot{stamp: s.cur}
			s.touched = append(s.touched, n)
		}
		credit(sl, bits, kk.parts[x], kk.w)
	}
}

// credit credits weight w to a name's slot for the query parts bits and
// one of the listed parts listed (all of them when they are a join's),
// unless the query parts are credited or the listed parts all taken.
func credit(sl *slot, bits, listed uint16, w float32) {
	if sl.parts&bits != 0 {
		return
	}
	free := listed &^ sl.listed &^ wholeJoin
	if free == 0 {
		return
	}
	if listed&wholeJoin == 0 {
		free &= -free
	}
	sl.parts |= bits
	sl.listed |= free
	sl.acc += w
}

// creditPostings is addPostings for names already seen only.
func (ix *Index) creditPostings(kk key, s *Scratch) {
	bits := kk.bits()
	for x, n := range kk.post {
		if sl := &s.slots[n]; sl.stamp == s.cur {
			credit(sl, bits, kk.parts[x], kk.w)
		}
	}
}

// creditTouched credits the names already seen that have key kk,
// looking at their parts rather than at the key's postings: cheaper when
// few names are seen and the postings are long.
func (ix *Index) creditTouched(kk key, s *Scratch) {
	bits := kk.bits()
	for _, n := range s.touched {
		if sl := &s.slots[n]; sl.parts&bits == 0 {
			if listed := ix.partsWithKey(n, kk); listed != 0 {
				credit(sl, bits, listed, kk.w)
			}
		}
	}
}

// partsWithKey returns the parts of name n that have key kk, a bit each
// (the parts of kk's postings for n; 0 when n is not in them).
func (ix *Index) partsWithKey(n int32, kk key) uint16 {
	st, i := ix.store(n)
	var out uint16 // parts that have the key on their own
	for k, p := range st.partsOf(i) {
		bit := uint16(1) << k
		if p.tok < 0 {
			if u := st.unknown[st.names[i].part+uint32(k)]; kk.skel && u.Skel == kk.id && u.SkelLen >= 2 && u.Class == names.Plain {
				out |= bit
			}
			continue
		}
		if !kk.skel && p.tok == kk.id {
			out |= bit
		}
		if t := &ix.tokens[p.tok]; kk.skel && t.skel == kk.id && t.skelLen >= 2 && p.class == names.Plain {
			out |= bit
		}
	}
	if kk.skel {
		for _, j := range st.joinsOf(i) {
			if j.Skel == kk.id {
				out = mergeParts(out, joinParts(j))
			}
		}
	}
	return out
}

// estimate is the estimated score of a name credited with credit: the
// credit over the query's weight plus a quarter of the listed name's
// weight left unmatched, the way match.Compare scores.
func (ix *Index) estimate(n int32, credit, total float32) float32 {
	return credit / (total + 0.25*max(ix.total[n]-credit, 0))
}

// kthEstimate returns the k-th best estimate among the names seen so far
// that pass the filters, or 0 when fewer than k do. Credits only grow, so
// the k-th best candidate in the end scores at least this.
func (ix *Index) kthEstimate(k int, total float32, allow func(uint8) bool, s *Scratch) float32 {
	h := ix.heapTop(k, total, allow, s)
	if len(h) < k {
		return 0
	}
	return h[0].acc
}

// top selects the k touched names with the best estimated score. Names
// whose credit is below minShare of the query's weight are skipped.
func (ix *Index) top(k int, total float32, allow func(uint8) bool, s *Scratch) []int32 {
	h := ix.heapTop(k, total, allow, s)
	s.out = s.out[:0]
	for _, c := range h {
		s.out = append(s.out, c.name)
	}
	return s.out
}

// heapTop keeps the k best touched names in s.heap, a min-heap on the
// estimate, and returns it.
func (ix *Index) heapTop(k int, total float32, allow func(uint8) bool, s *Scratch) []cand {
	h := s.heap[:0]
	floor := total * minShare
	for _, n := range s.touched {
		credit := s.slots[n].acc
		// The estimate is at most credit/total: once the heap is full,
		// most names are ruled out before their weight is looked up.
		if credit < floor || len(h) == k && credit <= h[0].acc*total || (allow != nil && !allow(ix.kind[n])) {
			continue
		}
		a := ix.estimate(n, credit, total)
		if len(h) < k {
			h = append(h, cand{n, a})
			siftUp(h, len(h)-1)
		} else if a > h[0].acc {
			h[0] = cand{n, a}
			siftDown(h, 0)
		}
	}
	s.heap = h
	return h
}

func siftUp(h []cand, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p].acc <= h[i].acc {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func siftDown(h []cand, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && h[r].acc < h[l].acc {
			m = r
		}
		if h[i].acc <= h[m].acc {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
