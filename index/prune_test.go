package index

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// exhaustive is Candidates without pruning: every posting of every key
// is credited.
func (ix *Index) exhaustive(q *match.Name, k int, allow func(uint8) bool, s *Scratch) []int32 {
	s.cur++
	s.touched = s.touched[:0]
	total := ix.collectKeys(q, s)
	for _, kk := range s.keys {
		ix.addPostings(kk, s)
	}
	return slices.Clone(ix.top(k, total, allow, s))
}

// TestPruningKeepsCandidates checks that max-score pruning returns the
// candidates crediting every posting returns, on names where pruning
// happens: many share common parts.
func TestPruningKeepsCandidates(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	common := []string{"muhammad", "ali", "hassan", "ahmed", "trading", "abdul", "khan", "ivan", "petrov"}
	syl := []string{"ka", "lo", "mi", "ra", "de", "su", "an", "vo", "ti", "ne", "bar", "kov", "sha", "ul", "en"}
	word := func() string {
		if r.IntN(3) == 0 {
			return common[r.IntN(len(common))]
		}
		var b strings.Builder
		for n := 2 + r.IntN(3); n > 0; n-- {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		return b.String()
	}
	var es []Entry
	for i := range 30_000 {
		n := make([]string, 2+r.IntN(3))
		for j := range n {
			n[j] = word()
		}
		raw := strings.Join(n, " ")
		es = append(es, Entry{Raw: raw, Tokens: names.Analyze(raw, names.Person), Owner: int32(i), Kind: uint8(i % 3)})
	}
	ix := Build(es)
	s := ix.NewScratch()
	pruned := 0
	for i := range 400 {
		words := strings.Fields(es[r.IntN(len(es))].Raw)
		if i%2 == 0 { // a typo
			w := r.IntN(len(words))
			if len(words[w]) > 3 {
				words[w] = words[w][:1] + words[w][2:]
			}
		}
		if i%5 == 0 {
			words = append(words, word())
		}
		raw := strings.Join(words, " ")
		q := ix.vocab.Prepare(raw, names.Analyze(raw, names.Person), false)
		for _, k := range []int{10, 64} {
			var allow func(uint8) bool
			if i%3 == 0 {
				allow = func(t uint8) bool { return t != 1 }
			}
			want := ix.exhaustive(&q, k, allow, s)
			seen := len(s.touched)
			got := slices.Clone(ix.Candidates(&q, k, allow, s))
			if len(s.touched) < seen {
				pruned++
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%q k=%d: pruned search gives %v, exhaustive %v", raw, k, got, want)
			}
		}
	}
	if pruned == 0 {
		t.Error("no query was pruned: the test checks nothing")
	}
	t.Logf("%d of 800 searches pruned", pruned)
}
