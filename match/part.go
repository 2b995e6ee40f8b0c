package match

import (
	"slices"

	"github.com/vigil-screening/vigil/names"
)

// MaxParts is the most name parts compared; longer names are cut.
const MaxParts = 12

// Part is an analysed name part ready for fast comparison: ids replace
// strings wherever equality is all that is needed.
type Part struct {
	Text string
	// Orig is the one word a legal form was read from, else "".
	Orig string
	Tok  int32 // vocabulary id, -1 when unknown
	Skel int32 // skeleton id, -1 when unknown
	// Vars are the variant groups of the part (other romanisations of a
	// given name, a number's other forms, the full names a short form
	// stands for), or nil.
	Vars   *Variants
	Weight float32
	// Mask is the set of letters of Text (see names.LetterMask).
	Mask    uint32
	SkelLen uint8
	Class   names.Class
	// Unvowelled is set for parts written in a script without vowels
	// (Arabic, Hebrew), which only their skeleton can compare.
	Unvowelled bool
	// Kana is set for parts written in Japanese kana, which are compared
	// loosely with Latin ones (see kanaSim).
	Kana bool
	// Trans is set for parts of a foreign name written in Chinese
	// characters or read from a script of names.LooseScript, compared
	// loosely with others (see transEqual).
	Trans bool
	// RL is set when the part's script writes r and l alike (kana,
	// Chinese transcriptions): its loose key merges them.
	RL bool
	// LooseKeys and LooseSpells are, for a Trans part, its loose keys
	// and spellings (names.LooseKeys, names.LooseSpellings), computed
	// once when the part is prepared (see transEqual).
	LooseKeys, LooseSpells []string
}

// Join is two adjacent parts written together ("abdul rahman" →
// "abdulrahman"), or three whose middle one is a particle ("abd al
// aziz" → "abdalaziz", which meets "abdulaziz" by skeleton), so that
// split and joined spellings meet.
type Join struct {
	Tok  int32
	Skel int32
	Len  uint16 // length of the joined text
	At   uint8  // index of the first of the parts
	N    uint8  // number of parts joined: 2 or 3
	// Unvowelled is set when a joined part is written in a script
	// without vowels.
	Unvowelled bool
	// Article is set for the join of three parts around the Arabic
	// article read without it (see ArticleJoinSkeleton).
	Article bool
}

// mask returns the bits of the parts the join covers.
func (j Join) mask() uint32 { return (1<<j.N - 1) << j.At }

// Name is a prepared name: its parts and joins.
type Name struct {
	Raw   string
	Parts []Part
	Joins []Join
	// Total is the sum of the weights of the parts.
	Total float32
	// Titles are the titles and honorifics read before the name
	// ("general", "sheikh"): recorded for the explanation, not parts.
	Titles []string
	// Family marks the part (bit i for part i) that is the principal
	// family name of a listed name and FamilyCost the weight its absence
	// adds, Syllabic a name written in Chinese characters or Hangul, Org
	// an organisation's or vessel's name: see Vocab.Mark, which sets them.
	FamilyCost float32
	Family     uint16
	Syllabic   bool
	Org        bool
}

// Class weights: the share of its rarity weight a part of each class keeps.
var classFactor = [...]float32{
	names.Plain:     1,
	names.Particle:  0.15,
	names.Honorific: 0.1,
	names.Initial:   0.3,
	names.Legal:     0.3,
	names.Stop:      0.3,
	names.Title:     0, // never a part: see Prepare
}

// shortUnknownFactor scales the weight of unknown parts of 3 letters or fewer.
const shortUnknownFactor = 0.5

// Prepare turns analysed tokens into a Name. With add set (index time)
// unknown tokens are interned; otherwise (query time) they get id -1.
func (v *Vocab) Prepare(raw string, toks []names.Token, add bool) Name {
	n := Name{Raw: raw}
	for _, t := range toks {
		if t.Class == names.Title {
			n.Titles = append(n.Titles, t.Text)
			continue
		}
		if len(n.Parts) == MaxParts {
			break
		}
		n.Parts = append(n.Parts, v.part(t, add))
	}
	for i := 0; i+1 < len(n.Parts); i++ {
		a, b := n.Parts[i], n.Parts[i+1]
		if !joinable(a) || !joinable(b) {
			continue
		}
		j := Join{At: uint8(i), N: 2, Len: uint16(len(a.Text) + len(b.Text)), Tok: v.lookupOrAdd(a.Text+b.Text, false), Skel: -1, Unvowelled: a.Unvowelled || b.Unvowelled}
		if a.SkelLen > 0 && b.SkelLen > 0 {
			// Only parts with consonants can meet by skeleton: "a" +
			// "trading" must not pass for "trading".
			j.Skel = v.SkeletonID(names.Skeleton(a.Text + b.Text))
		}
		n.Joins = append(n.Joins, j)
		if i+2 < len(n.Parts) && b.Class == names.Particle && a.Class == names.Plain && n.Parts[i+2].Class == names.Plain {
			c := n.Parts[i+2]
			j3 := Join{At: uint8(i), N: 3, Len: uint16(len(a.Text) + len(b.Text) + len(c.Text)), Tok: v.lookupOrAdd(a.Text+b.Text+c.Text, false),
				Skel: v.SkeletonID(names.Skeleton(a.Text + b.Text + c.Text)), Unvowelled: j.Unvowelled || c.Unvowelled}
			n.Joins = append(n.Joins, j3)
			if sk, ok := ArticleJoinSkeleton(a.Text, b.Text, c.Text); ok {
				// "shams al din" also meets "Shamsuddin", "nur al din"
				// "Noureddine": the article's l is assimilated or dropped.
				j3.Tok, j3.Skel, j3.Article = -1, v.SkeletonID(sk), true
				n.Joins = append(n.Joins, j3)
			}
		}
	}
	for _, p := range n.Parts {
		n.Total += p.Weight
	}
	return n
}

func (v *Vocab) part(t names.Token, add bool) Part {
	p := Part{Text: t.Text, Class: t.Class, Tok: v.lookupOrAdd(t.Text, add), Unvowelled: t.Unvowelled, Kana: t.Kana, Trans: t.Trans, RL: t.RL, Mask: names.LetterMask(t.Text), Orig: t.Orig}
	if t.Trans && t.Class == names.Plain {
		p.LooseKeys, p.LooseSpells = names.LooseKeys(t.Text, t.Kana, t.RL), names.LooseSpellings(t.Text, t.Kana, t.RL)
	}
	sk := names.Skeleton(t.Text)
	p.Skel = v.SkeletonID(sk)
	p.SkelLen = uint8(min(len(sk), 255))
	p.Vars = v.variantsOf(p.Tok, t.Text, t.Given)
	p.Weight = v.Weight(p.Tok) * classFactor[t.Class]
	if p.Tok < 0 && len(t.Text) <= 3 {
		// A short part no list contains is more likely a typo or an
		// abbreviation than a rare name: do not give it full rarity.
		p.Weight *= shortUnknownFactor
	}
	return p
}

func (v *Vocab) lookupOrAdd(tok string, add bool) int32 {
	if add {
		return v.intern(tok)
	}
	return v.Lookup(tok)
}

// Variants are the variant groups of a part: ids of romanisation and
// number groups, and ids of the full names a short form of a given name
// stands for (names.NicknameKey), each sorted; full is the id of the
// part's own full-name key when it is a full name, else -1.
type Variants struct {
	ids, nick []int32
	full      int32
}

// Variants returns the ids of the part's variant groups.
func (p *Part) Variants() []int32 {
	if p.Vars == nil {
		return nil
	}
	return append(p.Vars.ids[:len(p.Vars.ids):len(p.Vars.ids)], p.Vars.nick...)
}

// Similarities of parts in one variant group.
const (
	// SimVariant: one given name romanised two ways, or a number
	// written two ways.
	SimVariant = 0.95
	// SimNickname: a short form and its full name ("Bill", "William"),
	// or two short forms of one name: weaker evidence, since a short form
	// stands for several names.
	SimNickname = 0.85
)

// VariantSim returns the similarity of query part q and listed part l as
// variants of one name, or 0 when they share no variant group. A short
// form in the query meets the full name listed ("Bill" the listed
// "William"); a full name in the query does not meet a listed short form,
// which may stand for several full names (a listed "Rick Scott" may be
// Richard, Eric or Frederick), and two short forms do not meet (Jim and
// Jimmy).
func (q *Part) VariantSim(l *Part) float32 {
	if q.Vars == nil || l.Vars == nil {
		return 0
	}
	if q.Vars == l.Vars || intersect(q.Vars.ids, l.Vars.ids) {
		return SimVariant
	}
	if l.Vars.full >= 0 && slices.Contains(q.Vars.nick, l.Vars.full) && q.Vars.full != l.Vars.full {
		return SimNickname
	}
	return 0
}

func intersect(a, b []int32) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// ArticleJoinSkeleton returns the skeleton of three parts written
// together when the middle one is the Arabic article and the Latin form
// may drop its l: the article assimilates to a sun letter (Abd
// ar-Rahman, Abderrahmane) or is written as a linking vowel (Shams
// al-Din, Shamsuddin; Nur al-Din, Noureddine; Aziz al-Rahman,
// Azizirahman). The skeleton is that of the outer parts joined, which
// the linking vowel and doubled consonant do not change.
func ArticleJoinSkeleton(a, article, c string) (string, bool) {
	switch article {
	case "al", "el", "ul":
		return names.Skeleton(a + c), true
	}
	return "", false
}

func joinable(p Part) bool { return p.Class != names.Legal && p.Class != names.Initial }
