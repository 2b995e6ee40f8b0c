package match_test

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

// TestKanjiComposedGiven: the reading of a kanji name whose given name
// is composed of its elements (names.JapaneseReadings) meets its Latin
// form, and names that differ in one element stay apart.
func TestKanjiComposedGiven(t *testing.T) {
	latin := []string{"Shinzo Abe", "Shinji Abe", "Kenzo Abe", "Shintaro Abe", "Shinzo Ando"}
	score := personScorer(latin)
	best := func(q, l string) float32 {
		var b float32
		for _, r := range names.JapaneseReadings(q) {
			b = max(b, score(r, l))
		}
		return b
	}
	if s := best("安倍晋三", "Shinzo Abe"); s < 0.8 {
		t.Errorf("安倍晋三 v. Shinzo Abe: %.3f, want ≥ 0.80", s)
	}
	for _, tt := range []struct{ q, l string }{
		{"安倍晋三", "Shinji Abe"},
		{"安倍晋三", "Kenzo Abe"},
		{"安倍晋三", "Shintaro Abe"},
		{"安倍晋三", "Shinzo Ando"},
	} {
		if s := best(tt.q, tt.l); s >= 0.8 {
			t.Errorf("%s v. %s: %.3f, want < 0.80", tt.q, tt.l, s)
		}
	}
}
