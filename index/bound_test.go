package index

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// TestPartsAndJoinsBound checks that the stores are sized by a bound
// that holds: every name has the parts partsAndJoins counts and at most
// its joins, titles, particles, articles and overlong names included.
func TestPartsAndJoinsBound(t *testing.T) {
	raw := []string{
		"Dr. Ayman al-Zawahiri", "Shams al Din Mohammed", "Ali bin Abdullah bin Hassan al Tikriti",
		"Abd al Rahman", "ABC Trading Company Ltd", "van der Berg", "al", "Nur al Din",
		strings.Repeat("Mohammed Ali ", 20), "Sheikh Dr. Abu Bakr al Baghdadi",
	}
	b := NewBuilder()
	for i, r := range raw {
		kind := names.Person
		if strings.Contains(r, "Ltd") {
			kind = names.Organization
		}
		b.Add(Entry{Raw: r, Tokens: names.Analyze(r, kind), Owner: int32(i), Roles: match.Roles{Org: kind == names.Organization}})
	}
	bounds := make([][2]int, len(raw))
	for i := range raw {
		bounds[i][0], bounds[i][1] = b.partsAndJoins(i)
	}
	ix := b.Build()
	for i, r := range raw {
		st, j := ix.store(int32(i))
		if p, jn := len(st.partsOf(j)), len(st.joinsOf(j)); p != bounds[i][0] || jn > bounds[i][1] {
			t.Errorf("%q: %d parts and %d joins, bound %d and %d", r, p, jn, bounds[i][0], bounds[i][1])
		}
	}
}
