package names

import "testing"

// TestPersianAlifMaqsura: in a name with a letter only Persian, Dari or
// Urdu use, ى is ی typed on an Arabic keyboard and read i (ولى Wali,
// حنفى Hanafi). Must not: in an Arabic name it stays the alif maqsura
// read a (موسى Musa, مصطفى Mustafa, يحيى Yahya).
func TestPersianAlifMaqsura(t *testing.T) {
	for in, want := range map[string]string{
		"ولى محمد کریمی": "wli mhmd krimi",
		"غلام حنفى گل":   "ghlam hnfi gl",
		"غلام حنفى":      "ghlam hnfa", // no Persian letter: Arabic
		"موسى كاظم":      "musa kazm",
		"مصطفى يحيى":     "mstfa yhia",
		"عیسى کریم":      "aisi krim", // the Persian reading, as عیسی
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%s) = %q, want %q", in, got, want)
		}
	}
}
