package match

import "github.com/vigil-screening/vigil/names"

// Transcriptions in Chinese characters (names.ForeignHan) write a foreign
// name with the syllables Mandarin has: r and l alike (拉 for ra and la),
// voiced and voiceless stops alike (普 for p and b, 德 and 特 for d and
// t), and kh, h and a vowel's onset with 哈 or 赫; the scripts of
// names.LooseScript write names their Latin forms follow as loosely. Parts
// read from them (Trans) also meet a Latin part with the same loose
// consonant key (names.LooseKeys): 谢尔盖·拉夫罗夫 "sergai laflof" meets
// Sergey Lavrov, 艾曼·扎瓦赫里 "aiman zawahli" Ayman Zawahiri, Tamil
// பிரபாகரன் "pirabagaran" Prabhakaran.

// transEqual reports whether two parts, one of them read from a
// transcription or a loose script, share a loose key of two consonants
// or more (kana's keys when either is kana); a key of two must begin
// the parts alike (both with a vowel or both with a consonant), so that
// short names do not meet by two consonants alone.
func transEqual(q, l *Part) bool {
	kana := q.Kana || l.Kana
	for _, ka := range names.LooseKeys(q.Text, kana) {
		if len(ka) < 2 {
			continue
		}
		for _, kb := range names.LooseKeys(l.Text, kana) {
			if ka == kb && (len(ka) >= 3 || vowelStart(q.Text) == vowelStart(l.Text)) {
				return true
			}
		}
	}
	return false
}

func vowelStart(s string) bool { return s != "" && isVowel(s[0]) }
