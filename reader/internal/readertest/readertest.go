// Package readertest holds the test helpers the list readers share:
// running a parser on a string, checking that bad input gives a
// *reader.ParseError at the right file, line and field with nothing
// emitted, the error contract fuzz tests check, and building small XLSX
// workbooks.
package readertest

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/readfile"
)

// ReadFunc is the Read function of a reader.
type ReadFunc func(ctx context.Context, path string, emit reader.Emit) error

// Parse parses input, naming it name, and returns what parse emitted and
// its error.
func Parse(parse readfile.ParseFunc, input, name string) ([]*entity.Entity, error) {
	var got []*entity.Entity
	err := parse(context.Background(), strings.NewReader(input), name, func(e *entity.Entity) error {
		got = append(got, e)
		return nil
	})
	return got, err
}

// ReadByID reads the file at path and returns its records by ID. An error
// or an ID emitted twice fails t.
func ReadByID(t testing.TB, read ReadFunc, path string) map[string]*entity.Entity {
	t.Helper()
	got := make(map[string]*entity.Entity)
	err := read(context.Background(), path, func(e *entity.Entity) error {
		if got[e.ID] != nil {
			t.Fatalf("record %s emitted twice", e.ID)
		}
		got[e.ID] = e
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return got
}

// WantErrorAt fails t unless err is a *reader.ParseError naming file,
// line and field.
func WantErrorAt(t testing.TB, err error, file string, line int, field string) {
	t.Helper()
	var pe *reader.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want *reader.ParseError", err)
	}
	if pe.File != file || pe.Line != line || pe.Field != field {
		t.Errorf("error %q: at %s:%d field %q, want %s:%d field %q", err, pe.File, pe.Line, pe.Field, file, line, field)
	}
}

// WantErrorMentioning fails t unless err is a *reader.ParseError naming
// file and a line (line itself when not 0) whose message contains want.
func WantErrorMentioning(t testing.TB, err error, file string, line int, want string) {
	t.Helper()
	var pe *reader.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T), want *reader.ParseError", err, err)
	}
	if pe.File != file || pe.Line == 0 {
		t.Errorf("error %q does not name file and line", err)
	}
	if line != 0 && pe.Line != line {
		t.Errorf("error %q at line %d, want %d", err, pe.Line, line)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q, want it to mention %q", err, want)
	}
}

// WantBad parses input, naming it name, and fails t unless parsing fails
// with a *reader.ParseError naming name, line and field, having emitted
// nothing.
func WantBad(t testing.TB, parse readfile.ParseFunc, name, input string, line int, field string) {
	t.Helper()
	got, err := Parse(parse, input, name)
	WantErrorAt(t, err, name, line, field)
	if len(got) != 0 {
		t.Errorf("%d records emitted before the error", len(got))
	}
}

// Fuzz parses input, naming it name, and checks the error contract every
// reader keeps for any input: an error is a *reader.ParseError naming the
// input, and, when atomic is set (readers that check the whole file
// before emitting), comes with nothing emitted. It returns the records
// and whether parsing succeeded.
func Fuzz(t testing.TB, parse readfile.ParseFunc, input, name string, atomic bool) ([]*entity.Entity, bool) {
	t.Helper()
	got, err := Parse(parse, input, name)
	if err == nil {
		return got, true
	}
	var pe *reader.ParseError
	if !errors.As(err, &pe) || pe.File != name {
		t.Fatalf("err = %v (%T), want a *reader.ParseError naming %s", err, err, name)
	}
	if atomic && len(got) != 0 {
		t.Fatalf("emitted %d records before an error", len(got))
	}
	return nil, false
}

// Head returns the first n bytes of the file at path, fewer when the file
// is shorter.
func Head(t testing.TB, path string, n int) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := make([]byte, n)
	m, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		t.Fatal(err)
	}
	return head[:m]
}

// BenchRead measures read on the file at path.
func BenchRead(b *testing.B, read ReadFunc, path string) {
	for b.Loop() {
		if err := read(context.Background(), path, func(*entity.Entity) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// WriteWorkbook saves a one-sheet workbook ("Sheet1") with the given rows
// in a temporary directory and returns its path.
func WriteWorkbook(t testing.TB, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}
