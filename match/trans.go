package match

import (
	"slices"

	"github.com/vigil-screening/vigil/names"
)

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
	if len(q.Text) >= 2 && len(l.Text) >= 2 {
		for _, sa := range names.LooseSpellings(q.Text, kana, rl) {
			if len(sa) >= 2 && slices.Contains(names.LooseSpellings(l.Text, kana, rl), sa) {
				return true
			}
		}
	}
	hebrew := (q.Unvowelled || l.Unvowelled) && !rl // no vowels written: no length to compare
	if vowelStart(q.Text) != vowelStart(l.Text) || !hebrew && !comparableLength(q.Text, l.Text) {
		return false
	}
	for _, ka := range names.LooseKeys(q.Text, kana, rl) {
		if len(ka) < 2 || len(ka) == 2 && vowelled {
			continue
		}
		for _, kb := range names.LooseKeys(l.Text, kana, rl) {
			if ka == kb {
				return !vowelled || kana || spellingsClose(q.Text, l.Text, kana, rl)
			}
		}
	}
	return false
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
// consonant.
func endAlike(q, l *Part) bool {
	return vowelEnd(q) == vowelEnd(l)
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
	t := joined[0]
	if !p.Trans && !t.Trans {
		return false
	}
	kana, rl := p.Kana || t.Kana, p.RL || t.RL
	for i := range joined {
		if len(names.LooseKeys(joined[i].Text, kana, rl)[0]) < 2 {
			return false // a part of vowels and glides adds nothing to the key (Yoav)
		}
		if i > 0 {
			t.Text += joined[i].Text
		}
	}
	for _, ka := range names.LooseKeys(t.Text, kana, rl) {
		if len(ka) >= 4 && slices.Contains(names.LooseKeys(p.Text, kana, rl), ka) {
			return true
		}
	}
	return false
}

// comparableLength reports whether the longer of a and b is at most one
// and a half times the shorter: a loose key drops so much (vowels, v, w,
// y, h) that a long word can share it with a short one (谢尔盖 "sergai"
// and Vasilevich).
func comparableLength(a, b string) bool {
	return 2*max(len(a), len(b)) <= 3*min(len(a), len(b))
}
