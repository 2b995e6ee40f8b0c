package index

import (
	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// Scratch is per-goroutine working memory for Candidates, reused between
// queries so that the search does not allocate. Get one from NewScratch.
type Scratch struct {
	acc     []float32
	stamp   []uint32
	last    []int8
	cur     uint32
	touched []int32
	heap    []cand
	buf     []byte
	out     []int32
}

type cand struct {
	name int32
	acc  float32
}

// NewScratch returns working memory sized for the index.
func (ix *Index) NewScratch() *Scratch {
	n := len(ix.names)
	return &Scratch{acc: make([]float32, n), stamp: make([]uint32, n), last: make([]int8, n)}
}

// minShare is the share of the query's name weight a candidate must
// reach through shared keys to be scored at all.
const minShare = 0.3

// Candidates returns up to k indexed names that share keys with query q,
// those sharing the most weight first. allow filters names by their Kind
// tag (nil allows all). The result is valid until the next call with s.
func (ix *Index) Candidates(q *match.Name, k int, allow func(kind uint8) bool, s *Scratch) []int32 {
	s.cur++
	if s.cur == 0 { // wrapped: clear stamps
		clear(s.stamp)
		s.cur = 1
	}
	s.touched = s.touched[:0]
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
		if p.Class != names.Plain && (plain > 1 || p.Class != names.Honorific) {
			continue
		}
		total += p.Weight
		ix.collectPart(int8(i), p, s)
	}
	for _, j := range q.Joins {
		if j.Tok >= 0 {
			ix.addPostings(int8(j.At), ix.tokPost[j.Tok], ix.vocab.Weight(j.Tok), s)
		} else if j.N == 3 && j.Skel >= 0 {
			// "abd al aziz" written apart finds "abdulaziz" by skeleton.
			ix.addPostings(int8(j.At), ix.skelPost[j.Skel], q.Parts[j.At+2].Weight*0.8, s)
		}
	}
	return ix.top(k, total, allow, s)
}

func (ix *Index) collectPart(qi int8, p *match.Part, s *Scratch) {
	if p.Tok >= 0 {
		ix.addPostings(qi, ix.tokPost[p.Tok], ix.vocab.Weight(p.Tok), s)
	}
	if p.Var >= 0 {
		for _, t := range ix.varTok[p.Var] {
			ix.addPostings(qi, ix.tokPost[t], ix.vocab.Weight(t), s)
		}
	}
	if p.Skel >= 0 && p.SkelLen >= 2 {
		ix.addPostings(qi, ix.skelPost[p.Skel], p.Weight*0.8, s)
	}
	if len(p.Text) < minDeleteLen-1 || len(p.Text) > maxDeleteLen {
		return
	}
	// A three-letter query part meets listed parts of four with one
	// letter more ("htt" → "htet"); longer ones also lose a letter.
	ix.addTokens(qi, ix.dels[ix.hash(p.Text)], s)
	if len(p.Text) < minDeleteLen {
		return
	}
	for i := 0; i < len(p.Text); i++ {
		s.buf = deleteAt(s.buf[:0], p.Text, i)
		ix.addTokens(qi, ix.dels[ix.hashBytes(s.buf)], s)
	}
}

func (ix *Index) addTokens(qi int8, toks []int32, s *Scratch) {
	for _, t := range toks {
		ix.addPostings(qi, ix.tokPost[t], ix.vocab.Weight(t)*0.9, s)
	}
}

// addPostings credits weight w to each name in post, once per query part.
func (ix *Index) addPostings(qi int8, post []int32, w float32, s *Scratch) {
	for _, n := range post {
		if s.stamp[n] != s.cur {
			s.stamp[n] = s.cur
			s.acc[n] = 0
			s.last[n] = -1
			s.touched = append(s.touched, n)
		}
		if s.last[n] != qi {
			s.last[n] = qi
			s.acc[n] += w
		}
	}
}

// top selects the k touched names with the best estimated score: the
// credit shared with the query over the query's weight plus a quarter of
// the listed name's weight left unmatched, the way match.Compare scores.
// Names whose credit is below minShare of the query's weight are skipped.
func (ix *Index) top(k int, total float32, allow func(uint8) bool, s *Scratch) []int32 {
	h := s.heap[:0]
	floor := total * minShare
	for _, n := range s.touched {
		credit := s.acc[n]
		if credit < floor || (allow != nil && !allow(ix.kind[n])) {
			continue
		}
		a := credit / (total + 0.25*max(ix.names[n].Total-credit, 0))
		if len(h) < k {
			h = append(h, cand{n, a})
			siftUp(h, len(h)-1)
		} else if a > h[0].acc {
			h[0] = cand{n, a}
			siftDown(h, 0)
		}
	}
	s.heap = h
	s.out = s.out[:0]
	for _, c := range h {
		s.out = append(s.out, c.name)
	}
	return s.out
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
