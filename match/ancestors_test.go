package match_test

import (
	"testing"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// TestAncestors: a query that writes more of a person's nasab than the
// listed name (another "bin X" between matched parts, or after a chain the
// listed name also writes) is the same person, the ancestor costing as a
// dropped middle name; a different father's name, a family name after
// bin, or a father for a son is not. Names of the Saudi royal family as
// Wikidata labels them (OpenSanctions sa_wiki_peps), and UN/OFAC names.
func TestAncestors(t *testing.T) {
	v := match.NewVocab()
	for _, n := range []string{
		"Faisal bin Abdullah Al Saud", "Turki bin Sultan Al Saud", "Mishaal bin Saud", "Abdulaziz Al Saud",
		"Saud bin Abdulaziz Al Saud", "Ahmad bin Mahmud", "Usama", "Usama bin Ladin", "Khalid bin Saud",
		"Muhammad bin Salman Al Saud", "Fahd bin Abd al-Aziz Al Saud", "Abd al-Ilah bin Saud", "Abdullah bin Faisal", "Fahd bin Sultan", "Turki bin Faisal", "Ali Hassan", "Ali Hussein", "Muhammad Ali",
	} {
		v.AddName(names.Analyze(n, names.Person))
	}
	v.Freeze()
	score := func(q, l string) float32 {
		qn := v.Prepare(q, names.Analyze(q, names.Person), false)
		ln := v.Prepare(l, names.Analyze(l, names.Person), false)
		var r match.Result
		match.Compare(&qn, &ln, &r)
		return r.Score
	}
	for _, tt := range []struct{ q, l string }{
		{"Faisal bin Abdullah bin Abdulaziz Al Saud", "Faisal bin Abdullah Al Saud"},
		{"Turki bin Sultan bin Abdulaziz Al Saud", "Turki bin Sultan Al Saud"},
		{"Mishaal bin Saud bin Abdulaziz Al Saud", "Mishaal bin Saud"},
		{"Abd al-Ilah bin Saud bin Abdulaziz", "Abd al-Ilah bin Saud"},
		// The listed article meets the one inside the ancestor's name.
		{"Faysal bin Saud bin Abd al-Aziz Al Saud", "Faysal bin Saud Al Saud"},
		// An ancestor costs half a dropped middle name: a grandfather
		// after a short chain still meets it.
		{"Mishaal bin Saud bin Abdulaziz bin Abdulrahman", "Mishaal bin Saud"},
		{"فهد بن سلطان بن عبدالعزيز", "Fahd bin Sultan"},
		{"عبدالله بن فيصل بن تركي", "Abdullah bin Faisal"},
	} {
		if s := score(tt.q, tt.l); s < 0.8 {
			t.Errorf("%q v. %q: %.3f, want ≥ 0.80 (an ancestor more)", tt.q, tt.l, s)
		}
	}
	for _, tt := range []struct{ q, l string }{
		{"Ahmad bin Muhammad bin Ali", "Ahmad bin Mahmud"},                  // another father
		{"Usama bin Ladin", "Usama"},                                        // a family name after bin
		{"Khalid bin Faisal bin Abdulaziz", "Khalid bin Saud"},              // another father
		{"Muhammad bin Nayef bin Abdulaziz", "Muhammad bin Salman Al Saud"}, // another father
	} {
		if s := score(tt.q, tt.l); s >= 0.8 {
			t.Errorf("%q v. %q: %.3f, want < 0.80", tt.q, tt.l, s)
		}
	}
}
