package match_test

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

// thaiPeople are Thai names outside the cross-script yardstick in Thai
// and as their bearers, the Royal Thai Government or the Secretariat of
// the Cabinet write them in English: prime ministers, ministers,
// officials and athletes. Before the etymological reading was read by
// the letters' Indic values, none of these met its own romanisation
// (docs/accuracy.md, "Thai, round two", has the whole list measured).
var thaiPeople = [][2]string{
	{"ปรีดี พนมยงค์", "Pridi Banomyong"},
	{"คึกฤทธิ์ ปราโมช", "Kukrit Pramoj"},
	{"กรณ์ จาติกวณิช", "Korn Chatikavanij"},
	{"ปิยบุตร แสงกนกกุล", "Piyabutr Saengkanokkul"},
	{"ปานปรีย์ พหิทธานุกร", "Parnpree Bahiddha-nukara"},
	{"ภราดร ศรีชาพันธุ์", "Paradorn Srichaphan"},
	{"บัวขาว บัญชาเมฆ", "Buakaw Banchamek"},
	{"อรรถกร ศิริลัทธยากร", "Atthakorn Sirilatthayakorn"},
}

// thaiOthers are other real people, some of the same families, whose
// names share parts with those of thaiPeople.
var thaiOthers = []string{
	"Seni Pramoj", "Poonsuk Banomyong", "Korn Dabbaransi", "Suthep Thaugsuban", "Paradorn Pattanatabut",
}

func bestThai(score func(q, l string) float32, th, latin string) float32 {
	best := score(th, latin)
	for _, r := range names.Readings(th, names.Person) {
		best = max(best, score(r, latin))
	}
	return best
}

// TestThaiEtymPeople: the readings of a Thai name find its bearer's own
// romanisation, and not another person's.
func TestThaiEtymPeople(t *testing.T) {
	listed := append([]string(nil), thaiOthers...)
	for _, p := range thaiPeople {
		listed = append(listed, p[1])
	}
	score := personScorer(listed)
	for _, p := range thaiPeople {
		if s := bestThai(score, p[0], p[1]); s < 0.8 {
			t.Errorf("%s v. %s: %.3f, want ≥ 0.80", p[0], p[1], s)
		}
		for _, l := range listed {
			if l == p[1] {
				continue
			}
			if s := bestThai(score, p[0], l); s >= 0.8 {
				t.Errorf("%s v. %s: %.3f, want < 0.80", p[0], l, s)
			}
		}
	}
	// Brothers and spouses: one family name, another given name.
	for _, c := range [][2]string{
		{"เสนีย์ ปราโมช", "Kukrit Pramoj"},
		{"พูนศุข พนมยงค์", "Pridi Banomyong"},
	} {
		if s := bestThai(score, c[0], c[1]); s >= 0.8 {
			t.Errorf("%s v. %s: %.3f, want < 0.80", c[0], c[1], s)
		}
	}
}
