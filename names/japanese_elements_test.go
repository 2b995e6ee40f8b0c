package names

import (
	"slices"
	"testing"
)

// TestJapaneseComposedGiven: a given name of two kanji that the
// dictionary lacks is read by its elements' readings (elementReadings),
// after a family name of the dictionary; names whose elements have no
// reading, or that do not begin with a family name, get none.
func TestJapaneseComposedGiven(t *testing.T) {
	for s, want := range map[string]string{
		"安倍晋三":  "abe shinzo",
		"安倍 晋三": "abe shinzo", // written apart
	} {
		var folded []string
		for _, r := range JapaneseReadings(s) {
			folded = append(folded, Fold(r))
		}
		if !slices.Contains(folded, want) {
			t.Errorf("JapaneseReadings(%q) = %q, want %q among them", s, folded, want)
		}
	}
	d := loadJPNames()
	if g := d.composedGiven("晋三"); g != "シンゾウ" {
		t.Errorf("composedGiven(晋三) = %q, want シンゾウ", g)
	}
	if _, ok := d.given["晋三"]; ok {
		t.Fatal("晋三 is in the dictionary: the test no longer tests composition")
	}
	// 偉 ends too few given names of two kanji to have a reading there,
	// and 晋三 alone has no family name.
	for _, s := range []string{"菅義偉", "晋三", "李晋三明"} {
		if r := JapaneseReadings(s); r != nil {
			t.Errorf("JapaneseReadings(%q) = %q, want none", s, r)
		}
	}
}
