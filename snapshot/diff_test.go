package snapshot_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/snapshot"
)

// person returns a fully filled record for the field tests.
func person(id string) *entity.Entity {
	return &entity.Entity{
		List: "us_ofac_sdn", ID: id, Kind: entity.KindPerson,
		Names: []entity.Name{
			{Full: "ZAWAHIRI, Ayman al-", Type: entity.NamePrimary},
			{Full: "Abu Muhammad", Type: entity.NameWeakAlias},
		},
		BirthDates: []entity.Date{{Year: 1951, Month: 6, Day: 19}},

		Genders:       []entity.Gender{entity.GenderMale},
		Nationalities: []string{"EG"},
		Documents:     []entity.Document{{Type: entity.DocPassport, Number: "1084010", Country: "EG"}},

		More: &entity.More{BirthPlaces: []string{"Giza, Egypt"}, Addresses: []entity.Address{{City: "Cairo", Country: "EG"}}, Programs: []string{"SDGT"}, ListedOn: []entity.Date{{Year: 2001, Month: 10, Day: 12}}, Remarks: "Operational and Military Leader of JIHAD GROUP.", Relations: []entity.Relation{{Type: entity.RelMembership, TargetID: "6366", TargetName: "AL QAIDA", Outgoing: true}}},
	}
}

func TestDiff_Records(t *testing.T) {
	old := []*entity.Entity{person("10"), person("9"), person("100"), person("abc"), person("7")}
	changed := person("100")
	changed.EnsureMore().Programs = []string{"SDGT", "IRGC"}
	renamed := person("abc")
	renamed.Names[0].Full = "AL-ZAWAHIRI, Ayman"
	other := person("9")
	other.List = "un_sc" // same id, another list: not the same record
	new := []*entity.Entity{person("10"), changed, renamed, person("7"), person("8"), other, person("0011")}

	d := snapshot.Diff(old, new)
	if got, want := keys(d.Added), []string{"un_sc/9", "us_ofac_sdn/8", "us_ofac_sdn/0011"}; !slices.Equal(got, want) {
		t.Errorf("added = %v, want %v", got, want)
	}
	if got, want := d.RemovedKeys(), []string{"us_ofac_sdn/9"}; !slices.Equal(got, want) {
		t.Errorf("removed = %v, want %v", got, want)
	}
	var gotChanged []string
	for _, c := range d.Changed {
		gotChanged = append(gotChanged, c.New.Key())
	}
	if want := []string{"us_ofac_sdn/100", "us_ofac_sdn/abc"}; !slices.Equal(gotChanged, want) {
		t.Errorf("changed = %v, want %v", gotChanged, want)
	}
	want := snapshot.Summary{Old: 5, New: 7, Added: 3, Removed: 1, Changed: 2, Unchanged: 2,
		Fields: map[string]int{"programs": 1, "names": 1}}
	if got := d.Summary(); !equalSummary(got, want) {
		t.Errorf("summary = %+v, want %+v", got, want)
	}
	// Only the rename can change a screening result; the new programme cannot.
	if got, want := keys(d.Rescreen()), []string{"us_ofac_sdn/8", "us_ofac_sdn/0011", "us_ofac_sdn/abc", "un_sc/9"}; !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Errorf("rescreen = %v, want %v", got, want)
	}
}

func TestDiff_Empty(t *testing.T) {
	a := []*entity.Entity{person("1"), person("2")}
	b := []*entity.Entity{person("2"), person("1")}
	if d := snapshot.Diff(a, b); !d.Empty() || d.Summary().Unchanged != 2 {
		t.Errorf("diff of the same records = %+v", d.Summary())
	}
	dup := []*entity.Entity{person("1"), person("2"), person("2")}
	if d := snapshot.Diff(a, dup); !d.Empty() || d.Summary().New != 2 || d.Summary().Unchanged != 2 {
		t.Errorf("diff with a repeated record = %+v", d.Summary())
	}
	if d := snapshot.Diff(nil, nil); !d.Empty() {
		t.Error("diff of nothing is not empty")
	}
}

func TestDiff_Deterministic(t *testing.T) {
	var old, new []*entity.Entity
	for i := range 200 {
		id := string(rune('a'+i%26)) + string(rune('0'+i/26))
		old = append(old, person(id))
		n := person(id)
		n.EnsureMore().Remarks = "changed"
		new = append(new, n)
	}
	first := snapshot.Diff(old, new)
	for range 5 {
		again := snapshot.Diff(old, new)
		for i := range first.Changed {
			if first.Changed[i].New != again.Changed[i].New {
				t.Fatalf("order differs at %d", i)
			}
		}
	}
}

func keys(es []*entity.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Key()
	}
	return out
}

func equalSummary(a, b snapshot.Summary) bool {
	return maps.Equal(a.Fields, b.Fields) && a.Old == b.Old && a.New == b.New && a.Added == b.Added &&
		a.Removed == b.Removed && a.Changed == b.Changed && a.Unchanged == b.Unchanged
}
