package vigil

import "github.com/vigil-screening/vigil/apperr"

// Pair is two subjects to compare, as `vigil compare` and POST /v1/compare
// take them.
type Pair struct {
	ID SubjectID    `json:"id,omitempty"`
	A  SubjectInput `json:"a"`
	B  SubjectInput `json:"b"`
}

// Subjects validates both sides of the pair. Field errors are named
// "a.<field>" or "b.<field>".
func (p Pair) Subjects() (a, b Subject, err error) {
	if a, err = p.A.Subject("a"); err != nil {
		return a, b, apperr.PrefixField("a.", err)
	}
	if b, err = p.B.Subject("b"); err != nil {
		return a, b, apperr.PrefixField("b.", err)
	}
	return a, b, nil
}

// Comparison is the outcome of comparing a pair: b scored as if it were a
// listed record against a.
type Comparison struct {
	ID          string       `json:"id"`
	Score       float64      `json:"score"`
	Explanation *Explanation `json:"explanation,omitempty"`
	Error       string       `json:"error,omitempty"`
}
