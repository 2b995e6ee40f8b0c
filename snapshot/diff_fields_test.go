package snapshot_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/snapshot"
)

func TestDiff_Fields(t *testing.T) {
	tests := []struct {
		name            string
		edit            func(e *entity.Entity)
		field           string
		added, removed  []string
		affectsMatching bool
	}{
		{"name added", func(e *entity.Entity) {
			e.Names = append(e.Names, entity.Name{Full: "Ayman al-Zawahiri", Type: entity.NameAlias})
		}, "names", []string{"Ayman al-Zawahiri [alias]"}, nil, true},
		{"name removed", func(e *entity.Entity) { e.Names = e.Names[:1] }, "names", nil, []string{"Abu Muhammad [weak_alias]"}, true},
		{"name type changed", func(e *entity.Entity) { e.Names[1].Type = entity.NameAlias }, "names",
			[]string{"Abu Muhammad [alias]"}, []string{"Abu Muhammad [weak_alias]"}, true},
		{"birth date changed", func(e *entity.Entity) { e.BirthDates = []entity.Date{{Year: 1951}} }, "birth_dates",
			[]string{"1951"}, []string{"1951-06-19"}, true},
		{"document added", func(e *entity.Entity) {
			e.Documents = append(e.Documents, entity.Document{Type: entity.DocNationalID, Number: "A1", Note: "issued 2010"})
		}, "documents", []string{"national_id A1; issued 2010"}, nil, true},
		{"document country changed", func(e *entity.Entity) { e.Documents[0].Country = "SA" }, "documents",
			[]string{"passport 1084010 (SA)"}, []string{"passport 1084010 (EG)"}, true},
		{"nationality changed", func(e *entity.Entity) { e.Nationalities = []string{"SA"} }, "nationalities",
			[]string{"SA"}, []string{"EG"}, true},
		{"programme changed", func(e *entity.Entity) { e.EnsureMore().Programs = []string{"SDGT", "IRAQ2"} }, "programs",
			[]string{"IRAQ2"}, nil, false},
		{"remarks changed", func(e *entity.Entity) { e.EnsureMore().Remarks = "Leader of AL QAIDA." }, "remarks",
			[]string{"Leader of AL QAIDA."}, []string{"Operational and Military Leader of JIHAD GROUP."}, false},
		{"remarks cleared", func(e *entity.Entity) { e.EnsureMore().Remarks = "" }, "remarks",
			nil, []string{"Operational and Military Leader of JIHAD GROUP."}, false},
		{"relation added", func(e *entity.Entity) {
			e.EnsureMore().Relations = append(e.Relations(), entity.Relation{Type: entity.RelOwnership, TargetID: "77", TargetList: "un_sc", Share: 50, Outgoing: true})
		}, "relations", []string{"ownership -> un_sc/77; share 50%"}, nil, true},
		{"relation direction changed", func(e *entity.Entity) { e.Relations()[0].Outgoing = false }, "relations",
			[]string{"membership <- 6366 (AL QAIDA)"}, []string{"membership -> 6366 (AL QAIDA)"}, true},
		{"address changed", func(e *entity.Entity) { e.Addresses()[0].City = "Giza" }, "addresses",
			[]string{"Giza, EG"}, []string{"Cairo, EG"}, true},
		{"gender removed", func(e *entity.Entity) { e.Genders = nil }, "genders", nil, []string{"male"}, true},
		{"kind changed", func(e *entity.Entity) { e.Kind = entity.KindOrganization }, "kind",
			[]string{"organization"}, []string{"person"}, true},
		{"vessel added", func(e *entity.Entity) { e.Vessel = &entity.Vessel{IMO: "9187629", Flag: "IR"} }, "vessel",
			[]string{"IMO 9187629, MMSI , call sign , flag IR, type , tonnage , owner "}, nil, true},
		{"crypto added", func(e *entity.Entity) {
			e.EnsureMore().Crypto = []entity.CryptoAddress{{Currency: "XBT", Address: "1abc"}}
		}, "crypto",
			[]string{"XBT 1abc"}, nil, true},
		{"listing date added", func(e *entity.Entity) { e.EnsureMore().ListedOn = append(e.ListedOn(), entity.Date{Year: 2003}) }, "listed_on",
			[]string{"2003"}, nil, false},
		{"other id added", func(e *entity.Entity) {
			e.EnsureMore().OtherIDs = []entity.Identifier{{Scheme: "un_reference", Value: "QDi.006"}}
		}, "other_ids",
			[]string{"un_reference: QDi.006"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := person("1")
			tt.edit(n)
			d := snapshot.Diff([]*entity.Entity{person("1")}, []*entity.Entity{n})
			if len(d.Changed) != 1 || len(d.Added)+len(d.Removed) != 0 {
				t.Fatalf("summary %+v, want one changed record", d.Summary())
			}
			c := d.Changed[0]
			if len(c.Fields) != 1 {
				t.Fatalf("fields = %+v, want only %s", c.Fields, tt.field)
			}
			f, ok := c.Field(tt.field)
			if !ok {
				t.Fatalf("fields = %+v, want %s", c.Fields, tt.field)
			}
			if !slices.Equal(f.Added, tt.added) || !slices.Equal(f.Removed, tt.removed) {
				t.Errorf("added %q removed %q, want %q %q", f.Added, f.Removed, tt.added, tt.removed)
			}
			if c.AffectsMatching() != tt.affectsMatching {
				t.Errorf("AffectsMatching = %v, want %v", c.AffectsMatching(), tt.affectsMatching)
			}
		})
	}
}

func TestDiff_OrderOnlyIsNoChange(t *testing.T) {
	n := person("1")
	slices.Reverse(n.Names)
	n.EnsureMore().Programs = []string{"SDGT", "SDGT"}
	if d := snapshot.Diff([]*entity.Entity{person("1")}, []*entity.Entity{n}); !d.Empty() {
		t.Errorf("reordering is a change: %+v", d.Changed[0].Fields)
	}
}

// TestDiff_EveryFieldCompared sets each field of entity.Entity in turn and
// checks that Diff sees it, so that a field added to the entity later
// cannot change unseen.
func TestDiff_EveryFieldCompared(t *testing.T) {
	typ := reflect.TypeFor[entity.Entity]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Name == "List" || f.Name == "ID" {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			n := &entity.Entity{List: "l", ID: "1"}
			fill(reflect.ValueOf(n).Elem().Field(i))
			d := snapshot.Diff([]*entity.Entity{{List: "l", ID: "1"}}, []*entity.Entity{n})
			if len(d.Changed) != 1 {
				t.Fatalf("a change of %s is not seen", f.Name)
			}
		})
	}
}

// fill sets v to a non-zero value: strings "x", numbers 1, true, and one
// filled element for slices and pointers.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Int, reflect.Int64:
		v.SetInt(1)
	case reflect.Float64:
		v.SetFloat(1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0))
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem())
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	}
}

// The one field set: the sixteen fields screening compares. Delta
// (AffectsMatching, Rescreen) and false-positive memory
// (review.RecordAttrs) both read it.
func TestMatchingFields(t *testing.T) {
	want := []string{"kind", "names", "other_ids", "birth_dates", "death_dates", "birth_places", "genders", "nationalities",
		"citizenships", "countries", "documents", "crypto", "addresses", "vessel", "aircraft", "relations"}
	if got := snapshot.MatchingFields(); !slices.Equal(got, want) {
		t.Errorf("MatchingFields = %v\nwant %v", got, want)
	}
	e := &entity.Entity{List: "x", ID: "1", Kind: entity.KindVessel,
		Vessel: &entity.Vessel{IMO: "9187629"}, More: &entity.More{Remarks: "r", Programs: []string{"P"}, Crypto: []entity.CryptoAddress{{Address: "a"}}},
	}
	got := snapshot.MatchingValues(e)
	if len(got) != 3 || len(got["kind"]) != 1 || len(got["vessel"]) != 1 || len(got["crypto"]) != 1 {
		t.Errorf("MatchingValues = %v, want kind, vessel and crypto only", got)
	}
}
