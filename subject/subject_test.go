package subject_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/subject"
)

func TestInput_Subject(t *testing.T) {
	tests := []struct {
		name  string
		in    subject.Input
		check func(t *testing.T, s string, kind entity.Kind, gender, dob string)
		field string // expected error field, "" for success
	}{
		{"organisation synonym", subject.Input{Name: "Acme LLC", Type: "Organisation"}, func(t *testing.T, _ string, k entity.Kind, _, _ string) {
			if k != entity.KindOrganization {
				t.Errorf("kind %q", k)
			}
		}, ""},
		{"gender other says nothing", subject.Input{Name: "A", Gender: "Other"}, func(t *testing.T, _ string, _ entity.Kind, g, _ string) {
			if g != "" {
				t.Errorf("gender %q", g)
			}
		}, ""},
		{"compact dob", subject.Input{Name: "A", DOB: "19700102"}, func(t *testing.T, _ string, _ entity.Kind, _, d string) {
			if d != "1970-01-02" {
				t.Errorf("dob %q", d)
			}
		}, ""},
		{"same value in synonyms", subject.Input{Name: "A", FullName: " A "}, nil, ""},
		{"fallback id", subject.Input{Name: "A"}, func(t *testing.T, id string, _ entity.Kind, _, _ string) {
			if id != "fb" {
				t.Errorf("id %q", id)
			}
		}, ""},
		{"unknown type", subject.Input{Name: "A", Type: "ship"}, nil, "type"},
		{"month 13", subject.Input{Name: "A", DateOfBirth: "1970-13"}, nil, "date_of_birth"},
		{"conflicting dob", subject.Input{Name: "A", DateOfBirth: "1970", DOB: "1971"}, nil, "dob"},
		{"blank name", subject.Input{Name: "  ", Gender: "m"}, nil, "name"},
		{"control character", subject.Input{Name: "A\x00B"}, nil, "name"},
		{"document without number", subject.Input{Name: "A", Documents: []entity.Document{{Type: "passport"}}}, nil, "documents[0].number"},
		{"long crypto", subject.Input{Name: "A", Crypto: []string{strings.Repeat("x", subject.MaxField+1)}}, nil, "crypto[0]"},
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
				tt.check(t, s.ID, s.Kind, s.Gender, s.DateOfBirth)
			}
		})
	}
}
