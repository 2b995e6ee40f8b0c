package match

import "github.com/vigil-screening/vigil/names"

// Transcriptions in Chinese characters (names.ForeignHan) write a foreign
// name with the syllables Mandarin has: r and l alike (拉 for ra and la),
// voiced and voiceless stops alike (普 for p and b, 德 and 特 for d and
// t), and kh, h and a vowel's onset
// with 哈 or 赫. transKey is the consonant skeleton (names.Skeleton) with
// those merged and doubled letters collapsed: 弗拉基米尔·普京 read
// "flajimir pjin" does not meet Vladimir by it, but 谢尔盖·拉夫罗夫
// "sergai laflof" meets Sergey Lavrov, 艾曼·扎瓦赫里 "aiman zawahli"
// Ayman Zawahiri, 哈桑·鲁哈尼 "hasan luhani" Hassan Rouhani.
func transKey(s string) string {
	sk := names.Skeleton(s)
	b := make([]byte, 0, len(sk))
	for i := 0; i < len(sk); i++ {
		c := sk[i]
		switch c {
		case 'r':
			c = 'l'
		case 'p':
			c = 'b'
		case 't':
			c = 'd'
		case 'h':
			c = 'k'
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// transEqual reports whether two parts, one of them read from a
// transcription in Chinese characters, have the same loose key of two
// consonants or more.
func transEqual(a, b string) bool {
	ka := transKey(a)
	return len(ka) >= 2 && ka == transKey(b)
}
