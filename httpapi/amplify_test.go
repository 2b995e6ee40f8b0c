package httpapi_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/httpapi"
)

// A query's values per attribute are bounded, and a document the record
// neither has nor contradicts is not repeated in every hit: the bytes a
// screening stores and answers grow with the hits, not with the hits
// times the documents.
func TestAmplificationBounded(t *testing.T) {
	e := newSORon(t, "", httpapi.Config{})
	body := func(n int) string {
		b, _ := json.Marshal(amplifyDocs(n))
		return string(b)
	}
	// Over the limit: refused, naming the field, nothing stored.
	before := storedBytes(t, e)
	code, raw := e.send(t, "sam", "POST", "/v1/subjects/AMP-MANY/screen", body(vigil.MaxValues+1))
	if code != 400 || !strings.Contains(string(raw), `"field":"documents"`) {
		t.Fatalf("%d documents = %d %s, want 400 naming documents", vigil.MaxValues+1, code, raw)
	}
	if code, raw := e.send(t, "sam", "POST", "/v1/screen", `{"name": "Abdul Rahman", "crypto": [`+cryptoList(vigil.MaxValues+1)+`]}`); code != 400 || !strings.Contains(string(raw), `"field":"crypto"`) {
		t.Fatalf("%d crypto addresses = %d %s, want 400 naming crypto", vigil.MaxValues+1, code, raw)
	}
	if n := storedBytes(t, e) - before; n != 0 {
		t.Fatalf("a refused screening stored %d bytes", n)
	}

	// One document and the most allowed store and answer nearly the same.
	stored := map[int]int64{}
	answered := map[int]int{}
	for _, n := range []int{1, vigil.MaxValues} {
		before := storedBytes(t, e)
		var res struct {
			Hits []vigil.Hit `json:"hits"`
		}
		code, raw := e.send(t, "sam", "POST", fmt.Sprintf("/v1/subjects/AMP-%d/screen", n), body(n))
		if code != 200 {
			t.Fatalf("%d documents = %d %s", n, code, raw)
		}
		if err := json.Unmarshal(raw, &res); err != nil || len(res.Hits) < 3 {
			t.Fatalf("%d documents: %v, %d hits, want several", n, err, len(res.Hits))
		}
		for _, h := range res.Hits {
			docs := 0
			for _, q := range h.Explanation.Qualifiers {
				if q.Attribute == "passport" || q.Attribute == "documents" {
					docs++
				}
			}
			if docs != 1 {
				t.Fatalf("%d documents: hit %s/%s reports %d document qualifiers, want 1: %+v", n, h.List, h.SourceID, docs, h.Explanation.Qualifiers)
			}
		}
		stored[n], answered[n] = storedBytes(t, e)-before, len(raw)
	}
	// The 32 documents are stored once in the subject, once in the
	// screening's and each alert's copy of it: a few KB, not KB per hit.
	if extra := stored[vigil.MaxValues] - stored[1]; extra > 30*int64(len(body(vigil.MaxValues))) {
		t.Errorf("32 documents stored %d bytes more than one (%v)", extra, stored)
	}
	if answered[vigil.MaxValues] > answered[1]+2000 {
		t.Errorf("32 documents answered %d bytes, one %d: the documents are repeated", answered[vigil.MaxValues], answered[1])
	}

	// A document given many times is one document.
	same := map[string]any{"name": "Abdul Rahman", "passport": "X1;x-1", "documents": []map[string]string{{"type": "passport", "number": "X 1"}}}
	for i := 0; i < 100; i++ {
		same["documents"] = append(same["documents"].([]map[string]string), map[string]string{"type": "passport", "number": "X1"})
	}
	b, _ := json.Marshal(same)
	var res struct {
		Hits []vigil.Hit `json:"hits"`
	}
	e.call(t, 200, "sam", "POST", "/v1/screen", string(b), &res)
	for _, h := range res.Hits {
		for _, q := range h.Explanation.Qualifiers {
			if q.Attribute == "documents" {
				t.Fatalf("one passport given 102 times is reported as %q", q.Query)
			}
		}
	}
}

func cryptoList(n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprintf(`"bc1q%030d"`, i)
	}
	return strings.Join(s, ",")
}
