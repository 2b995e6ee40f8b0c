package source

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Editions start costliest first: bytes, a workbook counting ten times
// its size; a missing file counts as empty.
func TestBiggestFirst(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"a.csv":     []byte(strings.Repeat("x", 300)),
		"b.xlsx":    []byte(strings.Repeat("x", 40)),
		"set/1.csv": []byte(strings.Repeat("x", 200)),
		"set/2.csv": []byte(strings.Repeat("x", 150)),
	})
	eds := []Edition{
		{Path: filepath.Join(dir, "a.csv"), Files: []string{filepath.Join(dir, "a.csv")}},
		{Path: filepath.Join(dir, "gone.csv"), Files: []string{filepath.Join(dir, "gone.csv")}},
		{Path: filepath.Join(dir, "b.xlsx"), Files: []string{filepath.Join(dir, "b.xlsx")}},
		{Path: filepath.Join(dir, "set"), Files: []string{filepath.Join(dir, "set", "1.csv"), filepath.Join(dir, "set", "2.csv")}},
	}
	// Costs: a 300, gone 0, b 400, set 350.
	if got, want := biggestFirst(eds), []int{2, 3, 0, 1}; !slices.Equal(got, want) {
		t.Errorf("biggestFirst = %v, want %v", got, want)
	}
}
