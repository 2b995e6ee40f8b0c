package entity

import "testing"

func TestEntity_PrimaryName(t *testing.T) {
	e := Entity{List: "un_sc", ID: "6908052", Names: []Name{
		{Full: "Abu Muhammad", Type: NameAlias},
		{Full: "Ayman al-Zawahiri", Type: NamePrimary},
	}}
	if got := e.PrimaryName(); got != "Ayman al-Zawahiri" {
		t.Errorf("PrimaryName = %q", got)
	}
	if got := e.Key(); got != "un_sc/6908052" {
		t.Errorf("Key = %q", got)
	}
	e.Names[1].Type = NameWeakAlias
	if got := e.PrimaryName(); got != "Abu Muhammad" {
		t.Errorf("PrimaryName without primary = %q, want the first name", got)
	}
	if got := (&Entity{}).PrimaryName(); got != "" {
		t.Errorf("PrimaryName of no names = %q", got)
	}
}

func TestEntity_Copy(t *testing.T) {
	e := &Entity{ID: "1"}
	e.EnsureMore().Remarks = "a"
	c := e.Copy()
	c.EnsureMore().Remarks = "b"
	c.ID = "2"
	if e.Remarks() != "a" || e.ID != "1" || c.Remarks() != "b" {
		t.Errorf("Copy shares fields with the original: %q %q %q", e.Remarks(), e.ID, c.Remarks())
	}
	var none Entity
	if none.Remarks() != "" || none.Programs() != nil || none.Aircraft() != nil || none.Copy().More != nil {
		t.Error("a record without More reads as empty")
	}
}
