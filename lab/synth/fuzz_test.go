package synth

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/entity"
)

// FuzzGenerate feeds arbitrary names (hostile, invalid UTF-8, huge) to
// the generator beside a few good ones: it must never panic, and what it
// generates must be valid.
func FuzzGenerate(f *testing.F) {
	f.Add("ZAWAHIRI, Ayman al-", "Acme Trading Co. Ltd.", "Ivan Petrovich SIDOROV")
	f.Add("", "", "")
	f.Add("\xff\xfe, \xc3\x28", "L.L.C.", "al- bin abu")
	f.Add("A, B, C, D", "'\"()«»", "-- '' --")
	f.Add(strings.Repeat("Ab", 5000), strings.Repeat("Word ", 3000), "x y")
	f.Fuzz(func(t *testing.T, person, org, parts string) {
		seed := []*entity.Entity{
			{Kind: entity.KindPerson, Names: []entity.Name{{Full: "Omar Haddad", Type: entity.NamePrimary}, {Full: person, Type: entity.NameAlias}}},
			{Kind: entity.KindPerson, Names: []entity.Name{{Full: person, Type: entity.NamePrimary,
				Parts: []entity.NamePart{{Type: entity.PartGiven, Value: parts}, {Type: entity.PartFamily, Value: person}}}}},
			{Kind: entity.KindOrganization, Names: []entity.Name{{Full: org, Type: entity.NamePrimary}}},
			{Kind: entity.KindVessel, Names: []entity.Name{{Full: org + " " + parts, Type: entity.NamePrimary}}},
		}
		recs, err := Generate(seed, 3, newRand(1))
		if err != nil {
			if !errors.Is(err, ErrEmptySeed) && !strings.Contains(err.Error(), "seed too small") {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		for _, e := range recs {
			checkRecord(t, e)
			for _, n := range e.Names {
				for _, p := range n.Parts {
					if !utf8.ValidString(p.Value) {
						t.Fatalf("%s: invalid UTF-8 part %q", e.ID, p.Value)
					}
				}
			}
		}
	})
}
