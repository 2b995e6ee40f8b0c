package names_test

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

// TestGenericTable checks letters read only through the generic table
// (AnyASCII) and the word rules on top of it, with names that are not in
// the yardstick of lab/crosscheck.
func TestGenericTable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ቴዎድሮስ አድሓኖም", "tewodros adhanom"}, // Tedros Adhanom: Ge'ez forms as the table gives them
		{"ኃይለ ሥላሴ", "hayle slase"},          // Haile Selassie: ሥ is the sixth form
		{"അൽ ഖർദാവി", "al khardavi"},        // Malayalam chillu letters (Al-Qaradawi)
		{"ហោ ណាំហុង", "ho namhong"},         // Hor Namhong: ោ o, ុ o (first series)
		{"ឈុំ", "chhum"},                    // ំ after a vowel sign is m
		{"શ્રી", "shri"},                    // Gujarati ś is sh
		{"ދިވެހި", "dhivehi"},               // Thaana: its vowel marks are read, not dropped
	}
	for _, tc := range tests {
		if got := names.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
