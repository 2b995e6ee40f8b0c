package names

import "testing"

// TestNearLegalMatchesDistance checks the letter-set shortcut of
// nearLegal against the plain definition on every one-edit change of
// every one-word legal form, and on ordinary words.
func TestNearLegalMatchesDistance(t *testing.T) {
	ref := func(w string, minLen int) string {
		if len(w) < 4 || len(w) > 16 || stopWords[w] || legalWords[w] {
			return ""
		}
		for _, f := range oneWordForms {
			if len(f.spelling) >= minLen && f.spelling[0] == w[0] && abs(len(f.spelling)-len(w)) <= 1 && DistanceAtMost(w, f.spelling, 64) == 1 {
				return f.canon
			}
		}
		return ""
	}
	words := []string{"path", "tool", "limietd", "gbmh", "corporatiov", "trading", "mohammed", "banco", "limited", "incorporatde"}
	for _, f := range oneWordForms {
		s := f.spelling
		for i := 0; i < len(s); i++ {
			words = append(words, s[:i]+s[i+1:], s[:i]+"x"+s[i+1:], s[:i]+"q"+s[i:])
			if i+1 < len(s) {
				words = append(words, s[:i]+s[i+1:i+2]+s[i:i+1]+s[i+2:])
			}
		}
	}
	found := 0
	for _, w := range words {
		for _, minLen := range []int{3, 4} {
			got, want := nearLegal(w, minLen), ref(w, minLen)
			if got != want {
				t.Errorf("nearLegal(%q, %d) = %q, want %q", w, minLen, got, want)
			}
			if got != "" {
				found++
			}
		}
	}
	if found == 0 {
		t.Fatal("no word was near a legal form: the test checks nothing")
	}
}
