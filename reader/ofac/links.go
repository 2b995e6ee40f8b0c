package ofac

import (
	"strings"
	"unicode"

	"github.com/vigil-screening/vigil/entity"
)

// resolveLinks fills the TargetID of each "Linked To" relation when exactly
// one record of the edition has that primary name, compared without case
// and punctuation. Ambiguous and unknown names keep an empty TargetID.
func resolveLinks(list []*entity.Entity) {
	byName := make(map[string][]string)
	for _, e := range list {
		k := nameKey(e.PrimaryName())
		byName[k] = append(byName[k], e.ID)
	}
	for _, e := range list {
		for i := range e.Relations() {
			r := &e.Relations()[i]
			if r.Type != entity.RelLinkedTo || r.TargetID != "" {
				continue
			}
			if ids := byName[nameKey(r.TargetName)]; len(ids) == 1 {
				r.TargetID = ids[0]
			}
		}
	}
}

// nameKey normalises a name for comparison: lower case, letters and digits
// only, words separated by one space. "S.A." and "S.A" give the same key.
func nameKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '.' || r == '\'':
			// "S.A." is one word; "QA'IDA" too.
		default:
			space = true
		}
	}
	return b.String()
}
