package match

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

func TestKanaKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"urajimir", "bladimil"}, // ウラジーミル
		{"vladimir", "bladimil"},
		{"puchin", "putin"}, // プーチン
		{"putin", "putin"},
		{"bin", "bin"},
		{"chen", "chen"}, // ch not before i stays
		{"chi", "ti"},
		{"ch", "ch"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := kanaKey(tc.in); got != tc.want {
			t.Errorf("kanaKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// kanaPart prepares one folded word as a part of a name written in kana or not.
func kanaPart(text string, kana bool) Part {
	return Part{Text: text, Tok: -1, Skel: -1, Mask: names.LetterMask(text), Kana: kana}
}

// TestPartSimKana checks the loose comparison of kana parts, and that
// Latin parts are still compared strictly.
func TestPartSimKana(t *testing.T) {
	tests := []struct {
		q, l       string
		qKana      bool
		want       float32
		wantHow    How
		comparison string
	}{
		{"urajimir", "vladimir", true, simPhonetic, Phonetic, "r for l, ji for di, u for v"},
		{"puchin", "putin", true, simPhonetic, Phonetic, "chi for ti"},
		{"ader", "adel", true, simPhonetic, Phonetic, "アデル: final r for l"},
		{"jubeir", "jubeir", true, 1, Exact, "same spelling"},
		{"raden", "laden", true, simPhonetic, Phonetic, "ラーデン"},
		{"puchin", "pushkin", true, 0.654, Fuzzy, "another name stays apart"},
		{"urajimir", "vladimir", false, 0, None, "Latin parts: no loose reading"},
		{"puchin", "putin", false, 0.607, Fuzzy, "Latin parts: no loose reading"},
		{"raden", "laden", false, 0.77, Fuzzy, "Latin parts: no loose reading"},
	}
	for _, tc := range tests {
		q, l := kanaPart(tc.q, tc.qKana), kanaPart(tc.l, false)
		sim, how := partSim(&q, &l, false)
		if how != tc.wantHow || sim < tc.want-0.001 || sim > tc.want+0.001 {
			t.Errorf("%s: partSim(%q, %q) = %.3f %v, want %.3f %v", tc.comparison, tc.q, tc.l, sim, how, tc.want, tc.wantHow)
		}
		// The comparison is symmetric: the kana part may be the listed one.
		lsim, lhow := partSim(&l, &q, false)
		if lsim != sim || lhow != how {
			t.Errorf("%s: partSim(%q, %q) = %.3f %v, reversed %.3f %v", tc.comparison, tc.q, tc.l, sim, how, lsim, lhow)
		}
	}
}

func TestDropAddedVowel(t *testing.T) {
	tests := []struct{ k, other, want string }{
		{"dodi", "dod", "dod"}, // ジョージ-style ending after a consonant
		{"bussu", "bus", "buss"},
		{"dodi", "dodi", "dodi"}, // the other ends in a vowel too
		{"lai", "la", "lai"},     // after a vowel: part of the name
		{"di", "d", "di"},        // too short
		{"dodi", "", "dodi"},
	}
	for _, tc := range tests {
		if got := dropAddedVowel(tc.k, tc.other); got != tc.want {
			t.Errorf("dropAddedVowel(%q, %q) = %q, want %q", tc.k, tc.other, got, tc.want)
		}
	}
}

// FuzzKanaSim checks that comparing any two folded names, one written
// in kana, neither panics nor leaves 0..1, and does not depend on which
// side is the query.
func FuzzKanaSim(f *testing.F) {
	for _, s := range [][2]string{{"ウラジーミル", "Vladimir"}, {"プーチン", "Putin"}, {"ッチ", "chi"}, {"ウ", "u"}, {"ジョージ", ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, qa := range names.Analyze(a, names.Person) {
			for _, lb := range names.Analyze(b, names.Person) {
				q, l := kanaPart(qa.Text, true), kanaPart(lb.Text, lb.Kana)
				s1, h1 := partSim(&q, &l, false)
				s2, h2 := partSim(&l, &q, false)
				if s1 < 0 || s1 > 1 || s1 != s2 || h1 != h2 {
					t.Fatalf("partSim(%q, %q) = %v %v, reversed %v %v", q.Text, l.Text, s1, h1, s2, h2)
				}
			}
		}
	})
}
