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
			s.keys = append(s.keys, key{post: ix.tokPost.of(t), w: p.Weight * 0.8, id: t, qi: qi})
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
