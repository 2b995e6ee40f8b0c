package index

import (
	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// arabicSkeletons returns the skeleton ids of the Latin forms a part
// read from Arabic script may have beyond its own skeleton, -1 for none:
// as French romanises Maghrebi names (names.FrenchSpelling: ch for ش, c
// for س before ي; "لونيسي" finds "Lounici", "شومان" "Chouman"), and with
// the h Latin forms add after a final a (ة or alif: "عكرمة" finds
// "Akrimah", "ملا" "Mullah"), and with g for ج as Egyptian names write it
// ("رجب" finds "Ragab"), and with th for dh as English writes ذ and the
// Iraqi ظ ("كاظم" read "kadhim" finds "Kathim"), and without the h of
// a final يه (names.FinalIyah: "زينيه" finds "Zeiniye").
func (ix *Index) arabicSkeletons(p *match.Part) [5]int32 {
	out := [5]int32{-1, -1, -1, -1, -1}
	if !p.Unvowelled || p.Trans || p.Kana || p.Class != names.Plain || p.SkelLen < 2 {
		return out
	}
	respell := [len(out)]func(string) string{
		names.FrenchSpelling,
		finalH,
		names.EgyptianSpelling,
		names.InterdentalSpelling,
		names.FinalIyah,
	}
	for i, spell := range respell {
		if t := spell(p.Text); t != "" {
			if sk := ix.vocab.SkeletonID(names.Skeleton(t)); sk != p.Skel {
				out[i] = sk
			}
		}
	}
	return out
}

// finalH is a part ending in a (three letters or more) with the h Latin
// forms add after it, "" for other parts.
func finalH(text string) string {
	if n := len(text); n >= 3 && text[n-1] == 'a' {
		return text + "h"
	}
	return ""
}

// unvowelledJoinSearched reports whether a join of two parts read from
// Arabic script is searched by its skeleton: a compound name the Latin
// forms write as one word (see names.CompoundPart: عبد, أبو, الله), or
// two short parts (three letters at most as read, two consonants at
// most: ولي جان Walijan, گل آغا Gulagha, مير داد Mirdad), as Afghan and
// Pakistani names run short elements together. Longer parts are names
// of their own (ایوب بشیر is Ayyub Bashir): their join would only bring
// more candidates.
func unvowelledJoinSearched(q *match.Name, j match.Join) bool {
	a, b := &q.Parts[j.At], &q.Parts[j.At+1]
	if names.CompoundPart(a.Text, b.Text) {
		return true
	}
	return a.Class == names.Plain && b.Class == names.Plain && len(a.Text) <= 3 && len(b.Text) <= 3
}
