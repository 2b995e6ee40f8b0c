package ofac_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader/ofac"
)

// readAll reads an edition and returns its records in order and by ID.
func readAll(tb testing.TB, path string) ([]*entity.Entity, map[string]*entity.Entity) {
	tb.Helper()
	var list []*entity.Entity
	byID := make(map[string]*entity.Entity)
	err := ofac.Read(context.Background(), path, func(e *entity.Entity) error {
		list = append(list, e)
		byID[e.ID] = e
		return nil
	})
	if err != nil {
		tb.Fatalf("Read(%s): %v", path, err)
	}
	return list, byID
}

// editionCounts are what one edition holds. The expected figures were
// counted independently of this package with a Python script reading the
// raw files with the csv module (see the package report): rows of each
// file, alt_type values, remark items starting "a.k.a. "/"f.k.a. "/
// "n.k.a. "/"Linked To:" (after appending the comments file), and links
// whose target name matches exactly one primary name.
type counts struct {
	records              int
	persons, orgs        int
	vessels, aircraft    int
	alias, former, weak  int
	addresses            int
	links, resolvedLinks int
}

func TestRead_Editions(t *testing.T) {
	tests := []struct {
		path []string
		list string
		want counts
	}{
		{path: []string{"current", "ofac-sdn-2021-07"}, list: ofac.ListSDN, want: counts{records: 8976,
			persons: 4620, orgs: 3673, vessels: 406, aircraft: 277,
			alias: 11523 + 18, former: 369 + 24, weak: 2417, addresses: 13837 - 2397,
			links: 3408, resolvedLinks: 3397}},
		{path: []string{"current", "ofac-cons-2025-12"}, list: ofac.ListCons, want: counts{records: 442,
			persons: 79, orgs: 363, alias: 932, former: 141 + 3, weak: 69, addresses: 574 - 52,
			links: 283, resolvedLinks: 282}},
		{path: []string{"editions", "ofac-sdn-2019-01"}, list: ofac.ListSDN, want: counts{records: 7379,
			persons: 3845, orgs: 2994, vessels: 323, aircraft: 217,
			alias: 9335 + 16, former: 331 + 11, weak: 2026, addresses: 11696 - 2222,
			links: 2406, resolvedLinks: 2400}},
		{path: []string{"editions", "ofac-sdn-2021-04"}, list: ofac.ListSDN, want: counts{records: 8890,
			persons: 4566, orgs: 3644, vessels: 403, aircraft: 277,
			alias: 11358 + 18, former: 366 + 24, weak: 2391, addresses: 13761 - 2403,
			links: 3373, resolvedLinks: 3359}},
		{path: []string{"editions", "ofac-sdn-csv-only", "sdn_2021-08-18.csv"}, list: ofac.ListSDN, want: counts{records: 9083,
			persons: 4688, orgs: 3711, vessels: 407, aircraft: 277, former: 25, weak: 2453,
			links: 3415, resolvedLinks: 3403}},
		{path: []string{"editions", "ofac-sdn-csv-only", "sdn_2022-03-31.csv"}, list: ofac.ListSDN, want: counts{records: 9847,
			persons: 5162, orgs: 3974, vessels: 428, aircraft: 283, former: 32, weak: 2549,
			links: 3846, resolvedLinks: 3830}},
		{path: []string{"editions", "ofac-sdn-csv-only", "sdn_2022-12-28.csv"}, list: ofac.ListSDN, want: counts{records: 11430,
			persons: 5879, orgs: 4573, vessels: 685, aircraft: 293, former: 34, weak: 2736,
			links: 4746, resolvedLinks: 4737}},
		{path: []string{"editions", "ofac-sdn-csv-only", "sdn_2023-06-29.csv"}, list: ofac.ListSDN, want: counts{records: 12631,
			persons: 6285, orgs: 5229, vessels: 740, aircraft: 377, alias: 1, former: 83, weak: 2954,
			links: 5431, resolvedLinks: 5421}},
		{path: []string{"editions", "ofac-sdn-csv-only", "sdn_2024-05-02.csv"}, list: ofac.ListSDN, want: counts{records: 14973,
			persons: 6854, orgs: 6885, vessels: 851, aircraft: 383, alias: 1, former: 87, weak: 3578,
			links: 6383, resolvedLinks: 6372}},
		{path: []string{"editions", "ofac-sdn-csv-only", "sdn_2024-05-03.csv"}, list: ofac.ListSDN, want: counts{records: 14965,
			persons: 6854, orgs: 6884, vessels: 851, aircraft: 376, alias: 1, former: 87, weak: 3578,
			links: 6375, resolvedLinks: 6364}},
	}
	for _, tt := range tests {
		t.Run(filepath.Join(tt.path...), func(t *testing.T) {
			list, _ := readAll(t, testdata.Path(t, append([]string{"lists"}, tt.path...)...))
			got := countEdition(list)
			if got != tt.want {
				t.Errorf("counts:\n got  %+v\n want %+v", got, tt.want)
			}
			for _, e := range list {
				if e.List != tt.list {
					t.Fatalf("record %s: list %q, want %q", e.ID, e.List, tt.list)
				}
			}
		})
	}
}

func countEdition(list []*entity.Entity) counts {
	var c counts
	c.records = len(list)
	for _, e := range list {
		switch e.Kind {
		case entity.KindPerson:
			c.persons++
		case entity.KindOrganization:
			c.orgs++
		case entity.KindVessel:
			c.vessels++
		case entity.KindAircraft:
			c.aircraft++
		}
		for _, n := range e.Names {
			switch n.Type {
			case entity.NameAlias:
				c.alias++
			case entity.NameFormer:
				c.former++
			case entity.NameWeakAlias:
				c.weak++
			}
		}
		c.addresses += len(e.Addresses())
		for _, r := range e.Relations() {
			c.links++
			if r.TargetID != "" {
				c.resolvedLinks++
			}
		}
	}
	return c
}

func BenchmarkReadSDN(b *testing.B) {
	path := testdata.Path(b, "lists", "current", "ofac-sdn-2021-07")
	for b.Loop() {
		n := 0
		err := ofac.Read(context.Background(), path, func(*entity.Entity) error { n++; return nil })
		if err != nil || n != 8976 {
			b.Fatalf("Read: %d records, %v", n, err)
		}
	}
}
