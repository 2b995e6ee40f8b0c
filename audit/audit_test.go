package audit

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func chain(t *testing.T, n int) []*Entry {
	t.Helper()
	prev := GenesisHash
	var out []*Entry
	for i := 1; i <= n; i++ {
		d, err := CanonicalDetails([]byte(`{"b": 2, "a": [1, 2.50, "x"]}`))
		if err != nil {
			t.Fatal(err)
		}
		e := &Entry{Seq: int64(i), At: time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC), Actor: "ana", Action: ActionAlertNote, Object: "alert/1", Details: d}
		if err := e.Seal(prev); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func run(t *testing.T, es []*Entry, locate func(string) (*Entry, error)) *Finding {
	t.Helper()
	v := &Verifier{Locate: locate}
	for _, e := range es {
		f, err := v.Next(e)
		if err != nil {
			t.Fatal(err)
		}
		if f != nil {
			return f
		}
	}
	return v.End(int64(len(es)), es[len(es)-1].Hash)
}

// locator finds stored entries by hash, as the store does.
func locator(es []*Entry) func(string) (*Entry, error) {
	return func(h string) (*Entry, error) {
		for _, e := range es {
			if e.Hash == h {
				c := *e
				return &c, nil
			}
		}
		return nil, nil
	}
}

func TestCanonicalDetails(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"b": 2, "a": [1, 2.50, "x"]}`, `{"a":[1,2.50,"x"],"b":2}`},
		{``, `{}`},
		{`  `, `{}`},
		{`{"n": 12345678901234567890}`, `{"n":12345678901234567890}`},
		{`"\u00e9"`, `"é"`},
	}
	for _, tc := range tests {
		got, err := CanonicalDetails([]byte(tc.in))
		if err != nil || string(got) != tc.want {
			t.Errorf("CanonicalDetails(%q) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{`{`, `{} {}`, "\xff", `{"a":}`} {
		if _, err := CanonicalDetails([]byte(bad)); err == nil {
			t.Errorf("CanonicalDetails(%q) accepted", bad)
		}
	}
}

func TestVerify(t *testing.T) {
	if f := run(t, chain(t, 5), nil); f != nil {
		t.Fatalf("intact chain: %v", f)
	}
	// Altered content.
	es := chain(t, 5)
	es[2].Details = json.RawMessage(`{"a":1}`)
	if f := run(t, es, nil); f == nil || f.Problem != Altered || f.Seq != 3 {
		t.Fatalf("altered: %+v", f)
	}
	// Altered and re-hashed: the next entry's link shows it.
	es = chain(t, 5)
	es[2].Actor = "mallory"
	es[2].Seal(es[2].PrevHash)
	if f := run(t, es, nil); f == nil || f.Problem != Altered || f.Seq != 3 || !strings.Contains(f.Detail, "rewritten") {
		t.Fatalf("re-hashed: %+v", f)
	}
	// Missing entry.
	es = chain(t, 5)
	es = append(es[:1], es[2:]...)
	if f := run(t, es, nil); f == nil || f.Problem != Missing || f.Seq != 2 {
		t.Fatalf("missing: %+v", f)
	}
	// Reordered: entries 2 and 4 swap sequence numbers.
	es = chain(t, 5)
	es[1], es[3] = es[3], es[1]
	es[1].Seq, es[3].Seq = 2, 4
	if f := run(t, es, locator(es)); f == nil || f.Problem != Reordered || f.Seq != 2 || f.OriginalSeq != 4 {
		t.Fatalf("reordered: %+v", f)
	}
	// Without Locate the same break is reported as altered.
	if f := run(t, es, nil); f == nil || f.Problem != Altered || f.Seq != 2 {
		t.Fatalf("reordered, no locate: %+v", f)
	}
	// Adjacent entries swapped: the entry stored at 3 links to one that
	// is itself out of place, and is still found to be moved.
	for _, first := range []int{0, 2, 3} {
		es = chain(t, 5)
		es[first], es[first+1] = es[first+1], es[first]
		es[first].Seq, es[first+1].Seq = int64(first+1), int64(first+2)
		f := run(t, es, locator(es))
		if f == nil || f.Problem != Reordered || f.Seq != int64(first+1) || f.OriginalSeq != int64(first+2) {
			t.Fatalf("adjacent swap of %d and %d: %+v", first+1, first+2, f)
		}
	}
	// An altered entry is not taken for a moved one.
	es = chain(t, 5)
	es[1], es[2] = es[2], es[1]
	es[1].Seq, es[2].Seq = 2, 3
	es[1].Actor = "mallory"
	if f := run(t, es, locator(es)); f == nil || f.Problem != Altered || f.Seq != 2 {
		t.Fatalf("swapped and altered: %+v", f)
	}
	// Missing tail: the head says 6 entries were written.
	es = chain(t, 5)
	v := &Verifier{}
	for _, e := range es {
		v.Next(e)
	}
	if f := v.End(6, "x"); f == nil || f.Problem != Missing || f.Seq != 6 {
		t.Fatalf("missing tail: %+v", f)
	}
	// A malformed previous hash is a finding, not a panic.
	es = chain(t, 2)
	es[1].PrevHash = "zz"
	if f := run(t, es, nil); f == nil || f.Seq != 2 {
		t.Fatalf("bad prev hash: %+v", f)
	}
}

func FuzzCanonicalDetails(f *testing.F) {
	for _, s := range []string{`{"b":1,"a":2}`, `[1,2]`, `"x"`, `{`, "\xff", `{"a":{"b":[1e400]}}`} {
		f.Add([]byte(s))
	}
	for _, s := range []string{`{"b":"x<y&z","a":{"d":[1,-0.5e+3,true,null],"c":"\u00e9\ud800"}}`, `{"a":1,"a":2}`,
		"{\"\xff\":1,\"\xfe\":2}", `{"k":"\u2028"}`, `[01]`, `{"a":[]}`, `[{},{"z":{}}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		c, err := CanonicalDetails(in)
		// The fast path writes exactly what decoding and encoding again
		// writes, or leaves the input to it.
		if fast, ok := canonicalFast(in); ok {
			slow, err := canonicalDecode(in)
			if err != nil || string(fast) != string(slow) {
				t.Fatalf("canonical form of %q: fast %q, decoded %q (%v)", in, fast, slow, err)
			}
		}
		if err != nil {
			return
		}
		// Canonical form is a fixed point and valid JSON.
		c2, err := CanonicalDetails(c)
		if err != nil || string(c2) != string(c) {
			t.Fatalf("not a fixed point: %q -> %q -> %q (%v)", in, c, c2, err)
		}
		if !json.Valid(c) {
			t.Fatalf("invalid output %q", c)
		}
	})
}
