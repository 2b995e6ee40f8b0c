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
// ("رجب" finds "Ragab").
func (ix *Index) arabicSkeletons(p *match.Part) [3]int32 {
	out := [3]int32{-1, -1, -1}
	if !p.Unvowelled || p.Trans || p.Kana || p.Class != names.Plain || p.SkelLen < 2 {
		return out
	}
	if fr := names.FrenchSpelling(p.Text); fr != "" {
		if sk := ix.vocab.SkeletonID(names.Skeleton(fr)); sk != p.Skel {
			out[0] = sk
		}
	}
	if n := len(p.Text); n >= 3 && p.Text[n-1] == 'a' {
		if sk := ix.vocab.SkeletonID(names.Skeleton(p.Text + "h")); sk != p.Skel {
			out[1] = sk
		}
	}
	if eg := names.EgyptianSpelling(p.Text); eg != "" {
		if sk := ix.vocab.SkeletonID(names.Skeleton(eg)); sk != p.Skel {
			out[2] = sk
		}
	}
	return out
}
