package index

import (
	"hash/maphash"
	"runtime"
	"sync"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// Builder collects the names of an Index one by one, so that the caller
// need not hold every analysed name at once: Add counts a name's tokens
// into the vocabulary and keeps them as token ids (5 bytes a token,
// where a names.Token takes 40 and its text more), and Build prepares
// the names from them once every weight is known.
type Builder struct {
	vocab    *match.Vocab
	rawTexts textArena // the names' texts
	raw      []textRef // where each name's text lies in rawTexts
	owner    []int32
	kind     []uint8
	roles    []match.Roles
	off      []uint32 // entry i's tokens are toks[off[i]:off[i+1]]
	toks     []int32
	meta     []uint8 // class and flags of each token (see tokenMeta)
	// origs holds the one word a legal form was read from, by index in
	// toks, for the few tokens that have one; texts the text of the few
	// tokens the vocabulary does not count (titles).
	origs, texts map[uint32]string
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder {
	return &Builder{vocab: match.NewVocab(), off: []uint32{0}}
}

// Token meta bits above the class.
const (
	metaRL         = 1 << 3 // the classes fit in the low 3 bits
	metaTrans      = 1 << 4
	metaGiven      = 1 << 5
	metaUnvowelled = 1 << 6
	metaKana       = 1 << 7
	metaClass      = metaTrans - 1 // the bits of the class
)

// Add adds one listed name. The entry's Tokens are not kept.
func (b *Builder) Add(e Entry) {
	b.vocab.AddName(e.Tokens)
	b.raw = append(b.raw, b.rawTexts.add(e.Raw))
	b.owner = append(b.owner, e.Owner)
	b.kind = append(b.kind, e.Kind)
	b.roles = append(b.roles, e.Roles)
	for _, t := range e.Tokens {
		m := uint8(t.Class)
		if t.Unvowelled {
			m |= metaUnvowelled
		}
		if t.Kana {
			m |= metaKana
		}
		if t.Given {
			m |= metaGiven
		}
		if t.Trans {
			m |= metaTrans
		}
		if t.RL {
			m |= metaRL
		}
		if t.Orig != "" {
			if b.origs == nil {
				b.origs = map[uint32]string{}
			}
			b.origs[uint32(len(b.toks))] = t.Orig
		}
		id := b.vocab.Lookup(t.Text)
		if id < 0 {
			if b.texts == nil {
				b.texts = map[uint32]string{}
			}
			b.texts[uint32(len(b.toks))] = t.Text
		}
		b.toks = append(b.toks, id)
		b.meta = append(b.meta, m)
	}
	b.off = append(b.off, uint32(len(b.toks)))
}

// tokensOf rebuilds the tokens of entry i into buf.
func (b *Builder) tokensOf(i int, buf []names.Token) []names.Token {
	buf = buf[:0]
	for k := b.off[i]; k < b.off[i+1]; k++ {
		m := b.meta[k]
		text := b.texts[k]
		if id := b.toks[k]; id >= 0 {
			text = b.vocab.Text(id)
		}
		t := names.Token{Text: text, Class: names.Class(m &^ (metaGiven | metaUnvowelled | metaKana | metaTrans | metaRL)),
			Unvowelled: m&metaUnvowelled != 0, Kana: m&metaKana != 0, Given: m&metaGiven != 0, Trans: m&metaTrans != 0, RL: m&metaRL != 0}
		if t.Class == names.Legal && b.origs != nil {
			t.Orig = b.origs[k]
		}
		buf = append(buf, t)
	}
	return buf
}

// partsAndJoins bounds the parts and joins that preparing entry i gives
// (see match.Vocab.Prepare): the parts are its tokens but titles, at
// most match.MaxParts, and the joins one for each pair of neighbours
// plus two for each particle between two parts. The stores are sized
// by it: a bound of one and a half joins a part left some 80 MiB unused
// at a million records.
func (b *Builder) partsAndJoins(i int) (parts, joins int) {
	for k := b.off[i]; k < b.off[i+1] && parts < match.MaxParts; k++ {
		switch names.Class(b.meta[k] & metaClass) {
		case names.Title:
			continue
		case names.Particle:
			if parts > 0 {
				joins += 2
			}
		}
		parts++
	}
	return parts, joins + max(parts-1, 0)
}

// Build indexes the names added. The builder is not to be used after.
func (b *Builder) Build() *Index {
	n := len(b.raw)
	ix := &Index{vocab: b.vocab, total: make([]float32, n), owner: b.owner, kind: b.kind, seed: maphash.MakeSeed(),
		texts: b.rawTexts.done()}
	ix.vocab.Freeze()
	ix.varTok = make([][]int32, ix.vocab.VariantCount())
	// About one deletion key per letter of each distinct token.
	ix.dels = make(map[uint64][]int32, ix.vocab.Count()*6)
	// The vocabulary is frozen: names are prepared on all cores while
	// the token keys are built.
	var wg sync.WaitGroup
	wg.Go(ix.buildTokenKeys)
	ix.prepareAll(b)
	wg.Wait()
	ix.post()
	ix.loose = sync.OnceValue(ix.buildLoose)
	return ix
}

// prepareAll prepares the names of all entries, in parallel, into one
// compact store per worker: the store of name i is stores[i/chunk].
func (ix *Index) prepareAll(b *Builder) {
	n := len(b.raw)
	workers := runtime.GOMAXPROCS(0)
	ix.chunk = max((n+workers-1)/workers, 1)
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += ix.chunk {
		hi := min(lo+ix.chunk, n)
		parts, joins := 0, 0
		for i := lo; i < hi; i++ {
			p, j := b.partsAndJoins(i)
			parts, joins = parts+p, joins+j
		}
		st := &nameStore{names: make([]name, 0, hi-lo), parts: make([]part, 0, parts), joins: make([]match.Join, 0, joins)}
		ix.stores = append(ix.stores, st)
		wg.Go(func() {
			var toks []names.Token
			for i := lo; i < hi; i++ {
				toks = b.tokensOf(i, toks)
				nm := ix.vocab.Prepare(ix.texts.text(b.raw[i]), toks, false)
				ix.vocab.Mark(&nm, b.roles[i])
				ix.total[i] = nm.Total
				st.add(&nm, b.raw[i], toks)
			}
		})
	}
	wg.Wait()
}
