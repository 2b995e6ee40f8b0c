package match_test

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

// TestWithNames checks that a vocabulary extended with a name lets its
// other scripts meet it by skeleton, and leaves the vocabulary it extends
// unchanged.
func TestWithNames(t *testing.T) {
	base := newVocab()
	skels, vars := base.SkeletonCount(), base.VariantCount()
	tests := []struct {
		q, l string
		min  float32
	}{
		{"משה כהן", "Moshe Cohen", 0.85},
		{"נעם פדרמן", "Noam FEDERMAN", 0.85}, // OFSI 16489
	}
	for _, tc := range tests {
		// Without the listed name's skeletons the Hebrew parts meet only
		// by their loose consonant keys (names.LooseKeys), at 0.88.
		if got, _ := compare(base, tc.q, tc.l, names.Person); got > 0.881 {
			t.Errorf("without %q: score %.3f, want at most 0.88", tc.l, got)
		}
		v := base.WithNames(names.Analyze(tc.l, names.Person))
		if got, _ := compare(v, tc.q, tc.l, names.Person); got < tc.min {
			t.Errorf("with %q: score(%q) = %.3f, want at least %.2f", tc.l, tc.q, got, tc.min)
		}
		if got, _ := compare(v, tc.q, "Moshe Levi", names.Person); got >= 0.8 {
			t.Errorf("with %q: score(%q, Moshe Levi) = %.3f, want below 0.80", tc.l, tc.q, got)
		}
	}
	if base.SkeletonCount() != skels || base.VariantCount() != vars || base.SkeletonID(names.Skeleton("moshe")) >= 0 {
		t.Errorf("WithNames changed the base vocabulary: %d skeletons (was %d), %d variants (was %d)",
			base.SkeletonCount(), skels, base.VariantCount(), vars)
	}
	// Extending an extension keeps the ids of both, without clashes.
	v1 := base.WithNames(names.Analyze("Moshe Cohen", names.Person))
	v2 := v1.WithNames(names.Analyze("Noam Federman", names.Person))
	if a, b := v2.SkeletonID("ms"), v2.SkeletonID("fdrmn"); a < 0 || b < 0 || a == b || a != v1.SkeletonID("ms") {
		t.Errorf("skeleton ids after two extensions: ms %d (was %d), fdrmn %d", a, v1.SkeletonID("ms"), b)
	}
}
