package screen_test

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil"
)

// TestUnrecognisedValuesReported checks that attribute values Vigil
// cannot read, recorded at validation in Subject.Unread, are reported on
// the hits, not dropped, and that the legitimate genders "other" and
// "unknown" are accepted silently.
func TestUnrecognisedValuesReported(t *testing.T) {
	eng := realEngine(t)
	tests := []struct {
		subject vigil.SubjectInput
		want    map[string]string // attribute → query value reported as not compared
	}{
		{vigil.SubjectInput{Name: "Ayman al-Zawahiri", Nationality: "Narnia", Gender: "x"}, map[string]string{"nationality": "Narnia", "gender": "x"}},
		{vigil.SubjectInput{Name: "Ayman al-Zawahiri", Country: "Atlantis", Gender: "other"}, map[string]string{"country": "Atlantis"}},
		{vigil.SubjectInput{Name: "Ayman al-Zawahiri", Gender: "unknown", Nationality: "Egypt"}, map[string]string{}},
	}
	for _, tt := range tests {
		s, err := tt.subject.Subject("")
		if err != nil {
			t.Fatalf("%+v: %v", tt.subject, err)
		}
		hits, err := eng.Screen(context.Background(), s, vigil.Options{})
		if err != nil {
			t.Fatalf("%+v: %v", tt.subject, err)
		}
		h, ok := found(hits, "us_ofac_sdn", "2676")
		if !ok {
			t.Fatalf("%+v: 2676 not found", tt.subject)
		}
		got := map[string]string{}
		for _, q := range h.Explanation.Qualifiers {
			if q.Detail == "unrecognised value, not compared" {
				if q.Verdict != vigil.Missing || q.Effect != 0 {
					t.Errorf("%+v: %+v should be missing with no effect", tt.subject, q)
				}
				got[q.Attribute] = q.Query
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%+v: reported %v, want %v", tt.subject, got, tt.want)
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%+v: %s reported as %q, want %q", tt.subject, k, got[k], v)
			}
		}
		checkAddsUp(t, tt.subject.Name, h)
	}
}
