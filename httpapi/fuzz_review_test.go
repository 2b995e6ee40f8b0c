package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"testing"

	"github.com/vigil-screening/vigil/httpapi"
)

// Any body sent to the system-of-record routes, and any alert-queue
// query, gets a JSON answer with a 2xx or a precise 4xx: never a panic,
// never a 500, whatever state earlier inputs left the alert in.
func FuzzReviewRequests(f *testing.F) {
	f.Add(0, `{"to": "in_review", "version": 1}`)
	f.Add(1, `{"assignee": "ann", "version": 2}`)
	f.Add(2, `{"disposition": "true_match", "reason": "same passport", "version": 3}`)
	f.Add(3, `{"version": 4, "comment": "ok"}`)
	f.Add(4, `{"text": "note"}`)
	f.Add(5, `status=open&min_score=0.5&limit=2&offset=1&older_than=1h`)
	f.Add(6, `{"name": "Aiman al-Zawahiri", "dob": "1951", "threshold": 0.9}`)
	f.Add(2, "{\"disposition\": \"\xff\", \"version\": 1e99}")
	f.Add(0, `{"to": null, "version": -1}`)
	e := newSOR(f, httpapi.Config{MaxBody: 8 << 10, Logger: quietLogger()})
	alert := e.newAlert(f)
	verbs := []string{"transition", "assign", "decision", "approve", "notes"}
	f.Fuzz(func(t *testing.T, route int, input string) {
		method, path, body := "POST", "", input
		switch r := uint(route) % 7; {
		case r < 5:
			path = fmt.Sprintf("/v1/alerts/%d/%s", alert.ID, verbs[r])
		case r == 5:
			method, path, body = "GET", "/v1/alerts?"+url.PathEscape(input), ""
		default:
			path = "/v1/subjects/F-1/screen"
		}
		code, raw := e.send(t, "sue", method, path, body)
		switch code {
		case 200, 201, 400, 403, 404, 409, 413:
		default:
			t.Fatalf("%s %s %q: status %d: %s", method, path, input, code, raw)
		}
		var v map[string]any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s %s %q: body is not JSON: %v: %s", method, path, input, err, raw)
		}
		if _, isErr := v["error"]; isErr != (code >= 400) {
			t.Fatalf("%s %s %q: status %d with body %s", method, path, input, code, raw)
		}
	})
}
