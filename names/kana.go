package names

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// foldKana romanises the text at the start of rs that Fold leaves to it
// and returns the Latin text and the number of runes used, or 0 when rs
// starts with none of it: a Japanese kana (Hepburn), a Hebrew word (see
// foldHebrewWord) or a run of Hangul syllables (see foldHangulRun).
func foldKana(rs []rune) (string, int) {
	r := rs[0]
	switch {
	case isHebrewLetter(r):
		return foldHebrewWord(rs, false)
	case isHangul(r):
		return foldHangulRun(rs)
	case r >= 0xFF66 && r <= 0xFF9F:
		return foldHalfwidth(rs)
	case r == 'ー':
		// The long vowel mark: Hepburn as the lists write it leaves the
		// vowel single (Ōno → Ono, プーチン → Putin).
		return "", 1
	}
	h, ok := toHiragana(r)
	if !ok {
		return "", 0
	}
	if h == 'っ' {
		return smallTsu(rs)
	}
	t, n := kanaTable[h], 1
	if len(rs) > 1 {
		if p, ok := kanaPair(h, rs[1]); ok {
			t, n = p, 2
		}
	}
	if isKatakana(r) && wordEnds(rs[n:]) {
		t = dropEpenthetic(t)
	}
	return t, n
}

// dropEpenthetic drops the vowel katakana add after a final consonant of
// a foreign name: u after most consonants, o after t and d (サーレム
// Salem, アフマド Ahmad, ハーリド Khalid). The skeleton is unchanged, so
// Japanese names that end so (マコト Makoto) still meet their Latin form.
func dropEpenthetic(t string) string {
	if len(t) < 2 || kanaVowel(t[len(t)-2]) || t == "tsu" {
		return t
	}
	switch c := t[len(t)-2]; t[len(t)-1] {
	case 'u':
		if c != 'y' && c != 'w' {
			return t[:len(t)-1]
		}
	case 'o':
		if c == 't' || c == 'd' {
			return t[:len(t)-1]
		}
	}
	return t
}

// isKatakana reports whether r is a katakana letter.
func isKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FA }

// wordEnds reports whether the kana word ends before rs: rs is empty or
// starts with neither kana nor the long vowel mark.
func wordEnds(rs []rune) bool {
	if len(rs) == 0 {
		return true
	}
	r := rs[0]
	return !(r >= 0x3041 && r <= 0x30FF) || r == 0x30FB // ・ separates words
}

// smallTsu reads a small tsu, which doubles the consonant after it
// (っち → tchi, ッド → ddo); before a vowel or at the end it is dropped.
func smallTsu(rs []rune) (string, int) {
	if len(rs) < 2 || rs[1] == 'っ' || rs[1] == 'ッ' {
		return "", 1
	}
	next, n := foldKana(rs[1:])
	if n == 0 || next == "" || kanaVowel(next[0]) {
		return "", 1
	}
	c := next[:1]
	if next[0] == 'c' {
		c = "t"
	}
	return c + next, n + 1
}

// kanaPair romanises a kana followed by a small kana: the Japanese
// digraphs (きゃ kya, しょ sho) and the katakana combinations written for
// foreign sounds (ティ ti, ディ di, ファ fa, ウィ wi, ヴァ va, シェ she,
// ツァ tsa, デュ dyu).
func kanaPair(h, next rune) (string, bool) {
	s, ok := toHiragana(next)
	if !ok {
		return "", false
	}
	if t, ok := kanaDigraph[string([]rune{h, s})]; ok {
		return t, true
	}
	v, small := smallVowel[s]
	if !small {
		return "", false
	}
	c, ok := kanaConsonant(h)
	if !ok {
		return "", false
	}
	if v[0] == 'y' && (c == "sh" || c == "j" || c == "ch") {
		v = v[1:] // シュ is shu, not shyu
	}
	return c + v, true
}

// kanaConsonant returns the consonant of a kana, as it combines with a
// small vowel: フ f, テ t, ド d, ウ w, イ y, ヴ v, シ sh, ツ ts.
func kanaConsonant(h rune) (string, bool) {
	switch h {
	case 'う':
		return "w", true
	case 'い':
		return "y", true
	case 'ゔ':
		return "v", true
	case 'て', 'と':
		return "t", true
	case 'で', 'ど':
		return "d", true
	}
	t := kanaTable[h]
	if len(t) < 2 || !kanaVowel(t[len(t)-1]) || kanaVowel(t[0]) {
		return "", false
	}
	return t[:len(t)-1], true
}

// smallVowel holds the small kana that follow another to make one sound.
var smallVowel = map[rune]string{
	'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o", 'ゃ': "ya", 'ゅ': "yu", 'ょ': "yo", 'ゎ': "wa",
}

// toHiragana maps a katakana to its hiragana and reports whether the
// result is a kana Fold knows.
func toHiragana(r rune) (rune, bool) {
	switch {
	case r >= 0x30A1 && r <= 0x30F6:
		r -= 0x60
	case r >= 0x30F7 && r <= 0x30FA: // ヷ ヸ ヹ ヺ
		r = []rune{'わ', 'ゐ', 'ゑ', 'を'}[r-0x30F7]
		return r, true
	}
	_, ok := kanaTable[r]
	return r, ok
}

var kanaTable = map[rune]string{
	'あ': "a", 'い': "i", 'う': "u", 'え': "e", 'お': "o",
	'か': "ka", 'き': "ki", 'く': "ku", 'け': "ke", 'こ': "ko",
	'が': "ga", 'ぎ': "gi", 'ぐ': "gu", 'げ': "ge", 'ご': "go",
	'さ': "sa", 'し': "shi", 'す': "su", 'せ': "se", 'そ': "so",
	'ざ': "za", 'じ': "ji", 'ず': "zu", 'ぜ': "ze", 'ぞ': "zo",
	'た': "ta", 'ち': "chi", 'つ': "tsu", 'て': "te", 'と': "to",
	'だ': "da", 'ぢ': "ji", 'づ': "zu", 'で': "de", 'ど': "do",
	'な': "na", 'に': "ni", 'ぬ': "nu", 'ね': "ne", 'の': "no",
	'は': "ha", 'ひ': "hi", 'ふ': "fu", 'へ': "he", 'ほ': "ho",
	'ば': "ba", 'び': "bi", 'ぶ': "bu", 'べ': "be", 'ぼ': "bo",
	'ぱ': "pa", 'ぴ': "pi", 'ぷ': "pu", 'ぺ': "pe", 'ぽ': "po",
	'ま': "ma", 'み': "mi", 'む': "mu", 'め': "me", 'も': "mo",
	'や': "ya", 'ゆ': "yu", 'よ': "yo",
	'ら': "ra", 'り': "ri", 'る': "ru", 'れ': "re", 'ろ': "ro",
	'わ': "wa", 'ゐ': "i", 'ゑ': "e", 'を': "o", 'ん': "n", 'ゔ': "vu",
	'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o", 'ゃ': "ya", 'ゅ': "yu", 'ょ': "yo",
	'ゎ': "wa", 'ゕ': "ka", 'ゖ': "ke", 'っ': "",
}

// kanaDigraph holds kana followed by a small ya/yu/yo (きゃ → kya).
var kanaDigraph = func() map[string]string {
	t := map[string]string{}
	base := map[rune]string{'き': "k", 'ぎ': "g", 'に': "n", 'ひ': "h", 'び': "b", 'ぴ': "p", 'み': "m", 'り': "r"}
	special := map[rune]string{'し': "sh", 'じ': "j", 'ち': "ch", 'ぢ': "j"}
	small := map[rune]string{'ゃ': "a", 'ゅ': "u", 'ょ': "o"}
	for k, c := range base {
		for s, v := range small {
			t[string([]rune{k, s})] = c + "y" + v
		}
	}
	for k, c := range special {
		for s, v := range small {
			t[string([]rune{k, s})] = c + v
		}
	}
	return t
}()

func kanaVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// foldHalfwidth romanises the run of half-width katakana at the start of
// rs (ｶﾞｻﾞﾝ) as the full-width kana they stand for.
func foldHalfwidth(rs []rune) (string, int) {
	n := 0
	for n < len(rs) && rs[n] >= 0xFF66 && rs[n] <= 0xFF9F {
		n++
	}
	full := []rune(norm.NFKC.String(string(rs[:n])))
	var b strings.Builder
	for i := 0; i < len(full); {
		t, m := foldKana(full[i:])
		if m == 0 {
			i++ // a lone sound mark
			continue
		}
		b.WriteString(t)
		i += m
	}
	return b.String(), n
}
