package names

import "testing"

// TestArabicKunyaJoined: the kunya أبو written joined to the name after
// it is written apart, as Latin forms do (Abu Ghaith, Abou El Yazid), and
// the next word begins there (its article, its ع and ي).
func TestArabicKunyaJoined(t *testing.T) {
	for in, want := range map[string]string{
		"أبوغيث":    "abu ghith",
		"أبواليزيد": "abu al yzid",
		"ابوالقاسم": "abu al qasm",
		"أبوعمر":    "abu amr",
		"ابو":       "abu",  // alone
		"أبوه":      "abuh", // too short to hold a name: a word of its own
		"عبدالله":   "abd allah",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%s) = %q, want %q", in, got, want)
		}
	}
}
