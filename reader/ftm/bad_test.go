package ftm_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/ftm"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
)

func TestParse_Bad(t *testing.T) {
	ok := `{"id":"a","schema":"Person","properties":{"name":["A"]},"datasets":["x"]}` + "\n"
	tests := []struct {
		name, in string
		line     int
		field    string
	}{
		{"empty file", "", 0, ""},
		{"blank lines only", "\n\r\n", 0, ""},
		{"malformed JSON", ok + `{"id":"b",` + "\n", 2, ""},
		{"truncated last line", ok + `{"id":"b","schema":"Person","properties":{"name":["B`, 2, ""},
		{"array line", ok + "[]\n", 2, ""},
		{"trailing garbage", ok + `{"id":"b","schema":"Person","properties":{}} {}`, 2, ""},
		{"invalid UTF-8", ok + "{\"id\":\"b\",\"schema\":\"Person\",\"properties\":{\"name\":[\"\xc3\x28\"]}}\n", 2, ""},
		{"binary garbage", "\x1f\x8b\x08\x00\x00\x00", 1, ""},
		{"no id", `{"schema":"Person","properties":{}}`, 1, "id"},
		{"no schema", `{"id":"a","properties":{}}`, 1, "schema"},
		{"duplicate id", ok + ok, 2, "id"},
		{"number id", `{"id":5,"schema":"Person","properties":{}}`, 1, "id"},
		{"string datasets", `{"id":"a","schema":"Person","properties":{},"datasets":"x"}`, 1, "datasets"},
		{"array properties", `{"id":"a","schema":"Person","properties":[]}`, 1, "properties"},
		{"number in name", `{"id":"a","schema":"Person","properties":{"name":[1]}}`, 1, "properties.name"},
		{"object name", `{"id":"a","schema":"Person","properties":{"name":{"x":"y"}}}`, 1, "properties.name"},
		{"link explosion", ok + `{"id":"o","schema":"Ownership","properties":{"owner":[` + ids(101) + `],"asset":[` + ids(100) + `]}}`, 2, "properties.owner"},
		{"huge line", ok + `{"id":"b","schema":"Person","properties":{"name":["` + strings.Repeat("x", reader.MaxField) + `"]}}`, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			readertest.WantBad(t, ftm.Parse, "test.json", tt.in, tt.line, tt.field)
		})
	}
}

// Real exports write some properties as a lone string and carry
// non-FtM properties of any shape; both are accepted.
func TestParse_Lenient(t *testing.T) {
	in := `{"id":"a","schema":"Person","properties":{"name":"Ali","birthDate":"Unknown","relatives":[{"name":"x"}],"years":5}}`
	got, err := readertest.Parse(ftm.Parse, in, "test.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].PrimaryName() != "Ali" || len(got[0].BirthDates) != 0 {
		t.Errorf("got %+v", got)
	}
}

func TestParse_ContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := `{"id":"a","schema":"Person","properties":{"name":["A"]}}`
	err := ftm.Parse(ctx, strings.NewReader(in), "t", func(*entity.Entity) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{`{"id": "NK-1", "caption": "X", "schema": "Person", "properties": {"name": ["Mar`, true},
		{"\n" + `{"schema":"Company","properties":{}}`, true},
		{`{"DATA_SOURCE":"OS_X","RECORD_ID":"1"}`, false},
		{`{"schema":"Person"}`, false},
		{"<?xml version=\"1.0\"?>", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ftm.Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
	for _, f := range []string{"zala_cluster.entities.ftm.json", "sa_wiki_peps.entities.ftm.json"} {
		b, err := os.ReadFile(networkPath(t, f))
		if err != nil {
			t.Fatal(err)
		}
		if !ftm.Detect(b[:512]) {
			t.Errorf("Detect(%s) = false", f)
		}
	}
}

// FuzzParse checks that any input either parses or fails with a
// *reader.ParseError naming the file, emitting nothing, and never panics.
func FuzzParse(f *testing.F) {
	seed, err := os.ReadFile("testdata/links.ftm.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add(`{"id":"a","schema":"Person","properties":{"name":"A","birthDate":["1970"]}}`)
	f.Add(`{"id":"o","schema":"Ownership","properties":{"owner":["a"],"asset":["a"],"percentage":["x"]}}`)
	f.Fuzz(func(t *testing.T, in string) {
		got, _ := readertest.Fuzz(t, ftm.Parse, in, "fuzz", true)
		for _, e := range got {
			if e.ID == "" {
				t.Fatalf("entity without id: %+v", e)
			}
		}
	})
}

// ids returns n quoted ids separated by commas.
func ids(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q", fmt.Sprint("id", i))
	}
	return b.String()
}
