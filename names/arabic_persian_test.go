package names

import "testing"

// TestAfghanMaqsura: ى typed for ی in an Afghan or Pakistani name is read
// i by the Afghan reading, with و kept w (ولى Wali, حنفى Hanafi); the
// primary reading keeps the alif maqsura a (المولى al-Mawla, موسى Musa),
// as the same writers use ى for both.
func TestAfghanMaqsura(t *testing.T) {
	checkReading(t, "AfghanReading", AfghanReading, map[string]string{
		"نذیر حنفى ولى": "nzir hnfi wli",
		"ولى محمد":      "wli mhmd",
	})
	for in, want := range map[string]string{
		"أمیر المولى": "amir al mula",
		"موسى كاظم":   "musa kazm",
		"ولى محمد":    "wla mhmd",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%s) = %q, want %q", in, got, want)
		}
	}
	// Must not: no و read v, so PersianReading is the reading.
	if r, ok := AfghanReading("موسى كاظم"); ok {
		t.Errorf("AfghanReading(موسى كاظم) = %q, want none", r)
	}
}
