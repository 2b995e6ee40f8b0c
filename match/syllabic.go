package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// Names written in Chinese characters or Hangul are made of syllables, and
// one different syllable is another name: 李明华 is not 李明新, 김정은 is
// not 김정운, Zhang is not Zheng, Yongho is not Yong. So a part of such a
// name (Name.Syllabic) meets another part only when they are the same
// text, a known variant, or the same syllables in another romanisation:
// Wade–Giles, McCune–Reischauer and Revised Romanisation write one
// syllable differently in regular ways (Zhang/Chang, Xi/Hsi, Jong/Chong/
// Jeong/Jung, Song/Sung/Seong, Choe/Choi, Young/Yong), which looseKey
// merges. Spelling similarity does not count.

// looseKey writes into buf the romanisation key of s: the letters that
// romanisations of Chinese and Korean write differently merged (see
// above); it never allocates.
func looseKey(s string, buf []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		var next, after byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		if i+2 < len(s) {
			after = s[i+2]
		}
		switch {
		case c == 'o' && next == 'i', c == 'o' && next == 'e': // Choi, Choe
			buf = append(buf, 'u', 'e')
			i++
			continue
		case c == 'e' && (next == 'o' || next == 'u'), c == 'o' && next == 'o': // eo, eu, oo
			c = 'u'
			i++
		case c == 'o' && next == 'u' && after == 'n': // Young
			c = 'u'
			i++
		case c == 'e' && next == 'e': // Lee
			c = 'i'
			i++
		case c == 'i' && next == 'e' && after == 'n': // Wade–Giles ien
			buf = append(buf, 'i', 'a')
			i++
			continue
		case c == 'o':
			c = 'u'
		case (c == 'c' || c == 'z') && next == 'h', c == 't' && (next == 's' || next == 'z'):
			c = 'c'
			i++
		case c == 'h' && next == 's': // Wade–Giles hs
			c = 'x'
			i++
		case c == 'j' || c == 'q' || c == 'z':
			c = 'c'
		case c == 'g':
			c = 'k'
		case c == 'b':
			c = 'p'
		case c == 'd':
			c = 't'
		case c == 'r':
			c = 'l'
		}
		buf = append(buf, c)
	}
	return buf
}

// looseEqual reports whether a and b are the same syllables in another
// romanisation.
func looseEqual(a, b string) bool {
	var ba, bb [64]byte
	return string(looseKey(a, ba[:0])) == string(looseKey(b, bb[:0]))
}

// looseEqualJoined reports whether the parts written together are text
// in another romanisation.
func looseEqualJoined(parts []Part, text string) bool {
	var ba, bb [64]byte
	ka := ba[:0]
	for i := range parts {
		ka = looseKey(parts[i].Text, ka)
	}
	return string(ka) == string(looseKey(text, bb[:0]))
}

// maxNative is the most characters of a name compared one by one.
const maxNative = 16

// nativeShare compares two names written in the same script, Chinese
// characters or Hangul, character by character: it returns the share
// of characters they have in common (2 × common / (len a + len b)), 1
// when they are not both written in one of those scripts. Known
// variants count as the same character: a Hangul syllable whose initial
// ㄹ or ㄴ is dropped or written ㅇ at the start of a word (리/이, 류/유,
// 로/노), and Chinese characters with the same reading and tone
// (simplified and traditional forms: 張/张, 鄭/郑; homophones with the
// same tone are not told apart).
func nativeShare(a, b string) float32 {
	var ra, rb [maxNative]rune
	na, sa := nativeRunes(a, &ra)
	nb, sb := nativeRunes(b, &rb)
	if na == 0 || nb == 0 || sa != sb {
		return 1
	}
	var used [maxNative]bool
	common := 0
	for _, x := range ra[:na] {
		for j, y := range rb[:nb] {
			if !used[j] && (x == y || sameCharacter(x, y)) {
				used[j] = true
				common++
				break
			}
		}
	}
	return 2 * float32(common) / float32(na+nb)
}

// nativeRunes collects the Chinese characters or Hangul syllables of s
// into buf and says which script they are in (1 Hangul, 2 Chinese, 0
// none or both).
func nativeRunes(s string, buf *[maxNative]rune) (int, int) {
	n, script := 0, 0
	for _, r := range s {
		sc := 0
		switch {
		case isHangulSyllable(r):
			sc = 1
		case unicode.Is(unicode.Han, r):
			sc = 2
		default:
			continue
		}
		if script != 0 && sc != script {
			return 0, 0
		}
		script = sc
		if n < maxNative {
			buf[n] = r
			n++
		}
	}
	return n, script
}

// sameCharacter reports whether two different characters are known
// variants of one (see nativeShare).
func sameCharacter(x, y rune) bool {
	if isHangulSyllable(x) && isHangulSyllable(y) {
		return initialSoundVariant(x, y)
	}
	px := pinyin.SinglePinyin(x, tonedPinyin)
	py := pinyin.SinglePinyin(y, tonedPinyin)
	return len(px) > 0 && len(py) > 0 && px[0] == py[0]
}

var tonedPinyin = pinyin.Args{Style: pinyin.Tone, Fallback: func(rune, pinyin.Args) []string { return nil }}

// Hangul initial consonants (indexes of the syllable decomposition).
const (
	initialN  = 2  // ㄴ
	initialR  = 5  // ㄹ
	initialNG = 11 // ㅇ (silent)
)

// initialSoundVariant reports whether two Hangul syllables differ only by
// the initial sound law: ㄹ written ㄴ or ㅇ, ㄴ written ㅇ (리/이, 로/노,
// 녀/여), as South and North Korea write the same family names.
func initialSoundVariant(x, y rune) bool {
	ix, iy := int(x-0xAC00), int(y-0xAC00)
	if ix%588 != iy%588 { // vowel and final consonant
		return false
	}
	a, b := ix/588, iy/588
	if a > b {
		a, b = b, a
	}
	return a == initialN && (b == initialR || b == initialNG) || a == initialR && b == initialNG
}

// maxPersonal is the most characters of a personal name written in
// Chinese characters or Hangul: family name and given name, one or two
// syllables each ("欧阳修明").
const maxPersonal = 4

// personalName reports whether a name written in Chinese characters or
// Hangul looks like a personal name, whose characters are syllables of a
// family and a given name, rather than an organisation's name or a
// foreign name written in them by sound (賓拉丹, bin Laden): it has at
// most maxPersonal characters, and it is in Hangul, or one of its words,
// or its first character, is a common Chinese family name (or a variant
// of one: 張 for 张).
func personalName(s string) bool {
	if utf8.RuneCountInString(strings.Join(strings.Fields(s), "")) > maxPersonal {
		return false
	}
	first := true
	for _, w := range strings.Fields(s) {
		rs := []rune(w)
		if len(rs) == 0 {
			continue
		}
		if isHangulSyllable(rs[0]) {
			return true
		}
		if first || len(rs) == 1 {
			if commonSurname(rs[0]) {
				return true
			}
		}
		first = false
	}
	return false
}

// commonSurnames are about a hundred of the commonest Chinese family
// names, in simplified characters, as the published national rankings
// list them (written here from those rankings; the order is not used);
// a traditional form is recognised by its reading and tone.
const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"

func commonSurname(r rune) bool {
	if strings.ContainsRune(commonSurnames, r) {
		return true
	}
	if !unicode.Is(unicode.Han, r) {
		return false
	}
	for _, c := range commonSurnames {
		if sameCharacter(r, c) {
			return true
		}
	}
	return false
}
