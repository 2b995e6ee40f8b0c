package names

import "testing"

// TestHindiSchwaSyncope: Devanagari and Bengali drop the inherent vowel of a
// consonant between a vowel and a consonant with a vowel sign, as Hindi
// names are spoken and written in Latin letters; it keeps it at the start
// of a word, after a cluster, and before a consonant without a sign.
func TestHindiSchwaSyncope(t *testing.T) {
	for s, want := range map[string]string{
		"अरविंद":   "arvind",
		"राजनाथ":   "rajnath",
		"मनमोहन":   "manmohan",
		"वाजपेयी":  "vajpeyi",
		"केजरीवाल": "kejrival",
		"कमल":      "kamal",    // no vowel sign after: kept
		"निर्मला":  "nirmala",  // after a cluster: kept
		"नरेन्द्र": "narendra", // at the start: kept
		"प्रणब":    "pranab",
		"মনমোহন":   "manmohan", // Bengali, as Hindi (fourth pass)
		"রহমান":    "rahman",
		"ইসলাম":    "islam",
		"আল":       "al", // a vowel letter and a consonant: no final vowel
		"ন":        "na", // a consonant alone keeps it
	} {
		if got := Fold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}
