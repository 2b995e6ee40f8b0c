package review

import (
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
)

func TestFingerprints(t *testing.T) {
	base := &entity.Entity{List: "un_sc", ID: "1", Names: []entity.Name{{Full: "A B"}, {Full: "C D"}},
		BirthDates: []entity.Date{{Year: 1961}}, Nationalities: []string{"EG"}, More: &entity.More{Remarks: "x"},
	}
	fp := RecordAttrs(base).Fingerprint()
	same := base.Copy()
	same.Names = []entity.Name{{Full: "c d "}, {Full: "A B"}} // order, case, spaces
	same.EnsureMore().Remarks, same.EnsureMore().Programs = "other remark", []string{"SDGT"}
	if got := RecordAttrs(same).Fingerprint(); got != fp {
		t.Error("irrelevant or cosmetic change changed the record fingerprint")
	}
	changes := []func(e *entity.Entity){
		func(e *entity.Entity) { e.Names = append(e.Names, entity.Name{Full: "E F"}) },
		func(e *entity.Entity) { e.BirthDates = []entity.Date{{Year: 1962}} },
		func(e *entity.Entity) { e.Nationalities = []string{"SA"} },
		func(e *entity.Entity) { e.Documents = []entity.Document{{Type: entity.DocPassport, Number: "1"}} },
	}
	for i, ch := range changes {
		e := base.Copy()
		ch(e)
		if RecordAttrs(e).Fingerprint() == fp {
			t.Errorf("change %d did not change the record fingerprint", i)
		}
	}
	s := vigil.Subject{Name: "A B", DateOfBirth: entity.Date{Year: 1961}}
	s2 := s
	s2.DateOfBirth = entity.Date{Year: 1962}
	d := Diff("subject", SubjectAttrs(s), SubjectAttrs(s2))
	if len(d) != 1 || d[0].Attribute != "date_of_birth" || d[0].Before[0] != "1961" || d[0].After[0] != "1962" {
		t.Errorf("Diff = %+v", d)
	}
	if d := Diff("subject", SubjectAttrs(s), SubjectAttrs(s)); d != nil {
		t.Errorf("Diff of equal = %+v", d)
	}
}
