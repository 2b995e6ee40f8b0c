package screen_test

import (
	"context"
	"math"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/lab/evalset"
)

// checkAddsUp fails when the terms of h's explanation do not give its
// name score and score, as vigil.Explanation promises.
func checkAddsUp(t *testing.T, id string, h vigil.Hit) bool {
	t.Helper()
	ex := h.Explanation
	name := 0.0
	for _, p := range ex.Parts {
		name += p.Similarity * p.Weight
	}
	for _, a := range ex.Adjustments {
		name += a.Effect
	}
	score := ex.NameScore
	for _, q := range ex.Qualifiers {
		score += q.Effect
	}
	score = min(max(score, 0), 1)
	if math.Abs(name-ex.NameScore) > 0.001 || math.Abs(score-h.Score) > 0.001 {
		t.Errorf("%s: %s/%s %q: parts+adjustments %.4f vs name_score %.3f; name+qualifiers %.4f vs score %.3f\n%+v",
			id, h.List, h.SourceID, h.MatchedName, name, ex.NameScore, score, h.Score, ex)
		return false
	}
	return true
}

// TestExplanationAddsUp screens the development sets and checks the
// arithmetic of every hit's explanation down to a score of 0.5.
func TestExplanationAddsUp(t *testing.T) {
	if testing.Short() {
		t.Skip("screens the development sets")
	}
	eng := realEngine(t)
	files := []struct {
		name string
		max  int
	}{
		{"dev-positives-persons.csv", 0},
		{"dev-positives-orgs.csv", 0},
		{"dev-negatives.csv", 5000},
	}
	hits, bad := 0, 0
	for _, f := range files {
		cases, err := evalset.ReadFile(testdata.Path(t, "eval", f.name))
		if err != nil {
			t.Fatal(err)
		}
		if f.max > 0 && len(cases) > f.max {
			cases = cases[:f.max]
		}
		for _, c := range cases {
			hs, err := eng.Screen(context.Background(), c.Subject, vigil.Options{Threshold: 0.5})
			if err != nil {
				t.Fatalf("%s: %v", c.Subject.ID, err)
			}
			for _, h := range hs {
				hits++
				if !checkAddsUp(t, c.Subject.ID, h) {
					bad++
				}
				if bad > 20 {
					t.Fatalf("stopping after %d bad of %d hits", bad, hits)
				}
			}
		}
	}
	t.Logf("%d hits checked, %d do not add up", hits, bad)
	if hits < 1000 {
		t.Fatalf("only %d hits: the sets were not screened", hits)
	}
}
