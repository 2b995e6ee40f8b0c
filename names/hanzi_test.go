package names

import "testing"

// TestForeignHan: only a name whose words an interpunct separates is a
// transcription; Chinese personal names and company names are read in
// Hanyu Pinyin as before.
func TestForeignHan(t *testing.T) {
	for s, want := range map[string]bool{
		"弗拉基米尔·普京": true, "奥萨马·本·拉登": true, "ザラ・アエロ": false, "費薩爾·阿里布拉欣": true,
		"李明华": false, "习近平": false, "朝鲜联合机械贸易会社": false, "Li · Ming": false, "": false,
	} {
		if got := ForeignHan(s); got != want {
			t.Errorf("ForeignHan(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestHanTranscription: Xinhua's transcriptions read as the sounds they
// stand for (the Latin forms of the Chinese Ministry of Foreign Affairs).
func TestHanTranscription(t *testing.T) {
	for s, want := range map[string]string{
		"奥萨马·本·拉登":      "osama ben laden",
		"巴沙尔·阿萨德":       "bashar asad",
		"谢尔盖·拉夫罗夫":      "sergai laflof",
		"拉姆赞·卡德罗夫":      "lamzan kadlof",
		"阿布·贝克尔·巴格达迪":   "abu bekr bagdadi",
		"哈桑·鲁哈尼":        "hasan luhani",
		"易卜拉欣·阿卜杜勒·阿齐兹": "iblasin abdul atsiz",
		"李明华":           "li minghua", // a Chinese name: pinyin as before
	} {
		if got := Fold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
	for s, want := range map[string]string{"艾曼·扎瓦赫里": "aiman zawahri", "哈桑·鲁哈尼": "hasan ruhani"} {
		r, ok := TransReading(s)
		if got := Fold(r); !ok || got != want {
			t.Errorf("TransReading(%q) folds to %q, want %q", s, got, want)
		}
	}
	if _, ok := TransReading("李明华"); ok {
		t.Errorf("李明华 has a transcription reading")
	}
	toks := Analyze("谢尔盖·拉夫罗夫", Person)
	if len(toks) != 2 || !toks[0].Trans || !toks[0].Unvowelled {
		t.Errorf("Analyze: %+v, want two parts read as a transcription", toks)
	}
	if toks := Analyze("李明华", Person); toks[0].Trans {
		t.Errorf("李明华 read as a transcription")
	}
}
