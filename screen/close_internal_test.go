package screen

import "testing"

// TestIsClose checks that a name score of closeName, to float32
// rounding either way, is not close, and that one part written alike
// among variants makes it close.
func TestIsClose(t *testing.T) {
	for _, tc := range []struct {
		score float64
		want  bool
	}{
		{0.95, false},
		{float64(float32(0.95)), false}, // 0.949999988
		{0.95 + 1e-7, false},
		{0.9505, true}, // one exact part of a tenth of the weight among variants
		{0.975, true},
		{1, true},
		{0.9, false},
	} {
		if got := isClose(tc.score); got != tc.want {
			t.Errorf("isClose(%.9f) = %v, want %v", tc.score, got, tc.want)
		}
	}
}
