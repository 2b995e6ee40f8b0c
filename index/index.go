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
	"runtime"
	"sync"

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
	names []match.Name
	total []float32 // per name: names[i].Total, kept compact for the search
	owner []int32
	kind  []uint8

	tokPost  [][]int32          // token id → names containing it
	skelPost [][]int32          // skeleton id → names with a part or join of that skeleton
	varTok   [][]int32          // variant group id → token ids
	dels     map[uint64][]int32 // deletion-neighbourhood hash → token ids
	seed     maphash.Seed
}

// Build indexes the entries. It drops each entry's Tokens once it has
// prepared the name, to free memory for the rest of the build.
func Build(entries []Entry) *Index {
	ix := &Index{
		vocab: match.NewVocab(),
		names: make([]match.Name, len(entries)),
		total: make([]float32, len(entries)),
		owner: make([]int32, len(entries)),
		kind:  make([]uint8, len(entries)),
		seed:  maphash.MakeSeed(),
	}
	for _, e := range entries {
		ix.vocab.AddName(e.Tokens)
	}
	ix.vocab.Freeze()
	ix.tokPost = make([][]int32, ix.vocab.Count())
	ix.skelPost = make([][]int32, ix.vocab.SkeletonCount())
	ix.varTok = make([][]int32, ix.vocab.VariantCount())
	// About one deletion key per letter of each distinct token.
	ix.dels = make(map[uint64][]int32, ix.vocab.Count()*6)
	// The vocabulary is frozen: names are prepared on all cores, and the
	// token keys built while the names are posted (in order, one
	// goroutine, so that posting lists come out sorted).
	ix.prepareAll(entries)
	var wg sync.WaitGroup
	wg.Go(ix.buildTokenKeys)
	for i, e := range entries {
		ix.owner[i] = e.Owner
		ix.kind[i] = e.Kind
		ix.total[i] = ix.names[i].Total
		ix.post(int32(i), &ix.names[i])
	}
	wg.Wait()
	return ix
}

// prepareAll prepares the names of all entries, in parallel.
func (ix *Index) prepareAll(entries []Entry) {
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(entries) + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < len(entries); lo += chunk {
		hi := min(lo+chunk, len(entries))
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				ix.names[i] = ix.vocab.Prepare(entries[i].Raw, entries[i].Tokens, false)
				ix.vocab.Mark(&ix.names[i], entries[i].Roles)
				entries[i].Tokens = nil
			}
		})
	}
	wg.Wait()
}

func (ix *Index) post(id int32, n *match.Name) {
	for _, p := range n.Parts {
		if p.Tok >= 0 {
			ix.tokPost[p.Tok] = appendOnce(ix.tokPost[p.Tok], id)
		}
		if p.Skel >= 0 && p.SkelLen >= 2 && p.Class == names.Plain {
			ix.skelPost[p.Skel] = appendOnce(ix.skelPost[p.Skel], id)
		}
	}
	for _, j := range n.Joins {
		if j.Skel >= 0 {
			ix.skelPost[j.Skel] = appendOnce(ix.skelPost[j.Skel], id)
		}
	}
}

// appendOnce appends id unless it is already last (names are indexed in
// order, so a repeat can only be the last element).
func appendOnce(s []int32, id int32) []int32 {
	if len(s) > 0 && s[len(s)-1] == id {
		return s
	}
	return append(s, id)
}

// buildTokenKeys indexes every distinct token under its variant group and
// its deletion neighbourhood.
func (ix *Index) buildTokenKeys() {
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
func (ix *Index) Len() int { return len(ix.names) }

// Name returns indexed name i.
func (ix *Index) Name(i int32) *match.Name { return &ix.names[i] }

// Owner returns the owner of indexed name i, as given in its Entry.
func (ix *Index) Owner(i int32) int32 { return ix.owner[i] }
