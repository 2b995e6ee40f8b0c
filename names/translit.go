package names

// Transliteration tables. The conventions follow how OFAC, the UN and the
// UK romanise names on their lists, and favour forms whose consonant
// skeleton meets the Latin spellings: Cyrillic х→kh, ж→zh, ц→ts, щ→shch,
// ю→yu, я→ya, й→y, ё→e (BGN/PCGN as simplified by OFAC); Arabic and
// Persian letters map to their common Latin consonants, with ع and ء
// dropped as most Latin forms drop them; short vowels are not written in
// Arabic or Hebrew, so the skeleton (see Skeleton) carries the comparison.

// scriptTable maps a lower-case rune to its Latin form.
var scriptTable = buildScriptTable()

func buildScriptTable() map[rune]string {
	t := make(map[rune]string, 512)
	for _, m := range []map[rune]string{latinExtra, cyrillic, greek, arabic, hebrew, armenian, georgian} {
		for r, s := range m {
			t[r] = s
		}
	}
	return t
}

// latinExtra holds Latin letters that do not decompose into a base letter
// and a mark.
var latinExtra = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th",
	'ı': "i", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'ƒ': "f", 'ĸ': "k", 'ŋ': "ng",
	'ə': "a", 'Ə': "a", // Azerbaijani schwa, romanised "a" on the lists
}

var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya",
	// Ukrainian and Belarusian.
	'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u",
	// Serbian and Macedonian.
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
	// Kazakh, Kyrgyz, Tajik, Uzbek letters seen in Central Asian names.
	'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h",
	'ҳ': "h", 'ҷ': "j", 'ӣ': "i", 'ӯ': "u",
}

var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps",
	'ω': "o",
}

var arabic = map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "a", 'ٱ': "a", 'ء': "", 'ؤ': "", 'ئ': "",
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh",
	'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z",
	'ع': "", 'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n",
	'ه': "h", 'ة': "a", 'و': "w", 'ي': "y", 'ى': "a", 'ـ': "",
	// Persian and Urdu letters.
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ک': "k", 'ی': "y", 'ہ': "h", 'ے': "e",
	'ٹ': "t", 'ڈ': "d", 'ڑ': "r", 'ں': "n", 'ھ': "h",
}

var hebrew = map[rune]string{
	'א': "", 'ב': "b", 'ג': "g", 'ד': "d", 'ה': "h", 'ו': "v", 'ז': "z", 'ח': "kh",
	'ט': "t", 'י': "y", 'כ': "k", 'ך': "k", 'ל': "l", 'מ': "m", 'ם': "m", 'נ': "n",
	'ן': "n", 'ס': "s", 'ע': "", 'פ': "p", 'ף': "f", 'צ': "ts", 'ץ': "ts", 'ק': "k",
	'ר': "r", 'ש': "sh", 'ת': "t",
}

var armenian = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "y",
	'թ': "t", 'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h",
	'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y", 'ն': "n", 'շ': "sh", 'ո': "o",
	'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r", 'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r",
	'ց': "ts", 'ւ': "v", 'փ': "p", 'ք': "k", 'օ': "o", 'ֆ': "f", 'և': "ev",
}

var georgian = map[rune]string{
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t",
	'ი': "i", 'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh",
	'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u", 'ფ': "p", 'ქ': "k", 'ღ': "gh", 'ყ': "q",
	'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j",
	'ჰ': "h",
}

// Korean Hangul syllables, Revised Romanisation, decomposed algorithmically.
var (
	hangulInitial = [...]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	hangulVowel   = [...]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	hangulFinal   = [...]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

func hangul(r rune) string {
	i := int(r - 0xAC00)
	return hangulInitial[i/588] + hangulVowel[(i%588)/28] + hangulFinal[i%28]
}

// foldKana romanises Japanese kana (Hepburn) at the start of rs and
// returns the Latin text and the number of runes used, or 0 when rs does
// not start with kana.
func foldKana(rs []rune) (string, int) {
	r := rs[0]
	if r == 'ー' {
		return "", 1 // long vowel mark: Hepburn on lists omits it
	}
	h, ok := toHiragana(r)
	if !ok {
		return "", 0
	}
	if h == 'っ' && len(rs) > 1 { // small tsu doubles the next consonant
		if next, n := foldKana(rs[1:]); n > 0 && next != "" {
			c := next[:1]
			if next[0] == 'c' { // っち → tchi
				c = "t"
			}
			return c + next, n + 1
		}
		return "", 1
	}
	if len(rs) > 1 {
		if s, ok := toHiragana(rs[1]); ok {
			if t, ok := kanaDigraph[string([]rune{h, s})]; ok {
				return t, 2
			}
		}
	}
	return kanaTable[h], 1
}

func toHiragana(r rune) (rune, bool) {
	if r >= 0x30A1 && r <= 0x30F6 {
		r -= 0x60
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
	'っ': "",
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
