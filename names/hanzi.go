package names

import (
	"strings"

	"github.com/mozillazg/go-pinyin"
)

// Chinese writes foreign names with characters chosen for their sound,
// by the transcription tables of Xinhua News Agency (Names of the World's
// Peoples, 世界人名翻译大辞典): 弗拉基米尔·普京 Vladimir Putin, 奥萨马·本·
// 拉登 Osama bin Laden. Such a name separates its words with an
// interpunct (·), which Chinese personal names never have; its Hanyu
// Pinyin reading ("fu la ji mi er pu jing") is far from the Latin form.
// Read as a transcription, each word is one part whose syllables are
// written together, the syllables the tables use for a lone consonant
// (斯 s, 尔 r, 德 d, 特 t, 克 k, 夫 f, 姆 m, 布 b, …) are read as that
// consonant, and the finals are written as the sounds they stand for
// (ao, ou and uo o; ei and ie e; a final ng n): "vladimir" comes out as
// "flajimir", "putin" as "pjin", "laden" as "laden". Such parts are
// compared with Latin ones by a loose consonant key (see
// match.transKey), since the tables write r and l, voiced and voiceless
// stops, and m and n alike.

// interpuncts separate the words of a foreign name written in Chinese
// characters (and in Japanese).
const interpuncts = "·・‧•･"

// ForeignHan reports whether s is a foreign name written in Chinese
// characters: it has a Chinese character next to an interpunct.
func ForeignHan(s string) bool {
	prevHan, prevDot := false, false
	for _, r := range s {
		switch {
		case isHan(r):
			if prevDot {
				return true
			}
			prevHan, prevDot = true, false
		case strings.ContainsRune(interpuncts, r):
			if prevHan {
				return true
			}
			prevDot = true
		default:
			prevHan, prevDot = false, false
		}
	}
	return false
}

// hanConsonant are the characters the transcription tables use for a
// consonant without a vowel (a final consonant or one in a cluster),
// traditional forms included, and the consonant they stand for.
var hanConsonant = map[rune]string{
	'布': "b", '卜': "b", '普': "p", '德': "d", '得': "d", '特': "t", '格': "g",
	'克': "k", '夫': "f", '弗': "f", '甫': "f", '斯': "s", '兹': "z", '茲': "z",
	'茨': "ts", '什': "sh", '赫': "h", '尔': "r", '爾': "r", '勒': "l", '姆': "m",
	'恩': "n",
}

// rReading marks the second reading of a transcription (TransReading):
// the word joiner, which Fold drops.
const rReading = "\u2060"

// TransReading returns the second reading of a foreign name in Chinese
// characters, in which the syllables that begin with l begin with r:
// the tables write both with 拉, 里, 罗, 鲁, … and the first reading has
// l, so 艾曼·扎瓦赫里 is also read "aiman zawahri" and 哈桑·鲁哈尼 "hasan
// ruhani", which the Latin forms' consonant skeletons find.
func TransReading(s string) (string, bool) {
	if !ForeignHan(s) {
		return "", false
	}
	return rReading + s, true
}

// hanTranscription reads a run of Chinese characters of a foreign name
// as one word (see above), with r for l in the r reading. A run of one
// character keeps its vowel, as does a consonant syllable ending a word
// of two (阿布 Abu).
func hanTranscription(rs []rune, r2 bool) string {
	var b strings.Builder
	for i, r := range rs {
		if c, ok := hanConsonant[r]; ok && len(rs) > 1 && !(len(rs) == 2 && i == 1) {
			b.WriteString(c)
			continue
		}
		p := pinyin.SinglePinyin(r, pinyinArgs)
		if len(p) == 0 {
			continue
		}
		if c, ok := hanConsonant[r]; ok {
			// Alone or ending a word of two, the syllable as the tables
			// write it: 勒 "le", 布 "bu".
			b.WriteString(c + strings.TrimLeft(p[0], "bcdfghklmnprstz"))
			continue
		}
		syl := transSyllable(p[0])
		if r2 && strings.HasPrefix(syl, "l") {
			syl = "r" + syl[1:]
		}
		b.WriteString(syl)
	}
	return " " + b.String() + " "
}

// transSyllable writes one toneless pinyin syllable as the sound it
// stands for in a transcription.
func transSyllable(p string) string {
	switch p {
	case "yi":
		return "i"
	case "yin", "ying":
		return "in"
	case "wu":
		return "u"
	case "you":
		return "yu"
	case "yao", "yue":
		return "yo"
	case "er":
		return "r"
	}
	init, fin := splitPinyin(p)
	switch init {
	case "zh":
		init = "z"
	case "x":
		init = "s"
	case "q":
		init = "ts" // 齐 for zi (阿齐兹 Aziz), 奇 for ki and chi
	case "c":
		init = "ts"
	}
	switch {
	case fin == "ao" || fin == "ou" || fin == "uo":
		fin = "o"
	case fin == "ei" || fin == "ie":
		fin = "e"
	case fin == "v" || fin == "ve":
		fin = "u"
	case fin == "ong":
		fin = "on"
	case strings.HasSuffix(fin, "ng"):
		fin = fin[:len(fin)-1]
	case fin == "i" && (init == "z" || init == "ts" || init == "s" || init == "sh" || init == "ch" || init == "r") && (p == "zi" || p == "ci" || p == "si" || p == "shi" || p == "chi" || p == "ri" || p == "zhi"):
		fin = "" // the empty vowel of zi, ci, si, shi, zhi, chi, ri
	}
	if strings.HasSuffix(fin, "ng") {
		fin = fin[:len(fin)-1]
	}
	return init + fin
}

// splitPinyin splits a toneless pinyin syllable into its initial and final.
func splitPinyin(p string) (string, string) {
	for _, two := range []string{"zh", "ch", "sh"} {
		if strings.HasPrefix(p, two) {
			return two, p[2:]
		}
	}
	if p != "" && strings.IndexByte("bpmfdtnlgkhjqxrzcsyw", p[0]) >= 0 {
		return p[:1], p[1:]
	}
	return "", p
}
