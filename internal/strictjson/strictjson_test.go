package strictjson

import (
	"strings"
	"testing"

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
		if err == nil {
			if dup := checkDuplicates(data); dup != nil {
				t.Fatalf("accepted %q with a duplicate: %v", data, dup)
			}
			return
		}
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("%q: %v is not Invalid", data, err)
		}
	})
}
