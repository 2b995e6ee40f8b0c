package names

import "strings"

// foldArabic romanises the Arabic letters whose Latin form depends on
// their place in the word, the way the lists' Latin names write them,
// and returns the text and the number of runes used, or 0 when the
// letter at i is left to the plain table:
//   - the word الله (Allah) stays one word, not the article and a noun;
//   - ع that starts a word is read as the vowel the Latin forms write
//     there (عمر Umar, علي Ali, عبد Abd), elsewhere it is dropped;
//   - the words بن, بنت, ابن and ولد are the particles bin, bint, ibn
//     and ould (son of);
//   - ه after a letter read t, d, k, s or z is written "ah", so that it
//     makes no digraph: طه Taha, زاده Zadeh;
//   - عبد joined to the article (عبدالخالق) is written apart, as the
//     Latin forms do (Abd al-Khaliq, Abdul Khaliq);
//   - in Persian, Dari, Pashto and Urdu names (told by the letters only
//     those languages use, such as ی ک پ چ گ) ث ذ ض ظ are read s, z, z, z
//     (Saqib, Fazal), not th, dh, d, z as in Arabic;
//   - و and ي are consonants (w, y) at the start of a word or before
//     alif, and long vowels (u, i) elsewhere: يوسف Yusuf, كبير Kabir,
//     نواف Nwaf (Nawaf). Consonant و stays w in Persian names too: Iranian
//     names write it v (Vali) but Afghan ones, more numerous on the lists,
//     w (Wali, Wakil);
//   - a Persian surname suffix written apart (نژاد, زاده, پور) is joined
//     to the word before, as the Latin forms write it: احمدی نژاد
//     Ahmadinejad, حسن زاده Hassanzadeh.
//
// The consonant skeleton drops a, i, u, w and y alike, so this changes
// only how closely the spelling meets the Latin forms, not which
// skeleton a name has.
func foldArabic(rs []rune, i int, persian bool) (string, int) {
	t, n := foldArabicLetter(rs, i, persian)
	if n <= 1 && falseDigraph(rs, i, persian) {
		if n == 0 {
			t = foldRune(rs[i])
		}
		t, n = "a"+t, 1
	}
	{
		end := i + max(n, 1)
		if sp := persianSuffixAfter(rs, end); sp > 0 && end-wordStart(rs, i) >= 2 {
			if n == 0 {
				t = foldRune(rs[i])
			}
			return t, end - i + sp
		}
	}
	return t, n
}

// silentHe reports whether the ه at i ends a word of three letters or
// more after a consonant, where Arabic names mostly write the feminine
// or colloquial ending the Latin forms write a (حماده Hamada, جمعه Juma,
// عبده Abdou). Persian names write it -eh (زاده Zadeh): the Persian
// reading (see PersianReading) keeps the h, and طه Taha, وجيه Wajih and
// شاه Shah keep it too.
func silentHe(rs []rune, i int) bool {
	if i+1 < len(rs) && isArabicLetter(rs[i+1]) || i < 2 || !isArabicLetter(rs[i-1]) || !isArabicLetter(rs[i-2]) {
		return false
	}
	switch rs[i-1] {
	case 'ا', 'آ', 'و', 'ي', 'ی', 'ى':
		return false
	}
	return true
}

// falseDigraph reports whether the letter at i, read after the letter
// before it, would make a digraph that the consonant skeleton reads as
// one sound: ت or ط before س ص ز ظ ("ts", "tz": منتظری Montazeri,
// المتصدق al-Motassadeq) or د before ج ("dj"). Arabic script writes no
// vowel between them, but the Latin forms do: such a letter is written
// after a vowel.
func falseDigraph(rs []rune, i int, persian bool) bool {
	if i == 0 || !isArabicLetter(rs[i-1]) {
		return false
	}
	switch rs[i-1] {
	case 'ت', 'ط':
		switch rs[i] {
		case 'س', 'ص', 'ز', 'ظ':
			return true
		case 'ض', 'ذ':
			return persian // z in Persian: مرتضی Morteza
		}
	case 'د':
		return rs[i] == 'ج'
	}
	return false
}

// persianSuffixAfter returns the number of spaces at end when they
// separate a word from a Persian surname suffix that the Latin forms write
// joined to it (احمدی نژاد Ahmadinejad, حسن زاده Hassanzadeh, ابراهیم پور
// Ebrahimpour), else 0.
func persianSuffixAfter(rs []rune, end int) int {
	if end >= len(rs) || !isArabicLetter(rs[end-1]) {
		return 0
	}
	sp := 0
	for end+sp < len(rs) && (rs[end+sp] == ' ' || rs[end+sp] == 0x200C) {
		sp++
	}
	if sp == 0 {
		return 0
	}
	for _, w := range persianSuffixes {
		if hasWord(rs[end+sp:], w) {
			return sp
		}
	}
	return 0
}

// persianSuffixes are the Persian surname suffixes the lists write joined
// to the word before: -nejad/-nezhad (race, descent), -zadeh (born of),
// -pour (son of).
var persianSuffixes = [][]rune{[]rune("نژاد"), []rune("زاده"), []rune("پور")}

// wordStart returns the index of the first letter of the word holding i.
func wordStart(rs []rune, i int) int {
	for i > 0 && isArabicLetter(rs[i-1]) {
		i--
	}
	return i
}

// foldArabicLetter reads the letter at i by the rules of foldArabic.
func foldArabicLetter(rs []rune, i int, persian bool) (string, int) {
	start := i == 0 || !isArabicLetter(rs[i-1])
	if start {
		for _, w := range arabicWords {
			if hasWord(rs[i:], w.word) {
				return w.latin, len(w.word)
			}
		}
	}
	start = start || afterArticle(rs, i) || afterAbu(rs, i)
	if start && hasPrefixRunes(rs[i:], []rune("عبدال")) && i+5 < len(rs) && isArabicLetter(rs[i+5]) {
		if hasWord(rs[i+3:], []rune("الله")) {
			return "abd allah", 7
		}
		return "abd al ", 5
	}
	if persian {
		if t, ok := persianValues[rs[i]]; ok {
			return t, 1
		}
	}
	var next rune
	if i+1 < len(rs) {
		next = rs[i+1]
	}
	switch rs[i] {
	case 'ه':
		if !persian && silentHe(rs, i) {
			return "a", 1
		}
		// After a letter read t, d, k, s or z, h would make a digraph (th,
		// dh, kh, sh, zh) that the Latin forms do not have: طه Taha, زاده
		// Zadeh.
		if i > 0 && isArabicLetter(rs[i-1]) && strings.ContainsAny(lastByte(foldRune(rs[i-1])), "tdkszcgp") {
			return "ah", 1
		}
	case 'ع':
		if start {
			return "a", 1
		}
	case 'و':
		if !start && next != 'ا' {
			return "u", 1
		}
	case 'ي', 'ی':
		if !start && next != 'ا' {
			return "i", 1
		}
	}
	return "", 0
}

func hasPrefixRunes(rs, prefix []rune) bool {
	if len(rs) < len(prefix) {
		return false
	}
	for i, r := range prefix {
		if rs[i] != r {
			return false
		}
	}
	return true
}

// persianValues are the Persian, Dari, Pashto and Urdu readings of
// Arabic letters that those languages pronounce differently.
var persianValues = map[rune]string{'ث': "s", 'ذ': "z", 'ض': "z", 'ظ': "z"}

// isPersian reports whether rs has a letter that Persian, Dari, Pashto or
// Urdu use and Arabic does not, the zero-width non-joiner Persian writes
// inside words, or the Persian surname suffix زاده (-zadeh).
func isPersian(rs []rune) bool {
	for i, r := range rs {
		switch r {
		case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی', 'ہ', 'ے', 'ٹ', 'ڈ', 'ڑ', 'ں', 'ھ', 'ځ', 'ښ', 'ږ', 'ړ', 'ڼ', 'ګ', 0x200C:
			return true
		case 'ز':
			if hasWord(rs[i:], []rune("زاده")) {
				return true
			}
		}
	}
	return false
}

// arabicWords are whole words with a fixed Latin form.
var arabicWords = []struct {
	word  []rune
	latin string
}{
	{[]rune("الله"), "allah"},
	{[]rune("بن"), "bin"},
	{[]rune("بنت"), "bint"},
	{[]rune("ابن"), "ibn"},
	{[]rune("ولد"), "ould"}, // son of: Mauritanian Ould, Afghan walad
}

// hasWord reports whether rs starts with the whole word w.
func hasWord(rs, w []rune) bool {
	return hasPrefixRunes(rs, w) && (len(rs) == len(w) || !isArabicLetter(rs[len(w)]))
}

// afterArticle reports whether the letter at i follows the article ال
// that begins a word (or follows عبد), where a new word begins in Latin.
func afterArticle(rs []rune, i int) bool {
	if i < 2 || rs[i-2] != 'ا' || rs[i-1] != 'ل' {
		return false
	}
	return i == 2 || !isArabicLetter(rs[i-3]) || i >= 5 && hasPrefixRunes(rs[i-5:], []rune("عبد")) && (i == 5 || !isArabicLetter(rs[i-6])) ||
		rs[i-3] == 'و' && (i == 3 || !isArabicLetter(rs[i-4])) || afterAbu(rs, i-2)
}

// afterAbu reports whether the letter at i follows the kunya أبو that
// begins a word and is written apart (see arabicProclitic): a new word
// begins in Latin (أبوعمر Abu Umar).
func afterAbu(rs []rune, i int) bool {
	if i < 3 || rs[i-2] != 'ب' || rs[i-1] != 'و' || rs[i-3] != 'ا' && rs[i-3] != 'أ' || i > 3 && isArabicLetter(rs[i-4]) {
		return false
	}
	// As arabicProclitic splits it: three letters at least follow.
	return i+2 < len(rs) && isArabicLetter(rs[i+1]) && isArabicLetter(rs[i+2])
}

func lastByte(s string) string {
	if s == "" {
		return ""
	}
	return s[len(s)-1:]
}

// latinArticle rewrites the Arabic article as Latin forms write it
// assimilated to a sun letter, joined by a hyphen to the word it belongs
// to ("as-Sahni", "Abd ur-Rehman", "ad-Din", "ash-Shaykh"), as "al-",
// the way Arabic script writes it (السهني is "al sahni"). Only a
// separate word of a, e or u and the consonant the next word starts with
// is rewritten: "Ed-Dunn" would be too, but names with a hyphen after
// "Ed" are rare, and without the hyphen nothing changes.
func latinArticle(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	var b []byte
	for i := 1; i < len(s)-1; i++ {
		if s[i] != '-' {
			continue
		}
		start := i
		for start > 0 && isASCIILetter(s[start-1]) {
			start--
		}
		if start > 0 && s[start-1] != ' ' && s[start-1] != '(' && s[start-1] != ',' {
			continue
		}
		word := strings.ToLower(s[start:i])
		if len(word) < 2 || len(word) > 3 || !strings.ContainsRune("aeu", rune(word[0])) || word[1:] == "l" {
			continue
		}
		cons := word[1:]
		if !sunConsonant[cons] || !strings.HasPrefix(strings.ToLower(s[i+1:]), cons) {
			continue
		}
		if b == nil {
			b = []byte(s)
		}
		// Keep the length: "as-" becomes "al-", "ash-" "al -".
		b[start], b[start+1] = 'a', 'l'
		for k := start + 2; k < i; k++ {
			b[k] = ' '
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// sunConsonant are the Latin spellings of the sun letters the article
// assimilates to.
var sunConsonant = set("t", "th", "d", "dh", "r", "z", "s", "sh", "n")

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// CompoundPart reports whether two name parts, as Arabic script writes
// them apart, may be one compound name the Latin forms write as one word:
// a name with Allah (هدايت الله Hidayatullah), with Abd (عبد الرحيم
// Abdurrahim) or a kunya with Abu (أبو مالح Abumalih).
func CompoundPart(first, second string) bool {
	return second == "allah" || first == "abd" || first == "abu"
}

// NasabParticle reports whether a folded part is a particle of a nasab
// chain, "son of" or "daughter of": bin, ibn, bint, ben, ould.
func NasabParticle(s string) bool {
	switch s {
	case "bin", "ibn", "bint", "binti", "ben", "ould", "wuld":
		return true
	}
	return false
}

// NisbaAgrees reports whether a part read from Arabic or Hebrew script
// (unvowelled) and a Latin part that share a consonant skeleton may be
// one name as far as a final -i goes: Arabic script always writes the
// long final i of a nisba or a name (سعيدي Saeedi, علي Ali) with ي, so a
// Latin part ending in i or y after a consonant does not meet a part
// whose script ends in a consonant (سعود Saud is not Saeedi).
func NisbaAgrees(unvowelled, latin string) bool {
	n := len(latin)
	if n < 3 || !(latin[n-1] == 'i' || latin[n-1] == 'y') || isVowelByte(latin[n-2]) {
		return true
	}
	u := unvowelled[len(unvowelled)-1]
	return isVowelByte(u) || u == 'h' // ي read i, or ه read ah/eh
}

func isVowelByte(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// arabicProclitic reads the conjunction و (and) or the preposition ل
// (for) joined to the article at the start of a word, as the Latin forms
// write them apart: والجهاد "wal jihad" (wal-Jihad), للصرافة "lil
// sirafa" (lil-Sirafa); so is the kunya أبو joined to a name (أبوغيث "abu
// ghith"). It returns the text and the number of runes read, or 0 when
// the word does not start so. Two letters at least must follow, so that
// والي (Wali) stays one word; three after أبو.
func arabicProclitic(rs []rune, i int) (string, int) {
	if i > 0 && isArabicLetter(rs[i-1]) || i+4 >= len(rs)+1 {
		return "", 0
	}
	rest := func(k int) bool { return i+k+1 < len(rs) && isArabicLetter(rs[i+k]) && isArabicLetter(rs[i+k+1]) }
	switch {
	case rs[i] == 'و' && i+2 < len(rs) && rs[i+1] == 'ا' && rs[i+2] == 'ل' && rest(3):
		return "wal ", 3
	case rs[i] == 'ل' && i+1 < len(rs) && rs[i+1] == 'ل' && rest(2) && !hasWord(rs[i:], []rune("لله")):
		return "lil ", 2
	case (rs[i] == 'ا' || rs[i] == 'أ') && i+2 < len(rs) && rs[i+1] == 'ب' && rs[i+2] == 'و' && rest(3) && i+5 <= len(rs) && isArabicLetter(rs[i+4]):
		// The kunya أبو (father of) joined to the name after it, as
		// Latin forms write it apart: أبوغيث Abu Ghaith, أبواليزيد Abou
		// El Yazid (the article split too).
		if i+5 < len(rs) && rs[i+3] == 'ا' && rs[i+4] == 'ل' && isArabicLetter(rs[i+5]) {
			return "abu al ", 5
		}
		return "abu ", 3
	}
	return "", 0
}
