package names

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
