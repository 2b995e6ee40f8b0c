package subject

import (
	"context"
	"errors"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
)

// Pair is two subjects to compare, as `vigil compare` and POST /v1/compare
// take them.
type Pair struct {
	ID ID    `json:"id,omitempty"`
	A  Input `json:"a"`
	B  Input `json:"b"`
}

// Subjects validates both sides of the pair. Field errors are named
// "a.<field>" or "b.<field>".
func (p Pair) Subjects() (a, b vigil.Subject, err error) {
	if a, err = p.A.Subject("a"); err != nil {
		return a, b, PrefixField("a.", err)
	}
	if b, err = p.B.Subject("b"); err != nil {
		return a, b, PrefixField("b.", err)
	}
	return a, b, nil
}

// Comparison is the outcome of comparing a pair: b scored as if it were a
// listed record against a.
type Comparison struct {
	ID          string             `json:"id"`
	Score       float64            `json:"score"`
	Explanation *vigil.Explanation `json:"explanation,omitempty"`
	Error       string             `json:"error,omitempty"`
}

// Comparer compares two subjects; *screen.Engine is one.
type Comparer interface {
	Compare(ctx context.Context, a, b vigil.Subject) (vigil.Hit, error)
}

// Compare validates and compares the pair. fallbackID names the pair when
// it has no id of its own.
func Compare(ctx context.Context, c Comparer, p Pair, fallbackID string) (Comparison, error) {
	id := string(p.ID)
	if id == "" {
		id = fallbackID
	}
	a, b, err := p.Subjects()
	if err != nil {
		return Comparison{ID: id}, err
	}
	hit, err := c.Compare(ctx, a, b)
	if err != nil {
		return Comparison{ID: id}, err
	}
	return Comparison{ID: id, Score: hit.Score, Explanation: &hit.Explanation}, nil
}

// PrefixField puts prefix before the field of a field error, e.g.
// "subjects[3]." before "date_of_birth".
func PrefixField(prefix string, err error) error {
	var ae *apperr.Error
	if errors.As(err, &ae) && ae.Field != "" {
		return &apperr.Error{Code: ae.Code, Field: prefix + ae.Field, Message: ae.Message, Err: ae.Err}
	}
	return err
}
