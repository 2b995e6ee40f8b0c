package match_test

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

// TestKhmerReading checks the French-influenced second reading of Khmer
// names (names.KhmerReading: /u/ ou, /iə/ ea), which the engine screens
// beside the first, and that different names stay apart in it.
func TestKhmerReading(t *testing.T) {
	latin := []string{
		"Tea Banh", "Cheam Yeap", "Norodom Sihanouk", "Hun Sen",
		// Different people with names close to those above.
		"Tep Banh", "Cheam Yim", "Norodom Sirivudh", "Hou Sen", "Tia Ban", "Chan Yep",
	}
	score := personScorer(latin)
	meet := []pair{
		{"ទៀ បាញ់", "Tea Banh"},               // ៀ ea
		{"ជាម យៀប", "Cheam Yeap"},             // second-series ា and ៀ ea
		{"នរោត្តម សីហនុ", "Norodom Sihanouk"}, // ុ ou
	}
	apart := []pair{
		{"ទៀ បាញ់", "Tep Banh"},
		{"ជាម យៀប", "Cheam Yim"},
		{"ជាម យៀប", "Chan Yep"},
		{"នរោត្តម សីហនុ", "Norodom Sirivudh"},
		{"ហ៊ុន សែន", "Hou Sen"},
	}
	checkReadingPairs(t, "KhmerReading", names.KhmerReading, score, meet, apart)
	if _, ok := names.KhmerReading("ជា ស៊ីម"); ok {
		t.Error("KhmerReading(ជា ស៊ីម): a reading that is the first one")
	}
}
