package match_test

import "testing"

// pair is a query and a listed name.
type pair struct{ q, l string }

// checkReadingPairs scores the reading that read gives of each query
// against its listed name: those of meet must reach 0.80, those of apart
// stay under it. name names the reading in failures.
func checkReadingPairs(t *testing.T, name string, read func(string) (string, bool), score func(q, l string) float32, meet, apart []pair) {
	t.Helper()
	for _, want := range []bool{true, false} {
		pairs := apart
		if want {
			pairs = meet
		}
		for _, p := range pairs {
			r, ok := read(p.q)
			if !ok {
				t.Errorf("%s(%q) reports no reading", name, p.q)
				continue
			}
			if s := score(r, p.l); s >= 0.8 != want {
				t.Errorf("%s(%q) v. %q: %.3f, want ≥ 0.80: %v", name, p.q, p.l, s, want)
			}
		}
	}
}
