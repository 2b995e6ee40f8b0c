package match

import (
	"unicode"

	"github.com/vigil-screening/vigil/names"
)

// An organisation word (names.OrgWordKeys: "company", "завод", "شركة",
// "研究所") says what kind of body an organisation is, not which one.
// Its weight in an organisation's name is at most that of the most
// common listed word of its group, whichever language it is written in:
// "شركة" or "kompaniya", which the Latin names rarely write, weigh as
// little as "company" does. A translated name whose Latin form leaves out
// such a word ("شركة صروح العقارية" for "SORUH COMPANY") then loses
// little for it, while its distinctive words keep their rarity. Only a
// name written in another script than Latin is so read: it is most often
// a translation, which adds or leaves out such words, while two Latin
// names of one organisation mostly share them, and there a typo in a
// distinctive word must keep its full cost.

// orgWordWeights returns, by organisation-word key, the least weight of
// the listed tokens that have the key.
func (v *Vocab) orgWordWeights() map[string]float32 {
	m := map[string]float32{}
	for id, tok := range v.texts {
		for _, k := range names.OrgWordKeys(tok) {
			if w, ok := m[k]; !ok || v.weight[id] < w {
				m[k] = v.weight[id]
			}
		}
	}
	return m
}

// orgWordWeight returns the weight of an organisation word, the least of
// its groups' (see orgWordWeights), and whether tok is one.
func (v *Vocab) orgWordWeight(tok string) (float32, bool) {
	w, found := float32(0), false
	for _, k := range names.OrgWordKeys(tok) {
		if x, ok := v.orgW[k]; ok && (!found || x < w) {
			w, found = x, true
		}
	}
	return w, found
}

// lowerOrgWords caps the weight of the organisation words of an
// organisation's name n (see orgWordWeights).
func (v *Vocab) lowerOrgWords(n *Name) {
	if !nonLatin(n.Raw) {
		return
	}
	for i := range n.Parts {
		p := &n.Parts[i]
		if p.Class == names.Stop {
			// A function word of the name's language ("и", "في", "از"):
			// no more than the commonest word.
			p.Weight = min(p.Weight, minWeight*classFactor[names.Stop])
			continue
		}
		if w, ok := v.orgWordWeight(p.Text); ok {
			p.Weight = min(p.Weight, w*classFactor[p.Class])
		}
	}
}

// nonLatin reports whether s has a letter of another script than Latin.
func nonLatin(s string) bool {
	for _, r := range s {
		if r >= 0x0370 && unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}
