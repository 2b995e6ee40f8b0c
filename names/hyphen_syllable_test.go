package names

import "testing"

// TestHyphenSyllable: a letter between hyphens inside a word is a
// syllable (Prayut Chan-o-cha, the Royal Thai Government's spelling of
// จันทร์โอชา), classed as a connecting part so that the three pieces may
// be written together; a letter standing alone or with a full stop stays
// an initial.
func TestHyphenSyllable(t *testing.T) {
	for _, c := range []struct {
		name string
		at   int
		want Class
	}{
		{"Prayut Chan-o-cha", 2, Particle},
		{"Prayut Chan o cha", 2, Initial},
		{"Prayut Chan-o cha", 2, Initial}, // one hyphen: not between two
		{"John A. Smith", 1, Initial},
		{"Jean-Marie A Le-Pen", 2, Initial},
	} {
		toks := Analyze(c.name, Person)
		if c.at >= len(toks) || toks[c.at].Class != c.want {
			t.Errorf("Analyze(%q): token %d %+v, want class %v", c.name, c.at, toks, c.want)
		}
	}
}
