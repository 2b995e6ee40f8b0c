package subject_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/subject"
)

// Pairs are read through the same JSON Lines reader as subjects: a line
// longer than MaxLine, a line that is not a pair and a side without a name
// are each a row error naming the line (and field), and reading goes on.
func TestPairReader(t *testing.T) {
	input := `{"id": "p1", "a": {"name": "Ann Lee"}, "b": {"first_name": "Ann", "last_name": "Lee", "gender": "f"}}` + "\n" +
		`{"a": {"name": "` + strings.Repeat("x", subject.MaxLine) + `"}, "b": {"name": "y"}}` + "\n" +
		"\n" +
		`{"id": "bad", "a": {"name": "x"}, "b": {"dob": "1970"}}` + "\n" +
		`[1]` + "\n" +
		`{"id": 7, "a": {"name": "A"}, "b": {"name": "B"}}`
	rd := subject.NewPairReader(strings.NewReader(input), "pairs.jsonl")
	var rows []subject.PairRow
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		rows = append(rows, row)
	}
	if len(rows) != 5 {
		t.Fatalf("got %d pairs, want 5: %+v", len(rows), rows)
	}
	if r := rows[0]; r.Err != nil || r.ID != "p1" || r.Line != 1 || r.B.Gender != entity.GenderFemale || r.B.LastName != "Lee" {
		t.Errorf("pair 1 = %+v", r)
	}
	for _, c := range []struct {
		row       subject.PairRow
		line      int
		id, field string
		msg       string
	}{
		{rows[1], 2, "2", "", "line longer than 4194304 bytes"},
		{rows[2], 4, "bad", "b.name", "required"},
		{rows[3], 5, "5", "", "want a JSON object"},
	} {
		var pe *reader.ParseError
		if !errors.As(c.row.Err, &pe) || pe.File != "pairs.jsonl" || pe.Line != c.line || pe.Field != c.field ||
			!strings.Contains(pe.Error(), c.msg) || c.row.ID != c.id || c.row.Line != c.line {
			t.Errorf("row %+v: want an error at pairs.jsonl:%d field %q containing %q, id %q", c.row, c.line, c.field, c.msg, c.id)
		}
	}
	if r := rows[4]; r.Err != nil || r.ID != "7" || r.A.Name != "A" {
		t.Errorf("pair with a numeric id = %+v", r)
	}
}

func FuzzPairReader(f *testing.F) {
	f.Add([]byte(`{"id": "p", "a": {"name": "A"}, "b": {"name": "B"}}` + "\n"))
	f.Add([]byte(`{"a": {"name": 3}}` + "\n\n[1]\n{\"a\":{\"name\":\"\xff\"}}"))
	f.Add([]byte(`{"id": {"x": 1}, "a": {"name": "A"}, "b": {"name": "B", "dob": "19"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd := subject.NewPairReader(strings.NewReader(string(data)), "fuzz")
		lines := strings.Count(string(data), "\n") + 1
		prev := 0
		for {
			row, err := rd.Next()
			if err != nil {
				return
			}
			if row.Line <= prev || row.Line > lines || row.ID == "" {
				t.Fatalf("pair at line %d (id %q) after one at line %d, input of %d lines", row.Line, row.ID, prev, lines)
			}
			prev = row.Line
			if row.Err == nil && (!hasName(row.A) || !hasName(row.B)) {
				t.Fatalf("line %d: accepted a pair without names: %+v", row.Line, row)
			}
			if row.Err != nil && !strings.HasPrefix(row.Err.Error(), "fuzz:") {
				t.Fatalf("pair error does not name the file: %v", row.Err)
			}
		}
	})
}

func hasName(s vigil.Subject) bool {
	return s.Name != "" || s.FirstName != "" || s.MiddleName != "" || s.LastName != ""
}
