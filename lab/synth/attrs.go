package synth

import (
	"math/rand/v2"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// attrStats describes the attributes of one kind of seed record, so that
// synthetic records carry them in the same proportions and shapes.
type attrStats struct {
	records  int
	withDOB  int
	twoDOBs  int
	dates    []entity.Date // birth dates seen, for their precision and era
	withDoc  int
	docs     []entity.Document // documents seen, for their type and number shape
	aliases  []int             // alias count of each record, capped at maxAliases
	gendered int
	males    int
}

// maxAliases caps the aliases of a synthetic record: "a few".
const maxAliases = 3

// add counts the attributes of a seed record.
func (s *attrStats) add(e *entity.Entity) {
	s.records++
	var dates []entity.Date
	for _, d := range e.BirthDates {
		if d.Valid() && d.Year >= 1900 && d.Year <= 2015 {
			dates = append(dates, d)
		}
	}
	if len(dates) > 0 {
		s.withDOB++
		s.dates = append(s.dates, dates...)
	}
	if len(dates) > 1 {
		s.twoDOBs++
	}
	var docs []entity.Document
	for _, d := range e.Documents {
		if docShape(d.Number) {
			docs = append(docs, entity.Document{Type: d.Type, Number: d.Number})
		}
	}
	if len(docs) > 0 {
		s.withDoc++
		s.docs = append(s.docs, docs...)
	}
	aliases := 0
	for _, n := range e.Names {
		if n.Type == entity.NameAlias || n.Type == entity.NameWeakAlias || n.Type == entity.NameFormer {
			aliases++
		}
	}
	s.aliases = append(s.aliases, min(aliases, maxAliases))
	if g := genderOf(e); g != genderUnknown {
		s.gendered++
		if g == genderMale {
			s.males++
		}
	}
}

// docShape reports whether a document number is a usable pattern: 4 to 20
// ASCII letters, digits, spaces, dashes or slashes, with at least 3 digits.
func docShape(num string) bool {
	if len(num) < 4 || len(num) > 20 {
		return false
	}
	digits := 0
	for _, r := range num {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r == ' ', r == '-', r == '/':
		default:
			return false
		}
	}
	return digits >= 3
}

// chance reports true with probability k/n.
func chance(rnd *rand.Rand, k, n int) bool {
	return n > 0 && rnd.IntN(n) < k
}

// pick returns a random element of xs, or the zero value when it is empty.
func pick[T any](rnd *rand.Rand, xs []T) T {
	var zero T
	if len(xs) == 0 {
		return zero
	}
	return xs[rnd.IntN(len(xs))]
}

// birthDates draws birth dates shaped like a random seed date: the same
// precision (year only, month, day, range, circa), a nearby year, a new
// month and day.
func (s *attrStats) birthDates(rnd *rand.Rand) []entity.Date {
	if !chance(rnd, s.withDOB, s.records) {
		return nil
	}
	n := 1
	if chance(rnd, s.twoDOBs, s.withDOB) {
		n = 2
	}
	out := make([]entity.Date, n)
	for i := range out {
		out[i] = nearbyDate(rnd, pick(rnd, s.dates))
	}
	return out
}

func nearbyDate(rnd *rand.Rand, d entity.Date) entity.Date {
	shift := int16(rnd.IntN(7) - 3)
	out := entity.Date{Year: d.Year + shift, Circa: d.Circa}
	if d.Month != 0 {
		out.Month = int8(1 + rnd.IntN(12))
	}
	if d.Day != 0 {
		out.Day = int8(1 + rnd.IntN(28))
	}
	if d.IsRange() {
		out.ToYear = out.Year + max(d.ToYear-d.Year, 0)
	}
	return out
}

// documents draws a document shaped like a random seed document: the same
// type and the same pattern of letters, digits and separators, new values.
func (s *attrStats) documents(rnd *rand.Rand, country string) []entity.Document {
	if !chance(rnd, s.withDoc, s.records) {
		return nil
	}
	d := pick(rnd, s.docs)
	return []entity.Document{{Type: d.Type, Number: reshape(rnd, d.Number), Country: country}}
}

// reshape replaces each digit of num by a random digit and each letter by
// a random capital letter.
func reshape(rnd *rand.Rand, num string) string {
	var b strings.Builder
	b.Grow(len(num))
	for i := 0; i < len(num); i++ {
		c := num[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(byte('0' + rnd.IntN(10)))
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
			b.WriteByte(byte('A' + rnd.IntN(26)))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// gender draws a gender index in the seed's proportions (unknown when the
// seed does not give one).
func (s *attrStats) gender(rnd *rand.Rand) int {
	if !chance(rnd, s.gendered, s.records) {
		return genderUnknown
	}
	if chance(rnd, s.males, s.gendered) {
		return genderMale
	}
	return genderFemale
}
