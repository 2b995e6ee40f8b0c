package merge_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/merge"
)

func TestRecord_Once(t *testing.T) {
	s := merge.NewSet()
	r := s.Record("l", "1", entity.KindPerson)
	if !r.Once("dob", "1970") || r.Once("dob", "1970") || !r.Once("dob", "1971") || !r.Once("dob1", "970") {
		t.Error("Once does not tell new keys from seen ones")
	}
	if s.Record("l", "1", entity.KindOrganization) != r {
		t.Error("Record(same id) gave a new record")
	}
}

func TestFinish_PrimaryName(t *testing.T) {
	tests := []struct {
		name  string
		names []entity.Name
		want  string // "name:type" of each name, in order
	}{
		{"alias promoted", []entity.Name{{Full: "A", Type: entity.NameAlias}, {Full: "A", Type: entity.NamePrimary}}, "A:primary"},
		{"second primary demoted", []entity.Name{{Full: "A", Type: entity.NamePrimary}, {Full: "B", Type: entity.NamePrimary}}, "A:primary B:alias"},
		{"none primary", []entity.Name{{Full: "Б", Type: entity.NameOriginalScript}, {Full: "B", Type: entity.NameAlias}}, "Б:original_script B:primary"},
		{"repeat ignored", []entity.Name{{Full: "A", Type: entity.NamePrimary}, {Full: "A", Type: entity.NameAlias}}, "A:primary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := merge.NewSet()
			r := s.Record("l", "1", entity.KindPerson)
			for _, n := range tt.names {
				r.AddName(n)
			}
			var got []string
			for _, n := range s.Finish("1").Names {
				got = append(got, n.Full+":"+string(n.Type))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("names = %q, want %q", strings.Join(got, " "), tt.want)
			}
		})
	}
}

func TestSet_Emit(t *testing.T) {
	s := merge.NewSet()
	for _, id := range []string{"2", "1", "2"} {
		r := s.Record("l", id, entity.KindPerson)
		r.AddName(entity.Name{Full: "N" + id, Type: entity.NamePrimary})
		r.Remarks = append(r.Remarks, "r"+id)
	}
	var got []string
	err := s.Emit("f", func(e *entity.Entity) error {
		got = append(got, e.List+"/"+e.ID+"/"+e.Remarks()+"/"+string(e.Kind))
		return nil
	}, func(e *entity.Entity) { e.EnsureMore().Remarks = strings.ReplaceAll(e.Remarks(), "\n", ",") })
	if err != nil {
		t.Fatal(err)
	}
	if want := "l/2/r2,r2/person l/1/r1/person"; strings.Join(got, " ") != want {
		t.Errorf("emitted %q, want %q", strings.Join(got, " "), want)
	}
	if ids := strings.Join(s.IDs(), ","); ids != "2,1" {
		t.Errorf("IDs = %s", ids)
	}
	if s.Finish("9") != nil {
		t.Error("Finish(unknown id) not nil")
	}
}

func TestSet_EmitEmpty(t *testing.T) {
	err := merge.NewSet().Emit("f.xlsx", func(*entity.Entity) error { return nil }, nil)
	var pe *reader.ParseError
	if !errors.As(err, &pe) || pe.File != "f.xlsx" || err.Error() != "f.xlsx: no records" {
		t.Errorf("err = %v, want f.xlsx: no records", err)
	}
}

func TestSet_EmitError(t *testing.T) {
	s := merge.NewSet()
	s.Record("l", "1", entity.KindPerson)
	s.Record("l", "2", entity.KindPerson)
	stop := errors.New("stop")
	n := 0
	if err := s.Emit("f", func(*entity.Entity) error { n++; return stop }, nil); !errors.Is(err, stop) || n != 1 {
		t.Errorf("Emit = %v after %d records, want stop after 1", err, n)
	}
}
