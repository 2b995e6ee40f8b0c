package names

import "strings"

// VowelsAgree reports whether a part read from a script that writes only
// its long vowels (Arabic, Persian, Hebrew: unvowelled) and a Latin part
// with the same consonant skeleton also agree on the vowels the script
// does write. Such scripts write a long vowel with a letter (the matres
// lectionis: ا a, و u, ي i) and leave short vowels out, so each vowel
// letter of the unvowelled part must have a Latin vowel it may stand for
// between the same two consonants: سعود "sud" meets Saud and Sa'oud but
// not Saad; فيصل "fisl" meets Faisal and Faysal but not Fasel; ناصر
// "nasr" meets Nasser and Naser but not Nusr. Latin vowels the script
// does not write are short vowels and allowed.
//
// It also reports whether the unvowelled part wrote a vowel letter after
// its first consonant, so that the caller can tell an agreement that was
// checked (تركي and Turki) from one that could not be (سعد "sd" has
// no vowel letter to check against Saad, Saeed or Saud).
//
// The leading vowel is not checked beyond its presence: a word-initial
// ع or أ is read a whatever vowel it carries (عمر Umar, أسامة Usama).
// Both parts must share a skeleton (see Skeleton); otherwise it reports
// false.
func VowelsAgree(unvowelled, latin string) (agree, checked bool) {
	u, l := slotIter{tok: unvowelled}, slotIter{tok: latin}
	for slot := 0; ; slot++ {
		uv, uk, uok := u.next()
		lv, lk, lok := l.next()
		if uok != lok || uk != lk {
			return false, false // not one skeleton
		}
		switch {
		case slot == 0:
			if uv != "" && lv == "" {
				return false, false
			}
		case uv != "":
			checked = true
			if !vowelsCovered(uv, lv) {
				return false, true
			}
		}
		if !uok {
			return true, checked
		}
	}
}

// vowelsCovered reports whether every vowel letter of an unvowelled
// part's slot has, in order, a Latin vowel it may be written as.
func vowelsCovered(uv, lv string) bool {
	j := 0
	for i := 0; i < len(uv); i++ {
		for j < len(lv) && !mayWrite(uv[i], lv[j]) {
			j++
		}
		if j == len(lv) {
			return false
		}
		j++
	}
	return true
}

// mayWrite reports whether Latin vowel l may write the vowel letter u of
// an unvowelled part: alif a as a or e (Nasser, Abdel), و u or w as u, o
// or w (Saud, Sa'oud, Nawaf), ي i or y as i, e or y (Faisal, Faysal,
// Saeed).
func mayWrite(u, l byte) bool {
	switch u {
	case 'a':
		return l == 'a' || l == 'e'
	case 'u', 'o', 'w':
		return l == 'u' || l == 'o' || l == 'w'
	case 'i', 'e', 'y':
		return l == 'i' || l == 'e' || l == 'y'
	}
	return true
}

// slotIter walks a folded token the way Skeleton does, giving the vowels
// (a, e, i, o, u, w, y) before each consonant of the skeleton.
type slotIter struct {
	tok     string
	i       int
	last    byte
	pending byte // the s of an x, given next
}

// next returns the vowels before the next skeleton consonant and that
// consonant; at the end it returns the trailing vowels and ok false.
func (s *slotIter) next() (vowels string, k byte, ok bool) {
	if s.pending != 0 {
		k, s.pending = s.pending, 0
		s.last = k
		return "", k, true
	}
	start := s.i
	for s.i < len(s.tok) {
		c := s.tok[s.i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w':
			s.i++
			s.last = 0
			continue
		}
		end := s.i
		k, n := skeletonUnit(s.tok, s.i)
		s.i += n
		if c == 'x' {
			if s.last == 'k' {
				s.last = 's'
				return s.tok[start:end], 's', true
			}
			s.last, s.pending = 'k', 's'
			return s.tok[start:end], 'k', true
		}
		if k == s.last {
			start = s.i // a doubled consonant: no slot between
			continue
		}
		s.last = k
		return s.tok[start:end], k, true
	}
	return s.tok[start:], 0, false
}

// FrenchReading returns a Latin part as French spelling reads it, for
// comparing it with a part read from Arabic script: Maghrebi names are
// romanised the French way, ch for ش (Chouman شومان, Akkacha عكاشة,
// Alouche علوش) and c before e, i or y for س (Lounici لونيسي, Belgacem
// بلقاسم), which the consonant skeleton keeps apart from sh and s.
// It returns "" when the reading is the same. Only for comparisons with
// a script: between Latin names ch and sh stay apart (Chen, Shen).
func FrenchReading(latin string) string {
	return respell(latin, 'c', func(next byte) (string, bool, bool) {
		switch next {
		case 'h':
			return "sh", true, true
		case 'e', 'i', 'y':
			return "s", false, true
		}
		return "", false, false
	})
}

// FrenchSpelling returns a part read from Arabic script spelled the way
// French romanises Maghrebi names, for finding its Latin forms: ch for
// ش, and c for س before ي or before a consonant, where the script writes
// no short vowel and French writes e or i (شومان Chouman, لونيسي Lounici,
// قاسم Kacem, بلقاسم Belgacem); "" when there is nothing to respell.
// FrenchReading reads such a Latin form back.
func FrenchSpelling(unvowelled string) string {
	return respell(unvowelled, 's', func(next byte) (string, bool, bool) {
		switch next {
		case 'h':
			return "ch", true, true
		case 'i':
			return "c", false, true
		case 0, 'a', 'e', 'o', 'u', 'w', 'y':
			return "", false, false
		}
		return "c", false, true
	})
}

// EgyptianReading returns a Latin part with j for every g not before h,
// for comparing it with a part read from Arabic script: Egyptian names
// write ج g (Ragab رجب, Gamal جمال, Gomaa جمعة), which the skeleton keeps
// apart from j; "" when the part has no such g. (A g for ق, as Gulf names
// write it, already meets q in the skeleton.)
func EgyptianReading(latin string) string {
	return respell(latin, 'g', func(next byte) (string, bool, bool) {
		return "j", false, next != 'h'
	})
}

// EgyptianSpelling returns a part read from Arabic script with g for
// every j, for finding its Egyptian Latin forms (جمال Gamal); "" when it
// has none.
func EgyptianSpelling(unvowelled string) string {
	return respell(unvowelled, 'j', func(byte) (string, bool, bool) { return "g", false, true })
}

// respell rewrites each letter c of s by rule, given the letter after it
// (0 at the end): rule returns the text written for c, whether it also
// takes that letter, and ok false to leave c as it is. It returns ""
// when nothing changed.
func respell(s string, c byte, rule func(next byte) (text string, takesNext, ok bool)) string {
	if strings.IndexByte(s, c) < 0 {
		return ""
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); i++ {
		var next byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		t, takes, ok := "", false, false
		if s[i] == c {
			t, takes, ok = rule(next)
		}
		if !ok {
			b.WriteByte(s[i])
			continue
		}
		b.WriteString(t)
		changed = true
		if takes {
			i++
		}
	}
	if !changed {
		return ""
	}
	return b.String()
}

// SameSkeleton reports whether two folded tokens have one consonant
// skeleton (Skeleton(a) == Skeleton(b)), without building them.
func SameSkeleton(a, b string) bool {
	x, y := slotIter{tok: a}, slotIter{tok: b}
	for {
		_, xk, xok := x.next()
		_, yk, yok := y.next()
		if xok != yok || xk != yk {
			return false
		}
		if !xok {
			return true
		}
	}
}
