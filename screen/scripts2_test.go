package screen_test

import (
	"context"
	"testing"
)

// TestReadingsSecondRound: Japanese names in kanji read with the IPA
// dictionary, foreign names in Chinese characters read as transcriptions,
// and an ancestor more in an Arabic nasab, compared with the weights of
// all current lists; with must-not-match cases (another given name,
// another family name, another father).
func TestReadingsSecondRound(t *testing.T) {
	eng := realEngine(t)
	for _, tc := range []struct {
		a, b     string
		min, max float64
	}{
		{"岸田文雄", "Fumio Kishida", 0.8, 1},
		{"田中角栄", "TANAKA, Kakuei", 0.8, 1},
		{"鳩山由紀夫", "Yukio Hatoyama", 0.8, 1},
		{"岸田文雄", "Fumihiro Kishida", 0, 0.8}, // another given name
		{"田中角栄", "Kazuo Tanaka", 0, 0.8},     // another given name
		{"李明华", "Akihiro Ri", 0, 0.5},        // a Chinese name is not read as Japanese
		{"谢尔盖·拉夫罗夫", "Sergey Lavrov", 0.8, 1},
		{"哈桑·鲁哈尼", "Hassan Rouhani", 0.8, 1},
		{"拉姆赞·卡德罗夫", "Ramzan Kadyrov", 0.8, 1},
		{"哈桑·鲁哈尼", "Hassan Rahmani", 0, 0.8},
		{"谢尔盖·拉夫罗夫", "Sergey Lavrentiev", 0, 0.8},
		{"Faisal bin Abdullah bin Abdulaziz Al Saud", "Faisal bin Abdullah Al Saud", 0.85, 1},
		{"Khalid bin Faisal bin Abdulaziz", "Khalid bin Saud", 0, 0.8},
		{"Usama bin Ladin", "Usama", 0, 0.8},
	} {
		h, err := eng.Compare(context.Background(), personNamed(tc.a), personNamed(tc.b))
		if err != nil {
			t.Fatal(err)
		}
		if h.Score < tc.min || h.Score > tc.max {
			t.Errorf("%q v. %q scores %.3f, want %.2f..%.2f (%+v)", tc.a, tc.b, h.Score, tc.min, tc.max, h.Explanation.Parts)
		}
	}
}

// TestOrgWordsThirdPass: organisations in Russian meet their English
// names through the words added in the third pass (research, atomic,
// reactor, applied, physics, credit, officers, security); a different
// word in the same place does not.
func TestOrgWordsThirdPass(t *testing.T) {
	eng := realEngine(t)
	for _, tc := range []struct {
		a, b     string
		min, max float64
	}{
		{"Научно-исследовательский институт атомных реакторов", "ATOMIC REACTOR RESEARCH INSTITUTE", 0.8, 1},
		{"АКЦИОНЕРНОЕ ОБЩЕСТВО \"ИНСТИТУТ ПРИКЛАДНОЙ ФИЗИКИ\"", "JOINT STOCK COMPANY \"INSTITUTE OF APPLIED PHYSICS\"", 0.8, 1},
		{"союз офицеров международной безопасности", "THE OFFICERS UNION FOR INTERNATIONAL SECURITY", 0.8, 1},
		{"АКЦИОНЕРНОЕ ОБЩЕСТВО \"ИНСТИТУТ ПРИКЛАДНОЙ ФИЗИКИ\"", "JOINT STOCK COMPANY \"INSTITUTE OF APPLIED CHEMISTRY\"", 0, 0.8},
		{"Научно-исследовательский институт атомных реакторов", "NUCLEAR REACTOR DESIGN INSTITUTE", 0, 0.8},
	} {
		h, err := eng.Compare(context.Background(), orgNamed(tc.a), orgNamed(tc.b))
		if err != nil {
			t.Fatal(err)
		}
		if h.Score < tc.min || h.Score > tc.max {
			t.Errorf("%q v. %q scores %.3f, want %.2f..%.2f (%+v)", tc.a, tc.b, h.Score, tc.min, tc.max, h.Explanation.Parts)
		}
	}
}
