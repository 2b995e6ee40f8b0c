package match_test

import "testing"

// TestKanaFinalL: kana write a final l as they write a final r (ル), so
// a kana part ending in r after a vowel meets a Latin part ending in l
// after a vowel by its loose key; a kana part ending otherwise does not.
func TestKanaFinalL(t *testing.T) {
	latin := []string{
		"Emmanuel Macron", "Daniel Ortega",
		// Different people with names close to those above.
		"Emmanuelle Macri", "Danilo Orteg", "Manuel Macron", "Samuel Ortega", "Nabil Orteg",
	}
	score := personScorer(latin)
	for _, tt := range []struct{ q, l string }{
		{"エマニュエル・マクロン", "Emmanuel Macron"},
		{"ダニエル・オルテガ", "Daniel Ortega"},
	} {
		if s := score(tt.q, tt.l); s < 0.8 {
			t.Errorf("%q v. %q: %.3f, want ≥ 0.80", tt.q, tt.l, s)
		}
	}
	for _, tt := range []struct{ q, l string }{
		{"エマニュエル・マクロン", "Emmanuelle Macri"},
		{"サミル・オルテガ", "Samuel Ortega"}, // Samir is not Samuel
		{"エマニュエル・マクロン", "Manuel Macron"},
	} {
		if s := score(tt.q, tt.l); s >= 0.8 {
			t.Errorf("%q v. %q: %.3f, want < 0.80", tt.q, tt.l, s)
		}
	}
}
