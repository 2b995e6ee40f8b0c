package index

import (
	"slices"

	"github.com/vigil-screening/vigil/match"

	"github.com/vigil-screening/vigil/names"
)

// Parts read from a transcription or a script that Latin forms follow
// loosely (match.Part.Trans) meet listed parts by a loose consonant key
// (names.LooseKeys), which no other key of the index finds: 普京 "pjin"
// shares no token, skeleton or deletion neighbour with Putin. The map of
// loose keys to the tokens that have them is built the first time such
// a part is searched, so that indexes whose queries are all in Latin or
// Cyrillic letters never pay for it.

// maxLooseTokens bounds the tokens one loose key credits: a key shared by
// more listed tokens says too little to find candidates by.
const maxLooseTokens = 512

// buildLoose maps each loose key of two consonants or more of a listed
// token to the tokens that have it.
func (ix *Index) buildLoose() map[string][]int32 {
	m := make(map[string][]int32)
	for id := range int32(ix.vocab.Count()) {
		for _, kana := range [2]bool{false, true} {
			for _, rl := range [2]bool{false, true} {
				for _, k := range names.LooseKeys(ix.vocab.Text(id), kana, rl) {
					if len(k) < 2 {
						continue
					}
					k = looseMapKey(k, kana, rl)
					if !slices.Contains(m[k], id) {
						m[k] = append(m[k], id)
					}
				}
			}
		}
	}
	return m
}

// looseKeys appends the keys of the listed tokens that share a loose key
// with query part p, at 0.8 of the part's weight as skeleton keys are
// (a part read from these scripts is seldom a listed token, and weighs
// as a rare one).
func (ix *Index) looseKeys(qi int8, p *match.Part, s *Scratch) {
	m := ix.loose()
	for _, k := range names.LooseKeys(p.Text, p.Kana, p.RL) {
		toks := m[looseMapKey(k, p.Kana, p.RL)]
		if len(toks) > maxLooseTokens || len(k) == 2 && len(toks) > maxLooseTokens/8 {
			continue // a key of two consonants says less
		}
		for _, t := range toks {
			post, parts := ix.tokPost.of(t)
			s.keys = append(s.keys, key{post: post, parts: parts, w: p.Weight * 0.8, id: t, qi: qi})
		}
	}
}

// looseJoinKeys appends the loose keys of two adjacent parts of q read
// from a transcription in Chinese characters, written together: the
// transcriptions split names the Latin form writes as one (艾哈迈迪-内贾德
// "aihamaidi nejiad" Ahmadinejad). A key credits both parts once. Parts
// of other scripts do not search their joins: the keys crowd out better
// candidates.
func (ix *Index) looseJoinKeys(q *match.Name, s *Scratch) {
	for _, j := range q.Joins {
		if j.N != 2 {
			continue
		}
		a, b := &q.Parts[j.At], &q.Parts[j.At+1]
		if !a.RL || !b.RL || a.Kana || a.Class != names.Plain || b.Class != names.Plain {
			continue
		}
		m := ix.loose()
		for _, k := range names.LooseKeys(a.Text+b.Text, a.Kana, a.RL) {
			toks := m[looseMapKey(k, a.Kana, a.RL)]
			if len(k) < 4 || len(toks) > maxLooseTokens {
				continue
			}
			for _, t := range toks {
				post, parts := ix.tokPost.of(t)
				s.keys = append(s.keys, key{post: post, parts: parts, w: (a.Weight + b.Weight) * 0.8, id: t, qi: int8(j.At), also: joinBits(j)})
			}
		}
	}
}

// looseMapKey keeps the keys of each kind of loose script apart: those
// of kana and of scripts that write r and l alike are looser, and would
// crowd the others' keys past maxLooseTokens.
func looseMapKey(k string, kana, rl bool) string {
	switch {
	case kana:
		return "k" + k
	case rl:
		return "r" + k
	}
	return k
}
