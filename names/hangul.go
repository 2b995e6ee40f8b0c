package names

import "strings"

// Korean Hangul syllables are decomposed algorithmically into an initial
// consonant, a vowel and a final consonant. The consonants are those of
// Revised Romanisation, except ㄱ, written k as McCune–Reischauer and the
// lists write it (Kim, Kwang, Kyong; k and g share a skeleton class), and
// ㄹ, written r at the start of a syllable (리 Ri, 룡 Ryong). The vowels ㅓ
// and ㅡ are written o and u as in McCune–Reischauer without its breves
// (정 Jong, not Jeong; 은 Un, not Eun; 철 Chol, not Cheol): in the OFAC SDN
// list's North Korean names JONG, CHOL, YONG and KYONG far outnumber
// JEONG, CHEOL, YEONG and KYEONG. ㄷ and ㅂ stay d and b: Korean writes
// foreign names with them (빈 라덴 bin Laden), and Pak/Bak meet as name
// variants.
var (
	hangulInitial = [...]string{"k", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	hangulVowel   = [...]string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}
	hangulFinal   = [...]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// hangul romanises one syllable standing as a word: a family name, or a
// name part written apart. The family name 이 is written yi, its Revised
// Romanisation, so that it meets Lee and Rhee as a name variant and is
// not taken for an initial.
func hangul(r rune) string {
	if r == '이' {
		return "yi"
	}
	return syllable(r)
}

// syllable romanises one syllable.
func syllable(r rune) string {
	i := int(r - 0xAC00)
	return hangulInitial[i/588] + hangulVowel[(i%588)/28] + hangulFinal[i%28]
}

// foldHangulRun romanises the run of Hangul syllables at the start of rs
// as one word. Fold writes the first syllable of a three- or four-syllable
// run apart, as the family name, and leaves the rest, the given name, to
// this function: 김정은 → kim jongun. The lists mostly write the given
// name's syllables apart (Kim Jong Un), which the matcher meets as parts
// written together; keeping them joined keeps their order, so that 은정
// (Un Jong) does not pass for 정은 (Jong Un).
func foldHangulRun(rs []rune) (string, int) {
	n := hangulRun(rs)
	if n == 1 {
		return hangul(rs[0]), 1
	}
	var b strings.Builder
	for _, r := range rs[:n] {
		b.WriteString(syllable(r))
	}
	return b.String(), n
}
