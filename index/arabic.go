package index

import (
	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// frenchSkeleton returns the skeleton id of a part read from Arabic
// script as French romanises Maghrebi names (names.FrenchSpelling: ch
// for ش, c for س before ي), when it is another listed skeleton, else -1:
// "لونيسي" finds "Lounici", "شومان" "Chouman".
func (ix *Index) frenchSkeleton(p *match.Part) int32 {
	if !p.Unvowelled || p.Trans || p.Kana || p.Class != names.Plain || p.SkelLen < 2 {
		return -1
	}
	fr := names.FrenchSpelling(p.Text)
	if fr == "" {
		return -1
	}
	if sk := ix.vocab.SkeletonID(names.Skeleton(fr)); sk != p.Skel {
		return sk
	}
	return -1
}
