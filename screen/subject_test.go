package screen

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/match"
)

func TestParseSubject(t *testing.T) {
	tests := []struct {
		name     string
		in       vigil.Subject
		wantName string
		wantDOB  entity.Date
	}{
		{"full name", vigil.Subject{Name: " Ayman al-Zawahiri "}, "Ayman al-Zawahiri", entity.Date{}},
		{"comma form", vigil.Subject{Name: "ZAWAHIRI, Ayman al-"}, "Ayman al- ZAWAHIRI", entity.Date{}},
		{"organisation keeps its comma", vigil.Subject{Name: "ACME, S.A.", Kind: entity.KindOrganization}, "ACME, S.A.", entity.Date{}},
		{"parts", vigil.Subject{FirstName: "Ayman", MiddleName: "Muhammad", LastName: "Zawahiri"}, "Ayman Muhammad Zawahiri", entity.Date{}},
		{"name wins over parts", vigil.Subject{Name: "Ayman Zawahiri", FirstName: "X"}, "Ayman Zawahiri", entity.Date{}},
		{"year", vigil.Subject{Name: "A", DateOfBirth: entity.Date{Year: 1951}}, "A", entity.Date{Year: 1951}},
		{"year month", vigil.Subject{Name: "A", DateOfBirth: entity.Date{Year: 1951, Month: 6}}, "A", entity.Date{Year: 1951, Month: 6}},
		{"full date", vigil.Subject{Name: "A", DateOfBirth: entity.Date{Year: 1951, Month: 6, Day: 19}}, "A", entity.Date{Year: 1951, Month: 6, Day: 19}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := parseSubject(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if q.name != tt.wantName || q.attrs.BirthDate != tt.wantDOB {
				t.Errorf("got name %q dob %+v, want %q %+v", q.name, q.attrs.BirthDate, tt.wantName, tt.wantDOB)
			}
		})
	}
}

func TestParseSubjectAttributes(t *testing.T) {
	s, err := vigil.SubjectInput{Name: "A", Gender: "F", Nationality: "Russian Federation", Country: "nowhere-land", PlaceOfBirth: "Giza, Egypt"}.Subject("")
	if err != nil {
		t.Fatal(err)
	}
	q, err := parseSubject(s)
	if err != nil {
		t.Fatal(err)
	}
	if q.attrs.Gender != entity.GenderFemale {
		t.Errorf("gender %q", q.attrs.Gender)
	}
	if len(q.attrs.Countries) != 1 || q.attrs.Countries[0] != "RU" {
		t.Errorf("countries %v, want [RU] (unknown country ignored)", q.attrs.Countries)
	}
	if q.attrs.BirthPlace != "giza egypt" {
		t.Errorf("birthplace %q", q.attrs.BirthPlace)
	}
	if len(q.unread) != 1 || q.unread[0].Attribute != "country" || q.unread[0].Query != "nowhere-land" || q.unread[0].Verdict != match.Missing {
		t.Errorf("unread %+v, want the country nowhere-land as missing", q.unread)
	}
}

func TestParseSubjectErrors(t *testing.T) {
	tests := []struct {
		name string
		in   vigil.Subject
		want string
	}{
		{"no name", vigil.Subject{ID: "s1"}, `subject "s1": a name is required`},
		{"blank name", vigil.Subject{ID: "s2", Name: " \t "}, "a name is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseSubject(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestSubjectNameCapped(t *testing.T) {
	q, err := parseSubject(vigil.Subject{Name: strings.Repeat("x", 1<<20)})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.name) > 1024 {
		t.Errorf("name of %d bytes kept", len(q.name))
	}
}
