package match_test

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

// TestThaiEtymSaraO: in the etymological reading of Thai (names.
// ThaiReading) อ after a consonant is the vowel o (ทอง thong), as in the
// first reading, so ทอง is "thong" in both (แพทองธาร "baethongdharn" by the
// letters' Indic values, see names.ThaiReading); names that differ stay
// apart.
func TestThaiEtymSaraO(t *testing.T) {
	r, _ := names.ThaiReading("แพทองธาร ชินวัตร")
	if got := names.Fold(r); got != "baethongdharn chinawatra" {
		t.Errorf("Fold(ThaiReading(แพทองธาร ชินวัตร)) = %q, want baethongdharn chinawatra", got)
	}
	score := personScorer([]string{"Paetongtarn Shinawatra", "Paethong Shinawatra", "Patcharin Shinawatra", "Thongchai Shinawatra"})
	if s := score(r, "Paetongtarn Shinawatra"); s < 0.8 {
		t.Errorf("v. Paetongtarn Shinawatra: %.3f, want ≥ 0.80", s)
	}
	for _, l := range []string{"Paethong Shinawatra", "Patcharin Shinawatra", "Thongchai Shinawatra"} {
		if s := score(r, l); s >= 0.8 {
			t.Errorf("v. %s: %.3f, want < 0.80", l, s)
		}
	}
}
