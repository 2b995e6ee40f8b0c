package screen_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
)

// fixtureEngine indexes a few hand-written records.
func fixtureEngine(tb testing.TB) *screen.Engine {
	tb.Helper()
	ents := []*entity.Entity{
		{List: "t", ID: "1", Kind: entity.KindPerson, Names: []entity.Name{{Full: "AL ZAWAHIRI, Dr. Ayman", Type: entity.NamePrimary}, {Full: "أيمن الظواهري", Type: entity.NameOriginalScript}},
			BirthDates: []entity.Date{{Year: 1951, Month: 6, Day: 19}}},
		{List: "t", ID: "2", Kind: entity.KindOrganization, Names: []entity.Name{{Full: "OOO STROYTRANSGAZ", Type: entity.NamePrimary}}},
		{List: "u", ID: "3", Names: []entity.Name{{Full: "Владимир Путин", Type: entity.NamePrimary}}},
		{List: "u", ID: "4", Names: []entity.Name{{Full: "", Parts: []entity.NamePart{{Type: entity.PartGiven, Value: "Kim"}}}}},
		{List: "u", ID: "5", Names: nil},
	}
	eng, err := screen.New(ents, screen.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	return eng
}

func FuzzScreenSubject(f *testing.F) {
	eng := fixtureEngine(f)
	f.Add("ZAWAHIRI, Ayman", "", "", "1951-06-19", "Egypt", "male")
	f.Add("", "Ayman", "Zawahiri", "1951", "EG", "")
	f.Add("Stroytransgaz LLC", "", "", "", "", "")
	f.Add("\xff\xfe", ",", ",,", "1951-1", "\x00", "f")
	f.Add(strings.Repeat("Ж", 5000), "", "", "", "", "")
	f.Fuzz(func(t *testing.T, name, first, last, dob, nat, gender string) {
		s, err := vigil.SubjectInput{Name: name, FirstName: first, LastName: last, DateOfBirth: dob, Nationality: nat, Gender: gender}.Subject("")
		if err != nil {
			return
		}
		hits, err := eng.Screen(context.Background(), s, vigil.Options{Threshold: 0.01})
		if err != nil {
			return
		}
		for _, h := range hits {
			if h.Score < 0.01 || h.Score > 1 {
				t.Fatalf("score %v out of range for %+v", h.Score, s)
			}
		}
		if _, err := eng.Compare(context.Background(), s, s); err != nil {
			t.Fatalf("Compare of a subject Screen accepted: %v", err)
		}
	})
}

func TestFixtureEngine(t *testing.T) {
	eng := fixtureEngine(t)
	ctx := context.Background()
	tests := []struct {
		query string
		kind  entity.Kind
		want  string // list/id of the top hit, "" for none
	}{
		{"Ayman al-Zawahiri", entity.KindPerson, "t/1"},
		{"أيمن الظواهري", "", "t/1"},
		{"Stroytransgaz Limited Liability Company", entity.KindOrganization, "t/2"},
		{"Stroytransgaz", entity.KindPerson, ""}, // a person query does not hit an organisation
		{"Vladimir Putin", "", "u/3"},
		{"Kim", "", "u/4"},
		{"Kathryn Barr", "", ""},
	}
	for _, tt := range tests {
		hits, err := eng.Screen(ctx, vigil.Subject{Name: tt.query, Kind: tt.kind}, vigil.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(hits) > 0 {
			got = hits[0].List + "/" + hits[0].SourceID
		}
		if got != tt.want {
			t.Errorf("%q: top hit %q, want %q (%+v)", tt.query, got, tt.want, hits)
		}
	}
}

func TestNewRejectsNil(t *testing.T) {
	if _, err := screen.New([]*entity.Entity{nil}, screen.Config{}); err == nil {
		t.Error("nil record: want an error")
	}
}

// TestFixtureEngineConcurrent is small enough to run under -race.
func TestFixtureEngineConcurrent(t *testing.T) {
	eng := fixtureEngine(t)
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 50; i++ {
				hits, err := eng.Screen(context.Background(), vigil.Subject{Name: "Ayman al-Zawahiri"}, vigil.Options{})
				if err != nil || len(hits) != 1 {
					t.Errorf("hits %+v, err %v", hits, err)
					return
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
