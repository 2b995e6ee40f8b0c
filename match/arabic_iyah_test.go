package match_test

import (
	"testing"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// TestFinalIyah: a part read from Arabic script ending in يه meets the
// Latin forms that write the ending -iya, -iye without the h (عطيه
// Atiya, فتحيه Fathiya), as well as those with it (Attieh). Must not:
// the vowels still count (عطيه is not Atta).
func TestFinalIyah(t *testing.T) {
	v := match.NewVocab()
	for _, n := range []string{"Atiya", "Attieh", "Fathiya", "Atta"} {
		v.AddName(names.Analyze(n, names.Person))
	}
	v.Freeze()
	part := func(q, l string) float32 {
		qn := v.Prepare(q, names.Analyze(q, names.Person), false)
		ln := v.Prepare(l, names.Analyze(l, names.Person), false)
		var r match.Result
		match.Compare(&qn, &ln, &r)
		return r.Score
	}
	for _, tt := range []struct {
		q, l     string
		min, max float32
	}{
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
