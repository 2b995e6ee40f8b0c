package vigil_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/entity"
)

func TestInput_Subject(t *testing.T) {
	tests := []struct {
		name  string
		in    vigil.SubjectInput
		check func(t *testing.T, s vigil.Subject)
		field string // expected error field, "" for success
	}{
		{"organisation synonym", vigil.SubjectInput{Name: "Acme LLC", Type: "Organisation"}, func(t *testing.T, s vigil.Subject) {
			if s.Kind != entity.KindOrganization {
				t.Errorf("kind %q", s.Kind)
			}
		}, ""},
		{"gender other says nothing", vigil.SubjectInput{Name: "A", Gender: "Other"}, func(t *testing.T, s vigil.Subject) {
			if s.Gender != "" || len(s.Unread) != 0 {
				t.Errorf("gender %q, unread %v", s.Gender, s.Unread)
			}
		}, ""},
		{"compact dob", vigil.SubjectInput{Name: "A", DOB: "19700102"}, func(t *testing.T, s vigil.Subject) {
			if s.DateOfBirth != (entity.Date{Year: 1970, Month: 1, Day: 2}) {
				t.Errorf("dob %+v", s.DateOfBirth)
			}
		}, ""},
		{"same value in synonyms", vigil.SubjectInput{Name: "A", FullName: " A "}, nil, ""},
		{"fallback id", vigil.SubjectInput{Name: "A"}, func(t *testing.T, s vigil.Subject) {
			if s.ID != "fb" {
				t.Errorf("id %q", s.ID)
			}
		}, ""},
		{"gender x is unread", vigil.SubjectInput{Name: "A", Gender: "x"}, func(t *testing.T, s vigil.Subject) {
			if s.Gender != "" || len(s.Unread) != 1 || s.Unread[0] != (vigil.Unread{Attribute: "gender", Value: "x", Reason: s.Unread[0].Reason}) {
				t.Errorf("gender %q, unread %+v", s.Gender, s.Unread)
			}
		}, ""},
		{"gender f", vigil.SubjectInput{Name: "A", Gender: " F "}, func(t *testing.T, s vigil.Subject) {
			if s.Gender != entity.GenderFemale {
				t.Errorf("gender %q", s.Gender)
			}
		}, ""},
		{"countries as codes", vigil.SubjectInput{Name: "A", Nationality: "Russian Federation", Country: "Atlantis"}, func(t *testing.T, s vigil.Subject) {
			if s.Nationality != "RU" || s.Country != "" || len(s.Unread) != 1 || s.Unread[0].Attribute != "country" || s.Unread[0].Value != "Atlantis" {
				t.Errorf("nationality %q country %q unread %+v", s.Nationality, s.Country, s.Unread)
			}
		}, ""},
		{"unknown gender", vigil.SubjectInput{Name: "A", Gender: "mal"}, nil, "gender"},
		{"unknown type", vigil.SubjectInput{Name: "A", Type: "ship"}, nil, "type"},
		{"month 13", vigil.SubjectInput{Name: "A", DateOfBirth: "1970-13"}, nil, "date_of_birth"},
		{"conflicting dob", vigil.SubjectInput{Name: "A", DateOfBirth: "1970", DOB: "1971"}, nil, "dob"},
		{"blank name", vigil.SubjectInput{Name: "  ", Gender: "m"}, nil, "name"},
		{"control character", vigil.SubjectInput{Name: "A\x00B"}, nil, "name"},
		{"document without number", vigil.SubjectInput{Name: "A", Documents: []entity.Document{{Type: "passport"}}}, nil, "documents[0].number"},
		{"long crypto", vigil.SubjectInput{Name: "A", Crypto: []string{strings.Repeat("x", vigil.MaxField+1)}}, nil, "crypto[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.in.Subject("fb")
			if tt.field != "" {
				var ae *apperr.Error
				if !errors.As(err, &ae) || ae.Code != apperr.Invalid || ae.Field != tt.field {
					t.Fatalf("err = %v, want an Invalid error on field %q", err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
}

// The JSON form of a subject, as stored and as answered, keeps the field
// names and the date of birth as a string; unread values come back under
// their own field as given, and the form read back is the same subject.
// Subjects stored by earlier versions, with country names, still read.
func TestSubject_JSON(t *testing.T) {
	in := vigil.SubjectInput{ID: "C-1", Type: "individual", FullName: "Ivan Petrov", Gender: "M", DOB: "19510619",
		Nationality: "Russian Federation", Country: "Narnia", Passport: "X1;X2", Crypto: []string{" 0xabc "}}
	s, err := in.Subject("")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"C-1","type":"person","name":"Ivan Petrov","gender":"male","date_of_birth":"1951-06-19",` +
		`"nationality":"RU","country":"Narnia","documents":[{"type":"passport","number":"X1"},{"type":"passport","number":"X2"}],"crypto":["0xabc"]}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	var back vigil.Subject
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, s) {
		t.Errorf("read back %+v, want %+v", back, s)
	}
	var legacy vigil.Subject
	if err := json.Unmarshal([]byte(`{"id":"C-2","name":"A","gender":"female","date_of_birth":"1970","nationality":"Egyptian"}`), &legacy); err != nil {
		t.Fatal(err)
	}
	if legacy.Nationality != "EG" || legacy.Gender != entity.GenderFemale || legacy.DateOfBirth.Year != 1970 {
		t.Errorf("legacy subject read as %+v", legacy)
	}
}
