package names

import (
	_ "embed"
	"strings"
)

// orgWordsFifth are the groups of organisation words added in the fifth
// pass of issue 10. Each group's first word is that of an older group
// (see orgWords, orgWordsFourth), to which it adds words of two kinds:
//
//   - Thai words, from their dictionary translations (Royal Institute
//     Dictionary, B.E. 2554): a Thai company name is a translation of the
//     Latin one (บริษัท … จำกัด, "… Company Limited", is a legal form, see
//     legalForms). They are written in Thai and folded as the engine
//     reads Thai.
//   - Russian spellings of the English words of the older groups, as
//     Russian company names borrow them rather than translate them
//     ("ТРЕЙДИНГ" for trading, "ЭНЕРДЖИ" for energy). Each is the English
//     word written by the English–Russian practical transcription
//     (Д. И. Ермолович, «Имена собственные: теория и практика
//     межъязыковой передачи», 2005; its table is reproduced in Russian
//     Wikipedia, «Англо-русская практическая транскрипция», CC BY-SA):
//     ei is ей, j and soft g are дж, the English -ing is -инг, a final -y
//     is -и, -tion is -шн; with the spellings without a doubled consonant
//     or with э that the transcription allows. Only English words the
//     older groups hold are given: a Russian spelling of any other
//     English word is read as written.
//
// The groups are the lines of data/org-words-5.csv (sources and licence
// in data/ORG-WORDS-5.md).
var orgWordsFifth = func() [][]string {
	var groups [][]string
	for _, line := range strings.Split(orgWords5CSV, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		groups = append(groups, strings.Split(line, ","))
	}
	return groups
}()

//go:embed data/org-words-5.csv
var orgWords5CSV string

// hanEnglishWords maps the pinyin of a place written in Chinese
// characters in organisation names to the words Latin names write it
// with, where these are other words than the pinyin and as many: 香港
// "xiang gang" is Hong Kong, the English name the Basic Law of the Hong
// Kong Special Administrative Region gives it (and the name of the
// region's companies registry). Read as the one word "xianggang" it met
// the Latin names' "Hong Kong", two words, only as a whole, which no
// Latin name writes.
var hanEnglishWords = map[string][]string{
	Fold("香港"): {"hong", "kong"},
}
