package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigil-screening/vigil/httpapi"
)

// Alerts, screenings, subjects and the audit trail come out whole as CSV,
// XLSX and JSON Lines, chosen by ?format= or Accept; a cell that a
// spreadsheet would run as a formula is defused; the export is audited
// and the trail still verifies.
func TestExport_Tables(t *testing.T) {
	eachStore(t, httpapi.Config{}, testExport)
}

func testExport(t *testing.T, e *sor) {
	alerts := map[int64]bool{}
	for range 3 {
		alerts[e.newAlert(t).ID] = true
	}
	e.call(t, 200, "sam", "POST", "/v1/subjects/EVIL-1/screen", `{"name": "=HYPERLINK(\"http://x\") Smith"}`, nil)

	code, raw := e.send(t, "aud", "GET", "/v1/export/alerts?format=csv", "")
	if code != 200 {
		t.Fatalf("csv: %d %s", code, raw)
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(alerts)+1 || rows[0][0] != "id" || rows[0][3] != "list" {
		t.Fatalf("alerts csv: %d rows, header %v", len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if r[3] != "un_sc" || r[6] != "open" || r[5] == "" {
			t.Errorf("alert row %v", r)
		}
	}

	// Accept picks the format; the subjects' formula is defused.
	code, raw = e.send(t, "sue", "GET", "/v1/export/subjects", "", "Accept", "text/csv")
	if code != 200 || !strings.Contains(string(raw), `'=HYPERLINK`) {
		t.Errorf("subjects csv (%d) does not defuse the formula: %s", code, raw)
	}

	code, raw = e.send(t, "sue", "GET", "/v1/export/screenings?format=xlsx", "")
	if code != 200 {
		t.Fatalf("xlsx: %d %s", code, raw)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("xlsx does not open: %v", err)
	}
	xrows, err := f.GetRows("screenings")
	if err != nil {
		t.Fatal(err)
	}
	if len(xrows) != 5 || xrows[0][5] != "hits" || xrows[1][0] != "1" {
		t.Errorf("screenings xlsx: %d rows: %v", len(xrows), xrows)
	}

	code, raw = e.send(t, "aud", "GET", "/v1/export/audit", "")
	if code != 200 {
		t.Fatalf("jsonl: %d %s", code, raw)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	var last struct {
		Seq     int64           `json:"seq"`
		Action  string          `json:"action"`
		Details json.RawMessage `json:"details"`
		Hash    string          `json:"hash"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatal(err)
	}
	if last.Action != "data.export" || !strings.Contains(string(last.Details), `"audit"`) || int64(len(lines)) != last.Seq {
		t.Errorf("last audit line %+v of %d: the export of the audit trail is its own last entry", last, len(lines))
	}
	e.auditCount(t) // the chain verifies

	if code, _ := e.send(t, "ann", "GET", "/v1/export/subjects", ""); code != 403 {
		t.Errorf("an analyst exports every subject: %d, want 403", code)
	}
	for _, bad := range []string{"/v1/export/alerts?format=pdf", "/v1/export/alerts?limit=3"} {
		if code, raw := e.send(t, "aud", "GET", bad, ""); code != 400 {
			t.Errorf("%s = %d: %s", bad, code, raw)
		}
	}
}
