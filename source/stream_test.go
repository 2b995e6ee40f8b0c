package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
)

// streamEdition is an edition of one file read by read.
func streamEdition(t *testing.T, src string, read func(ctx context.Context, path string, emit reader.Emit) error, date func(*entity.Entity) string) Edition {
	t.Helper()
	path := filepath.Join(t.TempDir(), "list.txt")
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	return Edition{Path: path, Files: []string{path}, Source: src, Format: &Format{Name: "test", Read: read, RecordDate: date}}
}

func emitAll(ents ...*entity.Entity) func(context.Context, string, reader.Emit) error {
	return func(_ context.Context, _ string, emit reader.Emit) error {
		for _, e := range ents {
			if err := emit(e); err != nil {
				return err
			}
		}
		return nil
	}
}

func rec(list, id, name string) *entity.Entity {
	return &entity.Entity{List: list, ID: id, Kind: entity.KindPerson, Names: []entity.Name{{Full: name}}}
}

// LoadEdition packs each record as the reader emits it: a reader that
// reuses its record after emitting it (which LoadEdition now allows)
// still gives each record as it was when emitted.
func TestLoadEdition_PacksAsEmitted(t *testing.T) {
	read := func(_ context.Context, _ string, emit reader.Emit) error {
		e := rec("l", "", "")
		for _, id := range []string{"A", "B", "C"} {
			e.ID, e.Names = id, []entity.Name{{Full: "Name " + id}}
			if err := emit(e); err != nil {
				return err
			}
		}
		return nil
	}
	s, err := LoadEdition(context.Background(), streamEdition(t, "", read, nil))
	if err != nil {
		t.Fatal(err)
	}
	if s.Source != "l" || s.Len() != 3 {
		t.Fatalf("source %q, %d records; want l, 3", s.Source, s.Len())
	}
	for i, id := range []string{"A", "B", "C"} {
		if e := s.Entity(i); e.ID != id || e.PrimaryName() != "Name "+id {
			t.Errorf("record %d: %s %q, want %s", i, e.ID, e.PrimaryName(), id)
		}
	}
}

// A record of another list is reported with its number and id once the
// reader is done; a reader error still comes first, as when the records
// were checked after reading.
func TestLoadEdition_WrongList(t *testing.T) {
	ents := []*entity.Entity{rec("a", "1", "X"), rec("a", "2", "Y"), rec("b", "3", "Z"), rec("a", "4", "W")}
	_, err := LoadEdition(context.Background(), streamEdition(t, "", emitAll(ents...), nil))
	if err == nil || !strings.HasSuffix(err.Error(), `list.txt: record 3 (3) belongs to list "b", not "a"`) {
		t.Errorf("err = %v", err)
	}
	_, err = LoadEdition(context.Background(), streamEdition(t, "c", emitAll(ents...), nil))
	if err == nil || !strings.HasSuffix(err.Error(), `list.txt: record 1 (1) belongs to list "a", not "c"`) {
		t.Errorf("source c: err = %v", err)
	}
	bad := errors.New("line 9: bad field")
	read := func(ctx context.Context, path string, emit reader.Emit) error {
		if err := emitAll(ents...)(ctx, path, emit); err != nil {
			return err
		}
		return bad
	}
	if _, err := LoadEdition(context.Background(), streamEdition(t, "", read, nil)); !errors.Is(err, bad) {
		t.Errorf("reader error after a record of another list: err = %v, want the reader's", err)
	}
	_, err = LoadEdition(context.Background(), streamEdition(t, "", emitAll(), nil))
	if err == nil || !strings.HasSuffix(err.Error(), "list.txt: no records, so no list name") {
		t.Errorf("no records: err = %v", err)
	}
}

// The records' date is the latest any record implies, taken as they
// are emitted; it comes before the file's name and time.
func TestLoadEdition_RecordDate(t *testing.T) {
	dates := map[string]string{"1": "2024-03-01", "2": "", "3": "2024-11-11", "4": "2023-12-31"}
	date := func(e *entity.Entity) string { return dates[e.ID] }
	ents := []*entity.Entity{rec("a", "1", "X"), rec("a", "2", "Y"), rec("a", "3", "Z"), rec("a", "4", "W")}
	s, err := LoadEdition(context.Background(), streamEdition(t, "", emitAll(ents...), date))
	if err != nil {
		t.Fatal(err)
	}
	if s.Edition != "2024-11-11" {
		t.Errorf("edition %q, want 2024-11-11", s.Edition)
	}
}
