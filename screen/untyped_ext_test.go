package screen_test

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
)

// An organisation name with a legal form, screened without a type, scores
// as it does typed as an organisation: real OFAC SDN names.
func TestUntypedOrganisationQueries(t *testing.T) {
	eng := realEngine(t)
	tests := []struct{ name, id string }{
		{"Complejo Turistico Oasis S. A. de C. V.", "7154"},
		{"ADMINISTRADORA DE INMUEBLES VIDA, S.A. DE C.V.", "7152"},
		{"TAATTA, AO", "22503"},
		{"Institut Stroiproekt AO", "21003"},
		{"CARITEX LUCKY AD", "32002"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := scoreOf(t, eng, vigil.Subject{Name: tt.name, Kind: entity.KindOrganization}, "us_ofac_sdn", tt.id)
			untyped := scoreOf(t, eng, vigil.Subject{Name: tt.name}, "us_ofac_sdn", tt.id)
			if untyped != org || untyped < 0.95 {
				t.Errorf("untyped %.3f, as organisation %.3f: want equal and at least 0.95", untyped, org)
			}
		})
	}
}

func scoreOf(t *testing.T, eng *screen.Engine, s vigil.Subject, list, id string) float64 {
	t.Helper()
	hits, err := eng.Screen(context.Background(), s, vigil.Options{Threshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	h, ok := found(hits, list, id)
	if !ok {
		t.Fatalf("%q: %s/%s not among %d hits", s.Name, list, id, len(hits))
	}
	return h.Score
}

// Compare reads an untyped name as an organisation's when the other side
// is one, whichever side is untyped, and never against a person.
func TestCompareUntyped(t *testing.T) {
	eng := realEngine(t)
	org, per, none := entity.KindOrganization, entity.KindPerson, entity.KindUnknown
	tests := []struct {
		a, b         string
		akind, bkind entity.Kind
		want         float64
	}{
		{"Medical Quinis S.a. De C.v.", "Medical Quinis S.a. De C.v.", none, org, 1},
		{"Medical Quinis S.a. De C.v.", "Medical Quinis S.a. De C.v.", org, none, 1},
		{"Medical Quinis S.a. De C.v.", "MEDICAL QUINIS, S.A. DE C.V.", none, none, 1},
		{"KRISTIANO GR 53 AD", "KRISTIANO GR 53 JSC", none, org, 1},
		{"KRISTIANO GR 53 JSC", "KRISTIANO GR 53 AD", org, none, 1},
		// Person names with parts that are also legal forms or stop words.
		{"Abu Bakr SA", "Abu Bakr Sa", none, per, 1},
		{"Abu Bakr Sa", "Abu Bakr SA", per, none, 1},
		{"Maria de la Cruz", "Maria de la Cruz", none, per, 1},
	}
	for _, tt := range tests {
		h, err := eng.Compare(context.Background(), vigil.Subject{ID: "a", Name: tt.a, Kind: tt.akind}, vigil.Subject{ID: "b", Name: tt.b, Kind: tt.bkind})
		if err != nil {
			t.Fatal(err)
		}
		if h.Score != tt.want {
			t.Errorf("%q (%v) v %q (%v): %.3f, want %.3f", tt.a, tt.akind, tt.b, tt.bkind, h.Score, tt.want)
		}
	}
}

// The organisation reading of an untyped name never meets a person: "Abu
// Bakr SA" against a listed person "ABU BAKR" keeps SA as an unmatched
// part, as it was before organisation readings.
func TestUntypedPersonsUnharmed(t *testing.T) {
	eng := realEngine(t)
	for _, kind := range []entity.Kind{entity.KindUnknown, entity.KindPerson} {
		h, err := eng.Compare(context.Background(), vigil.Subject{ID: "a", Name: "Abu Bakr SA", Kind: kind},
			vigil.Subject{ID: "b", Name: "ABU BAKR", Kind: entity.KindPerson})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range h.Explanation.Parts {
			if p.Query == "sa" && p.How != "missing" {
				t.Errorf("kind %v: sa matched %+v, want missing", kind, p)
			}
		}
		if h.Score >= 0.8 {
			t.Errorf("kind %v: score %.3f, want below 0.8 (SA unmatched)", kind, h.Score)
		}
	}
}
