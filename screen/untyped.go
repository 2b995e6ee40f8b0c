package screen

import (
	"slices"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/names"
)

// Untyped names. A subject or listed record often comes without a kind (a
// CSV without a type column). Such a name is analysed kind-neutrally, which
// keeps "Abu Bakr SA" and "Maria de la Cruz" whole, but then misses legal
// forms an organisation reading finds: "S.a. De C.v." reads as five
// one-letter parts, "AO" as a name part. So an untyped name whose
// organisation reading has a legal form the neutral reading lacks is read
// both ways, and the organisation reading is compared with organisation,
// vessel and untyped names only, never with a person's name.

// orgReading returns the organisation reading of name when its kind is
// unknown and that reading differs from the neutral one (neutral) by a
// legal form; ok is false otherwise.
func orgReading(name string, kind names.Kind, neutral []names.Token) (toks []names.Token, ok bool) {
	if kind != names.Any {
		return nil, false
	}
	org := names.Analyze(name, names.Organization)
	if !slices.ContainsFunc(org, isLegal) {
		return nil, false
	}
	if sameTokens(org, neutral) {
		return nil, false
	}
	return org, true
}

func isLegal(t names.Token) bool { return t.Class == names.Legal }

func sameTokens(a, b []names.Token) bool {
	return slices.EqualFunc(a, b, func(x, y names.Token) bool { return x.Text == y.Text && x.Class == y.Class })
}

// notPerson allows every listed kind but persons: the organisation
// reading of an untyped subject.
func notPerson(tag uint8) bool { return tag != kindTag(entity.KindPerson) }
