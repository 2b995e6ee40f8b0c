package senzing_test

import (
	"encoding/json"
	"io"
	"os"
	"testing"

	"github.com/vigil-screening/vigil/entity"
)

// diffEntity compares two entities through their JSON form and returns a
// description of the difference, or "" when they are equal.
func diffEntity(got, want *entity.Entity) string {
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if string(g) == string(w) {
		return ""
	}
	return "\ngot:  " + string(g) + "\nwant: " + string(w)
}

func readHead(t *testing.T, path string, n int) []byte {
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
