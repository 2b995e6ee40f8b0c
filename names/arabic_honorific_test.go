package names

import "testing"

// TestArabicHonorifics: the honorifics ملا (Mullah), مولانا (Maulana) and
// مولوي (Maulvi) written in Arabic script are honorifics, as their Latin
// forms are, wherever they stand in the name (عبد الغني ملا برادر).
// Must not: شيخ, also a family name (آل الشيخ), and names that share
// letters with them (مالك Malik, مولود Mouloud) stay plain.
func TestArabicHonorifics(t *testing.T) {
	for in, want := range map[string]Class{
		"ملا":    Honorific,
		"مولانا": Honorific,
		"مولوي":  Honorific,
		"شيخ":    Plain,
		"مالك":   Plain,
		"مولود":  Plain,
	} {
		toks := Analyze("عبد الغني "+in+" برادر", Person)
		found := false
		for _, tk := range toks {
			if tk.Text == Fold(in) {
				found = true
				if tk.Class != want {
					t.Errorf("%s (%q) in a name: %v, want %v", in, tk.Text, tk.Class, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no token %q in %v", in, Fold(in), toks)
		}
	}
}
