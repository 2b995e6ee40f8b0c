package match_test

import (
	"testing"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// TestShortUnvowelledJoin: two parts read from Arabic script meet a Latin
// part that writes them as one word when their joined skeleton has three
// consonants only if the Latin part writes the script's vowel letters
// (علي جان Alijan, not Aljan; سعد الدين s-d-n is not Sadoun).
func TestShortUnvowelledJoin(t *testing.T) {
	v := match.NewVocab()
	for _, n := range []string{"Alijan Hadi", "Aljan Hadi", "Sadoun Hadi", "Saadullah Hadi", "Walidad Hadi", "Imaduddin Hadi", "Imadeddine Hadi", "Imadin Hadi"} {
		v.AddName(names.Analyze(n, names.Person))
	}
	v.Freeze()
	score := func(q, l string) float32 {
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
		{"علي جان هادي", "Alijan Hadi", 0.9, 1},
		{"ولي داد هادي", "Walidad Hadi", 0.9, 1},
		{"سعد الله هادي", "Saadullah Hadi", 0.9, 1}, // the article's alif is no vowel letter
		// Must not: the Latin part leaves out or contradicts the
		// script's vowel letters.
		{"علي جان هادي", "Aljan Hadi", 0, 0.6},
		// The article between a first part that ends with the consonant
		// the second begins with: the linking vowel keeps both.
		{"عماد الدين هادي", "Imaduddin Hadi", 0.9, 1},
		{"Imad al-Din Hadi", "Imadeddine Hadi", 0.9, 1},
		{"عماد الدين هادي", "Imadin Hadi", 0, 0.6}, // one d: another name
		{"سعد الدين هادي", "Sadoun Hadi", 0, 0.6},
	} {
		if s := score(tt.q, tt.l); s < tt.min || s > tt.max {
			t.Errorf("%q v. %q: %.3f, want in [%.2f, %.2f]", tt.q, tt.l, s, tt.min, tt.max)
		}
	}
}
