package match

// Katakana writes foreign names with the sounds Japanese has, so that
// their romanisation differs from the Latin spelling in regular ways
// (ウラジーミル・プーチン is "urajimir puchin" for Vladimir Putin): r for
// both r and l, ji (ジ) for di, chi (チ) for ti, u (ウ) or vu (ヴ) for a v
// or b at the start, and a vowel added after a final consonant. kanaSim
// compares a part written in kana with another once these are merged;
// parts written in Latin letters never meet this way.

// kanaSim returns the similarity of two parts, one of them written in
// kana, compared by their kana keys: simPhonetic when the keys are equal,
// else their spelling similarity, at most simPhonetic.
func kanaSim(q, l *Part) float32 {
	kq, kl := kanaKey(q.Text), kanaKey(l.Text)
	if q.Kana && !l.Kana {
		kq = dropAddedVowel(kq, kl)
	}
	if l.Kana && !q.Kana {
		kl = dropAddedVowel(kl, kq)
	}
	if kq == kl {
		return simPhonetic
	}
	return min(fuzzyText(kq, kl), simPhonetic)
}

// kanaKey merges the letters katakana does not tell apart: r and l are
// written l, j is written d, ch before i is written t, and a u, v or b
// at the start is written b.
func kanaKey(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case i == 0 && (c == 'u' || c == 'v' || c == 'b'):
			c = 'b'
		case c == 'r':
			c = 'l'
		case c == 'j':
			c = 'd'
		case c == 'c' && i+2 < len(s) && s[i+1] == 'h' && s[i+2] == 'i':
			c = 't'
			i++ // skip the h
		}
		b = append(b, c)
	}
	return string(b)
}

// dropAddedVowel drops the final vowel of the kana key k when it follows
// a consonant and the other key ends in a consonant: katakana adds one
// after a final consonant (ジョージ "joji" for George, ラーデン "raden").
func dropAddedVowel(k, other string) string {
	n := len(k)
	if n < 3 || other == "" || isVowel(other[len(other)-1]) {
		return k
	}
	if isVowel(k[n-1]) && !isVowel(k[n-2]) {
		return k[:n-1]
	}
	return k
}
