package names

import (
	"strings"
	"unicode/utf8"
)

// Readings returns the other ways a name may be read, beside the one
// Analyze gives: names of Arabic origin written in Cyrillic as Russian
// writes them (ArabicReading), names in Arabic script as Persian, Dari
// and Urdu pronounce them (PersianReading), and the script-aware
// readings of Japanese, Chinese transcriptions, Thai, Tamil, Hebrew,
// Khmer and Cyrillic place names, in that order. The screening engine
// screens each reading and keeps the best; a name in Latin script has
// none, so Latin names pay nothing for them.
func Readings(s string, kind Kind) []string {
	var out []string
	add := func(readings ...func(string) (string, bool)) {
		for _, read := range readings {
			if r, ok := read(s); ok {
				out = append(out, r)
			}
		}
	}
	add(ArabicReading, PersianReading)
	out = appendArabicReadings(out, s)
	add(LocalReading)
	if kind != Organization {
		out = append(out, JapaneseReadings(s)...)
	}
	add(TransReading, ThaiReading, ThaiFamilyReading, TamilReading, HebrewReading, BiblicalReading, KhmerReading)
	if kind != Person {
		add(PlaceReading, PlaceStemReading)
	}
	return out
}

// PersianReading returns the name s, written in Arabic script, as
// Persian, Dari and Urdu read it, in Arabic script still: it reports
// false when s has no Arabic letter. The primary reading (Fold) reads
// Arabic letters the Arabic way unless the name has a letter only those
// languages use, and many Iranian and Afghan names have none ("على رضا",
// "جواد درویش"). This reading writes ي ك ى in their Persian forms ی ک ی,
// so that Fold reads the name as Persian: ث is s and ذ ض ظ are z (رضا
// Reza, فضل Fazal, ذوالقدر Zolghadr), a final ه is -eh (جمعه Jomeh), and
// و is the consonant v (written ڤ) at the start of a word, before ا or
// ی, and after ا within a word (ولی Vali, درویش Darvish, موسوی Mousavi,
// داود Davood), where Fold reads Afghan w; between consonants it stays a
// vowel (موسی Musa). A name with no letter to change is marked Persian
// with a zero-width non-joiner.
func PersianReading(s string) (string, bool) {
	if !hasArabicLetter(s) {
		return "", false
	}
	rs := []rune(s)
	changed := false
	for i, r := range rs {
		to := r
		switch r {
		case 'ي', 'ى':
			to = 'ی'
		case 'ك':
			to = 'ک'
		case 'و':
			if persianV(rs, i) {
				to = 'ڤ'
			}
		}
		if to != r {
			rs[i], changed = to, true
		}
	}
	switch {
	case isPersian([]rune(s)):
		if !changed {
			return "", false // Fold reads it as Persian already
		}
	case !isPersian(rs):
		// No letter told Persian: the zero-width non-joiner, which
		// Persian writes inside words and Fold drops, does.
		rs = append(rs, 0x200C)
	}
	return string(rs), true
}

// persianV reports whether the و at i is read as the consonant v in
// Persian (see PersianReading).
func persianV(rs []rune, i int) bool {
	start := i == 0 || !isArabicLetter(rs[i-1])
	if start {
		return i+1 < len(rs) && isArabicLetter(rs[i+1])
	}
	if i+1 < len(rs) {
		switch rs[i+1] {
		case 'ا', 'ی', 'ي', 'ى':
			return true
		}
	}
	// After ا inside a word: داود, کاوه; not ا + و at the start of a word
	// (اویس Owais), where the alif only carries the vowel.
	return rs[i-1] == 'ا' && i >= 2 && isArabicLetter(rs[i-2])
}

func hasArabicLetter(s string) bool {
	for _, r := range s {
		if isArabicLetter(r) {
			return true
		}
	}
	return false
}

// PlaceReading returns an organisation's name written in Cyrillic with
// its place adjectives read as the place, the way the English forms
// write them: Арзамасский машиностроительный завод is "Arzamas
// Machine-Building Plant", Омский институт "Omsk Institute",
// Севастопольский порт "Sevastopol Port". The adjective ending
// (-ский, -ская, -ское, -ского, -ских, Ukrainian -ський, Belarusian -скі,
// -скае) is dropped; a stem ending in с or ь is the place (Арзамас,
// Севастополь), any other keeps -ск (Омск, Воткинск). It reports false
// when no word has such an ending.
func PlaceReading(s string) (string, bool) { return replaceWords(s, placeOf) }

var placeEndings = []string{"ского", "скому", "ський", "ская", "ское", "ских", "ские", "ский", "ська", "ське", "скае", "скі"}

func placeOf(w string) (string, bool) {
	lw := strings.ToLower(w)
	for _, e := range placeEndings {
		if !strings.HasSuffix(lw, e) || utf8.RuneCountInString(lw)-utf8.RuneCountInString(e) < 2 {
			continue
		}
		stem := w[:len(w)-len(e)]
		switch r, _ := utf8.DecodeLastRuneInString(strings.ToLower(stem)); r {
		case 'с', 'ь':
			return stem, true
		}
		return stem + "ск", true
	}
	return "", false
}
