package vigil_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
)

func TestResult_MarshalJSON(t *testing.T) {
	tests := []struct {
		r    vigil.Result
		want string
	}{
		{vigil.Result{ID: "1"}, `{"id":"1","hits":[]}`},
		{vigil.Result{ID: "2", Error: "in.csv:2: bad"}, `{"id":"2","error":"in.csv:2: bad"}`},
		{vigil.Result{ID: "3", Hits: []vigil.Hit{{Score: 0.5, List: "un_sc", SourceID: "7"}}},
			`{"id":"3","hits":[{"score":0.5,"list":"un_sc","source_id":"7","name":"","matched_name":"","explanation":{"name_score":0,"parts":null}}]}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.r)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.r, b, err, tt.want)
		}
	}
}

// Values that are given but cannot be compared are recorded once, at
// validation, in Subject.Unread; the warnings are made from them.
func TestWarnings(t *testing.T) {
	s := mustSubject(t, vigil.SubjectInput{Name: "Ivan", Nationality: "Russian", Country: "Korea, North"})
	if w := s.Warnings(); len(w) != 0 || s.Nationality != "RU" || s.Country != "KP" {
		t.Errorf("known countries: warnings %v, codes %q %q", w, s.Nationality, s.Country)
	}
	s = mustSubject(t, vigil.SubjectInput{Name: "Ivan", Nationality: "Narnia", Gender: "X"})
	w := s.Warnings()
	if len(w) != 2 || !strings.Contains(w[0], `gender: "X"`) || !strings.Contains(w[1], `nationality: "Narnia"`) ||
		!strings.Contains(w[1], "not compared") {
		t.Errorf("Warnings = %v, want gender X and nationality Narnia", w)
	}
	b, err := json.Marshal(vigil.Result{ID: "7", Warnings: w})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"hits":[]`) || !strings.Contains(string(b), `"warnings":["gender: \"X\"`) {
		t.Errorf("result JSON = %s", b)
	}
}

func mustSubject(t *testing.T, in vigil.SubjectInput) vigil.Subject {
	t.Helper()
	s, err := in.Subject("")
	if err != nil {
		t.Fatal(err)
	}
	return s
}
