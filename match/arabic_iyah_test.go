package match_test

import "testing"

// TestFinalIyah: a part read from Arabic script ending in يه meets the
// Latin forms that write the ending -iya, -iye without the h (عطيه
// Atiya, فتحيه Fathiya), as well as those with it (Attieh). Must not:
// the vowels still count (عطيه is not Atta).
func TestFinalIyah(t *testing.T) {
	part := personScorer([]string{"Atiya", "Attieh", "Fathiya", "Atta"})
	for _, tt := range []scoreCase{
		{"عطيه", "Atiya", 0.93, 1},
		{"عطيه", "Attieh", 0.93, 1},
		{"فتحيه", "Fathiya", 0.93, 1},
		{"عطيه", "Atta", 0, 0.89},
	} {
		if s := part(tt.q, tt.l); s < tt.min || s > tt.max {
			t.Errorf("%q v. %q: %.3f, want in [%.2f, %.2f]", tt.q, tt.l, s, tt.min, tt.max)
		}
	}
}
