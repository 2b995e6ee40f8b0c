package csvrows_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/csvrows"
)

// all reads every row of in and returns them with their lines.
func all(t testing.TB, in string, opt csvrows.Options) ([]int, [][]string, error) {
	t.Helper()
	r := csvrows.New(strings.NewReader(in), "in.csv", opt)
	var lines []int
	var rows [][]string
	for {
		line, row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return lines, rows, nil
		}
		if err != nil {
			return lines, rows, err
		}
		lines = append(lines, line)
		rows = append(rows, append([]string(nil), row...))
	}
}

func TestNext(t *testing.T) {
	in := "\xef\xbb\xbfa,b\n\"multi\nline\",x\n\nc,d\n"
	lines, rows, err := all(t, in, csvrows.Options{SkipBOM: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "1:a|b 2:multi\nline|x 5:c|d"
	var got []string
	for i, r := range rows {
		got = append(got, fmt.Sprintf("%d:%s", lines[i], strings.Join(r, "|")))
	}
	if strings.Join(got, " ") != want {
		t.Errorf("rows = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestNext_BOMKeptWithoutOption(t *testing.T) {
	_, rows, err := all(t, "\xef\xbb\xbfa\n", csvrows.Options{})
	if err != nil || len(rows) != 1 || rows[0][0] != "\xef\xbb\xbfa" {
		t.Errorf("rows = %q, %v; want the BOM kept", rows, err)
	}
}

func TestNext_Tab(t *testing.T) {
	_, rows, err := all(t, "a\tb,c\n", csvrows.Options{Comma: '\t'})
	if err != nil || len(rows) != 1 || len(rows[0]) != 2 || rows[0][1] != "b,c" {
		t.Errorf("rows = %q, %v; want two tab-separated cells", rows, err)
	}
}

func TestNext_Errors(t *testing.T) {
	opt := csvrows.Options{Fields: 2, FieldCountHint: "count hint", MalformedHint: "syntax hint"}
	tests := []struct {
		name, in string
		line     int
		want     string
	}{
		{"field count", "a,b\nc\n", 2, "wrong number of fields (count hint)"},
		{"bare quote", "a,b\nc,d\"e\n", 2, "column 4: bare \" in non-quoted-field (syntax hint)"},
		{"open quote", "a,b\n\"c,d\ne,f\n", 2, "quoted field starting in this record is not terminated (input ends or breaks at line 3)"},
		{"binary garbage", "\x00\"\xff\n", 1, "column 2: bare \" in non-quoted-field (syntax hint)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := all(t, tt.in, opt)
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != "in.csv" || pe.Line != tt.line {
				t.Fatalf("err = %v, want *reader.ParseError at in.csv:%d", err, tt.line)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestNext_NoHints(t *testing.T) {
	_, _, err := all(t, "a,b\nc\n", csvrows.Options{})
	if err == nil || err.Error() != "in.csv:2: wrong number of fields" {
		t.Errorf("err = %v, want the csv message without a hint", err)
	}
}

func FuzzNext(f *testing.F) {
	f.Add("a,b\n\"c\nd\",e\n")
	f.Add("\xef\xbb\xbf\"unterminated")
	f.Fuzz(func(t *testing.T, in string) {
		lines, rows, err := all(t, in, csvrows.Options{SkipBOM: true, Fields: -1})
		var pe *reader.ParseError
		if err != nil && (!errors.As(err, &pe) || pe.File != "in.csv") {
			t.Fatalf("err = %v, want a *reader.ParseError naming in.csv", err)
		}
		for i := 1; i < len(lines); i++ {
			if lines[i] <= lines[i-1] {
				t.Fatalf("line numbers %v not increasing", lines)
			}
		}
		if len(lines) != len(rows) {
			t.Fatalf("%d lines for %d rows", len(lines), len(rows))
		}
	})
}
