package names

import (
	"slices"
	"testing"
)

// TestJapaneseReadings: Japanese names in kanji read with the IPA
// dictionary's readings, as the lists and the Prime Minister's Office
// write them; Chinese and Korean names in Chinese characters, which do
// not split into a Japanese family and given name, get none.
func TestJapaneseReadings(t *testing.T) {
	for s, want := range map[string]string{
		"岸田文雄":  "kishida fumio",
		"小泉純一郎": "koizumi junichiro", // long vowel ou written o
		"田中角栄":  "tanaka kakuei",
		"鳩山由紀夫": "hatoyama yukio",
		"河野 太郎": "kono taro", // written apart
		"高山清司":  "takayama kiyoshi",
		"重信房子":  "shigenob fusako",
	} {
		var folded []string
		for _, r := range JapaneseReadings(s) {
			folded = append(folded, Fold(r))
		}
		if !slices.Contains(folded, want) {
			t.Errorf("JapaneseReadings(%q) = %q, want %q among them", s, folded, want)
		}
	}
	for _, s := range []string{"李明华", "王小明", "张伟", "金正恩", "習近平", "朝鲜联合机械贸易会社", "安倍", "Abe Shinzo", ""} {
		if r := JapaneseReadings(s); r != nil {
			t.Errorf("JapaneseReadings(%q) = %q, want none", s, r)
		}
	}
	if r := JapaneseReadings("高山清司"); len(r) > maxJPReadings {
		t.Errorf("%d readings, want at most %d", len(r), maxJPReadings)
	}
	if r := Readings("岸田文雄", Organization); slices.ContainsFunc(r, func(s string) bool { return Fold(s) == "kishida fumio" }) {
		t.Errorf("an organisation's name read as a Japanese person's: %q", r)
	}
}

// BenchmarkJapaneseTable measures parsing the name table, which happens
// once, the first time a name in kanji is read.
func BenchmarkJapaneseTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if d := parseJPNames(ipadicNames); len(d.family) < 10000 {
			b.Fatal(len(d.family))
		}
	}
}
