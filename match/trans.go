package match

import "github.com/vigil-screening/vigil/names"

// Transcriptions in Chinese characters (names.ForeignHan) write a foreign
// name with the syllables Mandarin has: r and l alike (拉 for ra and la),
// voiced and voiceless stops alike (普 for p and b, 德 and 特 for d and
// t), and kh, h and a vowel's onset with 哈 or 赫; the scripts of
// names.LooseScript write names their Latin forms follow as loosely. Parts
// read from them (Trans) also meet a Latin part with the same loose
// consonant key (names.LooseKeys): 谢尔盖·拉夫罗夫 "sergai laflof" meets
// Sergey Lavrov, 艾曼·扎瓦赫里 "aiman zawahli" Ayman Zawahiri, Tamil
// பிரபாகரன் "pirabagaran" Prabhakaran.

// transEqual reports whether two parts, one of them read from a
// transcription or a loose script, share a loose spelling (names.
// LooseSpellings, vowels kept) of two letters or more, or begin alike
// (both with a vowel or both with a consonant: 弗拉基米尔 "flajimir" is
// not Ibrahim), be of comparable length, and share a loose key of two consonants or more (kana's
// keys when either is kana). From a script that writes its vowels
// (vowelled) a key must have three consonants, and (but in kana, which adds vowels after consonants: ゼレ
// ンスキー "zerensuki") the loose spellings must differ by at most one
// edit in four letters (one at least), so that ওবায়দুল Obaidul is not Abdul,
// ಕುವೆಂಪು Kuvempu not Comba, হামিদ Hamid not Ahmad.
func transEqual(q, l *Part, vowelled bool) bool {
	kana, rl := q.Kana || l.Kana, q.RL || l.RL
	hebrew := (q.Unvowelled || l.Unvowelled) && !rl // no vowels written: no length to compare
	if vowelStart(q.Text) != vowelStart(l.Text) || !hebrew && !comparableLength(q.Text, l.Text) {
		return false
	}
	// t is the part read from a loose script, o the other; the keys of t
	// are computed once (Part.LooseKeys), those of o in place.
	t, o := q, l
	if !q.Trans {
		t, o = l, q
	}
	keys, spells := t.LooseKeys, t.LooseSpells
	if keys == nil || o.Trans || t.Kana != kana || t.RL != rl {
		keys, spells = names.LooseKeys(t.Text, kana, rl), names.LooseSpellings(t.Text, kana, rl)
	}
	if len(t.Text) >= 2 && len(o.Text) >= 2 && names.MatchLoose(o.Text, kana, rl, true, 2, onlyLonger(spells, 2)) {
		return true
	}
	minKey := 2
	if vowelled {
		minKey = 3
	}
	if !names.MatchLoose(o.Text, kana, rl, false, minKey, onlyLonger(keys, minKey)) {
		return false
	}
	return !vowelled || kana || spellingsClose(q.Text, l.Text, kana, rl)
}

// onlyLonger returns the forms of at least n letters (forms itself when
// all are).
func onlyLonger(forms []string, n int) []string {
	for i, f := range forms {
		if len(f) < n {
			out := append([]string(nil), forms[:i]...)
			for _, g := range forms[i+1:] {
				if len(g) >= n {
					out = append(out, g)
				}
			}
			return out
		}
	}
	return forms
}

// spellingsClose reports whether some loose spellings of a and b differ
// by at most one edit in four letters (one at least).
func spellingsClose(a, b string, kana, rl bool) bool {
	sb := names.LooseSpellings(b, kana, rl)
	for _, x := range names.LooseSpellings(a, kana, rl) {
		for _, y := range sb {
			k := max(1, max(len(x), len(y))/4)
			if names.DistanceAtMost(x, y, k) <= k {
				return true
			}
		}
	}
	return false
}

func vowelStart(s string) bool { return s != "" && isVowel(s[0]) }

// vowelled reports whether the part of q and l read from a loose script
// comes from one that writes its vowels (Indic, Thai, Khmer, Myanmar,
// Ge'ez, kana): such a part meets by a loose key only as transEqual says,
// and only when both parts end alike, in a vowel or in a consonant, since
// these scripts write a name's last vowel (হাসিনা Hasina is not Hassan).
// Parts from Hebrew and Chinese transcriptions (Unvowelled), whose vowels
// say little, meet by any key alone.
func vowelled(q, l *Part) bool {
	p := q
	if !q.Trans {
		p = l
	}
	return !p.Unvowelled
}

// endAlike reports whether both parts end in a vowel or both in a
// consonant. Between parts of a script that writes r and l alike (kana,
// Chinese transcriptions: Part.RL), a final r after a vowel, which
// vowelEnd reads as a vowel, also meets a final l after the same vowel:
// such a script writes a final l as it writes a final r (エマニュエル
// "emanyuer" Emmanuel, ダニエル "danier" Daniel); after another vowel it
// does not (サミル "samir" is not Samuel), nor does a part ending in a
// vowel.
func endAlike(q, l *Part) bool {
	if (q.RL || l.RL) && liquidsAlike(q.Text, l.Text) {
		return true
	}
	return vowelEnd(q) == vowelEnd(l)
}

// liquidsAlike reports whether one of a and b ends in r and the other in
// l, after the same vowel.
func liquidsAlike(a, b string) bool {
	m, n := len(a), len(b)
	if m < 2 || n < 2 || a[m-2] != b[n-2] || !isVowel(a[m-2]) {
		return false
	}
	return a[m-1] == 'r' && b[n-1] == 'l' || a[m-1] == 'l' && b[n-1] == 'r'
}

// vowelEnd reports whether p ends in a vowel that is sounded: the final
// e of que and gue in a part not read from a loose script is silent
// (Tarique for তারেক), and an h or r after a vowel ends the part in it.
func vowelEnd(p *Part) bool {
	s := p.Text
	n := len(s)
	if !p.Trans && n >= 4 && s[n-1] == 'e' && s[n-2] == 'u' && (s[n-3] == 'q' || s[n-3] == 'g') {
		return false
	}
	if n >= 2 && (s[n-1] == 'h' || s[n-1] == 'r') && isVowel(s[n-2]) {
		// A final h after a vowel is silent (Siddaramaiah, Shah), and
		// so is an r in names romanised in British fashion (Sar for
		// Khmer ស); on both sides, so that Kumar still meets कुमार.
		return true
	}
	return isVowel(s[n-1])
}

// transJoinMeets reports whether parts written together meet part p by a
// loose key of four consonants or more, one side read from a
// transcription or a loose script: kana and Chinese transcriptions write
// apart or together what the Latin form writes the other way
// (オサマ・ビンラディン "binradin" and bin Laden).
func transJoinMeets(joined []Part, p *Part) bool {
	first := &joined[0]
	if !p.Trans && !first.Trans || p.Class != names.Plain {
		return false
	}
	n := 0
	for i := range joined {
		if consonants(joined[i].Text) < 2 {
			return false // a part of vowels and glides adds nothing to the key (Yoav)
		}
		n += len(joined[i].Text)
	}
	if vowelStart(first.Text) != vowelStart(p.Text) || 2*max(n, len(p.Text)) > 3*min(n, len(p.Text)) {
		return false
	}
	kana, rl := p.Kana || first.Kana, p.RL || first.RL
	var buf [64]byte
	text := buf[:0]
	for i := range joined {
		text = append(text, joined[i].Text...)
	}
	if p.Trans && p.LooseKeys != nil && p.Kana == kana && p.RL == rl {
		return names.MatchLoose(string(text), kana, rl, false, 4, onlyLonger(p.LooseKeys, 4))
	}
	return names.MatchLoose(p.Text, kana, rl, false, 4, onlyLonger(names.LooseKeys(string(text), kana, rl), 4))
}

// consonants counts the letters of s that a loose key keeps (not
// vowels, y, w, v or h).
func consonants(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isVowel(c) && c != 'w' && c != 'v' && c != 'h' {
			n++
		}
	}
	return n
}

// comparableLength reports whether the longer of a and b is at most one
// and a half times the shorter: a loose key drops so much (vowels, v, w,
// y, h) that a long word can share it with a short one (谢尔盖 "sergai"
// and Vasilevich).
func comparableLength(a, b string) bool {
	return 2*max(len(a), len(b)) <= 3*min(len(a), len(b))
}
