package match_test

import (
	"math"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/match"
)

func date(t *testing.T, s string) entity.Date {
	t.Helper()
	d, err := entity.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestQualifyBirthDate(t *testing.T) {
	// Ayman al-Zawahiri: DOB 19 Jun 1951 on the OFAC SDN list.
	zawahiri := &entity.Entity{BirthDates: []entity.Date{{Year: 1951, Month: 6, Day: 19}}}
	ranged := &entity.Entity{BirthDates: []entity.Date{{Year: 1960, ToYear: 1962}}}
	tests := []struct {
		name    string
		ent     *entity.Entity
		dob     string
		verdict string
		min     float64
		max     float64
	}{
		{"exact", zawahiri, "1951-06-19", match.Agree, 0.05, 0.1},
		{"same year", zawahiri, "1951", match.Agree, 0.01, 0.05},
		{"same month", zawahiri, "1951-06", match.Agree, 0.01, 0.05},
		{"day and month swapped", &entity.Entity{BirthDates: []entity.Date{{Year: 1951, Month: 6, Day: 9}}}, "1951-09-06", match.Agree, 0.01, 0.05},
		{"one year apart", zawahiri, "1952-06-19", match.Agree, 0, 0},
		{"three years apart", zawahiri, "1954", match.Contradict, -0.1, -0.05},
		{"thirty years apart", zawahiri, "1981", match.Contradict, -1, -0.3},
		{"within range", ranged, "1961", match.Agree, 0.01, 0.05},
		{"far from range", ranged, "1990", match.Contradict, -1, -0.3},
		{"not listed", &entity.Entity{}, "1951", match.Missing, 0, 0},
		{"circa", &entity.Entity{BirthDates: []entity.Date{{Year: 1965, Circa: true}}}, "1967", match.Agree, 0.01, 0.05},
		{"far from circa", &entity.Entity{BirthDates: []entity.Date{{Year: 1965, Circa: true}}}, "1980", match.Contradict, -1, -0.3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := match.Attrs{BirthDate: date(t, tt.dob)}
			eff, qs := match.Qualify(&a, tt.ent, 1, []match.Qualifier{})
			if len(qs) != 1 || qs[0].Verdict != tt.verdict || qs[0].Attribute != "date_of_birth" {
				t.Fatalf("qualifiers %+v, want one date_of_birth %s", qs, tt.verdict)
			}
			if eff < tt.min-1e-9 || eff > tt.max+1e-9 {
				t.Errorf("effect %.3f, want %.2f..%.2f", eff, tt.min, tt.max)
			}
		})
	}
}

func TestQualifyNeverRaisesAWeakName(t *testing.T) {
	ent := &entity.Entity{BirthDates: []entity.Date{{Year: 1951, Month: 6, Day: 19}}, Genders: []entity.Gender{entity.GenderMale},
		Nationalities: []string{"EG"}, Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010", Country: "EG"}}}
	a := match.Attrs{BirthDate: entity.Date{Year: 1951, Month: 6, Day: 19}, Gender: entity.GenderMale, Countries: []string{"EG"}}
	if eff, _ := match.Qualify(&a, ent, 0.4, nil); eff != 0 {
		t.Errorf("weak name: effect %.3f, want 0", eff)
	}
	a.Documents = []entity.Document{{Type: entity.DocPassport, Number: "1084010", Country: "EG"}}
	eff, _ := match.Qualify(&a, ent, 0.9, nil)
	if math.Abs(eff-match.MaxBoost) > 1e-9 {
		t.Errorf("strong name, all agree: effect %.3f, want the cap %.2f", eff, match.MaxBoost)
	}
}

// TestQualifyIdentifierLifts checks that an agreeing identifier lifts any
// name score to IdentifierScore, and that a number of another type or
// issuing country does not agree.
func TestQualifyIdentifierLifts(t *testing.T) {
	ent := &entity.Entity{Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010", Country: "EG"}},
		BirthDates: []entity.Date{{Year: 1951}}}
	tests := []struct {
		name  string
		attrs match.Attrs
		want  float64 // name score + effect
	}{
		{"same passport", match.Attrs{Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010"}}}, match.IdentifierScore},
		{"same passport, far birth year", match.Attrs{Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010", Country: "EG"}},
			BirthDate: entity.Date{Year: 1990}}, match.IdentifierScore},
		{"same number, other country", match.Attrs{Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010", Country: "FR"}}}, 0.3},
		{"same number, other type", match.Attrs{Documents: []entity.Document{{Type: entity.DocNationalID, Number: "1084010"}}}, 0.3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eff, qs := match.Qualify(&tt.attrs, ent, 0.3, []match.Qualifier{})
			if got := 0.3 + eff; math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("score %.3f, want %.3f (%+v)", got, tt.want, qs)
			}
		})
	}
}

func TestQualifyAttributes(t *testing.T) {
	ent := &entity.Entity{
		Genders: []entity.Gender{entity.GenderMale}, Nationalities: []string{"EG"},
		Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010", Country: "EG"}},

		Vessel: &entity.Vessel{IMO: "9187629"},
		More:   &entity.More{BirthPlaces: []string{"Giza, Egypt"}, Crypto: []entity.CryptoAddress{{Currency: "XBT", Address: "1AbC"}}},
	}
	tests := []struct {
		name    string
		attrs   match.Attrs
		attr    string
		verdict string
		sign    int
	}{
		{"gender agrees", match.Attrs{Gender: entity.GenderMale}, "gender", match.Agree, 1},
		{"gender contradicts", match.Attrs{Gender: entity.GenderFemale}, "gender", match.Contradict, -1},
		{"nationality agrees", match.Attrs{Countries: []string{"EG"}}, "nationality", match.Agree, 1},
		{"nationality differs", match.Attrs{Countries: []string{"FR"}}, "nationality", match.Contradict, -1},
		{"birthplace agrees", match.Attrs{BirthPlace: "giza"}, "place_of_birth", match.Agree, 1},
		{"same passport", match.Attrs{Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084-010"}}}, "passport", match.Agree, 1},
		{"other passport same country", match.Attrs{Documents: []entity.Document{{Type: entity.DocPassport, Number: "999", Country: "EG"}}}, "passport", match.Contradict, -1},
		{"other passport other country", match.Attrs{Documents: []entity.Document{{Type: entity.DocPassport, Number: "999", Country: "FR"}}}, "passport", match.Missing, 0},
		{"same crypto address", match.Attrs{Crypto: []string{"1AbC"}}, "crypto", match.Agree, 1},
		{"same IMO", match.Attrs{IMO: "IMO 9187629"}, "imo", match.Agree, 1},
		{"other IMO", match.Attrs{IMO: "1234567"}, "imo", match.Contradict, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eff, qs := match.Qualify(&tt.attrs, ent, 0.9, []match.Qualifier{})
			if len(qs) != 1 || qs[0].Attribute != tt.attr || qs[0].Verdict != tt.verdict {
				t.Fatalf("qualifiers %+v, want one %s %s", qs, tt.attr, tt.verdict)
			}
			if got := sign(eff); got != tt.sign {
				t.Errorf("effect %.3f, want sign %d", eff, tt.sign)
			}
		})
	}
	if eff, qs := match.Qualify(&match.Attrs{}, ent, 0.9, []match.Qualifier{}); eff != 0 || len(qs) != 0 {
		t.Errorf("no attributes: effect %.3f, qualifiers %+v; want nothing", eff, qs)
	}
}

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// Group attributes — nationality, place of birth, gender — may confirm a
// name that alerts on its own but never lift a weaker name into an alert;
// identifying attributes (birth date) still count from MinNameForBoost.
func TestQualify_GroupAttributesNeverLiftAName(t *testing.T) {
	ent := &entity.Entity{
		Nationalities: []string{"GB"}, Genders: []entity.Gender{entity.GenderMale},
		BirthDates: []entity.Date{{Year: 1970, Month: 3, Day: 1}},
		More:       &entity.More{BirthPlaces: []string{"London"}},
	}
	group := match.Attrs{Countries: []string{"GB"}, Gender: entity.GenderMale, BirthPlace: "london"}
	if eff, _ := match.Qualify(&group, ent, 0.753, nil); eff != 0 {
		t.Errorf("group attributes on a 0.753 name: effect %.3f, want 0", eff)
	}
	if eff, _ := match.Qualify(&group, ent, 0.85, nil); eff <= 0 {
		t.Errorf("group attributes on a 0.85 name: effect %.3f, want > 0", eff)
	}
	dob := match.Attrs{BirthDate: entity.Date{Year: 1970, Month: 3, Day: 1}}
	if eff, _ := match.Qualify(&dob, ent, 0.753, nil); eff <= 0 {
		t.Errorf("exact birth date on a 0.753 name: effect %.3f, want > 0", eff)
	}
}

// A country the record has only as an address is no nationality: it is
// reported, with no effect either way.
func TestQualify_ResidenceIsNotNationality(t *testing.T) {
	ent := &entity.Entity{Countries: []string{"GB"}}
	eff, qs := match.Qualify(&match.Attrs{Countries: []string{"GB"}}, ent, 0.95, []match.Qualifier{})
	if eff != 0 || len(qs) != 1 || qs[0].Attribute != "country" || qs[0].Verdict != match.Agree {
		t.Errorf("residence country: effect %.3f, qualifiers %+v", eff, qs)
	}
	eff, qs = match.Qualify(&match.Attrs{Countries: []string{"FR"}}, ent, 0.95, []match.Qualifier{})
	if eff != 0 || len(qs) != 1 || qs[0].Verdict != match.Missing {
		t.Errorf("other country than the address: effect %.3f, qualifiers %+v", eff, qs)
	}
}
