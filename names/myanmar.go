package names

import "strings"

// Myanmar (Burmese) names are runs of syllables written without spaces,
// and each syllable is a word of its own in the Latin form (အောင်ဆန်းစုကြည်
// Aung San Suu Kyi). The generic table (see generic.go) reads Myanmar
// letter by letter, which is wrong for most syllables, so the letters and
// the syllable finals here follow the BGN/PCGN romanisation of Burmese as
// names on the lists write it:
//   - a consonant carries the vowel a unless a vowel sign or the asat ်
//     follows; the medials ျ ြ are y, ွ w, ှ an h before the consonant
//     (လှ hl);
//   - a consonant with the asat closes the syllable and changes its vowel:
//     -င် in (aung after ော, aing after ို), -န် an (on after ု, ein after
//     ိ), -တ် -ပ် at, -က် et (auk, aik), -ည် i, -မ် an, -ံ an;
//   - tone marks (့ း) are not written, but a nasal final in the creaky
//     tone (့) is -nt (မြင့် Myint, ညွန့် Nyunt, with ွန် un), ို with
//     the visarga is oe (စိုး Soe; ကို Ko), အေး Aye, and ဦး after the first
//     syllable the name Oo (တင်ဦး Tin Oo), first the honorific U;
//   - ဆ is s as the names write it (Aung San, Myint Swe; BGN/PCGN hs).

func isMyanmar(r rune) bool { return r >= 0x1000 && r <= 0x109F }

var myanmarConsonants = map[rune]string{
	'က': "k", 'ခ': "kh", 'ဂ': "g", 'ဃ': "g", 'င': "ng", 'စ': "s", 'ဆ': "s", 'ဇ': "z", 'ဈ': "z",
	'ဉ': "ny", 'ည': "ny", 'ဋ': "t", 'ဌ': "ht", 'ဍ': "d", 'ဎ': "d", 'ဏ': "n", 'တ': "t", 'ထ': "ht",
	'ဒ': "d", 'ဓ': "d", 'န': "n", 'ပ': "p", 'ဖ': "hp", 'ဗ': "b", 'ဘ': "b", 'မ': "m", 'ယ': "y",
	'ရ': "y", 'လ': "l", 'ဝ': "w", 'သ': "th", 'ဟ': "h", 'ဠ': "l", 'အ': "",
}

var myanmarVowels = map[rune]string{
	'ါ': "a", 'ာ': "a", 'ိ': "i", 'ီ': "i", 'ု': "u", 'ူ': "u", 'ေ': "e", 'ဲ': "e",
	'ဣ': "i", 'ဤ': "i", 'ဥ': "u", 'ဦ': "u", 'ဧ': "e", 'ဩ': "aw", 'ဪ': "aw",
}

const (
	myanmarAsat   = 0x103A
	myanmarVirama = 0x1039
)

// foldMyanmarWord romanises the run of Myanmar text at the start of rs,
// one Latin word per syllable.
func foldMyanmarWord(rs []rune) (string, int) {
	n := 0
	for n < len(rs) && isMyanmar(rs[n]) && rs[n] != 0x104A && rs[n] != 0x104B {
		n++
	}
	if n == 0 {
		return "", 1
	}
	var syls []string
	for i := 0; i < n; {
		s, used := myanmarSyllable(rs[i:n])
		if s == "u" && rs[i] == 'ဦ' && len(syls) > 0 {
			s = "oo" // ဦး is the honorific U first, the name Oo after: တင်ဦး Tin Oo
		}
		if s != "" {
			syls = append(syls, s)
		}
		i += used
	}
	return " " + strings.Join(syls, " ") + " ", n
}

// myanmarSyllable reads one syllable at the start of rs.
func myanmarSyllable(rs []rune) (string, int) {
	onset, ok := myanmarConsonants[rs[0]]
	if !ok {
		if v, ok := myanmarVowels[rs[0]]; ok {
			return v, 1
		}
		if rs[0] >= 0x1040 && rs[0] <= 0x1049 {
			return string(rune('0' + rs[0] - 0x1040)), 1
		}
		return "", 1
	}
	i := 1
	var medial, hPrefix string
	var vowel []rune
	creaky, high := false, false // the dot below ့ and the visarga း
	for i < len(rs) {
		switch r := rs[i]; {
		case r == 0x103B || r == 0x103C:
			medial += "y"
		case r == 0x103D:
			medial += "w"
		case r == 0x103E:
			hPrefix = "h"
		case r >= 0x102B && r <= 0x1032 || r == 0x1036:
			vowel = append(vowel, r)
		case r == 0x1037:
			creaky = true
		case r == 0x1038:
			high = true
		default:
			goto coda
		}
		i++
	}
coda:
	final := rune(0)
	if i+1 < len(rs) && myanmarConsonants[rs[i]] != "" || i+1 < len(rs) && rs[i] == 'အ' {
		// The dot below (့) is stored before the asat (င့် in ဝင်းမြင့်
		// Win Myint, န့် in သန့် Thant).
		j := i + 1
		for j+1 < len(rs) && rs[j] == 0x1037 {
			j++
			creaky = true
		}
		if rs[j] == myanmarAsat || rs[j] == myanmarVirama {
			final = rs[i]
			i = j + 1
			for i < len(rs) && (rs[i] == 0x1037 || rs[i] == 0x1038) {
				creaky = creaky || rs[i] == 0x1037
				high = high || rs[i] == 0x1038
				i++
			}
		}
	}
	if (rs[0] == 'ရ' || rs[0] == 'ယ') && hPrefix == "h" {
		onset, hPrefix = "sh", "" // ရှ, ယှ: Shwe
	}
	rime := myanmarRime(vowel, final)
	switch {
	case medial == "w" && len(vowel) == 0 && (myanmarConsonants[final] == "n" || myanmarConsonants[final] == "m"):
		// ွန် is un: ညွန့် Nyunt.
		medial, rime = "", "un"
	case final == 0 && high && rime == "o":
		rime = "oe" // ို with the visarga: စိုး Soe, မိုး Moe (ကို Ko)
	case final == 0 && high && rime == "e" && medial == "" && onset == "":
		rime = "aye" // အေး Aye
	}
	if creaky && final != 0 && strings.HasSuffix(rime, "n") {
		rime += "t" // a nasal final in the creaky tone: မြင့် Myint, သန့် Thant
	}
	return hPrefix + onset + medial + rime, i
}

// myanmarRime returns the vowel and final of a syllable.
func myanmarRime(vowel []rune, final rune) string {
	v := ""
	for _, r := range vowel {
		if r == 0x1036 {
			v += "n"
			continue
		}
		v += myanmarVowels[r]
	}
	switch v {
	case "ea", "eaa": // ော
		v = "aw"
	case "iu": // ို
		v = "o"
	case "", "n":
		v = "a" + v
	}
	if final == 0 {
		return v
	}
	switch myanmarConsonants[final] {
	case "ng":
		switch v {
		case "aw":
			return "aung"
		case "o":
			return "aing"
		case "a":
			return "in"
		}
		return v + "n"
	case "n", "m":
		switch v {
		case "u":
			return "on"
		case "i":
			return "ein"
		}
		return v + "n"
	case "t", "p":
		switch v {
		case "u":
			return "ok"
		case "i":
			return "eik"
		}
		return v + "t"
	case "k":
		switch v {
		case "aw":
			return "auk"
		case "o":
			return "aik"
		}
		return "et"
	case "ny":
		return "i"
	case "y":
		return "e"
	}
	return v
}
