package names

import "testing"

// TestArabicRankQualifiers: أول and ركن after an Arabic military rank are
// part of the rank, not name parts; elsewhere they are left alone.
func TestArabicRankQualifiers(t *testing.T) {
	for in, want := range map[string]string{
		"الفريق أول إبراهيم الطاسان": "ibrahim al tasan",
		"الفريق ركن أسعد الزهير":     "asd al zahir",
		"اللواء ركن محمد":            "mhmd",
		"الملك أول":                  "aul",                       // not a rank: the only part left is kept
		"سعد الأول بن عبد الرحمن":    "sd al aul bin abd al rhmn", // not after a rank
	} {
		got := ""
		for _, tk := range Analyze(in, Person) {
			if tk.Class != Title {
				if got != "" {
					got += " "
				}
				got += tk.Text
			}
		}
		if got != want {
			t.Errorf("Analyze(%s) parts %q, want %q", in, got, want)
		}
	}
}
