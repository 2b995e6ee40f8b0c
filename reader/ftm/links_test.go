package ftm_test

import (
	"encoding/json"
	"maps"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/ftm"
)

// testdata/links.ftm.json holds each kind of link, written before and
// after its endpoints, with two dangling references (a relative and a
// sanctioned company not in the file) and an Occupancy without a post.
func TestRead_Links(t *testing.T) {
	byID, order, st := readFile(t, "testdata/links.ftm.json", ftm.Options{})
	if len(order) != 3 || order[0].ID != "p1" || order[1].ID != "c1" || order[2].ID != "v1" {
		t.Fatalf("emitted %d entities, want p1, c1, v1 in file order", len(order))
	}
	wantLinks := map[entity.RelationType]int{entity.RelOwnership: 1, entity.RelFamily: 1, entity.RelOccupancy: 1}
	if !maps.Equal(st.Links, wantLinks) {
		t.Errorf("links = %v, want %v", st.Links, wantLinks)
	}
	// skipped: the birth date "unknown", citizenship "Russia" (not a code),
	// the addressEntity "missing-addr".
	checkInts(t, []intCheck{{"relations", st.Relations, 4}, {"dangling", st.Dangling, 2},
		{"incomplete", st.Incomplete, 1}, {"skipped", st.Skipped, 3}, {"notes read", st.Schemata["Note"], 1}})

	p1 := &entity.Entity{
		List: "os_test", ID: "p1", Kind: entity.KindPerson,
		Names:         []entity.Name{{Full: "Ivan Petrov", Type: entity.NamePrimary}, {Full: "Vanya", Type: entity.NameAlias}},
		BirthDates:    []entity.Date{{Year: 1970, Month: 1, Day: 2}},
		Genders:       []entity.Gender{entity.GenderMale},
		Nationalities: []string{"RU"},

		Documents: []entity.Document{{Type: entity.DocPassport, Number: "P123"}, {Type: entity.DocPassport, Number: "X999", Country: "UA"}},

		More: &entity.More{Positions: []string{"Mayor", "Governor of Tver"}, Addresses: []entity.Address{{Full: "1 Red Square, Moscow", City: "Moscow", Country: "RU"}}, Programs: []string{"sanction"}, Relations: []entity.Relation{
			{Type: entity.RelOwnership, TargetID: "c1", TargetList: "os_other", TargetName: "Acme LLC", Role: "shareholder",
				Outgoing: true, Share: 51, Source: "ftm:Ownership:own1", Start: entity.Date{Year: 2019, Month: 5, Day: 1}},
			{Type: entity.RelFamily, TargetID: "p-gone", Role: "brother", Outgoing: true, Source: "ftm:Family:fam1"},
			{Type: entity.RelOccupancy, TargetID: "pos1", TargetName: "Governor of Tver", Outgoing: true,
				Source: "ftm:Occupancy:occ1", Start: entity.Date{Year: 2020}},
		}},
	}
	c1 := &entity.Entity{
		List: "os_other", ID: "c1", Kind: entity.KindOrganization,
		Names:     []entity.Name{{Full: "Acme LLC", Type: entity.NamePrimary}},
		Countries: []string{"CY"},
		Documents: []entity.Document{{Type: entity.DocTaxID, Number: "7701"}, {Type: entity.DocRegistration, Number: "HE123"}},

		More: &entity.More{Programs: []string{"EU-RUS"}, ListedOn: []entity.Date{{Year: 2022, Month: 3, Day: 15}}, Relations: []entity.Relation{{Type: entity.RelOwnership, TargetID: "p1", TargetList: "os_test", TargetName: "Ivan Petrov",
			Role: "shareholder", Share: 51, Source: "ftm:Ownership:own1", Start: entity.Date{Year: 2019, Month: 5, Day: 1}}}},
	}
	v1 := &entity.Entity{
		List: "os_ftm", ID: "v1", Kind: entity.KindVessel,
		Names:  []entity.Name{{Full: "SEA STAR", Type: entity.NamePrimary}},
		Vessel: &entity.Vessel{IMO: "IMO9876543", MMSI: "123456789", Flag: "PA"},
	}
	for _, want := range []*entity.Entity{p1, c1, v1} {
		if d := diffEntity(byID[want.ID], want); d != "" {
			t.Errorf("%s: %s", want.ID, d)
		}
	}
}

func diffEntity(got, want *entity.Entity) string {
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if string(g) == string(w) {
		return ""
	}
	return "\ngot:  " + string(g) + "\nwant: " + string(w)
}
