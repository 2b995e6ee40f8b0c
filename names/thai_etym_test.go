package names

import (
	"strings"
	"testing"
)

// TestThaiEtymReading pins the second Thai reading (ThaiReading, by the
// letters' Indic values) on names outside the cross-script yardstick:
// their own romanisations, as the Royal Household, the Government and
// the bearers write them, are given beside each for comparison; the
// reading is compared with them loosely (v and w, j and ch, th and d),
// so it need not equal them.
func TestThaiEtymReading(t *testing.T) {
	for s, want := range map[string]string{
		"สิรินธร":     "sirindhorn",   // Sirindhorn: น before ธ closes (nd), a final ร rn
		"จุฬาภรณ์":    "chulabhorn",   // Chulabhorn: ภ bh, ร before a silent ณ rn
		"ประชาธิปก":   "prachadhipok", // Prajadhipok: ธ dh, the o of a closed syllable
		"ปราโมช":      "pramoj",       // Pramoj: a final ช keeps its letter, j
		"พนมยงค์":     "banomyong",    // Banomyong: พ b, the a of an open syllable
		"จาติกวณิช":   "chatikawanij", // Chatikavanij
		"สุวรรณภูมิ":  "suwarnabhumi", // Suvarnabhumi: รร ar, ณ carries a before ภ
		"อินทนนท์":    "inthanon",     // Inthanon, Intanon: นนท์ non, not a double n
		"วชิราวุธ":    "wachirawudh",  // Vajiravudh
		"ภูมิพล":      "bhumibol",     // Bhumibol
		"ปิยบุตร":     "piyabutra",    // Piyabutr: ย after a short vowel carries a; ตร after it tra
		"ศรีชาพันธุ์": "srichaban",    // Srichaphan: ศร a cluster; ธุ์ silent
		"บริพัตร":     "baribatra",    // Paribatra: บร is two syllables, not a cluster
		"ยุทธ":        "yuddh",        // a final pair of one row: both close
		"สนธิ":        "sondhi",       // Sonthi
		"สมชาย":       "somchai",      // ม closes, ย after a long vowel is i
	} {
		r, ok := ThaiReading(s)
		if got := Fold(r); !ok || got != want {
			t.Errorf("Fold(ThaiReading(%q)) = %q, want %q", s, got, want)
		}
	}
}

// TestThaiFamilyReading: the third reading reads the family name by its
// letters and the given name by its sound, and is not offered when it is
// one of the other two.
func TestThaiFamilyReading(t *testing.T) {
	// Kukrit Pramoj: the given name as the first reading reads it, the
	// family name as the second.
	s := "คึกฤทธิ์ ปราโมช"
	r, ok := ThaiFamilyReading(s)
	alt, _ := ThaiReading(s)
	got, first, second := strings.Fields(Fold(r)), strings.Fields(Fold(s)), strings.Fields(Fold(alt))
	if !ok || len(got) != 2 || got[0] != first[0] || got[1] != second[1] || got[1] != "pramoj" {
		t.Errorf("ThaiFamilyReading(%s) = %q, %v; want %q %q", s, Fold(r), ok, first[0], second[1])
	}
	for _, s := range []string{
		"ปรีดี พนมยงค์", // the given name reads alike both ways
		"ปราโมช",        // one word
		"Kukrit Pramoj",
	} {
		if r, ok := ThaiFamilyReading(s); ok {
			t.Errorf("ThaiFamilyReading(%q) = %q, want none", s, Fold(r))
		}
	}
}
