package names

import (
	"math/bits"
	"slices"
	"strings"
)

// legalForms maps the spellings of organisation legal forms, as folded
// word sequences, to one canonical form per kind of company.
var legalForms = map[string][]string{
	"llc": {"llc", "ooo", "tov", "too", "sro", "sarl", "srl", "ltda", "limited liability company",
		"limited liability co", "limited liability partnership company",
		"obshchestvo s ogranichennoy otvetstvennostyu", "obshchestvo s ogranichennoi otvetstvennostyu",
		"obshestvo s ogranichennoy otvetstvennostyu", "tovarystvo z obmezhenoyu vidpovidalnistyu",
		"sociedad de responsabilidad limitada", "societe a responsabilite limitee", "fz llc", "fzllc", "sp zoo", "sp z oo", "spolka z oo",
		"s de rl", "de rl", "spr de rl", "s de rl de cv", "spr", "rl", "ood", "eood",
		// Kyrgyz ЖЧК, Kazakh ЖШС; Chinese 有限责任公司 read in pinyin.
		"zhchk", "zhshs", "you xian ze ren gong si",
		// Written out in other languages: Ukrainian (as Fold reads и),
		// Italian, Portuguese, Spanish, French, Polish, Czech, Serbian and
		// Croatian, Hungarian, Romanian, Greek, Turkish, Vietnamese,
		// Arabic (شركة ذات مسؤولية محدودة as Fold reads it), Korean 유한회사,
		// Japanese 合同会社 (in pinyin and romanised).
		"tovaristvo z obmezhenoyu vidpovidalnistyu", "societa a responsabilita limitata", "sociedade limitada",
		"sociedade por quotas", "sociedad limitada", "entreprise unipersonnelle a responsabilite limitee",
		"spolka z ograniczona odpowiedzialnoscia", "spolecnost s rucenim omezenym", "drustvo s ogranicenom odgovornoscu",
		"doo", "korlatolt felelossegu tarsasag", "kft", "societate cu raspundere limitata",
		"etaireia periorismenis efthynis", "limited sirketi", "ltd sti", "cong ty trach nhiem huu han", "tnhh",
		"shrka dhat msulia mhduda", "sharikat dhat masuliyah mahdudah", "yu hanhoesa", "yuhanhoesa", "yuhan hoesa",
		"he tong hui she", "godo kaisha", "godo gaisha",
		"obshchestvo s dopolnitelnoy otvetstvennostyu",
		// Kazakh partnerships written out: Russian ТОО and Kazakh ЖШС.
		"tovarishchestvo s ogranichennoy otvetstvennostyu", "zhauapkershiligi shekteuli seriktestigi",
		// Belarusian, from the forms of the Civil Code of the Republic of
		// Belarus (Грамадзянскі кодэкс): таварыства з абмежаванай
		// адказнасцю (ТАА) and з дадатковай адказнасцю, as Fold reads them.
		"taa", "tavarystva z abmezhavanay adkaznastsyu", "tavarystva z dadatkovay adkaznastsyu"},
	"ltd": {"ltd", "limited", "co ltd", "company limited", "pte ltd", "pvt ltd", "private limited",
		"pty ltd", "proprietary limited", "co limited",
		// Chinese 有限公司 and 股份有限公司, Japanese 株式会社 and 有限会社,
		// as the engine reads them (Mandarin pinyin, one word a character)
		// and as they are romanised.
		"you xian gong si", "gu fen you xian gong si", "zhu shi hui she", "you xian hui she",
		"kabushiki kaisha", "kabushiki gaisha", "yugen kaisha", "yuxian gongsi", "youxian gongsi",
		// Korean 주식회사 as Fold reads it and as romanised; Indonesian and
		// Malay PT.
		"ju sikhoesa", "jusikhoesa", "jusik hoesa", "chusik hoesa", "perseroan terbatas",
		// Thai บริษัท … จำกัด, a limited company under the Civil and
		// Commercial Code (Book III, Title XXII, s. 1098): the form is
		// written around the name, บริษัท "company" before it and จำกัด
		// "limited" after it, and each is read as the form, as the engine
		// reads them and in the Royal Thai General System. A public
		// company adds มหาชน "public" (Public Limited Companies Act B.E.
		// 2535), an organisation word as "Public" is in "… Public Company
		// Limited" (see orgWords).
		"barisat", "borisat", "chamkat"},
	"jsc": {"jsc", "ao", "oao", "zao", "pao", "pjsc", "ojsc", "cjsc", "jsco", "pat", "prat", "ad", "ead",
		"joint stock company", "joint stock co", "open joint stock company", "private joint stock company", "private joint stock co", "closed joint stock company",
		"public joint stock company", "aktsionernoe obshchestvo", "aktsionernoye obshchestvo",
		"otkrytoe aktsionernoe obshchestvo", "zakrytoe aktsionernoe obshchestvo",
		"publichnoe aktsionernoe obshchestvo", "publichnoye aktsionernoye obshchestvo",
		// Belarusian ААТ, ЗАТ; Russian НАО (non-public joint stock company).
		"aat", "zat", "nao", "nepublichnoe aktsionernoe obshchestvo",
		// Czech and Slovak a.s., Hungarian Zrt./Nyrt., Vietnamese, Arabic
		// شركة مساهمة, Persian شرکت سهامی خاص, Turkish A.Ş.
		"akciova spolecnost", "zrt", "nyrt", "cong ty co phan", "shrka msahma", "sharikat musahamah",
		"shrkt sahami khas", "sherkat sahami khas", "anonim sirketi",
		// Belarusian (Civil Code of the Republic of Belarus): акцыянернае
		// таварыства (АТ), адкрытае (ААТ) and закрытае (ЗАТ); Ukrainian
		// (Civil Code of Ukraine, Law on Joint Stock Companies): акціонерне
		// товариство (АТ), публічне (ПАТ) and приватне (ПрАТ); Kazakh
		// акционерлік қоғам (АҚ); as Fold reads them.
		"aktsyyanernae tavarystva", "adkrytae aktsyyanernae tavarystva", "zakrytae aktsyyanernae tavarystva",
		"aktsionerne tovaristvo", "publichne aktsionerne tovaristvo", "privatne aktsionerne tovaristvo",
		"aktsionerlik qogham", "aktsionerlik qoghamy"},
	"jscb": {"jscb", "akb", "joint stock commercial bank", "aktsionernyy kommercheskiy bank", "aktsionerny kommercheskiy bank"},
	"fsue": {"fsue", "fgup", "federal state unitary enterprise", "federalnoe gosudarstvennoe unitarnoe predpriyatie"},
	"sue":  {"sue", "gup", "state unitary enterprise", "gosudarstvennoe unitarnoe predpriyatie"},
	"gmbh": {"gmbh", "gesellschaft mit beschrankter haftung", "gesellschaft mbh", "ges mbh", "gesmbh", "mbh"},
	"sa": {"sa", "sa de cv", "de cv", "cv", "sadecv", "sapi de cv", "sas", "spa", "sociedad anonima", "societe anonyme", "sociedade anonima", "societa per azioni",
		"societe par actions simplifiee", "sociedad anonima de capital variable", "spolka akcyjna", "anonymi etaireia"},
	"inc": {"inc", "incorporated", "corp", "corporation"},
	"plc": {"plc", "public limited company"},
	"lp": {"lp", "llp", "limited partnership", "limited liability partnership",
		// Thai ห้างหุ้นส่วนจำกัด, a limited partnership (Civil and
		// Commercial Code, Book III, Title XXII), written as one word.
		"hanghunsuanchamkat", "hang hun suan chamkat"},
	"ag":  {"ag", "aktiengesellschaft", "aktiebolag", "aktieselskab", "aksjeselskap", "osakeyhtio"},
	"bv":  {"bv", "besloten vennootschap"},
	"nv":  {"nv", "naamloze vennootschap"},
	"fze": {"fze", "fzco", "fzc", "fz co"},
	"bhd": {"bhd", "sdn bhd", "berhad", "sendirian berhad"},
	"kg":  {"kg", "gmbh co kg"},
}

// gluedForms are legal-form spellings distinctive enough to be split off
// the end of a word they are written together with ("nordtransgmbh" →
// "nordtrans gmbh"): no ordinary word ends in them.
var gluedForms = []string{"gmbh", "llc", "ltd", "ltda", "plc", "jsc", "pjsc", "ojsc", "cjsc", "sarl", "bhd", "fzco", "fzllc",
	"limited", "jusikhoesa", "yuhanhoesa", "kabushikikaisha", "youxiangongsi"}

// splitGlued splits the legal forms of gluedForms off the end of words
// with at least three letters before them.
func splitGlued(words []string) []string {
	var out []string
	for i, w := range words {
		form := ""
		if len(w) >= 6 && !legalWords[w] {
			for _, f := range gluedForms {
				if len(w) >= len(f)+3 && strings.HasSuffix(w, f) && !IsLegalSpelling(w) {
					form = f
					break
				}
			}
		}
		if form == "" {
			if out != nil {
				out = append(out, w)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(words)+1), words[:i]...)
		}
		out = append(out, w[:len(w)-len(form)], form)
	}
	if out == nil {
		return words
	}
	return out
}

// legalIndex maps a folded phrase to its canonical form; maxLegalWords is
// the longest phrase.
var legalIndex, maxLegalWords = func() (map[string]string, int) {
	m := map[string]string{}
	longest := 0
	for canon, forms := range legalForms {
		for _, f := range forms {
			m[f] = canon
			longest = max(longest, len(strings.Fields(f)))
		}
	}
	return m, longest
}()

// legalForm finds the longest legal-form phrase at the start of words and
// returns its canonical form and length in words, or ("", 0).
func legalForm(words []string) (string, int) {
	for n := min(maxLegalWords, len(words)); n >= 1; n-- {
		if canon, ok := legalIndex[strings.Join(words[:n], " ")]; ok {
			return canon, n
		}
	}
	return "", 0
}

// IsLegalSpelling reports whether a folded phrase is a legal-form spelling.
func IsLegalSpelling(phrase string) bool { _, ok := legalIndex[phrase]; return ok }

// misspeltLegalForm finds a legal form misspelt by one edit at the start
// of words ("limietd", "gbmh"), or written as short pieces ("s aa s"),
// and returns its canonical form and length in words, or ("", 0). Only
// words of four letters or more are corrected, so that "inn" stays "inn".
func misspeltLegalForm(words []string) (string, int) {
	if len(words[0]) <= 2 {
		// Short pieces of one legal form: "s aa s" → "saas" → "sas".
		joined := words[0]
		for n := 2; n <= min(4, len(words)) && len(words[n-1]) <= 2; n++ {
			joined += words[n-1]
			if canon, ok := legalIndex[joined]; ok {
				return canon, n
			}
			if canon := nearLegal(joined, 3); canon != "" {
				return canon, n
			}
		}
		return "", 0
	}
	if canon := nearLegal(words[0], 4); canon != "" {
		return canon, 1
	}
	return nearLegalPhrase(words)
}

// nearLegalPhrase finds a legal form of several words, twelve letters or
// more, misspelt by one edit or with a space dropped or added, at the
// start of words ("fedderal state unitary enterprise", "joint
// stockcommercial bank"), and returns its canonical form and length in
// words, or ("", 0).
func nearLegalPhrase(words []string) (string, int) {
	if len(words) == 0 || words[0] == "" || !phraseStarts[words[0][0]] {
		return "", 0
	}
	size := 0
	for n := 1; n <= min(maxLegalWords+1, len(words)); n++ {
		size += len(words[n-1])
		if size < 12 {
			continue
		}
		var joined string
		var jm uint32
		for _, f := range longPhrases {
			if abs(len(f.spelling)-size) > 1 || f.spelling[0] != words[0][0] {
				continue
			}
			if joined == "" {
				joined = strings.Join(words[:n], "")
				jm = LetterMask(joined)
			}
			if f.near(joined, jm) {
				return f.canon, n
			}
		}
	}
	return "", 0
}

// phraseStarts holds the first letters of longPhrases.
var phraseStarts = func() [256]bool {
	var t [256]bool
	for _, f := range longPhrases {
		t[f.spelling[0]] = true
	}
	return t
}()

// longPhrases are the legal-form spellings of several words and twelve
// letters or more, written without spaces, in a fixed order.
var longPhrases = func() []formSpelling {
	var out []formSpelling
	for _, canon := range sortedKeys(legalForms) {
		for _, f := range legalForms[canon] {
			if j := strings.ReplaceAll(f, " ", ""); strings.Contains(f, " ") && len(j) >= 12 {
				out = append(out, newSpelling(j, canon))
			}
		}
	}
	return out
}()

// nearLegal returns the canonical form of the one-word legal form of
// minLen letters or more within one edit of w, or "". A word is checked
// against three-letter forms only when it was pieced together from
// letters ("s aa s"): one edit from "pat" is "path", from "too" "tool".
// The first letter must be the form's: "earl" is not "sarl".
func nearLegal(w string, minLen int) string {
	if len(w) < 4 || len(w) > 16 || stopWords[w] || legalWords[w] {
		return ""
	}
	wm := LetterMask(w)
	for _, f := range oneWordForms {
		if len(f.spelling) >= minLen && f.spelling[0] == w[0] && f.near(w, wm) && w != f.spelling {
			return f.canon
		}
	}
	return ""
}

type formSpelling struct {
	spelling, canon string
	mask            uint32 // LetterMask(spelling)
}

func newSpelling(spelling, canon string) formSpelling {
	return formSpelling{spelling, canon, LetterMask(spelling)}
}

// near reports whether w, of letters wm, is at most one edit from the
// spelling. One edit adds at most one letter to the set of letters and
// removes at most one, a cheap test that rules out most words.
func (f formSpelling) near(w string, wm uint32) bool {
	return abs(len(f.spelling)-len(w)) <= 1 && bits.OnesCount32(wm&^f.mask) <= 1 && bits.OnesCount32(f.mask&^wm) <= 1 &&
		DistanceAtMost(w, f.spelling, 1) <= 1
}

// oneWordForms are the one-word legal-form spellings, in a fixed order.
var oneWordForms = func() []formSpelling {
	var out []formSpelling
	for _, canon := range sortedKeys(legalForms) {
		for _, f := range legalForms[canon] {
			if !strings.Contains(f, " ") {
				out = append(out, newSpelling(f, canon))
			}
		}
	}
	return out
}()

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
