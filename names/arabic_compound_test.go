package names

import "testing"

// TestJoinedArticle: compound names that Persian, Afghan and Pakistani
// writing runs together are written apart at the article, as Arabic
// writes them. Must not: an ال inside any other word (خالد, جمال), or
// before another word, is part of the word.
func TestJoinedArticle(t *testing.T) {
	for in, want := range map[string]string{
		"نورالدین":    "nur al din",
		"ضیاءالحق":    "zya al hq",
		"نورالاسلام":  "nur al aslam",
		"حبیبالرحمن":  "hbib al rhmn",
		"جمال الدين":  "jmal al din", // apart already
		"خالد":        "khald",
		"جمال":        "jmal",
		"بلال":        "blal",
		"عبدالله":     "abd allah",
		"كمالالدينار": "kmalaldinar", // not the word دين
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%s) = %q, want %q", in, got, want)
		}
	}
}
