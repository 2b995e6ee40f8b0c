package match_test

import "testing"

// TestShortUnvowelledJoin: two parts read from Arabic script meet a Latin
// part that writes them as one word when their joined skeleton has three
// consonants only if the Latin part writes the script's vowel letters
// (علي جان Alijan, not Aljan; سعد الدين s-d-n is not Sadoun).
func TestShortUnvowelledJoin(t *testing.T) {
	score := personScorer([]string{"Alijan Hadi", "Aljan Hadi", "Sadoun Hadi", "Saadullah Hadi", "Walidad Hadi", "Imaduddin Hadi", "Imadeddine Hadi", "Imadin Hadi"})
	for _, tt := range []scoreCase{
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
