package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
)

// Any body sent to the screening and comparison routes gets 200, 400 or
// 413 with a JSON body: never a panic, never a 500.
func FuzzRequestBody(f *testing.F) {
	f.Add("/v1/screen", `{"name": "Ayman al-Zawahiri", "dob": "1951", "threshold": 0.5}`)
	f.Add("/v1/screen", `{"subjects": [{"id": 1, "first_name": "A", "documents": [{"number": "1"}]}], "lists": ["un_sc"]}`)
	f.Add("/v1/compare", `{"a": {"name": "x"}, "b": {"name": "y", "crypto": ["z"]}}`)
	f.Add("/v1/screen", "{\"name\": \"\xff\"}")
	f.Add("/v1/compare", `[`)
	svc := service.New(service.Config{Logger: quietLogger()})
	svc.SetLists(&service.Lists{Engine: newFake(), Editions: []snapshot.Meta{{Source: "un_sc"}}})
	s := httpapi.New(httpapi.Config{Service: svc, Logger: quietLogger(), MaxBody: 4 << 10, MaxBatch: 5})
	f.Fuzz(func(t *testing.T, path, body string) {
		if path != "/v1/screen" && path != "/v1/compare" {
			path = "/v1/screen"
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("POST", path, strings.NewReader(body)))
		if c := w.Code; c != 200 && c != 400 && c != 413 {
			t.Fatalf("POST %s %q: status %d: %s", path, body, c, w.Body)
		}
		var v map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
			t.Fatalf("POST %s %q: body is not JSON: %v", path, body, err)
		}
		if _, isErr := v["error"]; isErr != (w.Code != 200) {
			t.Fatalf("POST %s %q: status %d with body %s", path, body, w.Code, w.Body)
		}
	})
}
