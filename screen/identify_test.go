package screen_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
)

// TestIdentifierFindsRecord checks that a subject carrying a listed
// identifier finds the record even when its name does not, and that the
// hit alerts, explained by the agreeing identifier.
func TestIdentifierFindsRecord(t *testing.T) {
	eng := realEngine(t)
	tests := []struct {
		name     string
		subject  vigil.Subject
		list, id string
		attr     string
	}{
		{"vessel by IMO", vigil.Subject{Name: "OCEAN STAR", Kind: entity.KindVessel, IMO: "9187629"}, "us_ofac_sdn", "15036", "imo"},
		{"person by passport", vigil.Subject{Name: "Ayman Salim",
			Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010"}}}, "us_ofac_sdn", "2676", "passport"},
		{"passport with country", vigil.Subject{Name: "Ayman Salim",
			Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010", Country: "EG"}}}, "us_ofac_sdn", "2676", "passport"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := eng.Screen(context.Background(), tt.subject, vigil.Options{})
			if err != nil {
				t.Fatal(err)
			}
			h, ok := found(hits, tt.list, tt.id)
			if !ok {
				t.Fatalf("%s/%s not among %d hits: %+v", tt.list, tt.id, len(hits), hits)
			}
			if h.Score < screen.DefaultThreshold {
				t.Errorf("score %.3f does not alert", h.Score)
			}
			agrees := false
			for _, q := range h.Explanation.Qualifiers {
				agrees = agrees || q.Attribute == tt.attr && q.Verdict == vigil.Agree && strings.Contains(q.Detail, "agrees")
			}
			if !agrees {
				t.Errorf("no agreeing %s qualifier: %+v", tt.attr, h.Explanation)
			}
			checkAddsUp(t, tt.name, h)
		})
	}
}

// TestIdentifierMustAgree checks that a number of another issuing
// country or type does not lift a weak name.
func TestIdentifierMustAgree(t *testing.T) {
	eng := realEngine(t)
	for _, d := range []entity.Document{
		{Type: entity.DocPassport, Number: "1084010", Country: "FR"},
		{Type: entity.DocNationalID, Number: "1084010"},
	} {
		hits, err := eng.Screen(context.Background(), vigil.Subject{Name: "Ayman Salim", Documents: []entity.Document{d}}, vigil.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if h, ok := found(hits, "us_ofac_sdn", "2676"); ok {
			t.Errorf("%+v: alerts on 2676 at %.3f: %+v", d, h.Score, h.Explanation)
		}
	}
}

// TestGroupAttributes checks that attributes are compared with every
// record of a merged identity. Screened against the Australian and UK
// lists only, Zawahiri's best hit is DFAT 147, which gives no passport;
// OFSI 7016 gives passport 1084010. The agreement must count, naming the
// record that gave it.
func TestGroupAttributes(t *testing.T) {
	eng := realEngine(t)
	s := vigil.Subject{Name: "Ayman al-Zawahiri", DateOfBirth: mustDate("1951-06-19"),
		Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010"}}}
	hits, err := eng.Screen(context.Background(), s, vigil.Options{Lists: []string{"au_dfat", "gb_hmt_ofsi"}})
	if err != nil {
		t.Fatal(err)
	}
	h, ok := found(hits, "gb_hmt_ofsi", "7016")
	if !ok {
		t.Fatalf("OFSI 7016 not found: %+v", hits)
	}
	if h.List != "au_dfat" || h.SourceID != "147" || len(eng.Entity("au_dfat", "147").Documents) != 0 {
		t.Fatalf("best hit %s/%s: the test expects DFAT 147, which lists no document", h.List, h.SourceID)
	}
	var passport *vigil.Qualifier
	for i, q := range h.Explanation.Qualifiers {
		if q.Attribute == "passport" {
			passport = &h.Explanation.Qualifiers[i]
		}
	}
	if passport == nil || passport.Verdict != vigil.Agree || passport.Effect <= 0 {
		t.Fatalf("passport qualifier %+v, want an agreement", passport)
	}
	from := passport.Detail[strings.LastIndex(passport.Detail, "from ")+len("from "):]
	list, id, _ := strings.Cut(from, "/")
	rec := eng.Entity(list, id)
	if rec == nil || !slices.ContainsFunc(rec.Documents, func(d entity.Document) bool { return d.Number == "1084010" }) {
		t.Errorf("passport detail %q does not name a record with that passport", passport.Detail)
	}
	checkAddsUp(t, "group", h)
}
