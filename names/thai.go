package names

import (
	"slices"
	"strings"
)

// Thai and Lao are read with the generic table (see generic.go) and these
// rules of the Royal Thai General System (RTGS), where the generic
// reading is wrong for names:
//   - the vowels เ แ โ ใ ไ (Lao ເ ແ ໂ ໃ ໄ) are written before the
//     consonant they follow in speech: เปรม is "prem", not "eprm"; with
//     า after the consonant เ is "ao", with ีย "ia", with ือ "uea", with อ
//     "oe";
//   - a consonant marked with the thanthakhat ์ is silent, and so is one
//     before it that follows the final consonant of the syllable (จันทร์
//     "chan", ประยุทธ์ "prayut");
//   - a consonant that closes a syllable (after a vowel sign, before
//     another consonant or the end of the word) takes its final value:
//     k, t, n or p (ทักษิณ "thaksin");
//   - อ (ອ) only carries a vowel, long vowels are written single, and
//     tone marks are not written.

func isThaiLao(r rune) bool { return r >= 0x0E01 && r <= 0x0EFF }

// isThai reports whether r is in the Thai block (Lao excluded).
func isThai(r rune) bool { return r >= 0x0E01 && r <= 0x0E7F }

// isThaiLeadingVowel reports whether r is written before its consonant.
func isThaiLeadingVowel(r rune) bool {
	return r >= 0x0E40 && r <= 0x0E44 || r >= 0x0EC0 && r <= 0x0EC4
}

func isThaiConsonant(r rune) bool {
	return r >= 0x0E01 && r <= 0x0E2E || r >= 0x0E81 && r <= 0x0EAE
}

// isThaiVowelSign reports whether r is a vowel written after or above
// or below its consonant.
func isThaiVowelSign(r rune) bool {
	return r >= 0x0E30 && r <= 0x0E39 || r >= 0x0EB0 && r <= 0x0EBC && r != 0x0EBA
}

// thaiCarrier reports whether r is อ (Lao ອ), which carries a vowel.
func thaiCarrier(r rune) bool { return r == 0x0E2D || r == 0x0EAD }

const thaiKaran = 0x0E4C

// thaiFinal gives the final value of a Thai consonant by its class.
func thaiFinal(r rune) string {
	switch r {
	case 'ก', 'ข', 'ฃ', 'ค', 'ฅ', 'ฆ':
		return "k"
	case 'จ', 'ฉ', 'ช', 'ซ', 'ฌ', 'ฎ', 'ฏ', 'ฐ', 'ฑ', 'ฒ', 'ด', 'ต', 'ถ', 'ท', 'ธ', 'ศ', 'ษ', 'ส':
		return "t"
	case 'ญ', 'ณ', 'น', 'ร', 'ล', 'ฬ':
		return "n"
	case 'บ', 'ป', 'พ', 'ฟ', 'ภ':
		return "p"
	}
	return ""
}

// foldThaiWord romanises the Thai or Lao word at the start of rs.
func foldThaiWord(rs []rune, etym bool) (string, int) {
	n := 0
	for n < len(rs) && isThaiLao(rs[n]) && !isThaiSpace(rs[n]) {
		n++
	}
	if n == 0 {
		return "", 1
	}
	word := rs[:n]
	if etym && word[0] <= 0x0E7F {
		return foldThaiEtym(word), n
	}
	out := make([]string, len(word)) // the Latin value of each rune, by position
	final := make([]bool, len(word)) // consonants that close a syllable with an unwritten vowel
	for i := 0; i < len(word); i++ {
		r := word[i]
		switch {
		case r == thaiKaran:
			silence(word, out, i)
		case isThaiLeadingVowel(r) && i+1 < len(word) && isThaiConsonant(word[i+1]):
			i = thaiLeading(word, out, i)
		case isThaiConsonant(r) && final[i]:
			out[i] = thaiFinalValue(r)
		case isThaiConsonant(r):
			out[i] = thaiConsonant(word, i)
			if r == 'ร' && i == len(word)-1 && i > 1 && isThaiConsonant(word[i-1]) && thaiCloses(word, i-1) {
				out[i] = "" // ร after a final is silent: ประวิตร Prawit, สมัคร Samak
				continue
			}
			if !thaiCloses(word, i) {
				i = thaiUnwritten(word, out, final, i)
			}
		case isThaiVowelSign(r) || isThaiLeadingVowel(r):
			out[i] = thaiVowel(r)
		case r >= 0x0E50 && r <= 0x0E59 || r >= 0x0ED0 && r <= 0x0ED9:
			out[i] = genericValue(r)
		}
	}
	return strings.Join(out, ""), n
}

// thaiNext returns the index of the first rune from i on that is not a
// tone mark (or len(word)).
func thaiNext(word []rune, i int) int {
	for i < len(word) && (word[i] >= 0x0E47 && word[i] <= 0x0E4B || word[i] >= 0x0EC8 && word[i] <= 0x0ECB) {
		i++
	}
	return i
}

// thaiSonorant reports whether r is a consonant that ห before it only
// gives a tone to (หล, หม, หน, …).
func thaiSonorant(r rune) bool { return strings.ContainsRune("งญนมยรลว", r) }

// thaiCluster reports whether a and b begin a syllable together (ปร, กล,
// คว, …).
func thaiCluster(a, b rune) bool {
	return strings.ContainsRune("กขคปผพต", a) && strings.ContainsRune("รลว", b)
}

// thaiUnwritten writes the vowel Thai leaves unwritten after the onset
// consonant at i, which no vowel sign follows: o when the next
// consonant closes the syllable (สม Som, พงษ์ Phong, ธร thon), a when the
// next consonant carries a vowel (สมัคร Samak, อนุทิน Anuthin), ua
// before ว and a final (ชวน Chuan), an for รร (บรรหาร Banhan); ห before a
// sonorant is silent (หลีก Lik). It returns the index of the last rune
// used.
func thaiUnwritten(word []rune, out []string, final []bool, i int) int {
	j := thaiNext(word, i+1)
	if j >= len(word) || !isThaiConsonant(word[j]) {
		return i
	}
	c1, c2 := word[i], word[j]
	k := thaiNext(word, j+1)
	carries := k < len(word) && (isThaiVowelSign(word[k]) || word[k] == thaiKaran)
	switch {
	case c1 == 'ห' && thaiSonorant(c2):
		out[i] = ""
	case k < len(word) && word[k] == thaiKaran:
		// The next consonant is silent: nothing to add.
	case carries && thaiCluster(c1, c2):
	case c2 == 'ร' && k < len(word) && word[k] == 'ร':
		out[i] += "an"
		if m := thaiNext(word, k+1); m < len(word) && isThaiConsonant(word[m]) && !thaiCarries(word, m) {
			final[m] = true
		}
		return k
	case c2 == 'ว' && k < len(word) && isThaiConsonant(word[k]) && !thaiCarries(word, k):
		out[i] += "ua"
		final[k] = true
		return j
	case carries:
		out[i] += "a"
	case i == 0 && len(word) == 1:
	default:
		out[i] += "o"
		final[j] = true
	}
	return i
}

// thaiCarries reports whether the consonant at i carries a vowel sign or
// the thanthakhat.
func thaiCarries(word []rune, i int) bool {
	k := thaiNext(word, i+1)
	return k < len(word) && (isThaiVowelSign(word[k]) || word[k] == thaiKaran)
}

// thaiFinalValue is the value of a consonant that closes a syllable.
func thaiFinalValue(r rune) string {
	if f := thaiFinal(r); f != "" {
		return f
	}
	switch r {
	case 'ง':
		return "ng"
	case 'ม':
		return "m"
	case 'ย':
		return "i"
	case 'ว':
		return "w"
	}
	return genericValue(r)
}

func isThaiSpace(r rune) bool { return r == 0x0E2F || r == 0x0E46 || r == 0x0E5A || r == 0x0E5B }

// silence drops the consonant before the thanthakhat at i, and the one
// before it when that follows the syllable's final consonant.
func silence(word []rune, out []string, i int) {
	from, final := karanSpan(word, i)
	for k := from; k < i; k++ {
		out[k] = ""
	}
	if final >= 0 {
		if f := thaiFinal(word[final]); f != "" {
			out[final] = f
		}
	}
}

// karanSpan returns the first of the runes the thanthakhat at i
// silences (they run to i-1), and the consonant it leaves as the
// syllable's final, or -1.
func karanSpan(word []rune, i int) (from, final int) {
	if i >= 2 && isThaiVowelSign(word[i-1]) && isThaiConsonant(word[i-2]) {
		// The thanthakhat over a consonant's vowel silences both:
		// อภิสิทธิ์ Aphisit.
		return i - 2, -1
	}
	if i < 1 || !isThaiConsonant(word[i-1]) {
		return i, -1
	}
	// After mai han-akat, and before a silent ร (the -ndra of Sanskrit
	// names), the consonant before the silent one is silent too, the one
	// before it the final (จันทร์ chan, ลักษณ์ lak, จุรินทร์ churin);
	// otherwise they are a syllable of their own (จุลานนท์ Chulanon,
	// อนุพงษ์ Anuphong).
	if i >= 4 && isThaiConsonant(word[i-2]) && isThaiConsonant(word[i-3]) && (word[i-4] == 0x0E31 || word[i-1] == 'ร') {
		return i - 2, i - 3
	}
	return i - 1, -1
}

// thaiLeading writes the leading vowel at i after its consonant (and
// the r or l of a cluster) and the vowel signs that complete it; it
// returns the index of the last rune used.
func thaiLeading(word []rune, out []string, i int) int {
	onset, vowel, last := thaiLeadingParts(word, i)
	cons := thaiConsonant(word, i+1)
	if onset > i+1 {
		cons += genericValue(word[onset])
	}
	if thaiCarrier(word[i+1]) {
		cons = ""
	}
	out[i] = cons + vowel
	return last
}

// thaiLeadingParts reads the syllable the leading vowel at i begins: it
// returns the index of its last onset consonant (i+1, or i+2 with the r
// or l of a cluster), its vowel with the signs that complete it, and the
// index of the last rune used.
func thaiLeadingParts(word []rune, i int) (onset int, vowel string, last int) {
	v, j := word[i], i+1
	if j+2 < len(word) && (word[j+1] == 'ร' || word[j+1] == 'ล') && !isThaiVowelSign(word[j+2]) {
		j++
	}
	onset = j
	vowel = thaiVowel(v)
	rest := word[j+1:]
	for len(rest) > 1 && thaiNext(rest, 0) == 1 {
		rest, j = rest[1:], j+1 // a tone mark before the vowel's other half: เผ่า
	}
	switch {
	case v == 'เ' && len(rest) > 0 && rest[0] == 'า':
		vowel, j = "ao", j+1
	case v == 'เ' && len(rest) > 1 && rest[0] == 'ี' && rest[1] == 'ย':
		vowel, j = "ia", j+2
	case v == 'เ' && len(rest) > 1 && rest[0] == 'ื' && rest[1] == 'อ':
		vowel, j = "uea", j+2
	case v == 'เ' && len(rest) > 0 && rest[0] == 'อ':
		vowel, j = "oe", j+1
	case len(rest) > 0 && rest[0] == 'ะ':
		j++
	}
	return onset, vowel, j
}

// thaiConsonant returns the value of the consonant word[i]: its final
// value when it closes a syllable.
func thaiConsonant(word []rune, i int) string {
	r := word[i]
	if thaiCarrier(r) {
		return ""
	}
	if thaiCloses(word, i) {
		if f := thaiFinal(r); f != "" {
			return f
		}
		if r == 'ย' {
			return "i" // ชาย chai, ภัย phai
		}
	}
	switch v := genericValue(r); v {
	case "cch":
		return "ch"
	default:
		return v
	}
}

// thaiCloses reports whether the consonant at i closes a syllable whose
// vowel is written: after a vowel sign (tone marks aside; ือ counts as
// one), or a leading vowel two back (three with a cluster: เศรษฐ), and
// before another consonant or the end of the word. Before a consonant
// and a silent one (นนท์, พงษ์) it begins a syllable instead, except
// after mai han-akat (จันทร์), which always has a final, and before a
// silent ร (จุรินทร์, see silence); before รร too
// (สุวรรณ Suwan).
func thaiCloses(word []rune, i int) bool {
	if i == 0 || i+1 < len(word) && (isThaiVowelSign(word[i+1]) || word[i+1] == thaiKaran) {
		return false
	}
	p := i - 1
	for p > 0 && (word[p] >= 0x0E47 && word[p] <= 0x0E4B || word[p] >= 0x0EC8 && word[p] <= 0x0ECB) {
		p--
	}
	if thaiCarrier(word[p]) && p > 0 && isThaiVowelSign(word[p-1]) {
		p-- // ือ, ัว: one vowel
	}
	vowel := isThaiVowelSign(word[p]) ||
		p >= 1 && isThaiLeadingVowel(word[p-1]) ||
		p >= 2 && (word[p] == 'ร' || word[p] == 'ล') && isThaiLeadingVowel(word[p-2])
	if !vowel {
		return false
	}
	if i+2 < len(word) && word[i+1] == 'ร' && word[i+2] == 'ร' {
		return false
	}
	if word[p] != 0x0E31 && i+3 < len(word) && isThaiConsonant(word[i+1]) && isThaiConsonant(word[i+2]) && word[i+2] != 'ร' && word[i+3] == thaiKaran {
		return false
	}
	return true
}

func thaiVowel(r rune) string {
	switch v := genericValue(r); v {
	case "aa", "ii", "uu":
		return v[:1]
	case "uue":
		return "ue"
	default:
		return v
	}
}

// altMark marks the second reading of a name in Thai or Tamil script
// (see ThaiReading, TamilReading): the invisible separator, which Fold
// drops.
const altMark = "\u2063"

// ThaiReading returns the second reading of a name in Thai script, the
// one that follows its Pali and Sanskrit spelling, letter by letter, as
// many Thai families romanise their names (ชินวัตร Shinawatra, สุนทรเวช
// Sundaravej, ชาญวีรกูล Charnvirakul) rather than its sound (RTGS
// Chinnawat, Sunthonwet): see foldThaiEtym. It reports false when s has
// no Thai letter.
func ThaiReading(s string) (string, bool) {
	if !hasThaiLetter(s) {
		return "", false
	}
	return altMark + s, true
}

// familyMark marks the third reading of a name in Thai script (see
// ThaiFamilyReading): two invisible separators.
const familyMark = altMark + altMark

// ThaiFamilyReading returns the third reading of a name of two words or
// more in Thai script: its last word, the family name, read by its
// letters as ThaiReading reads it, the others by their sound. The
// families whose names were made of Pali and Sanskrit words under the
// Surname Act of 1913 romanise them by their letters, while their given
// names are often written as they sound: สมัคร สุนทรเวช Samak Sundaravej,
// บรรหาร ศิลปอาชา Banharn Silpa-archa. It reports false when the reading
// is one of the other two.
func ThaiFamilyReading(s string) (string, bool) {
	if !hasThaiLetter(s) || len(strings.Fields(s)) < 2 {
		return "", false
	}
	r := familyMark + s
	if f := Fold(r); f == Fold(s) || f == Fold(altMark+s) {
		return "", false
	}
	return r, true
}

func hasThaiLetter(s string) bool { return strings.ContainsFunc(s, isThai) }

// lastThaiWord reports whether no Thai letter follows the word that
// begins at i.
func lastThaiWord(rs []rune, i int) bool {
	for i < len(rs) && isThaiLao(rs[i]) && !isThaiSpace(rs[i]) {
		i++
	}
	return !slices.ContainsFunc(rs[i:], isThai)
}
