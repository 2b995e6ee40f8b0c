package names

import (
	"slices"
	"strings"
)

// Class is the role of a token in a name.
type Class uint8

// Token classes.
const (
	// Plain is an ordinary name part: a given or family name, or a word of
	// an organisation's name.
	Plain Class = iota
	// Particle is a connecting part: al, bin, ibn, abu, van, de, ...
	Particle
	// Honorific is a title: Dr, Sheikh, Haji, General, ...
	Honorific
	// Initial is a single letter standing for a given name.
	Initial
	// Legal is an organisation's legal form in canonical form ("llc", "jsc").
	Legal
	// Stop is an organisation stop word: the, of, and, company, ...
	Stop
	// Title is a title or honorific before a person's name ("General",
	// "Генерал", "Doktor", "Sheikh"): recorded, never compared as a name
	// part (see titles.go).
	Title
)

var classNames = [...]string{"plain", "particle", "honorific", "initial", "legal", "stop", "title"}

func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "unknown"
}

// Token is one analysed name part.
type Token struct {
	Text  string // folded text, or the canonical legal form
	Class Class
	// Unvowelled is set when the name is written in a script that does not
	// write short vowels (Arabic, Persian, Hebrew).
	Unvowelled bool
	// Kana is set when the name is written in Japanese kana, which
	// cannot tell l from r, di from ji, ti from chi, and adds vowels after
	// final consonants: such parts are compared loosely (see match).
	Kana bool
	// Trans is set when the name is a foreign name written in Chinese
	// characters (see ForeignHan): its vowels are unsure as in a script
	// without vowels (Unvowelled is set too), and its consonants are
	// compared loosely (see match); and when it is written in a script
	// whose Latin forms follow it loosely (see LooseScript, LooseKeys).
	Trans bool
	// RL is set when the name is written in kana or is a foreign name in
	// Chinese characters: scripts that write r and l alike, whose loose
	// keys merge them (the others' keep them apart: Hebrew ברכה is not
	// Black).
	RL bool
	// Orig is, for a legal form written as one word, that word as written
	// (folded): "corporatiov" read as "inc" may still be "corporativo".
	Orig string
	// Given is set for a plain part of a name that may be a person's
	// where a given name may stand: any but the last plain part. Short
	// forms of given names meet their full forms only there (see
	// VariantKeys).
	Given bool
}

func legalToken(form string, words []string) Token {
	t := Token{Text: form, Class: Legal}
	if len(words) == 1 {
		t.Orig = words[0]
	}
	return t
}

// Kind says what sort of name is analysed.
type Kind uint8

// Kinds of name.
const (
	Any Kind = iota
	Person
	Organization
)

// MaxTokens is the most tokens a name yields; the rest are ignored.
const MaxTokens = 24

// Analyze folds s and splits it into tagged tokens. Legal forms are
// replaced by their canonical form; for organisations, runs of single
// letters are joined ("L.L.C." → "llc", "S A" → "sa").
func Analyze(s string, kind Kind) []Token {
	words := strings.Fields(Fold(latinArticle(s)))
	if len(words) > MaxTokens {
		words = words[:MaxTokens]
	}
	words = readNumbers(words)
	if kind != Person {
		words = joinOrgWords(splitGlued(words))
	}
	if kind == Organization {
		words = joinLetters(words)
	}
	toks := leadingTitles(words, kind, hasArabicLetter(s))
	syllables := hyphenSyllables(s)
	for i := len(toks) + countSpaces(toks); i < len(words); {
		if kind != Person {
			form, n := legalForm(words[i:])
			if kind == Organization {
				// A misspelt long form beats the short form it starts
				// with: "limited liability comoany", not "limited".
				if f2, n2 := nearLegalPhrase(words[i:]); n2 > n {
					form, n = f2, n2
				}
			}
			if n > 0 && (kind == Organization || !ambiguousForms[strings.Join(words[i:i+n], " ")]) {
				if !aroundName(toks, form) {
					toks = append(toks, legalToken(form, words[i:i+n]))
				}
				i += n
				continue
			}
		}
		if kind == Organization {
			if form, n := misspeltLegalForm(words[i:]); n > 0 {
				toks = append(toks, legalToken(form, words[i:i+n]))
				i += n
				continue
			}
		}
		c := classify(words[i], kind)
		if c == Initial && syllables != nil && i > 0 && i+1 < len(words) && syllables[words[i-1]+"-"+words[i]+"-"+words[i+1]] {
			// A letter written between hyphens inside a word is a
			// syllable of the name, not an initial: Chan-o-cha
			// (จันทร์โอชา). As a connecting part it lets the three be
			// written together (see match.Prepare).
			c = Particle
		}
		if kind == Organization && c == Plain && nativeStopWord(s, words[i]) {
			c = Stop
		}
		toks = append(toks, Token{Text: words[i], Class: c})
		i++
	}
	unv, kana, trans := unvowelled(s), hasKana(s), ForeignHan(s)
	loose := trans || LooseScript(s)
	last := -1 // the last plain part
	for i := range toks {
		toks[i].Unvowelled, toks[i].Kana, toks[i].Trans, toks[i].RL = unv || trans, kana, loose, kana || trans
		if toks[i].Class == Plain {
			last = i
		}
	}
	if kind != Organization {
		for i := range last {
			toks[i].Given = toks[i].Class == Plain
		}
	}
	return toks
}

// aroundName reports whether the legal form read after the tokens toks
// closes the same form that opens the name: Thai บริษัท … จำกัด, "company
// … limited", is one form written around the name (see legalForms).
func aroundName(toks []Token, form string) bool {
	return len(toks) >= 2 && toks[0].Class == Legal && toks[0].Text == form && toks[len(toks)-1].Class != Legal
}

// hyphenSyllables returns the one-letter pieces written between
// hyphens inside a word of s, in Latin letters, each with the pieces
// beside it ("chan-o-cha"), folded; nil when s has none.
func hyphenSyllables(s string) map[string]bool {
	if strings.Count(s, "-") < 2 {
		return nil
	}
	var out map[string]bool
	for _, f := range strings.Fields(s) {
		ps := strings.Split(f, "-")
		for i := 1; i+1 < len(ps); i++ {
			if len(ps[i]) != 1 || !isASCIILetter(ps[i][0]) || ps[i-1] == "" || ps[i+1] == "" {
				continue
			}
			prev, next := strings.Fields(Fold(ps[i-1])), strings.Fields(Fold(ps[i+1]))
			if len(prev) == 0 || len(next) == 0 {
				continue
			}
			if out == nil {
				out = map[string]bool{}
			}
			out[prev[len(prev)-1]+"-"+Fold(ps[i])+"-"+next[0]] = true
		}
	}
	return out
}

// countSpaces counts the words beyond the first of the title tokens.
func countSpaces(toks []Token) int {
	n := 0
	for _, t := range toks {
		n += strings.Count(t.Text, " ")
	}
	return n
}

func classify(w string, kind Kind) Class {
	switch {
	case kind == Organization && (stopWords[w] || legalWords[w] || nearStopWord(w)):
		return Stop
	case kind != Organization && honorifics[w]:
		return Honorific
	case particles[w]:
		return Particle
	case kind != Organization && len(w) == 1:
		return Initial
	}
	return Plain
}

// joinLetters joins runs of two or more one-letter words: "s a de c v"
// becomes "sa de cv". A legal form that ends a run stays apart from the
// letters before it: "grupo w s a" becomes "grupo w sa".
func joinLetters(words []string) []string {
	out := words[:0:0]
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && len(words[j]) == 1 {
			j++
		}
		if j-i < 2 {
			out = append(out, words[i])
			i++
			continue
		}
		k := i
		for k < j-1 && !IsLegalSpelling(strings.Join(words[k:j], "")) {
			k++
		}
		if k == j-1 { // no legal form ends the run
			k = i
		}
		switch {
		case k-i >= 2:
			out = append(out, strings.Join(words[i:k], ""))
		case k-i == 1:
			out = append(out, words[i])
		}
		out = append(out, strings.Join(words[k:j], ""))
		i = j
	}
	return out
}

// ambiguousForms are legal-form spellings that are also common name
// parts; they count as legal forms only in names known to be organisations.
var ambiguousForms = set("ao", "ad", "pat", "prat", "sa", "sas", "spa", "ag", "too", "tov", "kg", "lp", "nv", "bv", "sro", "ooo", "pao", "zao", "oao",
	"sue", "nao", "aat", "zat", "gup", "akb", "doo", "kft", "zrt", "nyrt", "mbh", "tnhh", "taa")

// legalWords are words of legal forms that, outside a recognised legal
// form ("private joint company stock"), still say little of who an
// organisation is.
var legalWords = set("joint", "stock", "private", "public", "closed", "open", "liability", "pvt", "pte",
	"pty", "sp", "obshchestvo", "aktsionernoe", "otvetstvennostyu", "ogranichennoy", "societe", "sociedad", "anonima")

// honorifics are titles that say nothing of who a person is.
var honorifics = set("dr", "doctor", "mr", "mrs", "ms", "miss", "mister", "sir", "dame", "lord", "lady",
	"sheikh", "shaykh", "sheik", "shaikh", "cheikh", "haji", "hajji", "hadji", "hajj", "alhaji", "mullah", "mulla",
	"maulana", "mawlana", "maulvi", "mawlawi", "mufti", "imam", "ayatollah", "hojatoleslam",
	"general", "gen", "colonel", "col", "major", "maj", "captain", "capt", "lieutenant", "lt",
	"brigadier", "admiral", "commander", "cmdr", "sergeant", "sgt", "marshal",
	"prof", "professor", "rev", "reverend", "father", "hon", "honorable", "judge", "prince", "princess", "excellency",
	// Arabic script, as Fold reads it: ملا (Mullah), مولانا (Maulana), مولوي (Maulvi); not
	// شيخ, which is also a family name (آل الشيخ, Al ash-Sheikh).
	"mla", "mulana", "mului")

// particles connect name parts; they carry little identity.
var particles = set("al", "el", "ul", "wal", "lil", "bin", "ben", "ibn", "bint", "binti", "abu", "abou", "ould", "wuld",
	"van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das", "do", "la", "le", "zu", "ter", "ten")

// stopWords are organisation words that carry little identity.
var stopWords = set("the", "of", "and", "for", "co", "company", "group", "de", "del", "la", "le", "les", "los", "las",
	"y", "et", "und", "fur", "in", "on", "at", "a", "an", "&")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// unvowelled reports whether s has letters of the Arabic or Hebrew scripts.
func unvowelled(s string) bool {
	for _, r := range s {
		if r >= 0x0590 && r <= 0x06FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF {
			return true
		}
	}
	return false
}

// hasKana reports whether s has Japanese kana letters (hiragana,
// katakana or half-width katakana).
func hasKana(s string) bool {
	for _, r := range s {
		if r >= 0x3041 && r <= 0x30FA || r >= 0xFF66 && r <= 0xFF9D {
			return true
		}
	}
	return false
}

// nearStopWord reports whether w is one edit from an organisation stop
// word or legal-form word of five letters or more ("privatu", "compnay").
func nearStopWord(w string) bool {
	if len(w) < 5 {
		return false
	}
	wm := LetterMask(w)
	for _, x := range longStopWords {
		if x.near(w, wm) {
			return true
		}
	}
	return false
}

// longStopWords are the stop and legal-form words of five letters or more.
var longStopWords = func() []formSpelling {
	var ws []string
	for _, m := range []map[string]bool{stopWords, legalWords} {
		for w := range m {
			if len(w) >= 5 {
				ws = append(ws, w)
			}
		}
	}
	slices.Sort(ws)
	out := make([]formSpelling, len(ws))
	for i, w := range ws {
		out[i] = newSpelling(w, "")
	}
	return out
}()
