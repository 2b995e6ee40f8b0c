package names

import "testing"

// TestBiblicalReading: given names of the Hebrew Bible in their English
// form (Strong's dictionary, data/biblical-names.csv); the family name
// and names that are not Biblical stay as they are.
func TestBiblicalReading(t *testing.T) {
	for s, want := range map[string]string{
		"משה דיין":  "moses dyn",   // Moshe Dayan
		"אהרון ברק": "aaron brk",   // Aharon Barak: plene אהרון, Strong's אהרן
		"שלמה לוי":  "solomon lvi", // Solomon, the given name, not Salmon
		"יהושע כהן": "joshua kehn", // Joshua, not Jehoshua
		"משה משה":   "moses msha",  // the family name is not read
	} {
		r, ok := BiblicalReading(s)
		if got := Fold(r); !ok || got != want {
			t.Errorf("Fold(BiblicalReading(%q)) = %q, want %q", s, got, want)
		}
	}
	for _, s := range []string{"משה", "גולדה מאיר", "Moses Montefiore"} {
		if r, ok := BiblicalReading(s); ok {
			t.Errorf("BiblicalReading(%q) = %q, want none", s, Fold(r))
		}
	}
}
