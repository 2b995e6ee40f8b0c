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
	// Pashto letters (ځدران Zadran, پښتون Pashtun).
	'ځ': "z", 'څ': "s", 'ښ': "sh", 'ږ': "zh", 'ړ': "r", 'ڼ': "n", 'ګ': "g", 'ټ': "t", 'ډ': "d",
	'ې': "e", 'ۍ': "i", 'ۀ': "a",
	// Kurdish (Sorani) letters.
	'ە': "e", 'ۆ': "o", 'ێ': "e", 'ڤ': "v", 'ڕ': "r", 'ڵ': "l",
}

// hebrew holds the plain value of each Hebrew letter; foldHebrewWord
// reads the letters whose value depends on their place in the word.
var hebrew = map[rune]string{
	'א': "", 'ב': "b", 'ג': "g", 'ד': "d", 'ה': "h", 'ו': "v", 'ז': "z", 'ח': "h",
	'ט': "t", 'י': "y", 'כ': "k", 'ך': "kh", 'ל': "l", 'מ': "m", 'ם': "m", 'נ': "n",
	'ן': "n", 'ס': "s", 'ע': "", 'פ': "p", 'ף': "f", 'צ': "ts", 'ץ': "ts", 'ק': "k",
	'ר': "r", 'ש': "sh", 'ת': "t",
	// Yiddish ligatures.
	'װ': "v", 'ױ': "oy", 'ײ': "ey",
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
