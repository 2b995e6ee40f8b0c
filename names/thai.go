package names

import "strings"

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
func foldThaiWord(rs []rune) (string, int) {
	n := 0
	for n < len(rs) && isThaiLao(rs[n]) && !isThaiSpace(rs[n]) {
		n++
	}
	if n == 0 {
		return "", 1
	}
	word := rs[:n]
	out := make([]string, len(word)) // the Latin value of each rune, by position
	for i := 0; i < len(word); i++ {
		r := word[i]
		switch {
		case r == thaiKaran:
			silence(word, out, i)
		case isThaiLeadingVowel(r) && i+1 < len(word) && isThaiConsonant(word[i+1]):
			i = thaiLeading(word, out, i)
		case isThaiConsonant(r):
			out[i] = thaiConsonant(word, i)
		case isThaiVowelSign(r) || isThaiLeadingVowel(r):
			out[i] = thaiVowel(r)
		case r >= 0x0E50 && r <= 0x0E59 || r >= 0x0ED0 && r <= 0x0ED9:
			out[i] = genericValue(r)
		}
	}
	return strings.Join(out, ""), n
}

func isThaiSpace(r rune) bool { return r == 0x0E2F || r == 0x0E46 || r == 0x0E5A || r == 0x0E5B }

// silence drops the consonant before the thanthakhat at i, and the one
// before it when that follows the syllable's final consonant.
func silence(word []rune, out []string, i int) {
	if i < 1 || !isThaiConsonant(word[i-1]) {
		return
	}
	out[i-1] = ""
	if i >= 3 && isThaiConsonant(word[i-2]) && isThaiConsonant(word[i-3]) {
		out[i-2] = ""
		if f := thaiFinal(word[i-3]); f != "" {
			out[i-3] = f
		}
	}
}

// thaiLeading writes the leading vowel at i after its consonant (and
// the r or l of a cluster) and the vowel signs that complete it; it
// returns the index of the last rune used.
func thaiLeading(word []rune, out []string, i int) int {
	v, j := word[i], i+1
	cons := thaiConsonant(word, j)
	if j+2 < len(word) && (word[j+1] == 'ร' || word[j+1] == 'ล') && !isThaiVowelSign(word[j+2]) {
		j++
		cons += genericValue(word[j])
	}
	if thaiCarrier(word[i+1]) {
		cons = ""
	}
	vowel := thaiVowel(v)
	rest := word[j+1:]
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
	out[i] = cons + vowel
	return j
}

// thaiConsonant returns the value of the consonant word[i]: its final
// value when it closes a syllable.
func thaiConsonant(word []rune, i int) string {
	r := word[i]
	if thaiCarrier(r) {
		return ""
	}
	closes := i > 0 && (isThaiVowelSign(word[i-1]) || isThaiLeadingVowel(word[max(i-2, 0)]) && i >= 2) &&
		(i+1 == len(word) || !isThaiVowelSign(word[i+1]) && word[i+1] != thaiKaran)
	if closes {
		if f := thaiFinal(r); f != "" {
			return f
		}
	}
	switch v := genericValue(r); v {
	case "cch":
		return "ch"
	default:
		return v
	}
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
