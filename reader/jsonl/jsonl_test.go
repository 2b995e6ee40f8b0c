package jsonl

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/reader"
)

func TestEachLine(t *testing.T) {
	var got []int
	in := "\xef\xbb\xbf{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}"
	err := EachLine(context.Background(), strings.NewReader(in), "x.jsonl", func(line []byte, n int) error {
		got = append(got, n)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 4, 5}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("lines = %v, want %v", got, want)
	}
}

func TestEachLine_Bad(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "x.jsonl: no records: empty file"},
		{"blank", "\n \n", "x.jsonl: no records: empty file"},
		{"invalid UTF-8", "{}\n{\"a\":\"\xff\"}\n", "x.jsonl:2: invalid UTF-8"},
		{"long line", "{}\n" + strings.Repeat("x", reader.MaxField+10) + "\n", "x.jsonl:2: line longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := EachLine(context.Background(), strings.NewReader(tt.in), "x.jsonl", func([]byte, int) error { return nil })
			var pe *reader.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *reader.ParseError", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %q, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestTopKeys(t *testing.T) {
	keys := TopKeys(FirstLine([]byte("\n\n{\"schema\": \"Person\", \"properties\": {\"name\": [\"x\"]}, \"id\": \"cut")))
	if !keys["schema"] || !keys["properties"] || keys["name"] {
		t.Errorf("TopKeys = %v", keys)
	}
	if len(TopKeys([]byte("[1,2]"))) != 0 {
		t.Error("an array has top-level keys")
	}
}
