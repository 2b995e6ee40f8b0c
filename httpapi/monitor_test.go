package httpapi_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/httpapi"
)

// Bad requests to the continuous-vetting routes are refused with the
// field named, write nothing to the audit trail, and good ones do what
// they say.
func TestMonitorRoutes(t *testing.T) {
	e := newSOR(t, httpapi.Config{})
	sid := e.newAlert(t).SubjectID
	var many []string
	for i := range 1001 {
		many = append(many, fmt.Sprintf(`{"id": "M-%d", "name": "Jane Doe"}`, i))
	}
	tests := []struct {
		name, user, method, path, body string
		status                         int
		field, msg                     string
	}{
		{"no subjects", "sam", "POST", "/v1/subjects/batch", `{"subjects": []}`, 400, "subjects", "at least one"},
		{"too many subjects", "sam", "POST", "/v1/subjects/batch", `{"subjects": [` + strings.Join(many, ",") + `]}`, 413, "", "at most"},
		{"unknown field", "sam", "POST", "/v1/subjects/batch", `{"subjects": [{"id": "X", "name": "Jane"}], "threshold": 0.1}`, 400, "threshold", "unknown field"},
		{"until missing", "sue", "POST", "/v1/subjects/" + sid + "/monitoring", `{"reason": "x"}`, 400, "until", "a date"},
		{"until not a date", "sue", "POST", "/v1/subjects/" + sid + "/monitoring", `{"until": "soon", "reason": "x"}`, 400, "until", "not a date"},
		{"no reason", "sue", "POST", "/v1/subjects/" + sid + "/monitoring", `{"until": "2031-01-01"}`, 400, "reason", "required"},
		{"until in the past", "sue", "POST", "/v1/subjects/" + sid + "/monitoring", `{"until": "2020-01-01", "reason": "x"}`, 400, "until", "before today"},
		{"end with until", "sue", "POST", "/v1/subjects/" + sid + "/monitoring/end", `{"until": "2031-01-01", "reason": "x"}`, 400, "until", "only a reason"},
		{"end unknown subject", "sue", "POST", "/v1/subjects/none/monitoring/end", `{"reason": "x"}`, 404, "", "no subject"},
		{"rescreen without reason", "sue", "POST", "/v1/rescreen", `{}`, 400, "reason", "say why"},
		{"run id not a number", "sue", "GET", "/v1/revets/abc", "", 400, "id", "re-vetting run"},
		{"no such run", "sue", "GET", "/v1/revets/99999", "", 404, "", "no re-vetting run"},
		{"bad limit", "sue", "GET", "/v1/revets?limit=0", "", 400, "limit", "from 1 to 1000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := e.auditCount(t)
			code, raw := e.send(t, tc.user, tc.method, tc.path, tc.body)
			var body struct {
				Error struct{ Code, Message, Field string }
			}
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatalf("body %q: %v", raw, err)
			}
			if code != tc.status || body.Error.Field != tc.field || !strings.Contains(body.Error.Message, tc.msg) {
				t.Errorf("= %d %+v, want %d field %q message containing %q", code, body.Error, tc.status, tc.field, tc.msg)
			}
			if n := e.auditCount(t); n != before {
				t.Errorf("wrote %d audit entries", n-before)
			}
		})
	}
	// Good requests: enrolment with a row error, idempotent; monitoring.
	var sum struct{ Read, Created, Unchanged, Invalid int }
	body := `{"subjects": [{"id": "E-1", "name": "Margaret Thornbury"}, {"name": "No Id"}, {"id": "E-2", "name": "Jane Doe", "dob": "31/31/99"}]}`
	e.call(t, 200, "sam", "POST", "/v1/subjects/batch", body, &sum)
	if sum.Read != 3 || sum.Created != 1 || sum.Invalid != 2 {
		t.Errorf("enrolment = %+v; want 3 read, 1 created, 2 invalid", sum)
	}
	e.call(t, 200, "sam", "POST", "/v1/subjects/batch", body, &sum)
	if sum.Unchanged != 1 || sum.Created != 0 {
		t.Errorf("second enrolment = %+v; want 1 unchanged", sum)
	}
	var m struct {
		Active   bool
		Override bool
		Until    string
	}
	e.call(t, 200, "sue", "POST", "/v1/subjects/E-1/monitoring", `{"until": "never", "reason": "court order"}`, &m)
	if !m.Active || !m.Override || m.Until != "" {
		t.Errorf("monitoring = %+v", m)
	}
	e.call(t, 200, "sue", "POST", "/v1/subjects/E-1/monitoring/end", `{"reason": "customer left"}`, &m)
	if m.Active {
		t.Errorf("after the end: %+v", m)
	}
	if code, _ := e.send(t, "sue", "POST", "/v1/subjects/E-1/monitoring/end", `{"reason": "again"}`); code != 409 {
		t.Errorf("ending twice = %d, want 409", code)
	}
}
