package httpapi_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/httpapi"
)

// amplifyDocs is a subject with a name that hits six UN records and n
// identity documents (none of them on any list).
func amplifyDocs(n int) map[string]any {
	docs := make([]map[string]string, n)
	for i := range docs {
		docs[i] = map[string]string{"type": "passport", "number": fmt.Sprintf("X%08d", i), "country": "FR"}
	}
	return map[string]any{"name": "Abdul Rahman", "documents": docs}
}

// storedBytes is what the database holds of screenings, alerts, subjects
// and the audit trail: the rows a recorded screening writes.
func storedBytes(t *testing.T, e *sor) int64 {
	t.Helper()
	var n int64
	for _, q := range []string{`SELECT COALESCE(SUM(LENGTH(hits) + LENGTH(editions)), 0) FROM screenings`,
		`SELECT COALESCE(SUM(LENGTH(hit) + LENGTH(record) + LENGTH(subject_attrs)), 0) FROM alerts`,
		`SELECT COALESCE(SUM(LENGTH(record)), 0) FROM alert_records`,
		`SELECT COALESCE(SUM(LENGTH(attrs)), 0) FROM subject_versions`,
		`SELECT COALESCE(SUM(LENGTH(attrs)), 0) FROM subjects`,
		`SELECT COALESCE(SUM(LENGTH(details)), 0) FROM audit_log`} {
		var m int64
		if err := e.db.SQL().QueryRow(q).Scan(&m); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		n += m
	}
	return n
}

// TestMeasureAmplification prints the bytes stored by a recorded
// screening with many documents and answered to a batch of such
// subjects (docs/security.md). Run with VIGIL_MEASURE=1; it asserts
// nothing, the figures are for the docs.
func TestMeasureAmplification(t *testing.T) {
	if os.Getenv("VIGIL_MEASURE") == "" {
		t.Skip("set VIGIL_MEASURE=1 to measure")
	}
	e := newSORon(t, "", httpapi.Config{})
	for _, n := range []int{1, 32, 1000} {
		body, _ := json.Marshal(amplifyDocs(n))
		before := storedBytes(t, e)
		code, raw := e.send(t, "sam", "POST", fmt.Sprintf("/v1/subjects/AMP-%d/screen", n), string(body))
		after := storedBytes(t, e)
		t.Logf("recorded screening, %4d documents: request %7d B -> status %d, answer %8d B, stored %8d B", n, len(body), code, len(raw), after-before)
	}
	names := []string{"Abdul Rahman", "Muhammad Ali", "Abu Mohammed", zawahiri}
	for _, c := range []struct{ subjects, docs int }{{15, 1000}, {1000, 8}, {450, 32}} {
		subs := make([]map[string]any, c.subjects)
		for i := range subs {
			subs[i] = amplifyDocs(c.docs)
			subs[i]["name"] = names[i%len(names)]
		}
		body, _ := json.Marshal(map[string]any{"subjects": subs})
		code, raw := e.send(t, "sam", "POST", "/v1/screen", string(body))
		msg := ""
		if code != 200 {
			msg = strings.TrimSpace(string(raw))
			if len(msg) > 160 {
				msg = msg[:160]
			}
		}
		t.Logf("batch of %4d subjects, %4d documents each: request %8d B -> status %d, answer %9d B %s", c.subjects, c.docs, len(body), code, len(raw), msg)
	}
}
