package match

import (
	"github.com/vigil-screening/vigil/names"
)

// MaxParts is the most name parts compared; longer names are cut.
const MaxParts = 12

// Part is an analysed name part ready for fast comparison: ids replace
// strings wherever equality is all that is needed.
type Part struct {
	Text string
	// Orig is the one word a legal form was read from, else "".
	Orig   string
	Tok    int32 // vocabulary id, -1 when unknown
	Skel   int32 // skeleton id, -1 when unknown
	Var    int32 // variant group id, -1 when none
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
		}
	}
	for _, p := range n.Parts {
		n.Total += p.Weight
	}
	return n
}

func (v *Vocab) part(t names.Token, add bool) Part {
	p := Part{Text: t.Text, Class: t.Class, Tok: v.lookupOrAdd(t.Text, add), Var: -1, Unvowelled: t.Unvowelled, Kana: t.Kana, Mask: names.LetterMask(t.Text), Orig: t.Orig}
	sk := names.Skeleton(t.Text)
	p.Skel = v.SkeletonID(sk)
	p.SkelLen = uint8(min(len(sk), 255))
	p.Var = v.VariantID(t.Text)
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

func joinable(p Part) bool { return p.Class != names.Legal && p.Class != names.Initial }
