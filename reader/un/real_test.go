package un_test

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader/un"
)

// counts summarises what a reader produced from one file.
type counts struct {
	persons, orgs                  int
	alias, weak, former, original  int
	noScript                       int
	ranges, circa, docs, passports int
}

func readAll(t testing.TB, path string) (map[string]*entity.Entity, counts) {
	t.Helper()
	got := map[string]*entity.Entity{}
	var c counts
	err := un.Read(context.Background(), path, func(e *entity.Entity) error {
		got[e.ID] = e
		if e.Kind == entity.KindPerson {
			c.persons++
		} else {
			c.orgs++
		}
		for _, n := range e.Names {
			switch n.Type {
			case entity.NameAlias:
				c.alias++
			case entity.NameWeakAlias:
				c.weak++
			case entity.NameFormer:
				c.former++
			case entity.NameOriginalScript:
				c.original++
				if n.Script == "" {
					c.noScript++
				}
			}
		}
		for _, d := range e.BirthDates {
			if d.IsRange() {
				c.ranges++
			}
			if d.Circa {
				c.circa++
			}
		}
		for _, d := range e.Documents {
			c.docs++
			if d.Type == entity.DocPassport {
				c.passports++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return got, c
}

// The expected counts were taken independently with Python's
// xml.etree.ElementTree on the raw files: INDIVIDUAL and ENTITY elements,
// non-empty NAME_ORIGINAL_SCRIPT, non-empty ALIAS_NAME by QUALITY
// (Good/a.k.a. → alias, Low → weak, f.k.a. → former).
func TestRead_Counts(t *testing.T) {
	tests := []struct {
		edition string
		want    counts
	}{
		{"lists/current/un-2026-02", counts{persons: 730, orgs: 273, alias: 1524 + 594, weak: 615, former: 19, original: 378}},
		{"lists/editions/un-2020-03", counts{persons: 709, orgs: 305, alias: 1478 + 552, weak: 609, former: 14, original: 407}},
		{"lists/editions/un-2024-11", counts{persons: 686, orgs: 193, alias: 1515 + 560, weak: 626, former: 18, original: 380}},
	}
	for _, tt := range tests {
		t.Run(tt.edition, func(t *testing.T) {
			_, c := readAll(t, testdata.Path(t, tt.edition, "consolidated.xml"))
			t.Logf("%+v", c)
			g, w := c, tt.want
			if g.persons != w.persons || g.orgs != w.orgs || g.alias != w.alias || g.weak != w.weak ||
				g.former != w.former || g.original != w.original || g.noScript != 0 {
				t.Errorf("got %+v\nwant %+v", g, w)
			}
		})
	}
}
