package names

import (
	"slices"
	"testing"
)

// TestArabicTitles: a title written in Arabic script with the article at
// the head of a person's name is a title; the same word without the
// article, in Latin letters, in an organisation's name or alone is not.
func TestArabicTitles(t *testing.T) {
	for _, tt := range []struct {
		name  string
		kind  Kind
		title string // the title read, or ""
	}{
		{"الملك سلمان بن عبدالعزيز", Person, "al mlk"},
		{"الأمير بندر بن سلطان", Person, "al amir"},
		{"الفريق ابراهيم الطاسان", Person, "al friq"},
		{"الدكتور عبد الله الربيعة", Person, "al dktur"},
		{"سمو الأمير نايف", Person, "smu"},
		{"امیر نایف", Person, ""},            // Amir without the article is a name
		{"Al-Amir Ahmed", Person, ""},        // in Latin letters a family name
		{"الأمير", Person, ""},               // alone
		{"الرئيس للتجارة", Organization, ""}, // not in an organisation's name
	} {
		got := TitleTokens(Analyze(tt.name, tt.kind))
		if tt.title == "" && len(got) > 0 || tt.title != "" && !slices.Contains(got, tt.title) {
			t.Errorf("%q: titles %q, want %q", tt.name, got, tt.title)
		}
	}
}
