package names

// Organisation names written in Cyrillic or Arabic script have function
// words of their own ("и", "по", "в" in Russian; "في", "و" in Arabic;
// "از", "به", "در" in Persian; "او", "د" in Pashto), which the Latin names
// translate as "and", "of", "in" (stop words, see stopWords) or leave out.
// Read as plain parts they were unknown words of full rarity weight, so a
// translated name lost a large share of its score for each. In an
// organisation's name written in those scripts they are stop words. The
// words are folded as Fold writes them; a Latin name never has them read
// so ("Po", "Dr", "Az" stay plain in Latin names).
var cyrillicStopWords = set(
	"i", "v", "vo", "s", "so", "po", "na", "dlya", "iz", "pri", "k", "ko", "o", "ob", // Russian
	"imeni",              // "named after": left out or translated by the Latin names
	"pa", "u", "ta", "z", // Belarusian па, у; Ukrainian та, з
)

var arabicStopWords = set(
	"fi", "w", "wa", "mn", "an", "ila", "li", // Arabic في و من عن إلى ل
	"va", "az", "bh", "dr", "ba", "brai", "ra", "hai", // Persian و از به در با برای را های
	"au", "d", // Pashto او د
)

// nativeStopWord reports whether the folded word w of the organisation
// name s, written in Cyrillic or Arabic script, is a function word of
// that script's languages.
func nativeStopWord(s, w string) bool {
	switch {
	case cyrillicStopWords[w]:
		return hasCyrillicLetter(s)
	case arabicStopWords[w]:
		return hasArabicLetter(s)
	}
	return false
}
