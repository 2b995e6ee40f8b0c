package match_test

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

// TestHebrewReading checks the second reading of Hebrew names with צ
// (names.HebrewReading: צ as z, צ׳ as ch), which the engine screens
// beside the first, and that different names stay apart in it.
func TestHebrewReading(t *testing.T) {
	latin := []string{
		"Chaim Herzog", "Zvi Zamir", "Winston Churchill", "Ramadan Shalah",
		// Different people with names close to those above.
		"Chaim Hertz", "Chaim Herzl", "Winston Chapman", "Ramchand Shah",
		"Moshe Zohar", "Zion Levy", "Shimon Peres",
	}
	score := personScorer(latin)
	meet := []pair{
		{"חיים הרצוג", "Chaim Herzog"},           // צ z (Israeli romanisation writes Hertsog)
		{"צבי זמיר", "Zvi Zamir"},                // צ z at the start of a word
		{"וינסטון צ'רצ'יל", "Winston Churchill"}, // צ׳ ch in a foreign name
	}
	// The first reading keeps צ׳ as ض for Arabic names.
	if s := score("רמצ'אן שלח", "Ramadan Shalah"); s < 0.8 {
		t.Errorf("רמצ'אן שלח v. Ramadan Shalah: %.3f, want ≥ 0.80", s)
	}
	apart := []pair{
		{"חיים הרצוג", "Chaim Hertz"},
		{"חיים הרצוג", "Chaim Herzl"},
		{"וינסטון צ'רצ'יל", "Winston Chapman"},
		{"רמצ'אן שלח", "Ramchand Shah"},
		{"משה צור", "Moshe Zohar"},
		{"ציון לוי", "Shimon Peres"},
	}
	checkReadingPairs(t, "HebrewReading", names.HebrewReading, score, meet, apart)
	if _, ok := names.HebrewReading("שמעון פרס"); ok {
		t.Error("HebrewReading(שמעון פרס): a reading for a name without צ")
	}
}
