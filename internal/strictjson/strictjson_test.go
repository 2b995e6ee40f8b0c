package strictjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/apperr"
)

type doc struct {
	Name     string  `json:"name"`
	Limit    *int    `json:"limit"`
	Count    uint    `json:"count"`
	Score    float64 `json:"score"`
	Subjects []struct {
		Name string `json:"name"`
		Docs []struct {
			Number string `json:"number"`
		} `json:"documents"`
	} `json:"subjects"`
	Extra map[string]any `json:"extra"`
}

func TestDecode_Mistakes(t *testing.T) {
	tests := []struct{ in, field, msg string }{
		{`{"name": "a", "name": "b"}`, "name", "twice"},
		{`{"subjects": [{"name": "a"}, {"name": "b", "name": "c"}]}`, "subjects[1].name", "twice"},
		{`{"subjects": [{"documents": [{"number": "1"}, {"number": "2", "number": "3"}]}]}`, "subjects[0].documents[1].number", "twice"},
		{`{"extra": {"a": {"b": 1, "b": 2}}}`, "extra.a.b", "twice"},
		{`{"name": "a", "Name": "b"}`, "Name", "twice"},
		{`{"name": "a", "n\u0061me": "b"}`, "name", "twice"},
		{`{"subjects": [{"name": "a \" b", "documents": [], "name": "c"}]}`, "subjects[0].name", "twice"},
		{`{"limit": 1.5}`, "limit", "want integer"},
		{`{"limit": "5"}`, "limit", "want integer"},
		{`{"count": -1}`, "count", "want non-negative integer"},
		{`{"score": "x"}`, "score", "want number"},
		{`{"nam": "x"}`, "nam", "unknown field"},
	}
	for _, tt := range tests {
		var d doc
		err := Decode(strings.NewReader(tt.in), &d)
		ae, ok := err.(*apperr.Error)
		if !ok || ae.Code != apperr.Invalid || ae.Field != tt.field || !strings.Contains(ae.Message, tt.msg) {
			t.Errorf("%s: %v, want field %q saying %q", tt.in, err, tt.field, tt.msg)
		}
	}
	// The same key in different objects is fine.
	var d doc
	if err := Decode(strings.NewReader(`{"name": "x", "subjects": [{"name": "a"}, {"name": "b"}], "extra": {"name": [1, {"name": 2}]}}`), &d); err != nil {
		t.Fatalf("distinct objects: %v", err)
	}
}

// FuzzDecode: whatever the bytes, Decode answers nil or an Invalid error
// (never a panic, never an internal error), and a body it accepts has no
// key twice in one object.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"name": "a"}`, `{"name": "a", "name": "b"}`, `{"subjects": [{"name": "x"}]}`,
		`{"limit": 1.5}`, `[1,2]`, `{"extra": {"a": [{"b": 1}, {"b": 1}]}}`, `{"name": "\u0000"}`, `{`, `"x"`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d doc
		err := DecodeBytes(data, &d)
		if utf8.Valid(data) && json.Valid(data) {
			got, want := checkDuplicates(data), referenceDuplicates(data)
			if (got == nil) != (want == "") || got != nil && got.(*apperr.Error).Field != want {
				t.Fatalf("%q: scanner says %v, the decoder-based reference %q", data, got, want)
			}
		}
		if err == nil {
			return
		}
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("%q: %v is not Invalid", data, err)
		}
	})
}

// BenchmarkDecodeBatch decodes a batch of 1,000 subjects as a request
// body: the duplicate-key scan is part of it (compare with
// BenchmarkDecodeBatchNoScan).
func BenchmarkDecodeBatch(b *testing.B) {
	data := batchBody()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var d doc
		if err := DecodeBytes(data, &d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeBatchNoScan(b *testing.B) {
	data := batchBody()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var d doc
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			b.Fatal(err)
		}
	}
}

func batchBody() []byte {
	var sb strings.Builder
	sb.WriteString(`{"subjects": [`)
	for i := 0; i < 1000; i++ {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `{"name": "Subject Number %d", "documents": [{"number": "P%07d"}, {"number": "N%07d"}]}`, i, i, i)
	}
	sb.WriteString(`]}`)
	return []byte(sb.String())
}

// referenceDuplicates is the slow, obviously right form of
// checkDuplicates: through json.Decoder's tokens. It returns the path of
// the first key given twice, or "".
func referenceDuplicates(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   map[string]bool
		path   string
		last   string
		index  int
		key    bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		if top != nil && top.object && top.key {
			k := tok.(string)
			if top.keys[foldKey([]byte(k))] {
				if top.path == "" {
					return k
				}
				return top.path + "." + k
			}
			top.keys[foldKey([]byte(k))] = true
			top.key, top.last = false, k
			continue
		}
		var child string
		switch {
		case top == nil:
		case top.object:
			child = top.last
			if top.path != "" {
				child = top.path + "." + top.last
			}
			top.key = true
		default:
			child = fmt.Sprintf("%s[%d]", top.path, top.index)
			top.index++
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, &frame{object: d == '{', keys: map[string]bool{}, path: child, key: d == '{'})
		}
	}
}
