package match_test

import "testing"

// TestBiblicalReading: a Hebrew-script name whose given name is a name
// of the Hebrew Bible meets the listed English form of that name
// (names.BiblicalReading), and other people of the same given name stay
// apart. The people are real: Sir Moses Montefiore, Jacob Frenkel
// (governor of the Bank of Israel), Moshe Dayan, Lord Jacob Rothschild,
// Moses Mendelssohn,
// as the Hebrew Wikipedia writes their names.
func TestBiblicalReading(t *testing.T) {
	listed := []string{"Moses Montefiore", "Jacob Frenkel", "Moshe Dayan", "Jacob Rothschild", "Moses Mendelssohn"}
	score := personScorer(listed)
	for _, c := range [][2]string{
		{"משה מונטיפיורי", "Moses Montefiore"},
		{"יעקב פרנקל", "Jacob Frenkel"},
		{"משה דיין", "Moshe Dayan"},
	} {
		if s := bestThai(score, c[0], c[1]); s < 0.8 {
			t.Errorf("%s v. %s: %.3f, want ≥ 0.80", c[0], c[1], s)
		}
	}
	for _, c := range [][2]string{
		{"משה דיין", "Moses Montefiore"},
		{"משה מונטיפיורי", "Moses Mendelssohn"},
		{"יעקב פרנקל", "Jacob Rothschild"},
	} {
		if s := bestThai(score, c[0], c[1]); s >= 0.8 {
			t.Errorf("%s v. %s: %.3f, want < 0.80", c[0], c[1], s)
		}
	}
}
