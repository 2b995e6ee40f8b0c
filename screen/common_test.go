package screen_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
)

// TestCommonNameAlone checks that a single common name does not alert on
// a listed name it is only part of, while a rare single name still does.
func TestCommonNameAlone(t *testing.T) {
	eng := realEngine(t)
	quiet := []vigil.Subject{
		{Name: "Mohammed"},
		{Name: "John"},
		{Name: "Ivan"},
		{Name: "Ali", Kind: entity.KindPerson},
		{Name: "Mohammed", DateOfBirth: mustDate("1951-06-19"), Nationality: "EG"},
	}
	for _, s := range quiet {
		hits, err := eng.Screen(context.Background(), s, vigil.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) > 0 {
			t.Errorf("%+v alerts: %s/%s %q %.3f", s, hits[0].List, hits[0].SourceID, hits[0].MatchedName, hits[0].Score)
		}
		// Below the threshold the hits are still reported, held down
		// and saying why. ("Ali" as a person: the hits that were held
		// were Arabic- and Hebrew-script names met through a one-consonant
		// skeleton across a particle (عبد العالي ابو ذر); they no longer
		// meet, and what is left scores under 0.65 without the hold.)
		if s.Name == "Ali" {
			continue
		}
		low, err := eng.Screen(context.Background(), s, vigil.Options{Threshold: 0.5})
		if err != nil {
			t.Fatal(err)
		}
		if !hasAdjustment(low, "common name") {
			t.Errorf("%+v: no hit explains the common-name adjustment", s)
		}
	}
	loud := []struct {
		subject  vigil.Subject
		list, id string
	}{
		{vigil.Subject{Name: "Zawahiri"}, "us_ofac_sdn", "2676"},
		{vigil.Subject{Name: "Zawahiri", Kind: entity.KindPerson}, "us_ofac_sdn", "2676"},
		{vigil.Subject{Name: "Hizballah", Kind: entity.KindOrganization}, "au_dfat", "277"},
		{vigil.Subject{Name: "Rosneft", Kind: entity.KindOrganization}, "us_csl", "SSI-17022"},
		{vigil.Subject{Name: "Rosneft"}, "ca_sema", "RU.3.2"},
		{vigil.Subject{Name: "ABU ABDALLAH", Kind: entity.KindPerson}, "us_ofac_sdn", "6906"},
	}
	for _, tt := range loud {
		hits, err := eng.Screen(context.Background(), tt.subject, vigil.Options{})
		if err != nil {
			t.Fatal(err)
		}
		h, ok := found(hits, tt.list, tt.id)
		if !ok {
			for _, h := range hits {
				t.Logf("  %s/%s %q %.3f %+v", h.List, h.SourceID, h.MatchedName, h.Score, h.Explanation.Adjustments)
			}
			t.Errorf("%+v: %s/%s does not alert", tt.subject, tt.list, tt.id)
			continue
		}
		if hasAdjustment([]vigil.Hit{h}, "common name") {
			t.Errorf("%+v: rare name held down as common: %+v", tt.subject, h.Explanation)
		}
	}
}

func hasAdjustment(hits []vigil.Hit, reason string) bool {
	for _, h := range hits {
		for _, a := range h.Explanation.Adjustments {
			if strings.HasPrefix(a.Reason, reason) && a.Effect < 0 {
				return true
			}
		}
	}
	return false
}
