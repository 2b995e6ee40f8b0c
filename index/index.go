// Package index generates screening candidates: from all listed names it
// builds inverted indexes keyed on normalised tokens, name variants,
// consonant skeletons and deletion neighbourhoods (every form of a token
// with one letter removed), so that a query finds its typo'd, reordered
// and transliterated matches while scoring only a few dozen names.
//
// Postings hold int32 name numbers; keys are interned token ids or 64-bit
// hashes, never strings, to keep the index compact.
package index

import (
	"hash/maphash"
	"slices"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// Entry is one listed name to index: its analysed tokens, the record it
// belongs to (an index chosen by the caller) and a kind tag used to filter
// candidates.
type Entry struct {
	Raw    string
	Tokens []names.Token
	Owner  int32
	Kind   uint8
	// Roles are what the caller knows of the name's parts (see
	// match.Vocab.Mark).
	Roles match.Roles
}

// Index is a read-only candidate index, safe for concurrent use.
type Index struct {
	vocab *match.Vocab
	// stores hold the compact names, chunk names each (see prepareAll);
	// tokens what each token tells of its parts.
	stores []*nameStore
	chunk  int
	tokens []tokenInfo
	texts  texts     // the names' texts
	total  []float32 // per name: its Total, kept compact for the search
	owner  []int32
	kind   []uint8

	tokPost  postings           // token id → names containing it
	skelPost postings           // skeleton id → names with a part or join of that skeleton
	varTok   [][]int32          // variant group id → token ids
	dels     map[uint64][]int32 // deletion-neighbourhood hash → token ids
	seed     maphash.Seed
	loose    func() map[string][]int32 // loose key → token ids, built on first use (see loose.go)
}

// postings are the posting lists of keys 0..n-1 in one array: those of
// key k are ids[off[k]:off[k+1]], sorted; parts holds, for each posting,
// the parts of the name that have the key, a bit each, so that the
// search credits one listed part to one query part only.
type postings struct {
	off   []uint32
	ids   []int32
	parts []uint16
}

func (p *postings) of(k int32) ([]int32, []uint16) {
	return p.ids[p.off[k]:p.off[k+1]], p.parts[p.off[k]:p.off[k+1]]
}

// Build indexes the entries (see Builder).
func Build(entries []Entry) *Index {
	b := NewBuilder()
	for i := range entries {
		b.Add(entries[i])
		entries[i].Tokens = nil
	}
	return b.Build()
}

// store returns the store of name i and its number there.
func (ix *Index) store(i int32) (*nameStore, int32) {
	return ix.stores[int(i)/ix.chunk], i % int32(ix.chunk)
}

// post builds the posting lists: a name is posted under the token of
// each part, and under the skeleton of each ordinary part of two
// consonants or more and of each join. Counted first, then filled, so
// that the lists take no more room than they need.
func (ix *Index) post() {
	ix.tokPost = ix.makePostings(ix.vocab.Count(), false)
	ix.skelPost = ix.makePostings(ix.vocab.SkeletonCount(), true)
}

// keysOf appends to buf the token ids (skel false) or skeleton ids of
// name i's postings, and to parts the parts of the name each stands for,
// a bit each.
func (ix *Index) keysOf(i int32, skel bool, buf []int32, parts []uint16) ([]int32, []uint16) {
	st, j := ix.store(i)
	for k, p := range st.partsOf(j) {
		bit := uint16(1) << k
		switch {
		case p.tok < 0:
			if u := st.unknown[st.names[j].part+uint32(k)]; skel && u.Class == names.Plain && u.Skel >= 0 && u.SkelLen >= 2 {
				buf, parts = append(buf, u.Skel), append(parts, bit)
			}
		case !skel:
			buf, parts = append(buf, p.tok), append(parts, bit)
		case p.class == names.Plain:
			if t := &ix.tokens[p.tok]; t.skel >= 0 && t.skelLen >= 2 {
				buf, parts = append(buf, t.skel), append(parts, bit)
			}
		}
	}
	if skel {
		for _, jn := range st.joinsOf(j) {
			if jn.Skel >= 0 {
				buf, parts = append(buf, jn.Skel), append(parts, joinParts(jn))
			}
		}
	}
	return buf, parts
}

// wholeJoin marks the parts of a posting that are a join's, to be
// credited together; without it they are parts that each have the key,
// one of which is credited.
const wholeJoin = 1 << 15

// joinParts returns the posting parts of listed join j.
func joinParts(j match.Join) uint16 { return uint16((1<<j.N-1)<<j.At) | wholeJoin }

// mergeParts merges the parts of a name that have a key: parts that have
// it on their own win over a join ("bashir" over the join "ayyub bashir"
// of the same skeleton).
func mergeParts(a, b uint16) uint16 {
	switch {
	case a == 0:
		return b
	case a&wholeJoin != 0 && b&wholeJoin == 0:
		return b
	case a&wholeJoin == 0 && b&wholeJoin != 0:
		return a
	}
	return a | b
}

// makePostings builds the postings of n keys over all names, each name
// listed once under every key keysOf gives it, with the parts that have
// it.
func (ix *Index) makePostings(n int, skel bool) postings {
	count := int32(len(ix.total))
	last := make([]int32, n) // the last name counted under each key, plus one
	size := make([]uint32, n+1)
	var buf []int32
	var pbuf []uint16
	for i := range count {
		buf, pbuf = ix.keysOf(i, skel, buf[:0], pbuf[:0])
		for _, k := range buf {
			if last[k] != i+1 {
				last[k] = i + 1
				size[k+1]++
			}
		}
	}
	for k := 1; k <= n; k++ {
		size[k] += size[k-1]
	}
	p := postings{off: size, ids: make([]int32, size[n]), parts: make([]uint16, size[n])}
	fill := slices.Clone(size[:n])
	clear(last)
	for i := range count {
		buf, pbuf = ix.keysOf(i, skel, buf[:0], pbuf[:0])
		for x, k := range buf {
			if last[k] != i+1 {
				last[k] = i + 1
				p.ids[fill[k]] = i
				fill[k]++
			}
			p.parts[fill[k]-1] = mergeParts(p.parts[fill[k]-1], pbuf[x])
		}
	}
	return p
}

// buildTokenKeys records what each token tells of its parts and indexes
// every distinct token under its variant group and its deletion
// neighbourhood.
func (ix *Index) buildTokenKeys() {
	ix.tokens = tokenInfos(ix.vocab)
	var buf []byte
	for id := int32(0); int(id) < ix.vocab.Count(); id++ {
		tok := ix.vocab.Text(id)
		for _, vr := range ix.vocab.VariantIDs(tok) {
			ix.varTok[vr] = append(ix.varTok[vr], id)
		}
		if len(tok) < minDeleteLen || len(tok) > maxDeleteLen {
			continue
		}
		ix.dels[ix.hash(tok)] = append(ix.dels[ix.hash(tok)], id)
		for i := 0; i < len(tok); i++ {
			buf = deleteAt(buf[:0], tok, i)
			h := ix.hashBytes(buf)
			ix.dels[h] = appendOnce(ix.dels[h], id)
		}
	}
}

// appendOnce appends id unless it is already last.
func appendOnce(s []int32, id int32) []int32 {
	if len(s) > 0 && s[len(s)-1] == id {
		return s
	}
	return append(s, id)
}

// Tokens of these lengths get deletion keys: shorter ones must match
// exactly or by skeleton, longer ones are not names.
const (
	minDeleteLen = 4
	maxDeleteLen = 40
)

func deleteAt(dst []byte, s string, i int) []byte {
	dst = append(dst, s[:i]...)
	return append(dst, s[i+1:]...)
}

func (ix *Index) hash(s string) uint64      { return maphash.String(ix.seed, s) }
func (ix *Index) hashBytes(b []byte) uint64 { return maphash.Bytes(ix.seed, b) }

// Vocab returns the vocabulary, for preparing queries.
func (ix *Index) Vocab() *match.Vocab { return ix.vocab }

// Len returns the number of indexed names.
func (ix *Index) Len() int { return len(ix.total) }

// Name fills n with indexed name i, reusing n's slices, and returns it.
// The result is valid until the next call with the same n.
func (ix *Index) Name(i int32, n *match.Name) *match.Name {
	st, j := ix.store(i)
	st.fill(ix.vocab, ix.tokens, &ix.texts, j, n, ix.total[i])
	return n
}

// Total returns the summed weight of the parts of indexed name i.
func (ix *Index) Total(i int32) float32 { return ix.total[i] }

// Owner returns the owner of indexed name i, as given in its Entry.
func (ix *Index) Owner(i int32) int32 { return ix.owner[i] }
