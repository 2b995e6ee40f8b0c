package match_test

import "testing"

// TestTranscriptions: foreign names in Chinese characters (Xinhua's
// forms) meet their Latin forms; other names with a similar skeleton do
// not.
func TestTranscriptions(t *testing.T) {
	score := personScorer([]string{
		"Sergey Lavrov", "Hassan Rouhani", "Bashar al-Assad", "Osama bin Laden", "Ramzan Kadyrov",
		"Hassan Rahmani", "Sergey Lavrentiev", "Ali Hamdani", "Yevgeny Prokhorov", "Ali Khamenei", "Ramzan Kadirli", "Ayman al-Zawahiri",
	})
	for _, tt := range []struct{ q, l string }{
		{"谢尔盖·拉夫罗夫", "Sergey Lavrov"}, {"哈桑·鲁哈尼", "Hassan Rouhani"}, {"巴沙尔·阿萨德", "Bashar al-Assad"},
		{"奥萨马·本·拉登", "Osama bin Laden"}, {"拉姆赞·卡德罗夫", "Ramzan Kadyrov"}, {"艾曼·扎瓦赫里", "Ayman al-Zawahiri"},
	} {
		if s := score(tt.q, tt.l); s < 0.8 {
			t.Errorf("%q v. %q: %.3f, want ≥ 0.80", tt.q, tt.l, s)
		}
	}
	for _, tt := range []struct{ q, l string }{
		{"哈桑·鲁哈尼", "Hassan Rahmani"}, {"谢尔盖·拉夫罗夫", "Sergey Lavrentiev"}, {"阿里·哈梅内伊", "Ali Hamdani"}, {"叶夫根尼·普里戈津", "Yevgeny Prokhorov"},
		{"拉姆赞·卡德罗夫", "Ramzan Kadirli"}, {"李明华", "Li Minghe"},
	} {
		if s := score(tt.q, tt.l); s >= 0.8 {
			t.Errorf("%q v. %q: %.3f, want < 0.80", tt.q, tt.l, s)
		}
	}
}
