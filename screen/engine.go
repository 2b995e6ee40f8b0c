package screen

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/index"
	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// DefaultThreshold is the documented alert threshold, calibrated on the
// development set with all current lists loaded (see docs/accuracy.md).
const DefaultThreshold = 0.80

// Config tunes an Engine at build time.
type Config struct {
	// Candidates is how many listed names are scored per query name;
	// 0 means 64.
	Candidates int
}

// Engine screens subjects against an in-memory index of listed records.
// It is safe for concurrent use.
type Engine struct {
	recs    records
	byKey   []int32 // record numbers in order of list, then id (see record)
	ix      *index.Index
	weak    []bool   // per indexed name: a weak alias
	nameKey []uint64 // per indexed name: identity key
	first   []int32  // per record: its first indexed name; the names of record i end at first[i+1]
	ids     idSet    // identifier key → records (see identify.go)
	places  *placeSet
	cands   int
	work    sync.Pool
}

// weakAliasFactor scales the score of a match on a weak alias (nickname,
// low-quality a.k.a.).
const weakAliasFactor = 0.95

// New indexes the records. The slice and the records must not be changed
// afterwards: the engine keeps them.
func New(entities []*entity.Entity, cfg Config) (*Engine, error) {
	for i, ent := range entities {
		if ent == nil {
			return nil, fmt.Errorf("screen: record %d is nil", i)
		}
	}
	return build(entitySlice(entities), cfg), nil
}

// NewPacked indexes the records of a packed store, which the engine
// keeps instead of entity.Entity values: a record is decoded when a hit,
// a merge or Entity needs it. The store must not be added to afterwards.
func NewPacked(recs *packed.Store, cfg Config) *Engine {
	return build(recs, cfg)
}

// NewPackedSet indexes the records of several packed stores (the
// editions in force, each its own store) as one: record numbers run
// through the first store, then the second, and so on. The stores must
// not be added to afterwards.
func NewPackedSet(stores []*packed.Store, cfg Config) *Engine {
	if len(stores) == 1 {
		return build(stores[0], cfg)
	}
	return build(newStoreSet(stores), cfg)
}

func build(recs records, cfg Config) *Engine {
	e := &Engine{recs: recs, cands: cfg.Candidates}
	if e.cands <= 0 {
		e.cands = 64
	}
	e.byKey = sortedRecords(recs)
	e.places, e.ids = scanRecords(recs)
	b := index.NewBuilder()
	weak, keys, owners := analyzeAll(recs, e.places, b)
	e.weak, e.nameKey = weak, keys
	n := recs.Len()
	e.first = make([]int32, n+1)
	for i := range e.first {
		e.first[i] = int32(len(owners))
	}
	for i := len(owners) - 1; i >= 0; i-- {
		e.first[owners[i]] = int32(i)
	}
	for i := n - 1; i >= 0; i-- {
		// Records without names start where the next record starts.
		e.first[i] = min(e.first[i], e.first[i+1])
	}
	e.ix = b.Build()
	e.work.New = func() any { return &work{sc: e.ix.NewScratch()} }
	return e
}

// scanRecords reads every record once for the cities of their
// addresses and their identifiers.
func scanRecords(recs records) (*placeSet, idSet) {
	places, ids := newPlaceSet(), &idCollector{}
	for i := range recs.Len() {
		ent := recs.Entity(i)
		places.add(ent)
		ids.add(ent, int32(i))
	}
	return places, ids.set()
}

// work is per-goroutine scratch memory.
type work struct {
	sc   *index.Scratch
	res  match.Result
	best []best
	// at maps a record to its place in best, for best[:len(at)]: see
	// bestAt.
	at   map[int32]int32
	name match.Name // a listed name, rebuilt from the index
}

// bestScan is the most records bestAt looks through one by one: a
// screening keeps tens (Config.Candidates, 64 by default); the reverse
// query of continuous vetting keeps thousands, and scanning them for
// each candidate cost more than scoring it.
const bestScan = 64

// bestAt returns the place of record ent in w.best, or -1.
func (w *work) bestAt(ent int32) int {
	if len(w.best) <= bestScan {
		return slices.IndexFunc(w.best, func(b best) bool { return b.ent == ent })
	}
	if w.at == nil {
		w.at = make(map[int32]int32, 2*len(w.best))
	}
	// Records are only appended to best, and keep their place: index
	// those added since the last call.
	for i := len(w.at); i < len(w.best); i++ {
		w.at[w.best[i].ent] = int32(i)
	}
	if i, ok := w.at[ent]; ok {
		return int(i)
	}
	return -1
}

// resetBest empties w.best for a new screening.
func (w *work) resetBest() {
	w.best = w.best[:0]
	clear(w.at)
}

// best is the best-scoring name of one candidate record.
type best struct {
	ent     int32
	name    int32
	score   float32
	reading uint8 // which reading of the subject's name scored it
	facts   nameFacts
}

// Screen returns the hits for s at or above the threshold, best first.
func (e *Engine) Screen(ctx context.Context, s vigil.Subject, opts vigil.Options) ([]vigil.Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q, err := parseSubject(s)
	if err != nil {
		return nil, err
	}
	threshold, limit := opts.Threshold, opts.Limit
	if threshold <= 0 {
		threshold = DefaultThreshold
	}
	if limit <= 0 {
		limit = 10
	}
	v := e.ix.Vocab()
	toks := names.Analyze(q.name, q.kind)
	readings := []match.Name{e.prepare(v, q.name, toks, q.kind == names.Organization)}
	w := e.work.Get().(*work)
	defer e.work.Put(w)
	w.resetBest()
	e.bestNames(&readings[0], 0, kindFilter(s.Kind), opts.Lists, w)
	if org, ok := orgReading(q.raw, q.kind, toks); ok {
		readings = append(readings, e.prepare(v, q.raw, org, true))
		e.bestNames(&readings[1], 1, notPerson, opts.Lists, w)
	}
	// Other readings of the name (an Arabic name in Cyrillic as Russian
	// writes it, "Айман аз-Завахири"; a Persian name in Arabic script):
	// screen them too; the best wins.
	for _, ar := range names.Readings(q.name, q.kind) {
		readings = append(readings, e.prepare(v, ar, names.Analyze(ar, q.kind), q.kind == names.Organization))
		n := len(readings) - 1
		e.bestNames(&readings[n], uint8(n), kindFilter(s.Kind), opts.Lists, w)
	}
	e.addIDCandidates(&readings[0], &q.attrs, opts.Lists, w)
	var hits []vigil.Hit
	facts := map[string]nameFacts{}
	hasIDs := len(q.attrs.Documents) > 0 || len(q.attrs.Crypto) > 0 || q.attrs.IMO != ""
	for _, b := range w.best {
		// Attributes can add at most match.MaxBoost, an agreeing
		// identifier lift to match.IdentifierScore: skip names that
		// cannot reach the threshold.
		reach := float64(b.score) + match.MaxBoost
		if hasIDs {
			reach = max(reach, match.IdentifierScore)
		}
		if reach < threshold-0.01 {
			continue
		}
		ent := e.recs.Entity(int(b.ent))
		effect, _ := qualify(&q, []*entity.Entity{ent}, nil, b.facts, nil)
		// The reported score is computed from rounded terms: allow for
		// their rounding here and test the reported score below.
		if score := clamp(float64(b.score) + effect); score < threshold-0.01 {
			continue
		}
		if h, f := e.hit(&readings[b.reading], &q, b, ent, w); h.Score >= threshold {
			hits = append(hits, h)
			facts[h.List+"/"+h.SourceID] = f
		}
	}
	slices.SortFunc(hits, func(a, b vigil.Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(listRank(a.List), listRank(b.List)),
			cmp.Compare(a.List, b.List), cmp.Compare(a.SourceID, b.SourceID))
	})
	hits = e.mergeAlso(hits)
	hits = e.requalifyGroups(hits, &q, facts, threshold)
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// bestNames scores the candidates of qn, reading number reading of the
// subject's name, and keeps the best name per record in w.best.
func (e *Engine) bestNames(qn *match.Name, reading uint8, allow func(uint8) bool, lists []string, w *work) {
	for _, c := range e.ix.Candidates(qn, e.cands, allow, w.sc) {
		ent := e.ix.Owner(c)
		if len(lists) > 0 && !slices.Contains(lists, e.recs.List(int(ent))) {
			continue
		}
		ln := e.ix.Name(c, &w.name)
		match.Compare(qn, ln, &w.res)
		t := termsOf(qn, ln, &w.res, e.weak[c], e.ix.Vocab().Weight(-1))
		score := float32(t.score)
		if i := w.bestAt(ent); i >= 0 {
			if score > w.best[i].score {
				w.best[i] = best{ent, c, score, reading, factsOf(t)}
			}
			continue
		}
		w.best = append(w.best, best{ent, c, score, reading, factsOf(t)})
	}
}

// hit builds the hit and its explanation for candidate record ent.
func (e *Engine) hit(qn *match.Name, q *query, b best, ent *entity.Entity, w *work) (vigil.Hit, nameFacts) {
	ln := e.ix.Name(b.name, &w.name)
	match.Compare(qn, ln, &w.res)
	t := termsOf(qn, ln, &w.res, e.weak[b.name], e.ix.Vocab().Weight(-1))
	_, quals := qualify(q, []*entity.Entity{ent}, nil, factsOf(t), []match.Qualifier{})
	score, ex := explain(qn, ln, &w.res, t, append(quals, q.unread...))
	return vigil.Hit{
		Score: score, List: ent.List, SourceID: ent.ID,
		Name: ent.PrimaryName(), MatchedName: ln.Raw, Kind: ent.Kind, Explanation: ex,
	}, factsOf(t)
}

// partMatches turns an alignment into the explanation's part pairs, with
// each pair's weight given as its share of the name score.
func partMatches(qn, ln *match.Name, r *match.Result) []vigil.PartMatch {
	var total float32
	for i := 0; i < r.N; i++ {
		total += r.Pairs[i].Weight
	}
	shares := make([]float64, r.N)
	for i := 0; i < r.N && total > 0; i++ {
		shares[i] = float64(r.Pairs[i].Weight / total)
	}
	if total > 0 {
		shares = roundShares(shares)
	}
	out := make([]vigil.PartMatch, 0, r.N)
	for i := 0; i < r.N; i++ {
		p := r.Pairs[i]
		out = append(out, vigil.PartMatch{Query: partText(qn, p.Q, p.Q2), Listed: partText(ln, p.L, p.L2),
			Similarity: round(float64(p.Sim)), Weight: shares[i], How: p.How.String()})
	}
	return out
}

func partText(n *match.Name, i, j int8) string {
	if i < 0 {
		return ""
	}
	if j < 0 {
		return n.Parts[i].Text
	}
	texts := make([]string, 0, j-i+1)
	for _, p := range n.Parts[i : j+1] {
		texts = append(texts, p.Text)
	}
	return strings.Join(texts, " ")
}

// Compare scores subject b as if it were a listed record, against a.
func (e *Engine) Compare(ctx context.Context, a, b vigil.Subject) (vigil.Hit, error) {
	if err := ctx.Err(); err != nil {
		return vigil.Hit{}, err
	}
	qa, err := parseSubject(a)
	if err != nil {
		return vigil.Hit{}, err
	}
	qb, err := parseSubject(b)
	if err != nil {
		return vigil.Hit{}, err
	}
	w := e.work.Get().(*work)
	defer e.work.Put(w)
	qn, ln := e.bestReadings(qa, qb, &w.res)
	ent := subjectEntity(b, qb)
	match.Compare(&qn, &ln, &w.res)
	t := termsOf(&qn, &ln, &w.res, false, e.ix.Vocab().Weight(-1))
	_, quals := qualify(&qa, []*entity.Entity{ent}, nil, factsOf(t), []match.Qualifier{})
	score, ex := explain(&qn, &ln, &w.res, t, append(quals, qa.unread...))
	return vigil.Hit{Score: score, SourceID: b.ID, Name: qb.name, MatchedName: qb.name,
		Kind: b.Kind, Explanation: ex}, nil
}

// bestReadings returns the readings of a's and b's names that score
// best against each other. An untyped name is also read as an
// organisation when that finds a legal form (see orgReading), but that
// reading is never compared with a person's name.
//
// b stands for a listed record, whose words the lists' vocabulary knows;
// both names are prepared with a vocabulary that also knows b's words,
// so that b meets a by skeleton and variant as a listed name would
// ("משה כהן" and "Moshe Cohen") even when no lists are loaded.
func (e *Engine) bestReadings(qa, qb query, r *match.Result) (match.Name, match.Name) {
	// reading is one way to read a name: the text, its tokens, and
	// whether it is the organisation reading of an untyped name.
	type reading struct {
		text string
		toks []names.Token
		org  bool
	}
	analyze := func(q query) []reading {
		toks := names.Analyze(q.name, q.kind)
		out := []reading{{q.name, toks, false}}
		if org, ok := orgReading(q.raw, q.kind, toks); ok {
			out = append(out, reading{q.raw, org, true})
		}
		for _, ar := range names.Readings(q.name, q.kind) {
			out = append(out, reading{ar, names.Analyze(ar, q.kind), false})
		}
		return out
	}
	ra, rb := analyze(qa), analyze(qb)
	var tb [][]names.Token
	for _, x := range rb {
		tb = append(tb, x.toks)
	}
	v := e.ix.Vocab().WithNames(tb...)
	prepare := func(rs []reading, kind names.Kind, listed bool) []match.Name {
		out := make([]match.Name, len(rs))
		for i, x := range rs {
			r := match.Roles{Org: x.org || kind == names.Organization}
			if r.Org {
				r.Place = e.places.mask(x.toks)
			} else if listed {
				// b stands for a listed record: its family name counts.
				r.Family = familyMask(entity.Name{Full: qb.raw}, qb.raw, x.toks)
			}
			out[i] = v.Prepare(x.text, x.toks, false)
			v.Mark(&out[i], r)
		}
		return out
	}
	as, bs := prepare(ra, qa.kind, false), prepare(rb, qb.kind, true)
	bi, bj, top := 0, 0, float32(-1)
	for i := range as {
		for j := range bs {
			if ra[i].org && qb.kind == names.Person || rb[j].org && qa.kind == names.Person {
				continue
			}
			if match.Compare(&as[i], &bs[j], r); r.Score > top {
				bi, bj, top = i, j, r.Score
			}
		}
	}
	return as[bi], bs[bj]
}

// prepare prepares a subject's name for comparison, with the places of
// an organisation's name marked.
func (e *Engine) prepare(v *match.Vocab, text string, toks []names.Token, org bool) match.Name {
	n := v.Prepare(text, toks, false)
	r := match.Roles{Org: org}
	if org {
		r.Place = e.places.mask(toks)
	}
	v.Mark(&n, r)
	return n
}

// subjectEntity turns a parsed subject into a record for Compare.
func subjectEntity(s vigil.Subject, q query) *entity.Entity {
	ent := &entity.Entity{ID: s.ID, Kind: s.Kind, Names: []entity.Name{{Full: q.name, Type: entity.NamePrimary}},
		Nationalities: q.attrs.Countries, Documents: s.Documents}
	if !q.attrs.BirthDate.IsZero() {
		ent.BirthDates = []entity.Date{q.attrs.BirthDate}
	}
	if q.attrs.Gender != "" {
		ent.Genders = []entity.Gender{q.attrs.Gender}
	}
	if s.PlaceOfBirth != "" {
		ent.EnsureMore().BirthPlaces = []string{s.PlaceOfBirth}
	}
	for _, c := range s.Crypto {
		ent.EnsureMore().Crypto = append(ent.Crypto(), entity.CryptoAddress{Address: c})
	}
	if s.IMO != "" {
		ent.Vessel = &entity.Vessel{IMO: s.IMO}
	}
	return ent
}

// Entity returns the record list/id, or nil.
func (e *Engine) Entity(list, id string) *entity.Entity {
	if i, ok := e.record(list, id); ok {
		return e.recs.Entity(int(i))
	}
	return nil
}

// sortedRecords returns the record numbers in order of list, then id:
// a lookup table of 4 bytes a record, where a map keyed by "list/id"
// takes some 60 at a million records.
func sortedRecords(recs records) []int32 {
	out := make([]int32, recs.Len())
	for i := range out {
		out[i] = int32(i)
	}
	slices.SortFunc(out, func(a, b int32) int { return recs.CompareRecords(int(a), int(b)) })
	return out
}

// record returns the number of record list/id.
func (e *Engine) record(list, id string) (int32, bool) {
	i, ok := slices.BinarySearchFunc(e.byKey, [2]string{list, id}, func(r int32, k [2]string) int {
		return e.recs.Compare(int(r), k[0], k[1])
	})
	if !ok {
		return 0, false
	}
	return e.byKey[i], true
}

// recordOf returns the number of the record a hit or reference names;
// it is always known, since hits come from the engine's own records.
func (e *Engine) recordOf(list, id string) int32 {
	i, _ := e.record(list, id)
	return i
}

func clamp(x float64) float64 { return min(max(x, 0), 1) }

// round keeps three decimals, for readable explanations.
func round(x float64) float64 { return math.Round(x*1000) / 1000 }

// listRank orders lists among hits of equal score, so that a merged
// identity is reported under its original designation: the UN Security
// Council list first, then OFAC's SDN list, then the others by name.
func listRank(list string) int {
	switch list {
	case "un_sc":
		return 0
	case "us_ofac_sdn":
		return 1
	}
	return 2
}
