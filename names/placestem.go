package names

import (
	"strings"
	"unicode/utf8"
)

// PlaceStemReading is the other reading of a Cyrillic place adjective
// (see PlaceReading): the place without -ск. PlaceReading writes Омский
// as Омск, right for the many places named in -ск (Omsk, Izhevsk,
// Khabarovsk), but Тамбовский is Tambov, Казанский Kazan, Пермский Perm,
// Самарский Samara, Чебоксарский Cheboksary: the spelling does not tell
// which, so both readings are screened and the better wins. The stem
// undoes the consonant change Russian makes before -ск (Волжский, Рижский:
// ж is г, Volga, Riga), and a few places whose English name is not a
// reading of the Russian one are written in English (Московский Moscow,
// Крымский Crimea). It reports false when no word is a place adjective
// whose stem differs from PlaceReading's.
func PlaceStemReading(s string) (string, bool) { return replaceWords(s, placeStemOf) }

// replaceWords returns s with each word that f rewrites rewritten, and
// false when f rewrites none.
func replaceWords(s string, f func(string) (string, bool)) (string, bool) {
	words := strings.Fields(s)
	changed := false
	for i, w := range words {
		if p, ok := f(w); ok {
			words[i], changed = p, true
		}
	}
	if !changed {
		return "", false
	}
	return strings.Join(words, " "), true
}

// placeExonyms are the places, by the stem of their adjective, whose
// English name is not a reading of the Russian one.
var placeExonyms = map[string]string{
	"москов":   "Moscow",
	"крым":     "Crimea",
	"кавказ":   "Caucasus",
	"сибир":    "Siberia",
	"черномор": "Black Sea",
}

func placeStemOf(w string) (string, bool) {
	p, ok := placeOf(w)
	if !ok || !strings.HasSuffix(p, "ск") {
		return "", false // not a place adjective, or the stem is the place already
	}
	stem := strings.TrimSuffix(p, "ск")
	if e, ok := placeExonyms[strings.ToLower(stem)]; ok {
		return e, true
	}
	if strings.HasSuffix(stem, "ж") {
		stem = strings.TrimSuffix(stem, "ж") + "г"
	} else if strings.HasSuffix(stem, "Ж") {
		stem = strings.TrimSuffix(stem, "Ж") + "Г"
	}
	if utf8.RuneCountInString(stem) < 3 {
		return "", false // Омский is Omsk: a stem of two letters is no place
	}
	return stem, true
}
