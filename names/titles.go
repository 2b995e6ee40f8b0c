package names

import "strings"

// Titles and honorifics that stand before a person's name say nothing of
// who the person is: Analyze reads a leading run of them as tokens of
// class Title, which the matcher records but never compares as name
// parts ("Генерал Иванов" is "ivanov" with the title "general").
//
// Two sets: honorifics of address are titles wherever a name may be a
// person's; ranks and offices are also ordinary words of organisation
// names ("General Motors", "Minister Trading"), so they count as titles
// only in names known to be persons'. A title is removed only from the
// start of a name and only while a name part follows it, so "Erik Prince"
// keeps Prince and "Sheikh" alone stays a name.
//
// The words are the forms of address and ranks of English, French,
// German, Spanish, Portuguese, Italian, Russian and Ukrainian (as Fold
// writes them: Генерал is "general"), Arabic, Persian, Turkish, Urdu and
// Hindi, and Malay, as they head names on sanctions lists and in the
// press; words that are also common given or family names (Sayed, Amir,
// Hafiz, Don, Pan, Tan, Sultan, Sri) are left out.
var addressTitles = set(
	// English
	"mr", "mrs", "ms", "miss", "mister", "dr", "doctor", "prof", "professor", "sir", "dame",
	"rev", "reverend", "hon", "honorable", "honourable", "excellency",
	// French
	"mme", "mlle", "monsieur", "madame", "mademoiselle", "docteur", "professeur", "maitre",
	// German
	"herr", "frau", "doktor",
	// Spanish, Portuguese, Italian
	"sr", "sra", "srta", "senor", "senora", "senorita", "dra", "licenciado", "lic", "ingeniero",
	"senhor", "senhora", "doutor", "doutora", "sig", "signor", "signora", "dott", "dottore", "avv",
	// Russian, Ukrainian
	"gospodin", "gospozha", "akademik",
	// Arabic, Persian, Urdu, Turkish: religious and social honorifics
	"sheikh", "shaykh", "sheik", "shaikh", "cheikh", "shykh", "haji", "hajji", "hadji", "hajj", "alhaji", "alhaj",
	"hajah", "mullah", "mulla", "maulana", "mawlana", "maulvi", "mawlawi", "moulvi", "mufti", "imam",
	"ayatollah", "ayatullah", "hojatoleslam", "hojjatoleslam", "ustad", "ustadh", "ustaz", "efendi", "pasha", "hoca",
	// Hindi, Bengali: forms of address
	"shri", "shree", "smt", "shrimati",
	// Malay
	"datuk", "dato", "datin", "tunku", "tengku",
)

// officeTitles are ranks and offices: titles in persons' names only.
var officeTitles = set(
	"general", "gen", "colonel", "col", "major", "maj", "captain", "capt", "lieutenant", "lt",
	"brigadier", "admiral", "commander", "cmdr", "sergeant", "sgt", "marshal", "commandant",
	"president", "minister", "governor", "senator", "ambassador", "judge", "mayor", "chairman",
	"king", "queen", "prince", "princess", "lord", "lady", "father", "bishop", "cardinal",
	// French, German, Spanish, Portuguese, Italian
	"capitaine", "ministre", "ambassadeur", "juge", "roi", "reine", "oberst", "hauptmann", "leutnant",
	"prasident", "kanzler", "bundeskanzler", "botschafter", "richter", "coronel", "capitan", "teniente",
	"comandante", "ministro", "presidente", "embajador", "juez", "generale", "colonnello", "capitano",
	// Russian, Ukrainian (folded Cyrillic)
	"polkovnik", "podpolkovnik", "mayor", "kapitan", "leytenant", "ministr", "prezident", "premyer", "posol", "sudya",
	// Arabic ranks: liwa (major general), aqid (colonel), muqaddam (lieutenant colonel)
	"liwa", "aqid", "muqaddam",
)

// arabicTitles are titles and ranks written in Arabic script with the
// article, as Fold reads them: الملك "al mlk" (the King), الأمير the
// Prince, الأميرة the Princess, الشيخ the Sheikh, الفريق lieutenant
// general, اللواء major general, العميد brigadier, العقيد colonel,
// الدكتور Doctor, المهندس Engineer, الرئيس the President, الوزير the
// Minister, السفير the Ambassador. Without the article amir and malik are
// names; with it, at the head of a person's name, they are titles.
var arabicTitles = set("mlk", "mlka", "amir", "amira", "shikh", "shikha", "friq", "lwa", "amid", "aqid",
	"dktur", "duktur", "mhnds", "ris", "wzir", "sfir")

// arabicRanks are the military ranks of arabicTitles, and rankQualifiers
// the words written after them as part of the rank: أول "first" (الفريق
// أول, general) and ركن "staff" (اللواء ركن, staff major general).
var (
	arabicRanks    = set("friq", "lwa", "amid", "aqid")
	rankQualifiers = set("aul", "rkn")
)

// titlePhrases are titles of two words.
var titlePhrases = set("his excellency", "her excellency", "prime minister", "vice president",
	"deputy minister", "foreign minister", "premier ministre", "premyer ministr", "tan sri", "dato seri", "datuk seri")

// leadingTitles returns the titles that start words, a name of the
// kind, as tokens: a run of titles followed by at least one word.
func leadingTitles(words []string, kind Kind, arabic bool) []Token {
	if kind == Organization {
		return nil
	}
	var toks []Token
	for n := 0; n < len(words)-1; {
		switch w := words[n]; {
		case arabic && kind == Person && w == "al" && n+2 < len(words) && arabicTitles[words[n+1]]:
			// The article and an Arabic title: الملك سلمان.
			toks = append(toks, Token{Text: "al " + words[n+1], Class: Title})
			n += 2
			if n+1 < len(words) && arabicRanks[toks[len(toks)-1].Text[3:]] && rankQualifiers[words[n]] {
				// الفريق أول (general), اللواء ركن (staff major general).
				toks = append(toks, Token{Text: words[n], Class: Title})
				n++
			}
		case arabic && w == "smu":
			// سمو, His Highness.
			toks = append(toks, Token{Text: w, Class: Title})
			n++
		case n+2 < len(words) && kind == Person && titlePhrases[w+" "+words[n+1]]:
			toks = append(toks, Token{Text: strings.Join(words[n:n+2], " "), Class: Title})
			n += 2
		case isTitle(w, addressTitles) || kind == Person && isTitle(w, officeTitles):
			toks = append(toks, Token{Text: w, Class: Title})
			n++
		default:
			return toks
		}
	}
	return toks
}

// TitleTokens returns the titles of toks, as Fold writes them.
func TitleTokens(toks []Token) []string {
	var out []string
	for _, t := range toks {
		if t.Class == Title {
			out = append(out, t.Text)
		}
	}
	return out
}

// isTitle reports whether w is one of titles, or a title of five letters
// or more misspelt by one edit that keeps its first letter ("aytaollah",
// "shuikh"), or of four letters with two neighbours swapped ("hjai").
func isTitle(w string, titles map[string]bool) bool {
	if titles[w] {
		return true
	}
	if len(w) < 4 {
		return false
	}
	wm := LetterMask(w)
	for t := range titles {
		if t[0] != w[0] || abs(len(t)-len(w)) > 1 || len(t) < 4 {
			continue
		}
		if len(t) == 4 && (len(w) != 4 || !swapped(w, t)) {
			continue
		}
		if newSpelling(t, "").near(w, wm) {
			return true
		}
	}
	return false
}

// swapped reports whether a and b, of one length, differ by one swap of
// neighbouring letters.
func swapped(a, b string) bool {
	for i := 0; i+1 < len(a); i++ {
		if a[i] != b[i] {
			return a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
		}
	}
	return false
}
