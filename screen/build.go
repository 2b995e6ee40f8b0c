package screen

import (
	"hash/maphash"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/index"
	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// entry is one analysed listed name.
type entry struct {
	index.Entry
	weak bool
	key  uint64 // identity key, see identityKey
}

// analyzeChunk is how many records are analysed at once before their
// names go to the index builder: enough to keep every core busy, few
// enough that the analysed names of a million records are never all in
// memory together.
const analyzeChunk = 4096

// analyzeAll analyses every name of every record, in parallel chunks
// (analysis is most of the cost of building the index), and adds them to
// b in record order. It returns, per name, whether it is a weak alias,
// its identity key and its record.
func analyzeAll(recs records, places *placeSet, b *index.Builder) (weak []bool, keys []uint64, owners []int32) {
	workers := runtime.GOMAXPROCS(0)
	per := make([][]entry, analyzeChunk)
	for lo := 0; lo < recs.Len(); lo += analyzeChunk {
		hi := min(lo+analyzeChunk, recs.Len())
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := lo + w; i < hi; i += workers {
					per[i-lo] = analyzeEntity(int32(i), recs.Entity(i), places)
				}
			})
		}
		wg.Wait()
		for _, p := range per[:hi-lo] {
			for _, en := range p {
				b.Add(en.Entry)
				weak, keys, owners = append(weak, en.weak), append(keys, en.key), append(owners, en.Owner)
			}
		}
	}
	return weak, keys, owners
}

func analyzeEntity(i int32, ent *entity.Entity, places *placeSet) []entry {
	kind := nameKind(ent.Kind)
	var out []entry
	seen := map[string]bool{}
	for _, n := range ent.Names {
		full := n.Full
		if strings.TrimSpace(full) == "" {
			full = joinParts(n.Parts)
		}
		text := full
		if kind != names.Organization {
			text = names.NaturalOrder(full)
		}
		toks := names.Analyze(text, kind)
		if len(toks) == 0 {
			continue
		}
		key := tokenKey(toks)
		if seen[key] {
			continue
		}
		seen[key] = true
		tag := listedKind(ent.Kind, toks)
		roles := match.Roles{Org: tag >= kindTag(entity.KindOrganization)}
		if roles.Org {
			roles.Place = places.mask(toks)
		} else {
			roles.Family = familyMask(n, full, toks)
		}
		out = append(out, entry{Entry: index.Entry{Raw: full, Tokens: toks, Owner: i, Kind: tag, Roles: roles},
			weak: n.Type == entity.NameWeakAlias, key: identityKey(toks)})
		// An untyped name with a legal form is also indexed as an
		// organisation's, for organisation and untyped subjects only.
		if org, ok := orgReading(full, kind, toks); ok && !seen[tokenKey(org)] {
			seen[tokenKey(org)] = true
			out = append(out, entry{Entry: index.Entry{Raw: full, Tokens: org, Owner: i, Kind: kindTag(entity.KindOrganization),
				Roles: match.Roles{Org: true, Place: places.mask(org)}},
				weak: n.Type == entity.NameWeakAlias, key: identityKey(org)})
		}
	}
	return out
}

// listedKind is the index kind tag of a listed name: the record's kind,
// or for records of unknown kind, organisation when the name carries a
// legal form ("Kuang-Su Corporation").
func listedKind(k entity.Kind, toks []names.Token) uint8 {
	if k == entity.KindUnknown && slices.ContainsFunc(toks, func(t names.Token) bool { return t.Class == names.Legal }) {
		return kindTag(entity.KindOrganization)
	}
	return kindTag(k)
}

// identityKey hashes the sorted parts of a name without titles: two names
// with the same key are the same name written in another order, case,
// script or punctuation.
func identityKey(toks []names.Token) uint64 {
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.Class != names.Honorific {
			parts = append(parts, t.Text)
		}
	}
	slices.Sort(parts)
	return maphash.String(keySeed, strings.Join(parts, " "))
}

// keySeed is fixed at start-up; identity keys are compared only within
// one process.
var keySeed = maphash.MakeSeed()

func joinParts(parts []entity.NamePart) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Value)
		b.WriteByte(' ')
	}
	return b.String()
}

func tokenKey(toks []names.Token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Text)
		b.WriteByte(' ')
	}
	return b.String()
}
