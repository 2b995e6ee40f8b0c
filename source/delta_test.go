package source

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
)

// The real samples: t1's full export, then t2's five versions applied in
// order (one empty, ADDs, a MOD, a DEL of an entity added two versions
// before).
func TestDelta_RealSamples(t *testing.T) {
	ctx := context.Background()
	dir := testdata.Path(t, "opensanctions-delta")
	f, err := os.Open(filepath.Join(dir, "t2", "delta.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	versions, err := ParseDeltaIndex(f, "delta.json", "https://data.opensanctions.org/datasets/latest/sanctions/delta.json")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"20240527134702-zbn", "20240527194702-wnk", "20240528014702-pfh", "20240528074703-npf", "20240528134729-3iv"}
	if len(versions) != len(want) {
		t.Fatalf("%d versions, want %d", len(versions), len(want))
	}
	for i, v := range versions {
		if v.Version != want[i] || !strings.HasSuffix(v.URL, want[i]+"/entities.delta.json") {
			t.Errorf("version %d = %+v, want %s", i, v, want[i])
		}
	}
	if at, ok := versions[2].Time(); !ok || at.Format("2006-01-02T15:04:05") != "2024-05-28T01:47:02" {
		t.Errorf("time of %s = %v %v", versions[2].Version, at, ok)
	}

	full, err := os.Open(filepath.Join(dir, "t1", "entities.ftm.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	es, err := ReadEntities(ctx, full, "entities.ftm.json")
	if err != nil || len(es) != 7 {
		t.Fatalf("full export: %d entities, %v; want 7", len(es), err)
	}
	sizes := []int{7, 9, 10, 9, 10} // after each version
	var ops []string
	for i, v := range versions {
		b, err := os.ReadFile(filepath.Join(dir, "t2", v.Version, "entities.delta.json"))
		if err != nil {
			t.Fatal(err)
		}
		err = ReadDelta(ctx, bytes.NewReader(b), v.Version, func(op DeltaOp) error {
			ops = append(ops, op.Op+" "+op.ID)
			es.Apply(op)
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", v.Version, err)
		}
		if len(es) != sizes[i] {
			t.Errorf("after %s: %d entities, want %d", v.Version, len(es), sizes[i])
		}
	}
	if strings.Join(ops, ",") != "ADD NK-2T3S8Hu29ktYnKSTgQp2wL,ADD NK-2sJaJRaPJcWUfMbHjTtWcL,ADD NK-500Poltergeist,MOD NK-2T3S8Hu29ktYnKSTgQp2wL,DEL NK-500Poltergeist,ADD Q4365364" {
		t.Errorf("operations %v", ops)
	}
	if !bytes.Contains(es["NK-2T3S8Hu29ktYnKSTgQp2wL"], []byte("Foobar Foobargroup")) {
		t.Error("the MOD did not replace the entity")
	}
	var b1, b2 bytes.Buffer
	es.WriteTo(&b1)
	es.WriteTo(&b2)
	if b1.String() != b2.String() || strings.Count(b1.String(), "\n") != 10 {
		t.Error("writing the entities is not stable")
	}
}

func TestReadDelta_Bad(t *testing.T) {
	ok := `{"op": "ADD", "entity": {"id": "a", "schema": "Person", "properties": {"name": ["A"]}}}` + "\n"
	tests := []struct {
		name, in string
		line     int
		field    string
	}{
		{"truncated line", ok + `{"op": "ADD", "entity": {"id": "b", "schema": "Pers`, 2, ""},
		{"not JSON", ok + "garbage\n", 2, ""},
		{"array", "[]\n", 1, ""},
		{"no op", `{"entity": {"id": "a"}}`, 1, "op"},
		{"unknown op", `{"op": "UPSERT", "entity": {"id": "a", "schema": "Person"}}`, 1, "op"},
		{"lower-case op", `{"op": "add", "entity": {"id": "a", "schema": "Person"}}`, 1, "op"},
		{"no entity", `{"op": "DEL"}`, 1, "entity"},
		{"entity a string", `{"op": "DEL", "entity": "a"}`, 1, "entity"},
		{"no id", `{"op": "DEL", "entity": {}}`, 1, "entity.id"},
		{"number id", `{"op": "DEL", "entity": {"id": 5}}`, 1, "entity.id"},
		{"blank id", `{"op": "DEL", "entity": {"id": "  "}}`, 1, "entity.id"},
		{"ADD without schema", `{"op": "ADD", "entity": {"id": "a"}}`, 1, "entity.schema"},
		{"two values", `{"op": "DEL", "entity": {"id": "a"}} {"op": "DEL", "entity": {"id": "b"}}`, 1, ""},
		{"invalid UTF-8", "{\"op\": \"DEL\", \"entity\": {\"id\": \"\xff\"}}", 1, ""},
		{"huge line", `{"op": "ADD", "entity": {"id": "a", "schema": "Person", "x": "` + strings.Repeat("x", reader.MaxField) + `"}}`, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ReadDelta(context.Background(), strings.NewReader(tt.in), "v1/entities.delta.json", func(DeltaOp) error { return nil })
			var pe *reader.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a ParseError", err)
			}
			if pe.File != "v1/entities.delta.json" || pe.Line != tt.line || pe.Field != tt.field {
				t.Errorf("err = %v (line %d, field %q), want line %d, field %q", err, pe.Line, pe.Field, tt.line, tt.field)
			}
		})
	}
	for _, empty := range []string{"", "\n\n", "  \r\n"} {
		n := 0
		if err := ReadDelta(context.Background(), strings.NewReader(empty), "x", func(DeltaOp) error { n++; return nil }); err != nil || n != 0 {
			t.Errorf("empty delta %q: %d ops, %v; want a version with no change", empty, n, err)
		}
	}
}

func TestParseDeltaIndex_Bad(t *testing.T) {
	tests := []struct{ name, in, field string }{
		{"empty", ``, "versions"},
		{"truncated", `{"versions": {"20240527134702-zbn": "https://x/a`, "versions"},
		{"no versions", `{"updated_at": "2024-05-27"}`, "versions"},
		{"versions a list", `{"versions": ["a"]}`, "versions"},
		{"address a number", `{"versions": {"20240527134702-zbn": 5}}`, "versions"},
		{"bad version key", `{"versions": {"../../etc": "https://x/a"}}`, "versions"},
		{"file address", `{"versions": {"20240527134702-zbn": "file:///etc/passwd"}}`, "versions.20240527134702-zbn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDeltaIndex(strings.NewReader(tt.in), "delta.json", "https://x/delta.json")
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != "delta.json" || pe.Field != tt.field {
				t.Errorf("err = %v, want a ParseError of delta.json naming %s", err, tt.field)
			}
		})
	}
	vs, err := ParseDeltaIndex(strings.NewReader(`{"versions": {"2": "v2/e.json", "1": "/abs/e.json"}}`), "delta.json", "https://x/ds/delta.json")
	if err != nil || len(vs) != 2 || vs[0].URL != "https://x/abs/e.json" || vs[1].URL != "https://x/ds/v2/e.json" {
		t.Errorf("relative addresses: %+v, %v", vs, err)
	}
}

func TestReadEntities_Bad(t *testing.T) {
	for _, in := range []string{`{"id": "a"}`, `{"schema": "Person"}`, `{"id": "a", "schema": "Person"} x`, `[1]`} {
		_, err := ReadEntities(context.Background(), strings.NewReader(in), "entities.ftm.json")
		var pe *reader.ParseError
		if !errors.As(err, &pe) || pe.File != "entities.ftm.json" || pe.Line != 1 {
			t.Errorf("%s: err = %v, want a ParseError at entities.ftm.json:1", in, err)
		}
	}
}

func FuzzReadDelta(f *testing.F) {
	dir := testdata.Path(f, "opensanctions-delta", "t2")
	for _, v := range []string{"20240527194702-wnk", "20240528014702-pfh", "20240528074703-npf"} {
		if b, err := os.ReadFile(filepath.Join(dir, v, "entities.delta.json")); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"op": "DEL", "entity": {"id": "a"}}`))
	f.Add([]byte(`{"op": "MOD", "entity": {"id": "a", "schema": "Person", "properties": {}}}` + "\n\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		es := Entities{}
		err := ReadDelta(context.Background(), bytes.NewReader(in), "f", func(op DeltaOp) error {
			if op.ID == "" || (op.Op != OpDel && len(op.Entity) == 0) {
				t.Fatalf("op %+v accepted", op)
			}
			es.Apply(op)
			return nil
		})
		var pe *reader.ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Errorf("error %v is not a ParseError", err)
		}
	})
}

func FuzzParseDeltaIndex(f *testing.F) {
	if b, err := os.ReadFile(testdata.Path(f, "opensanctions-delta", "t2", "delta.json")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"versions": {"1": "a/b"}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		vs, err := ParseDeltaIndex(bytes.NewReader(in), "delta.json", "https://x/d/delta.json")
		for i, v := range vs {
			if !strings.HasPrefix(v.URL, "http") || (i > 0 && vs[i-1].Version >= v.Version) {
				t.Fatalf("versions %+v out of order or with a bad address", vs)
			}
		}
		var pe *reader.ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Errorf("error %v is not a ParseError", err)
		}
	})
}
