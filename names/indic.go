package names

import "strings"

// The nine Brahmic scripts of India (Devanagari, Bengali, Gurmukhi,
// Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam) share one layout:
// Unicode gives each a block of 128 code points in which the same offset
// is the same kind of letter (ISCII order). Their letters are read from
// the generic transliteration table (see generic.go), and these rules are
// added where the generic reading is wrong for names:
//   - a consonant carries the inherent vowel a unless a vowel sign or the
//     virama (halant, pulli) follows it: नरेन्द्र is "narendra", not
//     "nrendr";
//   - Hindi, Bengali, Punjabi and Gujarati drop the inherent vowel at the
//     end of a word unless the word ends in a conjunct: राम Ram, कुमार
//     Kumar, but नरेन्द्र Narendra;
//   - long vowels are written single (आ a, ई i: मोदी Modi), and retroflex
//     consonants as the plain ones (ट t, ण n, ष sh), as names are
//     romanised; च is ch and छ chh;
//   - in Tamil the stops are voiced between vowels and after a nasal
//     (முருகன் Murugan, கருணாநிதி Karunanidhi), ச is s, ழ zh, ற r.
//
// The generic table's values are used for everything else.

// brahmicBlocks are the first code points of the ISCII-ordered blocks.
var brahmicBlocks = [...]rune{0x0900, 0x0980, 0x0A00, 0x0A80, 0x0B00, 0x0B80, 0x0C00, 0x0C80, 0x0D00}

const (
	tamilBlock = 0x0B80
	offVirama  = 0x4D
	offNukta   = 0x3C
)

// brahmicBlock returns the first code point of the Brahmic block of r,
// or 0.
func brahmicBlock(r rune) rune {
	if r < 0x0900 || r >= 0x0D80 {
		return 0
	}
	return r &^ 0x7F
}

// dropsFinalVowel reports whether the language of a block drops the
// inherent vowel at the end of a word.
func dropsFinalVowel(block rune) bool {
	return block == 0x0900 || block == 0x0980 || block == 0x0A00 || block == 0x0A80
}

func brahmicConsonant(off rune) bool {
	return off >= 0x15 && off <= 0x39 || off >= 0x58 && off <= 0x5F || off >= 0x7A && off <= 0x7F
}

func brahmicVowelSign(off rune) bool {
	return off >= 0x3E && off <= 0x4C || off >= 0x55 && off <= 0x57 || off >= 0x62 && off <= 0x63
}

// chillu reports whether off is a Malayalam chillu (a consonant that ends
// a syllable and never carries a vowel).
func chillu(block, off rune) bool { return block == 0x0D00 && off >= 0x7A && off <= 0x7F }

// foldBrahmicWord romanises the word of one Brahmic script at the start
// of rs and returns it and the number of runes read.
func foldBrahmicWord(rs []rune, alt bool) (string, int) {
	block := brahmicBlock(rs[0])
	n := 0
	for n < len(rs) && brahmicBlock(rs[n]) == block && !isBrahmicPunct(rs[n]-block) {
		n++
	}
	if n == 0 {
		return "", 0
	}
	word := rs[:n]
	var b strings.Builder
	lastCons := -1        // index in word of the last consonant written
	conjunct := false     // the last consonant followed a virama
	pendingVowel := false // the last consonant still owes its inherent vowel
	afterVowel := false   // the last consonant followed a vowel
	vowelLast := false    // the last sound written is a vowel
	for i := 0; i < len(word); i++ {
		off := word[i] - block
		switch {
		case brahmicConsonant(off):
			if pendingVowel && !((block == 0x0900 || block == 0x0980) && afterVowel && followedBySign(word, i, block)) {
				// Hindi and Bengali drop the inherent vowel of a consonant
				// between a vowel and a consonant with a vowel sign (V C a
				// C V): अरविंद Arvind, राजनाथ Rajnath, वाजपेयी Vajpayee,
				// मनमोहन Manmohan, রহমান Rahman, ইসলাম Islam.
				b.WriteByte('a')
				vowelLast = true
			}
			afterVowel = vowelLast && !(i > 0 && word[i-1]-block == offVirama)
			vowelLast = false
			conjunct = i > 0 && word[i-1]-block == offVirama
			nukta := i+1 < len(word) && word[i+1]-block == offNukta
			b.WriteString(brahmicConsonantValue(word, i, block, nukta, alt))
			if nukta {
				i++
			}
			lastCons = i
			pendingVowel = !chillu(block, off)
		case off == offVirama:
			pendingVowel = false
		case brahmicVowelSign(off):
			pendingVowel = false
			b.WriteString(brahmicVowel(word[i]))
			vowelLast = true
		case off >= 0x04 && off <= 0x14 || off >= 0x60 && off <= 0x61:
			if pendingVowel {
				b.WriteByte('a')
				pendingVowel = false
			}
			b.WriteString(brahmicVowel(word[i]))
			vowelLast = true
		case off == 0x01 || off == 0x02 || block == 0x0A00 && off == 0x70:
			// Candrabindu and anusvara (Gurmukhi tippi): a nasal, m
			// before a labial.
			if pendingVowel {
				b.WriteByte('a')
				pendingVowel = false
			}
			if i+1 < len(word) && isLabial(word[i+1]-block) || i+1 == len(word) && block != 0x0900 {
				// m before a labial, and ending a word outside Hindi
				// (Kannada ಎಂ "em", the letter M).
				b.WriteByte('m')
			} else {
				b.WriteByte('n')
			}
		case off == 0x03:
			if pendingVowel {
				b.WriteByte('a')
				pendingVowel = false
			}
			b.WriteByte('h')
		case off >= 0x66 && off <= 0x6F:
			if pendingVowel {
				b.WriteByte('a')
				pendingVowel = false
			}
			b.WriteByte(byte('0' + off - 0x66))
		}
	}
	if pendingVowel && lastCons >= 0 && (!dropsFinalVowel(block) || conjunct || len(word) <= 2 && !brahmicIndependentVowel(word[0]-block)) {
		b.WriteByte('a')
	}
	roman := b.String()
	if in := brahmicInitial(roman, rs, n); in != "" {
		return in, n
	}
	if block == tamilBlock && len(word) > 1 && word[0] == 0x0B87 && (word[1] == 0x0BB0 || word[1] == 0x0BB2) {
		// Tamil writes இ before a word that begins with r or l, which
		// Tamil words cannot: இராமன் Raman, இராமச்சந்திரன் Ramachandran.
		roman = roman[1:]
	}
	return roman, n
}

// followedBySign reports whether the consonant at word[i] carries a vowel
// sign (after a nukta, if any).
func followedBySign(word []rune, i int, block rune) bool {
	j := i + 1
	if j < len(word) && word[j]-block == offNukta {
		j++
	}
	return j < len(word) && word[j]-block != offVirama && brahmicVowelSign(word[j]-block)
}

// isBrahmicPunct reports whether off is the danda or double danda, which
// end a word.
func isBrahmicPunct(off rune) bool { return off == 0x64 || off == 0x65 }

func isLabial(off rune) bool { return off >= 0x2A && off <= 0x2E }

// brahmicConsonantValue returns the Latin value of the consonant word[i].
func brahmicConsonantValue(word []rune, i int, block rune, nukta, alt bool) string {
	off := word[i] - block
	if nukta {
		switch off {
		case 0x15:
			return "q"
		case 0x16:
			return "kh"
		case 0x17:
			return "gh"
		case 0x1C:
			return "z"
		case 0x21, 0x22:
			return "r"
		case 0x2B:
			return "f"
		}
	}
	if block == tamilBlock {
		return tamilConsonant(word, i, alt)
	}
	return brahmicPlain(word[i], off)
}

// brahmicPlain returns the value of a consonant as names are romanised:
// the generic value, with ś and ṣ (श ष) written sh, c (च) ch and ch (छ)
// chh.
func brahmicPlain(r, off rune) string {
	switch off {
	case 0x36, 0x37:
		return "sh"
	}
	if v, ok := brahmicFix[genericValue(r)]; ok {
		return v
	}
	return genericValue(r)
}

// brahmicFix corrects generic values to the way names are romanised.
var brahmicFix = map[string]string{"c": "ch", "ch": "chh", "rh": "r"}

// tamilConsonant reads a Tamil consonant: Tamil writes k/g, t/d, p/b and
// s/ch with one letter each, voiced between vowels and after a nasal.
func tamilConsonant(word []rune, i int, alt bool) string {
	off := word[i] - tamilBlock
	prev := rune(0)
	if i > 0 {
		prev = word[i-1] - tamilBlock
	}
	afterNasal := i > 1 && prev == offVirama && isTamilNasal(word[i-2]-tamilBlock)
	afterVowel := i > 0 && prev != offVirama
	voiced := afterNasal || afterVowel
	switch off {
	case 0x15: // க
		if voiced {
			return "g"
		}
		return "k"
	case 0x1F: // ட
		if voiced {
			return "d"
		}
		return "t"
	case 0x24: // த
		if voiced {
			return "dh"
		}
		return "t"
	case 0x2A: // ப
		if voiced {
			return "b"
		}
		return "p"
	case 0x1A: // ச
		switch {
		case i+2 < len(word) && word[i+1]-tamilBlock == offVirama && word[i+2] == word[i]:
			return "" // ச்ச is ch: பிச்சை Pichai, இராமச்சந்திரன் Ramachandran
		case alt || i > 1 && prev == offVirama && word[i-2] == word[i]:
			return "ch"
		}
		return "s"
	case 0x34: // ழ
		return "zh"
	case 0x31: // ற
		return "r"
	case 0x29, 0x23, 0x1E, 0x19: // ன ண ஞ ங
		if off == 0x19 {
			return "ng"
		}
		return "n"
	case 0x33: // ள
		return "l"
	}
	return brahmicPlain(word[i], off)
}

func isTamilNasal(off rune) bool {
	return off == 0x19 || off == 0x1E || off == 0x23 || off == 0x28 || off == 0x29 || off == 0x2E
}

// brahmicVowel returns the value of a vowel or vowel sign: long vowels
// single, vocalic r as ri.
func brahmicVowel(r rune) string {
	switch v := genericValue(r); v {
	case "aa":
		return "a"
	case "ii", "ee":
		return v[:1]
	case "uu":
		return "u"
	case "oo":
		return "o"
	case "r", "rr":
		return "ri"
	case "l", "ll":
		return "li"
	case "en":
		return "e"
	case "on":
		return "o"
	default:
		return v
	}
}

// brahmicIndependentVowel reports whether off is an independent vowel
// letter (अ, আ, …): a word of two letters that begins with one ends in a
// consonant (আল al), one of a consonant alone keeps its vowel.
func brahmicIndependentVowel(off rune) bool {
	return off >= 0x04 && off <= 0x14 || off >= 0x60 && off <= 0x61
}
