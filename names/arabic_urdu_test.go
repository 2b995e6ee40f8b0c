package names

import "testing"

// TestDoChashmiHe: ھ typed for ه in an Arabic name is read as ه (طھ
// Taha, إبراھیم Ibrahim). Must not: after a consonant Urdu aspirates it
// stays the h of the aspirate (بھٹو Bhutto, کھر Khar).
func TestDoChashmiHe(t *testing.T) {
	for in, want := range map[string]string{
		"طھ إبراھیم": "tah ibrahim",
		"بھٹو":       "bhtu",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%s) = %q, want %q", in, got, want)
		}
	}
}
