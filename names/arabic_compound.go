package names

import "strings"

// joinedArticle reads the article ال inside a word when it joins a
// first name to one of the second elements of compound names that
// Persian, Afghan and Pakistani writing runs together (نورالدین
// Nooruddin, Nur al-Din; ضیاءالحق Zia ul-Haq; نورالاسلام Noor ul-Islam;
// حبیب‌الرحمن Habib ur-Rahman): it is written apart, as the Latin forms
// write Nur al-Din and as Arabic writes نور الدين, so that the parts
// meet the Latin forms that drop or assimilate the article's l
// (Nooruddin, Zia ul-Haq). It returns " al " and 2, or "" and 0 when the
// letter at i does not begin such an article. The first element must
// have two letters at least (جمال, خالد hold ال of their own but no
// such second element).
func joinedArticle(rs []rune, i int) (string, int) {
	if t, n := gluedAbd(rs, i); n > 0 {
		return t, n
	}
	if i+2 >= len(rs) || rs[i] != 'ا' || rs[i+1] != 'ل' || i-wordStart(rs, i) < 2 {
		return "", 0
	}
	for _, w := range compoundSeconds {
		if hasWord(rs[i+2:], w) {
			return " al ", 2
		}
	}
	return "", 0
}

// compoundSeconds are the second elements, after the article, of the
// compound names written joined: al-Din (the faith), al-Haq (the truth),
// al-Islam, al-Rahman (the merciful), al-Rahim.
var compoundSeconds = [][]rune{
	[]rune("دين"), []rune("دین"), []rune("حق"), []rune("اسلام"), []rune("إسلام"),
	[]rune("رحمن"), []rune("رحمان"), []rune("رحيم"), []rune("رحیم"),
}

// abdArticle rewrites Abd and the article assimilated to the sun letter
// that begins the next word, written as one word (Abdur Rahman, Abdus
// Salam, Abdush Shakur, Abder-Razak), as Abdul (Abdul Rahman): "abdul"
// is a spelling of Abd with its article (see variantGroups), as Arabic
// script writes عبد الرحمن. The length is kept, so "Abdush" becomes
// "Abdul ". Only when the next word begins with that consonant: Abdus
// alone, or Abdur Hakim, is left as written.
func abdArticle(s string) string {
	if len(s) < 8 {
		return s
	}
	var b []byte
	for i := 0; i+4 < len(s); i++ {
		if i > 0 && isASCIILetter(s[i-1]) || !strings.EqualFold(s[i:i+3], "abd") || !strings.ContainsRune("aeouAEOU", rune(s[i+3])) {
			continue
		}
		end := i + 4
		for end < len(s) && isASCIILetter(s[end]) {
			end++
		}
		cons := strings.ToLower(s[i+4 : end])
		if !sunConsonant[cons] || end+1+len(cons) > len(s) || s[end] != ' ' && s[end] != '-' ||
			!strings.EqualFold(s[end+1:end+1+len(cons)], cons) {
			continue
		}
		if b == nil {
			b = []byte(s)
		}
		b[i+4] = 'l'
		for k := i + 5; k < end; k++ {
			b[k] = ' '
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// gluedAbd reads عبد at the end of a word of three letters or more and
// before a word that begins with the article, where a name was typed
// without the space before the compound Abd al-X (محمدعبد البصير is
// Muhammad Abd al-Basir): it returns " abd" and 3, or "" and 0. A word of
// two letters before it is a word of its own (معبد Ma'bad).
func gluedAbd(rs []rune, i int) (string, int) {
	if i-wordStart(rs, i) < 3 || !hasWord(rs[i:], []rune("عبد")) || i+6 > len(rs) || rs[i+3] != ' ' ||
		rs[i+4] != 'ا' || rs[i+5] != 'ل' {
		return "", 0
	}
	return " abd", 3
}
