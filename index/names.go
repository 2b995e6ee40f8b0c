package index

import (
	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// Listed names are kept compact: a part is its token id, weight and
// class (12 bytes, where a match.Part is 56 with its strings), and the
// parts and joins of all names lie in two flat arrays. What a part's
// token tells of it (text, skeleton, variant group, letters) is kept
// once per token. Name rebuilds a match.Name for comparison in memory
// the caller reuses.

// part is one part of a listed name.
type part struct {
	tok    int32
	weight float32
	class  names.Class
	flags  uint8
}

// Part flags.
const (
	partUnvowelled = 1 << iota
	partKana
	partGiven
	partTrans
	partRL
)

// name is one listed name: where its parts and joins lie in the flat
// arrays, and its name-level fields (see match.Name).
type name struct {
	raw        textRef
	familyCost float32
	part, join uint32 // first part and join
	family     uint16
	nparts     uint8
	njoins     uint8
	syllabic   bool
	org        bool
}

// tokenInfo is what a token's text tells of every part written with it:
// its variant groups where a given name may stand and elsewhere, its
// skeleton and its letters.
type tokenInfo struct {
	vars, givenVars *match.Variants
	skel            int32
	mask            uint32
	skelLen         uint8
}

// nameStore holds compact listed names.
type nameStore struct {
	names []name
	parts []part
	joins []match.Join
	// origs holds the one word a legal form was read from, by index in
	// parts, for the few parts that have one; titles the titles read
	// before the few names that have one, by index in names.
	origs  map[uint32]string
	titles map[int32][]string
	// unknown holds, by index in parts, the few parts whose token the
	// vocabulary does not count (a word also read as a title before it
	// in the same name), whole.
	unknown map[uint32]match.Part
}

// add appends name n, prepared from toks, whose text lies at raw.
func (st *nameStore) add(n *match.Name, raw textRef, toks []names.Token) {
	if len(n.Titles) > 0 {
		if st.titles == nil {
			st.titles = map[int32][]string{}
		}
		st.titles[int32(len(st.names))] = n.Titles
	}
	st.names = append(st.names, name{raw: raw, familyCost: n.FamilyCost, part: uint32(len(st.parts)), join: uint32(len(st.joins)),
		family: n.Family, nparts: uint8(len(n.Parts)), njoins: uint8(len(n.Joins)), syllabic: n.Syllabic, org: n.Org})
	// The parts are the tokens but titles, in order.
	t := 0
	for i := range n.Parts {
		for t < len(toks) && toks[t].Class == names.Title {
			t++
		}
		p := &n.Parts[i]
		var f uint8
		if p.Unvowelled {
			f |= partUnvowelled
		}
		if p.Kana {
			f |= partKana
		}
		if p.Trans {
			f |= partTrans
		}
		if p.RL {
			f |= partRL
		}
		if t < len(toks) && toks[t].Given {
			f |= partGiven
		}
		t++
		if p.Tok < 0 {
			if st.unknown == nil {
				st.unknown = map[uint32]match.Part{}
			}
			st.unknown[uint32(len(st.parts))] = *p
		}
		if p.Orig != "" {
			if st.origs == nil {
				st.origs = map[uint32]string{}
			}
			st.origs[uint32(len(st.parts))] = p.Orig
		}
		st.parts = append(st.parts, part{tok: p.Tok, weight: p.Weight, class: p.Class, flags: f})
	}
	st.joins = append(st.joins, n.Joins...)
}

// tokenInfos computes what each token of v tells of its parts.
func tokenInfos(v *match.Vocab) []tokenInfo {
	out := make([]tokenInfo, v.Count())
	for id := range out {
		text := v.Text(int32(id))
		sk := names.Skeleton(text)
		out[id] = tokenInfo{vars: v.TokenVariants(int32(id), false), givenVars: v.TokenVariants(int32(id), true),
			skel: v.SkeletonID(sk), mask: names.LetterMask(text), skelLen: uint8(min(len(sk), 255))}
	}
	return out
}

// fill rebuilds listed name i into n, reusing n's slices.
func (st *nameStore) fill(v *match.Vocab, tokens []tokenInfo, texts *texts, i int32, n *match.Name, total float32) {
	c := &st.names[i]
	n.Raw, n.Total, n.FamilyCost, n.Family, n.Syllabic, n.Org = texts.text(c.raw), total, c.familyCost, c.family, c.syllabic, c.org
	n.Titles = nil
	if st.titles != nil {
		n.Titles = st.titles[i]
	}
	n.Parts = n.Parts[:0]
	for k := c.part; k < c.part+uint32(c.nparts); k++ {
		p := &st.parts[k]
		if p.tok < 0 {
			n.Parts = append(n.Parts, st.unknown[k])
			continue
		}
		mp := match.Part{Tok: p.tok, Weight: p.weight, Class: p.class, Unvowelled: p.flags&partUnvowelled != 0, Kana: p.flags&partKana != 0,
			Trans: p.flags&partTrans != 0, RL: p.flags&partRL != 0, Skel: -1}
		if p.tok >= 0 {
			t := &tokens[p.tok]
			mp.Text, mp.Skel, mp.Vars, mp.Mask, mp.SkelLen = v.Text(p.tok), t.skel, t.vars, t.mask, t.skelLen
			if p.flags&partGiven != 0 {
				mp.Vars = t.givenVars
			}
		}
		if p.class == names.Legal && len(st.origs) > 0 {
			mp.Orig = st.origs[k]
		}
		if mp.Trans && mp.Class == names.Plain {
			// A listed name in a loose script (rare): its loose forms,
			// as match.Vocab.Prepare computes them.
			mp.LooseKeys, mp.LooseSpells = names.LooseKeys(mp.Text, mp.Kana, mp.RL), names.LooseSpellings(mp.Text, mp.Kana, mp.RL)
		}
		n.Parts = append(n.Parts, mp)
	}
	n.Joins = append(n.Joins[:0], st.joins[c.join:c.join+uint32(c.njoins)]...)
}

// partsOf returns the compact parts of listed name i.
func (st *nameStore) partsOf(i int32) []part {
	c := &st.names[i]
	return st.parts[c.part : c.part+uint32(c.nparts)]
}

// joinsOf returns the joins of listed name i.
func (st *nameStore) joinsOf(i int32) []match.Join {
	c := &st.names[i]
	return st.joins[c.join : c.join+uint32(c.njoins)]
}
