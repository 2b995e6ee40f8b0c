package names

import "testing"

// TestJoinedArticle: compound names that Persian, Afghan and Pakistani
// writing runs together are written apart at the article, as Arabic
// writes them. Must not: an ال inside any other word (خالد, جمال), or
// before another word, is part of the word.
func TestJoinedArticle(t *testing.T) {
	for in, want := range map[string]string{
		"نورالدین":       "nur al din",
		"ضیاءالحق":       "zya al hq",
		"نورالاسلام":     "nur al aslam",
		"حبیبالرحمن":     "hbib al rhmn",
		"جمال الدين":     "jmal al din", // apart already
		"خالد":           "khald",
		"جمال":           "jmal",
		"بلال":           "blal",
		"عبدالله":        "abd allah",
		"كمالالدينار":    "kmalaldinar",      // not the word دين
		"محمدعبد البصير": "mhmd abd al bsir", // عبد glued to the name before
		"معبد الحسن":     "mbd al hsn",       // Ma'bad: two letters before
		"محمدعبد":        "mhmdbd",           // no article after
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%s) = %q, want %q", in, got, want)
		}
	}
}

// TestAbdArticle: Abd with the article assimilated to the sun letter of
// the next word, written as one word, is Abdul. Must not: without that
// next word, before a moon letter, or another word.
func TestAbdArticle(t *testing.T) {
	for in, want := range map[string]string{
		"Abdur Rahman Yasin":  "Abdul Rahman Yasin",
		"Abdus Salam Zaeef":   "Abdul Salam Zaeef",
		"Abdush Shakur":       "Abdul  Shakur",
		"Abder-Razak Lamari":  "Abdel-Razak Lamari",
		"ABDUZ ZAHIR":         "ABDUl ZAHIR",
		"Abdus Hakim":         "Abdus Hakim", // h is no sun letter's
		"Abdur":               "Abdur",
		"Mohammed Abdus":      "Mohammed Abdus",
		"Kabdur Rahman":       "Kabdur Rahman",
		"Abdulrahman Abdulla": "Abdulrahman Abdulla",
	} {
		if got := abdArticle(in); got != want {
			t.Errorf("abdArticle(%q) = %q, want %q", in, got, want)
		}
	}
}
