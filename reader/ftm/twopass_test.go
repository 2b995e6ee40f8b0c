package ftm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
)

// onlyReader hides a reader's Seek, as a pipe would.
type onlyReader struct{ io.Reader }

func parseAll(t *testing.T, r io.Reader) ([]*entity.Entity, Stats) {
	t.Helper()
	var out []*entity.Entity
	st, err := ParseWith(context.Background(), r, "x.ftm.json", Options{}, func(e *entity.Entity) error {
		out = append(out, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, st
}

// A file (read twice) and a pipe (read once) give the same entities, in
// the same order, with the same statistics, on the real network exports.
func TestTwoPasses_SameAsOne(t *testing.T) {
	for _, f := range []string{"sa_wiki_peps.entities.ftm.json", "zala_cluster.entities.ftm.json"} {
		data, err := os.ReadFile(testdata.Path(t, "networks", f))
		if err != nil {
			t.Fatal(err)
		}
		twice, st2 := parseAll(t, bytes.NewReader(data))
		once, st1 := parseAll(t, onlyReader{bytes.NewReader(data)})
		if !reflect.DeepEqual(st1, st2) {
			t.Errorf("%s: stats differ:\n once  %+v\n twice %+v", f, st1, st2)
		}
		a, _ := json.Marshal(once)
		b, _ := json.Marshal(twice)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: entities differ between one and two passes", f)
		}
		if st2.Relations == 0 || st2.Entities != len(twice) {
			t.Errorf("%s: %+v", f, st2)
		}
	}
}

// changing is a file whose content changes between the two passes.
type changing struct {
	first, second *strings.Reader
	rewound       bool
}

func (c *changing) Read(p []byte) (int, error) {
	if c.rewound {
		return c.second.Read(p)
	}
	return c.first.Read(p)
}

func (c *changing) Seek(off int64, whence int) (int64, error) {
	if whence == io.SeekStart && off == 0 {
		c.rewound = true
	}
	return 0, nil
}

// A file rewritten between the passes is an error, and nothing is emitted
// from the new content.
func TestTwoPasses_FileChanged(t *testing.T) {
	a := `{"id": "p1", "schema": "Person", "properties": {"name": ["Ann Smith"]}}` + "\n" +
		`{"id": "p2", "schema": "Person", "properties": {"name": ["Bob Smith"]}}` + "\n"
	b := `{"id": "p9", "schema": "Person", "properties": {"name": ["Eve Smith"]}}` + "\n" +
		`{"id": "p2", "schema": "Person", "properties": {"name": ["Bob Smith"]}}` + "\n"
	var names []string
	_, err := ParseWith(context.Background(), &changing{first: strings.NewReader(a), second: strings.NewReader(b)}, "x.ftm.json", Options{},
		func(e *entity.Entity) error { names = append(names, e.PrimaryName()); return nil })
	var pe *reader.ParseError
	if !errors.As(err, &pe) || pe.Line != 1 || !strings.Contains(err.Error(), "changed") {
		t.Errorf("err = %v", err)
	}
	if len(names) != 0 {
		t.Errorf("emitted %v from a changed file", names)
	}
}
