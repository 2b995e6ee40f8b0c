package match

import (
	"math/bits"
	"strings"

	"github.com/vigil-screening/vigil/names"
)

// How says how two parts matched.
type How uint8

// Ways two parts match, from strongest to weakest.
const (
	None How = iota
	Exact
	Variant
	Joined
	Phonetic
	Fuzzy
	Initial
	// LegalForm is two spellings of one legal form: "AD" and "JSC",
	// "OOO" and "Limited Liability Company".
	LegalForm
	// OtherLegalForm is two different legal forms ("LLC" and "JSC").
	OtherLegalForm
	Unmatched
)

var howNames = [...]string{"none", "exact", "variant", "joined", "phonetic", "fuzzy", "initial", "legal_form", "other_legal_form", "missing"}

func (h How) String() string { return howNames[h] }

// Similarities given to each way of matching.
const (
	simVariant  = 0.95
	simJoined   = 0.95
	simPhonetic = 0.88
	simInitial  = 0.9
	simLegalMis = 0.5 // two different legal forms
	minFuzzy    = 0.6 // below this two parts do not match
	simDoubled  = 0.92
	// shortPart is the length up to which a part tolerates only an added
	// or dropped letter, not a changed one.
	shortPart = 4
	editCost  = 0.03
	// minPhoneticFuzzy is the spelling similarity two Latin parts with
	// equal skeletons need to count as phonetic matches.
	minPhoneticFuzzy = 0.5
	// initialShare is the share of the listed part's weight an initial
	// stands for: "J." tells less than "Jamal".
	initialShare = 0.5
)

// partSim compares a query part with a listed part and returns their
// similarity in 0..1 and how they matched.
//
// With strict set, one of the names is written in Chinese characters or
// Hangul: parts meet only as the same text, a variant, or the same
// syllables in another romanisation (see looseKey).
func partSim(q, l *Part, strict bool) (float32, How) {
	if q.Class == names.Legal || l.Class == names.Legal {
		return legalSim(q, l)
	}
	if q.Tok >= 0 && q.Tok == l.Tok || (q.Tok < 0 || l.Tok < 0) && q.Text == l.Text {
		return 1, Exact
	}
	if s := q.VariantSim(l); s > 0 {
		return s, Variant
	}
	if isNumber(q.Text) || isNumber(l.Text) {
		return 0, None // another number, or a number and a word
	}
	if strict && q.Class != names.Initial && l.Class != names.Initial {
		if looseEqual(q.Text, l.Text) {
			return simVariant, Variant
		}
		return 0, None
	}
	if q.Class == names.Initial || l.Class == names.Initial {
		if q.Text[0] == l.Text[0] && q.Class != l.Class {
			return simInitial, Initial
		}
		if q.Text == l.Text {
			return 1, Exact
		}
		return 0, None
	}
	fuzzy := fuzzySim(q, l)
	// Equal skeletons count when one side comes from a script that does
	// not write vowels, or when the spellings are otherwise close: Latin
	// "William" and "Lam" share a skeleton but are different names.
	if q.Skel >= 0 && q.Skel == l.Skel && q.SkelLen >= 1 {
		unvowelled := q.Unvowelled || l.Unvowelled
		// From a script without vowels a letter the skeleton drops (و read
		// w) must not begin one part where the other begins with a
		// consonant: "Wasim" is not "Shami"; and a Latin nisba -i needs a
		// written ي (see nisbaAgrees). A skeleton of one consonant
		// ("yahya", "ali") says little: it counts when the parts begin
		// alike and neither is a particle ("el" is not "Ailya").
		if q.SkelLen >= 2 && (unvowelled && startsAgree(q, l) && nisbaAgrees(q, l) || fuzzy >= minPhoneticFuzzy) ||
			q.SkelLen == 1 && unvowelled && beginAlike(q.Text, l.Text) && q.Class == l.Class {
			if unvowelled {
				return max(fuzzy, unvowelledSim(q, l)), Phonetic
			}
			return max(fuzzy, simPhonetic), Phonetic
		}
	}
	if q.Unvowelled != l.Unvowelled && q.Skel != l.Skel {
		if s, ok := arabicLatinSim(q, l); ok {
			return max(fuzzy, s), Phonetic
		}
	}
	if (q.Trans || l.Trans) && q.Class == names.Plain && l.Class == names.Plain && (!vowelled(q, l) || endAlike(q, l)) && transEqual(q, l, vowelled(q, l)) {
		return max(fuzzy, simPhonetic), Phonetic
	}
	if q.Kana || l.Kana {
		switch k := kanaSim(q, l); {
		case k == simPhonetic && fuzzy < simPhonetic:
			return k, Phonetic
		case k > fuzzy && k >= minFuzzy:
			return k, Fuzzy
		}
	}
	if fuzzy >= minFuzzy {
		return fuzzy, Fuzzy
	}
	return 0, None
}

// nisbaAgrees checks a final -i between a part from a script without
// vowels and a Latin one (see names.NisbaAgrees).
func nisbaAgrees(q, l *Part) bool {
	switch {
	case q.Unvowelled && !l.Unvowelled:
		return names.NisbaAgrees(q.Text, l.Text)
	case l.Unvowelled && !q.Unvowelled:
		return names.NisbaAgrees(l.Text, q.Text)
	}
	return true
}

func legalSim(q, l *Part) (float32, How) {
	switch {
	case q.Class != l.Class:
		if s := q.VariantSim(l); s > 0 {
			// A legal form written as a word in another script
			// ("корпорация", "المحدودة") and the form ("inc", "ltd").
			return s, Variant
		}
		// A word read as a legal form may be a misspelt ordinary word, or
		// the other way round: compare the words as written.
		qt, lt := q.Text, l.Text
		if q.Orig != "" {
			qt = q.Orig
		}
		if l.Orig != "" {
			lt = l.Orig
		}
		if q.Orig == "" && l.Orig == "" {
			return 0, None
		}
		switch f := fuzzyText(qt, lt); {
		case f == 1:
			// The same word, read as a legal form on one side only.
			return 1, LegalForm
		case f >= minFuzzy:
			return f, Fuzzy
		}
		return 0, None
	case q.Text == l.Text && q.Orig == l.Orig:
		return 1, Exact
	case q.Text == l.Text:
		return 1, LegalForm
	default:
		return simLegalMis, OtherLegalForm
	}
}

// fuzzySim is 1 - d/len, with d the optimal-string-alignment distance
// (edits, including swaps of neighbours) and len the longer length, less
// editCost per edit. Parts shorter than three letters must match exactly.
func fuzzySim(q, l *Part) float32 {
	return fuzzyMasked(q.Text, l.Text, q.Mask, l.Mask)
}

// fuzzyText is fuzzySim on two strings.
func fuzzyText(a, b string) float32 {
	return fuzzyMasked(a, b, names.LetterMask(a), names.LetterMask(b))
}

func fuzzyMasked(a, b string, ma, mb uint32) float32 {
	if a == b {
		return 1
	}
	if collapsedEqual(a, b) {
		return simDoubled // "Alli" for "Ali", "Buu" for "Bu"
	}
	la, lb := len(a), len(b)
	if min(la, lb) < 3 || la > 64 || lb > 64 {
		return 0
	}
	longer := float32(max(la, lb))
	// The most edits that still reach minFuzzy.
	maxD := int((1 - minFuzzy) * longer / (1 + editCost*longer))
	if bits.OnesCount32(ma&^mb) > maxD || bits.OnesCount32(mb&^ma) > maxD {
		return 0
	}
	d := names.DistanceAtMost(a, b, maxD)
	if d > maxD {
		return 0
	}
	if min(la, lb) <= shortPart && d != abs(la-lb) && !mildChange(a, b) && !keySlip(a, b) {
		// In short parts a changed consonant makes another name (Ding
		// and Ling, Kim and Lim); a letter added or dropped, two letters
		// swapped, one vowel changed (Oleg and Olug) or a later letter
		// struck on a neighbouring key (Khan and Khsn) still pass.
		return 0
	}
	// Each edit also costs a little on its own, so that two edits in a
	// long name still weigh.
	return 1 - float32(d)/longer - editCost*float32(d)
}

// collapsedEqual reports whether a and b are equal once runs of one
// letter are collapsed ("hassan" and "hasan").
func collapsedEqual(a, b string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] != b[j] {
			return false
		}
		c := a[i]
		for i < len(a) && a[i] == c {
			i++
		}
		for j < len(b) && b[j] == c {
			j++
		}
	}
	return i == len(a) && j == len(b)
}

// mildChange reports whether two strings of equal length differ by one
// swap of neighbouring letters or by one vowel for another.
func mildChange(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	first := -1
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			first = i
			break
		}
	}
	if first < 0 {
		return true
	}
	rest := first + 1
	if first+1 < len(a) && a[first] == b[first+1] && a[first+1] == b[first] {
		rest = first + 2 // a swap
	} else if !isVowel(a[first]) || !isVowel(b[first]) {
		return false
	}
	return a[rest:] == b[rest:]
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// beginAlike reports whether a and b begin with the same letter, or both
// with a vowel.
func beginAlike(a, b string) bool {
	return a != "" && b != "" && (a[0] == b[0] || isVowel(a[0]) && isVowel(b[0]))
}

// startsAgree reports whether two parts with one skeleton, one of them
// read from a script without vowels, do not begin one with a letter the
// skeleton drops (w or y, from و or ي) read from that script and the
// other with a consonant (a vowel is fine: ولد and "Ould").
func startsAgree(q, l *Part) bool {
	dropped := func(p *Part) bool { return p.Text != "" && (p.Text[0] == 'w' || p.Text[0] == 'y') }
	switch {
	case q.Unvowelled && dropped(q) && !dropped(l) && !isVowel(l.Text[0]), l.Unvowelled && dropped(l) && !dropped(q) && !isVowel(q.Text[0]):
		return false
	}
	return true
}

// keySlip reports whether two strings of equal length differ in one
// letter, not the first, and the two letters are neighbours on a QWERTY
// keyboard: the commonest typing slip. The first letter is excluded:
// there a changed letter more often makes another name (Kim, Lim).
func keySlip(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	diff := -1
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	return diff > 0 && keyNeighbours(a[diff], b[diff])
}

// keyRows are the letter rows of a QWERTY keyboard.
var keyRows = [3]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// keyNeighbours reports whether x and y are next to each other on a
// QWERTY keyboard, in one row or diagonally in the rows above and below.
func keyNeighbours(x, y byte) bool {
	rx, cx := keyPos(x)
	ry, cy := keyPos(y)
	if rx < 0 || ry < 0 {
		return false
	}
	switch rx - ry {
	case 0:
		return abs(cx-cy) == 1
	case 1: // x is on the row below y, offset half a key to the right
		return cx == cy || cx+1 == cy
	case -1:
		return cy == cx || cy+1 == cx
	}
	return false
}

func keyPos(c byte) (row, col int) {
	for r, keys := range keyRows {
		if i := strings.IndexByte(keys, c); i >= 0 {
			return r, i
		}
	}
	return -1, -1
}
