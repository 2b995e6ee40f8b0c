// Package match compares names and attributes of a query with those of a
// listed record and explains the result.
//
// Names are compared part by part: each query part is aligned with the
// listed part it resembles most (order does not matter), parts are
// weighted by rarity learned from all listed names, and unmatched listed
// parts (a dropped middle name) cost less than unmatched query parts.
// Attributes (birth dates, gender, countries, documents) then qualify the
// name score; they never raise a score on their own.
package match

import (
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/names"
)

// Vocab interns the tokens of all listed names and learns their weights
// from how often they occur. Build it with AddName for every listed name,
// then call Freeze; afterwards it is read-only and safe for concurrent use.
type Vocab struct {
	ids    map[string]int32 // token text → id
	texts  []string
	df     []int32 // names containing the token
	weight []float32
	skels  map[uint64]int32 // skeleton's key (see skelKey) → id
	vars   map[string]int32 // variant key (see names.VariantKeys) → id
	names  int
	maxW   float32
	// sets and givenSets hold, by token id, the variant groups of the
	// listed tokens that have any (see variantsOf), without and with the
	// full names a short form of a given name stands for. Built by Freeze.
	sets, givenSets map[int32]*Variants
	// more holds the skeletons and variants of names compared outside
	// the lists (see WithNames); nil in the vocabulary of the lists.
	more *extension
	// orgW is the weight of each organisation-word group (see
	// orgWordWeights). Built by Freeze.
	orgW map[string]float32
}

// extension is what WithNames adds to a vocabulary: skeletons and
// variant groups with ids above those of the vocabulary it extends.
type extension struct {
	skels map[uint64]int32
	vars  map[string]int32
}

// NewVocab returns an empty vocabulary.
func NewVocab() *Vocab {
	return &Vocab{ids: map[string]int32{}, skels: map[uint64]int32{}, vars: map[string]int32{}}
}

// Count returns the number of distinct tokens.
func (v *Vocab) Count() int { return len(v.texts) }

// Text returns the text of token id.
func (v *Vocab) Text(id int32) string { return v.texts[id] }

// Lookup returns the id of a token, or -1.
func (v *Vocab) Lookup(tok string) int32 {
	if id, ok := v.ids[tok]; ok {
		return id
	}
	return -1
}

// SkeletonID returns the id of a skeleton, or -1.
func (v *Vocab) SkeletonID(s string) int32 {
	k := skelKey(s)
	if id, ok := v.skels[k]; ok {
		return id
	}
	if v.more != nil {
		if id, ok := v.more.skels[k]; ok {
			return id
		}
	}
	return -1
}

// AddName counts the distinct tokens of one listed name.
func (v *Vocab) AddName(toks []names.Token) {
	v.names++
	for i, t := range toks {
		if t.Class == names.Title || seenBefore(toks[:i], t.Text) {
			continue
		}
		id := v.intern(t.Text)
		v.df[id]++
	}
	// Skeletons of joined neighbours, so that a query written joined
	// ("abdulrahman") meets a listed name written apart.
	toks = withoutTitles(toks)
	for i := 0; i+1 < len(toks); i++ {
		v.internSkel(names.Skeleton(toks[i].Text + toks[i+1].Text))
		if i+2 < len(toks) && toks[i+1].Class == names.Particle {
			v.internSkel(names.Skeleton(toks[i].Text + toks[i+1].Text + toks[i+2].Text))
			if sk, ok := ArticleJoinSkeleton(toks[i].Text, toks[i+1].Text, toks[i+2].Text); ok {
				v.internSkel(sk)
			}
		}
	}
}

// withoutTitles returns toks without the leading titles (see
// names.Title), which are never name parts.
func withoutTitles(toks []names.Token) []names.Token {
	for len(toks) > 0 && toks[0].Class == names.Title {
		toks = toks[1:]
	}
	return toks
}

func (v *Vocab) internSkel(sk string) {
	k := skelKey(sk)
	if _, ok := v.skels[k]; !ok {
		v.skels[k] = int32(len(v.skels))
	}
}

// skelKey is the key a skeleton is interned by: its 64-bit FNV-1a hash.
// A million listed records give some two million skeletons, mostly of
// joined neighbours; keyed by their text they took some 80 MiB (map and
// strings), by hash about half. Two skeletons would share an id only if
// their hashes collided (odds of about 1 in 10^7 at that size, and the
// hash is fixed, so that a collision would be the same in every run;
// TestSkeletonKeysDistinct checks the skeletons of the shared lists).
func skelKey(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * prime
	}
	return h
}

func seenBefore(toks []names.Token, text string) bool {
	for _, t := range toks {
		if t.Text == text {
			return true
		}
	}
	return false
}

func (v *Vocab) intern(tok string) int32 {
	if id, ok := v.ids[tok]; ok {
		return id
	}
	id := int32(len(v.texts))
	v.ids[tok] = id
	v.texts = append(v.texts, tok)
	v.df = append(v.df, 0)
	v.internSkel(names.Skeleton(tok))
	for _, k := range names.VariantKeys(tok, true) {
		if _, ok := v.vars[k]; !ok {
			v.vars[k] = int32(len(v.vars))
		}
	}
	return id
}

// Freeze computes the token weights: the inverse document frequency
// log(N/df), at least minWeight, so that rare parts (ZAWAHIRI) weigh much
// and common ones (MOHAMMED, ALI) little.
func (v *Vocab) Freeze() {
	n := float64(max(v.names, 1))
	v.weight = make([]float32, len(v.df))
	for i, df := range v.df {
		v.weight[i] = idf(n, float64(df))
	}
	v.maxW = idf(n, 1)
	v.orgW = v.orgWordWeights()
	v.sets, v.givenSets = map[int32]*Variants{}, map[int32]*Variants{}
	for id, tok := range v.texts {
		if vs := v.newVariants(tok, false); vs != nil {
			v.sets[int32(id)] = vs
		}
		if vs := v.newVariants(tok, true); vs != nil {
			v.givenSets[int32(id)] = vs
		}
	}
}

const minWeight = 0.5

func idf(n, df float64) float32 {
	return float32(max(math.Log((n+1)/df), minWeight))
}

// Weight returns the weight of token id, or the weight of a token seen
// once when id is -1 (a query part no list contains is rare).
func (v *Vocab) Weight(id int32) float32 {
	if id < 0 || int(id) >= len(v.weight) {
		return v.maxW
	}
	return v.weight[id]
}

// variantID returns the id of a variant key, or -1.
func (v *Vocab) variantID(key string) int32 {
	if id, ok := v.vars[key]; ok {
		return id
	}
	if v.more != nil {
		if id, ok := v.more.vars[key]; ok {
			return id
		}
	}
	return -1
}

// VariantIDs returns the variant groups a listed token may belong to,
// short forms of given names included.
func (v *Vocab) VariantIDs(tok string) []int32 {
	var ids []int32
	for _, k := range names.VariantKeys(tok, true) {
		if id := v.variantID(k); id >= 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// variantsOf returns the variant groups of the token with id tok and
// text text (see names.VariantKeys), or nil.
func (v *Vocab) variantsOf(tok int32, text string, given bool) *Variants {
	if tok >= 0 && v.sets != nil && v.more == nil {
		if given {
			return v.givenSets[tok]
		}
		return v.sets[tok]
	}
	return v.newVariants(text, given)
}

func (v *Vocab) newVariants(text string, given bool) *Variants {
	vs := Variants{full: -1}
	own := names.NicknameKey + text
	if vr := names.Variant(text); vr != "" {
		own = names.NicknameKey + vr
	}
	for _, k := range names.VariantKeys(text, given) {
		id := v.variantID(k)
		switch {
		case id < 0:
		case strings.HasPrefix(k, names.NicknameKey):
			vs.nick = append(vs.nick, id)
			if k == own {
				vs.full = id
			}
		default:
			vs.ids = append(vs.ids, id)
		}
	}
	if len(vs.ids)+len(vs.nick) == 0 {
		return nil
	}
	slices.Sort(vs.ids)
	slices.Sort(vs.nick)
	vs.ids, vs.nick = slices.Compact(vs.ids), slices.Compact(vs.nick)
	return &vs
}

// SkeletonCount returns the number of distinct skeletons; skeleton ids
// are below it.
func (v *Vocab) SkeletonCount() int {
	if v.more != nil {
		return len(v.skels) + len(v.more.skels)
	}
	return len(v.skels)
}

// VariantCount returns the number of variant groups seen; variant ids are
// below it.
func (v *Vocab) VariantCount() int {
	if v.more != nil {
		return len(v.vars) + len(v.more.vars)
	}
	return len(v.vars)
}

// WithNames returns a vocabulary that also knows the skeletons and
// variant groups of the given analysed names, as AddName would add them,
// so that a name compared outside the lists ("vigil compare") meets its
// other spellings as a listed name would. Token ids and weights are
// those of v: the added names are not counted. v is not changed, so
// WithNames is safe for concurrent use on a frozen vocabulary.
func (v *Vocab) WithNames(toks ...[]names.Token) *Vocab {
	ext := *v
	ext.more = &extension{skels: map[uint64]int32{}, vars: map[string]int32{}}
	if v.more != nil {
		maps.Copy(ext.more.skels, v.more.skels)
		maps.Copy(ext.more.vars, v.more.vars)
	}
	for _, ts := range toks {
		ts = withoutTitles(ts)
		for i, t := range ts {
			ext.addSkel(names.Skeleton(t.Text))
			for _, k := range names.VariantKeys(t.Text, true) {
				if ext.variantID(k) < 0 {
					ext.more.vars[k] = int32(ext.VariantCount())
				}
			}
			if i+1 < len(ts) {
				ext.addSkel(names.Skeleton(t.Text + ts[i+1].Text))
			}
			if i+2 < len(ts) && ts[i+1].Class == names.Particle {
				ext.addSkel(names.Skeleton(t.Text + ts[i+1].Text + ts[i+2].Text))
				if sk, ok := ArticleJoinSkeleton(t.Text, ts[i+1].Text, ts[i+2].Text); ok {
					ext.addSkel(sk)
				}
			}
		}
	}
	return &ext
}

// addSkel adds a skeleton to an extended vocabulary.
func (v *Vocab) addSkel(sk string) {
	if v.SkeletonID(sk) < 0 {
		v.more.skels[skelKey(sk)] = int32(v.SkeletonCount())
	}
}
