package rowmap_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/rowmap"
)

func TestMap(t *testing.T) {
	header := []string{"A", "", "C"}
	tests := []struct {
		name        string
		cells       []string
		rejectExtra bool
		want        string // "col=value" joined by "|", sorted as given
		wantNil     bool
	}{
		{"trimmed", []string{" x ", "y", ""}, false, "A=x|column 2=y", false},
		{"blank", []string{" ", "", "\t"}, false, "", true},
		{"extra kept", []string{"x", "", "", "z"}, false, "A=x|column 4=z", false},
		{"empty extra ignored", []string{"x", "", "", " "}, true, "A=x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := rowmap.Map("f", 3, header, tt.cells, tt.rejectExtra)
			if err != nil {
				t.Fatal(err)
			}
			if (r == nil) != tt.wantNil {
				t.Fatalf("Map = %v, want nil %v", r, tt.wantNil)
			}
			var got []string
			for _, col := range []string{"A", "column 2", "C", "column 4"} {
				if v, ok := r[col]; ok {
					got = append(got, col+"="+v)
				}
			}
			if strings.Join(got, "|") != tt.want || len(got) != len(r) {
				t.Errorf("Map = %v, want %s", r, tt.want)
			}
		})
	}
}

func TestMap_Bad(t *testing.T) {
	header := []string{"A", "B"}
	tests := []struct {
		name  string
		cells []string
		field string
		want  string
	}{
		{"huge", []string{"x", strings.Repeat("y", reader.MaxField+1)}, "B", "exceeds limit"},
		{"invalid utf8", []string{"\xff", "y"}, "A", "invalid UTF-8"},
		{"extra value", []string{"x", "y", "z"}, "column 3", "beyond the 2 header columns"},
		{"extra before bad cell", []string{"x", "y", "z", "\xff"}, "column 3", "beyond the 2 header columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rowmap.Map("f.csv", 7, header, tt.cells, true)
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != "f.csv" || pe.Line != 7 || pe.Field != tt.field {
				t.Fatalf("err = %v, want *reader.ParseError at f.csv:7 field %s", err, tt.field)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestCheckCells(t *testing.T) {
	err := rowmap.CheckCells("f", 2, []string{"name"}, []string{"ok", "b\xffd"}, "save as UTF-8")
	var pe *reader.ParseError
	if !errors.As(err, &pe) || pe.Field != "column 2" || pe.Err.Error() != "save as UTF-8" {
		t.Errorf("err = %v, want column 2 with the given message", err)
	}
	if err := rowmap.CheckCells("f", 2, nil, []string{"ok", ""}, ""); err != nil {
		t.Errorf("good cells: %v", err)
	}
}

// rows is a Source over fixed rows.
type rows [][]string

func (r *rows) Next() (int, []string, error) {
	if len(*r) == 0 {
		return 0, nil, io.EOF
	}
	cells := (*r)[0]
	*r = (*r)[1:]
	return 10 - len(*r), cells, nil
}

func TestEach(t *testing.T) {
	src := &rows{{"a"}, {"b"}, {"c"}}
	var got []string
	err := rowmap.Each(context.Background(), src, func(line int, cells []string) error {
		got = append(got, cells[0])
		return nil
	})
	if err != nil || strings.Join(got, "") != "abc" {
		t.Errorf("Each = %q, %v; want abc", got, err)
	}

	stop := errors.New("stop")
	src = &rows{{"a"}, {"b"}}
	n := 0
	err = rowmap.Each(context.Background(), src, func(int, []string) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Each = %v after %d rows, want stop after 1", err, n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = rowmap.Each(ctx, &rows{{"a"}}, func(int, []string) error { n++; return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Each(cancelled) = %v", err)
	}
}

func TestSplitList(t *testing.T) {
	for in, want := range map[string]string{
		"a; b ;;c": "a|b|c",
		"":         "",
		" ; ":      "",
		"one":      "one",
	} {
		if got := strings.Join(rowmap.SplitList(in), "|"); got != want {
			t.Errorf("SplitList(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFieldOf(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", &rowmap.FieldError{Field: "Type", Err: errors.New("bad")})
	if rowmap.FieldOf(err) != "Type" || err.Error() != "wrapped: bad" {
		t.Errorf("FieldOf(%v) = %q", err, rowmap.FieldOf(err))
	}
	if rowmap.FieldOf(errors.New("x")) != "" {
		t.Error("FieldOf(plain error) not empty")
	}
}
