package review

import (
	"slices"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
)

// vessel is a listed ship: a false positive was decided on it.
func vessel() *entity.Entity {
	return &entity.Entity{List: "us_ofac_sdn", ID: "9", Kind: entity.KindVessel,
		Names: []entity.Name{{Full: "OCEAN STAR", Type: entity.NamePrimary}}}
}

func remembered(s vigil.Subject, e *entity.Entity) Memory {
	return Memory{{List: e.List, SourceID: e.ID}: {SubjectAttrs: SubjectAttrs(s), RecordAttrs: RecordAttrs(e)}}
}

// A record that gains an IMO number or a crypto address since a false
// positive was decided is a changed record: the hit alerts again, saying
// what changed. (Memory used to compare five fields only — names, birth
// dates, documents, nationalities, citizenships — so such a record stayed
// suppressed.) A change screening does not compare (remarks) still is
// no change.
func TestCheckMemory_MatchingFields(t *testing.T) {
	s := vigil.Subject{Name: "Ocean Star", Kind: entity.KindVessel, IMO: "9187629"}
	before := vessel()
	memory := remembered(s, before)
	refs := []Ref{{List: before.List, SourceID: before.ID}}
	check := func(e *entity.Entity) ([]Change, bool) {
		return CheckMemory(SubjectAttrs(s), refs, func(Ref) *entity.Entity { return e }, memory)
	}
	if changes, suppressed := check(vessel()); !suppressed || changes != nil {
		t.Fatalf("unchanged record: suppressed %v, changes %+v; want suppressed", suppressed, changes)
	}
	remark := vessel()
	remark.EnsureMore().Remarks, remark.EnsureMore().Programs = "a new remark", []string{"IRAN"}
	if _, suppressed := check(remark); !suppressed {
		t.Error("a new remark or programme un-suppressed the hit")
	}
	imo := vessel()
	imo.Vessel = &entity.Vessel{IMO: "9187629"}
	crypto := vessel()
	crypto.EnsureMore().Crypto = []entity.CryptoAddress{{Currency: "XBT", Address: "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"}}
	for _, c := range []struct {
		name, attr string
		e          *entity.Entity
	}{{"IMO number", "vessel", imo}, {"crypto address", "crypto", crypto}} {
		changes, suppressed := check(c.e)
		if suppressed {
			t.Errorf("a record that gained a %s stays suppressed", c.name)
			continue
		}
		if i := slices.IndexFunc(changes, func(ch Change) bool { return ch.Side == "record" && ch.Attribute == c.attr }); i < 0 || len(changes[i].After) != 1 {
			t.Errorf("%s: changes %+v, want the record's %s", c.name, changes, c.attr)
		}
	}
}

// Memory written by earlier versions kept countries as the names users
// wrote and white space as given; it still matches the same subject, and
// a real change is still one.
func TestCheckMemory_Legacy(t *testing.T) {
	e := vessel()
	refs := []Ref{{List: e.List, SourceID: e.ID}}
	legacy := Memory{refs[0]: {
		SubjectAttrs: Attrs{"name": {"AYMAN  AL ZAWAHIRI"}, "nationality": {"RUSSIAN FEDERATION"}, "country": {"NARNIA"}},
		RecordAttrs:  RecordAttrs(e),
	}}
	now, err := vigil.SubjectInput{Name: "Ayman al Zawahiri", Nationality: "Russian Federation", Country: "Narnia"}.Subject("")
	if err != nil {
		t.Fatal(err)
	}
	record := func(Ref) *entity.Entity { return e }
	if changes, suppressed := CheckMemory(SubjectAttrs(now), refs, record, legacy); !suppressed {
		t.Errorf("legacy memory of the same subject: changes %+v; want suppressed", changes)
	}
	now.Nationality = "EG"
	changes, suppressed := CheckMemory(SubjectAttrs(now), refs, record, legacy)
	if suppressed || len(changes) != 1 || changes[0].Attribute != "nationality" || changes[0].Before[0] != "RU" || changes[0].After[0] != "EG" {
		t.Errorf("changed nationality: suppressed %v, changes %+v", suppressed, changes)
	}
}

// Every record of the identity must be covered and carried: one that no
// decision covered is "not_reviewed", one the screening did not carry is
// "unknown", and neither is suppressed.
func TestCheckMemory_Identity(t *testing.T) {
	s := vigil.Subject{Name: "Ocean Star"}
	a, b := vessel(), vessel()
	b.List = "un_sc"
	refs := []Ref{{List: a.List, SourceID: a.ID}, {List: b.List, SourceID: b.ID}}
	carried := func(records ...*entity.Entity) func(Ref) *entity.Entity {
		return func(r Ref) *entity.Entity {
			for _, e := range records {
				if e.List == r.List && e.ID == r.SourceID {
					return e
				}
			}
			return nil
		}
	}
	memory := remembered(s, a)
	changes, suppressed := CheckMemory(SubjectAttrs(s), refs, carried(a, b), memory)
	if suppressed || len(changes) != 1 || changes[0].Attribute != "not_reviewed" || changes[0].Record != "un_sc/9" {
		t.Errorf("uncovered record: suppressed %v, changes %+v", suppressed, changes)
	}
	memory[refs[1]] = remembered(s, b)[refs[1]]
	changes, suppressed = CheckMemory(SubjectAttrs(s), refs, carried(a), memory)
	if suppressed || len(changes) != 1 || changes[0].Attribute != "unknown" || changes[0].Record != "un_sc/9" {
		t.Errorf("record not carried: suppressed %v, changes %+v", suppressed, changes)
	}
}
