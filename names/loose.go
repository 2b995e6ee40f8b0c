package names

import (
	"bytes"
	"slices"
	"strings"
)

// Some scripts write a name's sounds in ways its Latin forms follow only
// loosely. Indic scripts write aspirates and retroflexes the Latin forms
// often drop (भ bh, ठ th), Tamil writes k and g, t and d, p and b, s and
// ch with one letter each; Thai, Khmer and Myanmar names are romanised
// by their bearers in spellings of their own (Vejjajiva, Sihanouk, Kyi);
// Ge'ez and Bengali write Arabic z as j (জিয়া Zia); Hebrew writes neither
// its vowels nor the difference between b and v, p and f, k and kh; kana
// and Chinese transcriptions write r and l alike. A part read from such a
// script is compared with Latin parts by a loose consonant key as well as
// by its spelling (match flags it Trans).

// LooseScript reports whether s has a letter of a script whose parts are
// compared by the loose key: the Brahmic scripts of India, Thai, Lao,
// Khmer, Myanmar, Ge'ez, Hebrew and Japanese kana. Chinese characters
// count only as a foreign name's transcription (see ForeignHan).
func LooseScript(s string) bool {
	for _, r := range s {
		switch {
		case brahmicBlock(r) != 0, isThaiLao(r), isKhmer(r), isMyanmar(r), isEthiopic(r),
			r >= 0x05D0 && r <= 0x05EA,                             // Hebrew letters
			r >= 0x3041 && r <= 0x30FA, r >= 0xFF66 && r <= 0xFF9D: // kana
			return true
		}
	}
	return false
}

// LooseKeys returns the loose consonant keys of a folded token: vowels,
// y and w dropped; p, b and f one class; t and d one; k, g, q and c one;
// s, z and sh one, and j and zh one; r and l one when rl is set (kana and
// Chinese transcriptions write them alike); m and n kept apart, but n
// before a labial is m; h after a stop or sibilant (an aspirate or a
// digraph: bh dh kh th sh) dropped, elsewhere of the k class (h, kh and
// ח are one sound in many romanisations); ng ending a syllable is n
// (Singh and सिंह "sinh"); doubled consonants collapsed. Outside kana (which
// writes ジ ji and ズ zu apart) j and s are one class too: Bengali writes
// Zia জিয়া, Tamil Chidambaram சிதம்பரம். A token has keys with ch (and j)
// in other classes (see looseClasses; Menachem and Chaim for מנחם, חיים
// need ch in the k class), and keys with v in the p class (Chinese and
// kana write Lavrov with f) beside those that drop it as a vowel (Thai
// and Indic names write ว, व as v or w). "prabhakaran" and Tamil
// "pirabagaran" share "prpkrn"; "rahman" and "raguman" share "rkmn".
func LooseKeys(tok string, kana, rl bool) []string {
	return looseVariants(tok, kana, rl, false)
}

// looseVariants returns the keys (or, with vowels, the spellings) of tok
// for each class ch may take, with v dropped or a labial, with z in the s
// class or (outside kana) in the j class, and in kana with f in the p or
// the k class (kana write h before a consonant with フ fu: マフムード
// "mafumud" Mahmoud).
func looseVariants(tok string, kana, rl, vowels bool) []string {
	out := make([]string, 0, 8)
	zs := []bool{false}
	if !kana && strings.IndexByte(tok, 'z') >= 0 || kana && strings.IndexByte(tok, 'f') >= 0 {
		zs = append(zs, true)
	}
	vs := []bool{false}
	if strings.IndexByte(tok, 'v') >= 0 {
		vs = append(vs, true)
	}
	toks := []string{tok}
	if nr := nonRhotic(tok, false); nr != tok {
		toks = append(toks, nr)
	}
	if rl && !kana {
		// Xinhua's tables also drop an l before a consonant (唐纳德
		// Donald) and write x as s (亚历山大 Alexander).
		if nl := nonRhotic(strings.ReplaceAll(tok, "x", "s"), true); !slices.Contains(toks, nl) {
			toks = append(toks, nl)
		}
	}
	for _, t := range toks {
		for _, ch := range looseClasses(kana, rl) {
			for _, v := range vs {
				for _, zj := range zs {
					if k := looseKey(t, ch, v, zj, kana, rl, vowels); !slices.Contains(out, k) {
						out = append(out, k)
					}
				}
			}
		}
	}
	return out
}

// nonRhotic returns tok without the r (and with lateral the l) that
// follows a vowel and ends the token or comes before a consonant: names
// romanised in British fashion write a long a as ar (Thai แพทองธาร
// Paetongtarn, ชาญ Charn; Khmer ស Sar), which the scripts do not write,
// and Xinhua's tables drop such an r (默克尔 Merkel, 罗伯特 Robert).
func nonRhotic(tok string, lateral bool) string {
	if strings.IndexByte(tok, 'r') < 0 && (!lateral || strings.IndexByte(tok, 'l') < 0) {
		return tok
	}
	return string(appendNonRhotic(make([]byte, 0, len(tok)), tok, lateral))
}

// appendNonRhotic appends nonRhotic(tok, lateral) to b.
func appendNonRhotic[T ~string | ~[]byte](b []byte, tok T, lateral bool) []byte {
	for i := 0; i < len(tok); i++ {
		if (tok[i] == 'r' || lateral && tok[i] == 'l') && i > 0 && looseVowel(tok[i-1]) && (i+1 == len(tok) || !looseVowel(tok[i+1])) {
			continue
		}
		b = append(b, tok[i])
	}
	return b
}

// looseKey is one loose key, with ch in class ch, v kept as a labial or
// dropped, with alt z in the j class (kana: f in the k class), and vowels
// kept or dropped.
func looseKey(tok string, ch byte, v, alt, kana, rl, vowels bool) string {
	return string(appendLooseKey(make([]byte, 0, len(tok)), tok, ch, v, alt, kana, rl, vowels))
}

// appendLooseKey appends the key of looseKey to b.
func appendLooseKey[T ~string | ~[]byte](b []byte, tok T, ch byte, v, alt, kana, rl, vowels bool) []byte {
	var last byte
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		var next byte
		if i+1 < len(tok) {
			next = tok[i+1]
		}
		k := c
		switch c {
		case 'v':
			if v {
				k = 'p'
				if rl && !kana {
					k = 'f' // Xinhua writes v with f: 拉夫罗夫 Lavrov
				}
				break
			}
			if vowels && i == 0 {
				// Read as a glide, an initial v is w, which spellings
				// keep there: the scripts that write ว, व and ו for both
				// give Vejjajiva and Wejjajiwa one spelling. Inside a
				// word both are dropped or kept as before.
				b = append(b, 'w')
				last = 'w'
				continue
			}
			if !vowels {
				last = 0
			}
			continue
		case 'a', 'e', 'i', 'o', 'u':
			if vowels && c != last {
				b = append(b, c)
				last = c
				continue
			}
			if !vowels {
				last = 0
			}
			continue
		case 'y', 'w':
			if vowels && !(i > 0 && looseVowel(tok[i-1]) && i+1 < len(tok) && looseVowel(tok[i+1])) {
				b = append(b, c) // spellings drop y and w between vowels only (জিয়া "jiya" Zia)
				last = c
				continue
			}
			if !vowels {
				last = 0
			}
			continue
		case 'h':
			if i == len(tok)-1 && i > 0 && looseVowel(tok[i-1]) {
				continue // a final h after a vowel is silent: Siddaramaiah, Shah
			}
			if i > 0 && (strings.IndexByte("bcdgjkpstz", tok[i-1]) >= 0 || i == len(tok)-1 && !looseVowel(tok[i-1])) {
				continue // an aspirate or a digraph (bh, dh, kh, th, sh), or सिंह "sinh"
			}
			k = 'k'
			if vowels && i == 0 {
				k = 'h' // spellings keep an initial h: ហ៊ុន Hun is not Khun
			}
		case 'p', 'b':
			k = 'p'
		case 'f':
			k = 'p'
			switch {
			case kana && alt:
				k = 'k'
			case rl && !kana:
				k = 'f' // Xinhua writes f and v with f, p and b otherwise
			}
		case 't', 'd':
			k = 't'
		case 'k', 'g', 'q':
			k = 'k'
		case 'x':
			if last != 'k' {
				b = append(b, 'k') // x is ks: Alexander, アレクサンドル "arekusandor"
			}
			k = 's'
		case 'c':
			k = 'k'
			if next == 'h' {
				k = ch
				i++
			}
		case 's':
			k = 's'
		case 'z':
			k = 's'
			if alt && !kana {
				k = 'j'
			}
			if next == 'h' {
				k = 'j'
				i++
			}
		case 'j':
			k = 'j'
			if ch == 't' || ch == 'k' && rl {
				k = ch
			}
		case 'r':
			if rl {
				k = 'l'
			}
		case 'n':
			if next == 'g' && (i+2 >= len(tok) || tok[i+2] == 'h' || kana || !rl && !looseVowel(tok[i+2])) {
				// ng ending a syllable: a nasal (Singh, सिंह "sinh", Khmer
				// រង្ស៊ី "rongsi" Rainsy; always in kana, which cannot
				// write ng: キム・ジョンウン "jonun"); in Chinese transcriptions a g
				// before a consonant is a syllable of its own (安格拉
				// "angla" Angela).
				i++
			} else if next == 'p' || next == 'b' || next == 'f' {
				k = 'm' // before a labial (Trump, ドナルド・トランプ "toranp")
			}
		}
		if k == last {
			continue
		}
		b = append(b, k)
		last = k
	}
	return b
}

func looseVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'v':
		return true
	}
	return false
}

// LooseSpellings returns the loose spellings of a folded token: its
// loose keys (see LooseKeys) with the vowels kept (doubled ones single,
// digraphs as one vowel: see looseVowels) and y and w dropped, for parts too short for a key to tell them apart:
// Myanmar ကြီး "kyi" and Gyi, Bengali জিয়া "jiya" and Zia share "ki" and
// "sia".
func LooseSpellings(tok string, kana, rl bool) []string {
	return looseVariants(looseVowels(tok), kana, rl, true)
}

// looseClasses returns the classes ch (and j) take in the keys of one
// token: the j class and the k class; in kana and
// in Chinese transcriptions the t class too, since kana write ti and di
// as チ chi and ジ ji (ウラジーミル・プーチン Vladimir Putin) and Xinhua's
// tables write palatal t and d with j and q (普京 Putin, 弗拉基米尔
// Vladimir); in Chinese transcriptions the k class takes j too (基 ji for
// ki: 泽连斯基 Zelensky).
func looseClasses(kana, rl bool) []byte {
	if kana || rl {
		return []byte{'j', 'k', 't'}
	}
	return []byte{'j', 'k'}
}

// looseVowelPairs are the vowel digraphs romanisations write for one
// vowel, and that vowel: Kannada ಗೌಡ "gauda" is Gowda, ಮೊಯ್ಲಿ "moyli"
// Moily.
var looseVowelPairs = [...][2]string{
	{"aa", "a"}, {"ee", "i"}, {"oo", "u"}, {"au", "o"}, {"aw", "o"}, {"ow", "o"}, {"ou", "o"},
	{"ai", "e"}, {"ay", "e"}, {"ei", "e"}, {"ey", "e"}, {"oi", "o"}, {"oy", "o"},
}

// looseVowels rewrites the vowel digraphs of tok as single vowels, a
// final y as i and a final que as q.
func looseVowels(tok string) string {
	return string(appendLooseVowels(make([]byte, 0, len(tok)), tok))
}

// appendLooseVowels appends looseVowels(tok) to b.
func appendLooseVowels[T ~string | ~[]byte](b []byte, tok T) []byte {
	for i := 0; i < len(tok); i++ {
		if tok[i] == 'q' && i+1 < len(tok) && tok[i+1] == 'u' && (i+2 == len(tok) || i+3 == len(tok) && tok[i+2] == 'e') {
			b = append(b, 'q') // a final que is k: Tarique for তারেক
			break
		}
		if i+1 < len(tok) {
			if v, ok := looseVowelPair(tok[i], tok[i+1]); ok {
				b = append(b, v)
				i++
				continue
			}
		}
		if tok[i] == 'y' && i == len(tok)-1 && i > 0 {
			b = append(b, 'i')
			continue
		}
		b = append(b, tok[i])
	}
	return b
}

// looseVowelPair returns the vowel that the digraph a b stands for (see
// looseVowelPairs).
func looseVowelPair(a, b byte) (byte, bool) {
	for _, p := range looseVowelPairs {
		if p[0][0] == a && p[0][1] == b {
			return p[1][0], true
		}
	}
	return 0, false
}

// MatchLoose reports whether one of the loose keys (with vowels, the
// loose spellings) of the folded token tok of at least minLen letters is
// in want, computing them in place of allocating them: the listed side
// of a comparison with a part whose keys are computed once.
func MatchLoose(tok string, kana, rl, vowels bool, minLen int, want []string) bool {
	if len(tok) > 60 {
		forms := LooseKeys(tok, kana, rl)
		if vowels {
			forms = LooseSpellings(tok, kana, rl)
		}
		for _, f := range forms {
			if len(f) >= minLen && slices.Contains(want, f) {
				return true
			}
		}
		return false
	}
	var vb, nb, lb, xb, kb [64]byte
	t := append(vb[:0], tok...)
	if vowels {
		t = appendLooseVowels(vb[:0], tok)
	}
	variants := [3][]byte{t}
	n := 1
	if nr := appendNonRhotic(nb[:0], t, false); len(nr) != len(t) {
		variants[n] = nr
		n++
	}
	if rl && !kana {
		lat := lb[:0]
		for _, c := range t {
			if c == 'x' {
				c = 's'
			}
			lat = append(lat, c)
		}
		variants[n] = appendNonRhotic(xb[:0], lat, true)
		n++
	}
	zs := !kana && bytes.IndexByte(t, 'z') >= 0 || kana && bytes.IndexByte(t, 'f') >= 0
	vs := bytes.IndexByte(t, 'v') >= 0
	for _, vt := range variants[:n] {
		for _, ch := range looseClasses(kana, rl) {
			for _, v := range [2]bool{false, true} {
				if v && !vs {
					continue
				}
				for _, zj := range [2]bool{false, true} {
					if zj && !zs {
						continue
					}
					k := appendLooseKey(kb[:0], vt, ch, v, zj, kana, rl, vowels)
					if len(k) < minLen {
						continue
					}
					for _, w := range want {
						if string(k) == w {
							return true
						}
					}
				}
			}
		}
	}
	return false
}
