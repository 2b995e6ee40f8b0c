package httpapi_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/httpapi"
)

// A recorded screening raises alerts with the list record attached; the
// alert goes through review, four-eyes approval and false-positive memory;
// the subject keeps its history with the editions screened against; and
// the audit trail records it all and verifies.
func TestReview_Workflow(t *testing.T) {
	eachStore(t, httpapi.Config{}, testWorkflow)
}

func testWorkflow(t *testing.T, e *sor) {
	unHash := unLists(t).Editions[0].Hash

	var first recorded
	e.call(t, 200, "sam", "POST", "/v1/subjects/C-1/screen", `{"name": "`+zawahiri+`", "dob": "1951-06-19"}`, &first,
		httpapi.IdempotencyHeader, "req-1")
	if first.ScreeningID == 0 || len(first.Alerts) == 0 || len(first.Alerts) != len(first.Hits) || first.Replayed {
		t.Fatalf("first screening = %+v", first)
	}
	if len(first.Editions) != 1 || first.Editions[0] != unHash {
		t.Errorf("editions = %v, want [%s]", first.Editions, unHash)
	}
	// Re-sending with the same key replays the result and writes nothing.
	before := e.auditCount(t)
	var again recorded
	e.call(t, 200, "sam", "POST", "/v1/subjects/C-1/screen", `{"name": "`+zawahiri+`", "dob": "1951-06-19"}`, &again,
		httpapi.IdempotencyHeader, "req-1")
	if !again.Replayed || again.ScreeningID != first.ScreeningID || fmt.Sprint(again.Alerts) != fmt.Sprint(first.Alerts) {
		t.Errorf("replay = %+v, want the first result replayed", again)
	}
	if n := e.auditCount(t); n != before {
		t.Errorf("replay wrote %d audit entries", n-before)
	}

	a := e.alert(t, first.Alerts[0])
	if a.Status != "open" || a.Version != 1 || a.SubjectID != "C-1" || a.Record == nil || a.Record.ID != a.SourceID || a.Hit == nil || a.Hit.Score != a.Score {
		t.Fatalf("alert = %+v", a)
	}
	a = e.move(t, "ann", a, "in_review", "")
	if a.Status != "in_review" || a.Assignee != "ann" || a.Version != 2 {
		t.Fatalf("after transition: %+v", a)
	}
	e.call(t, 201, "ann", "POST", fmt.Sprintf("/v1/alerts/%d/notes", a.ID), `{"text": "date of birth differs by 3 years"}`, nil)
	// A false positive on the UN list is high impact: it becomes a
	// proposal and waits for a second person.
	a = e.decide(t, "ann", a, "false_positive")
	if a.Status != "escalated" || a.Proposal == nil || a.Proposal.By != "ann" {
		t.Fatalf("after decision: %+v", a)
	}
	var closed alertJSON
	e.call(t, 200, "sue", "POST", fmt.Sprintf("/v1/alerts/%d/approve", a.ID), fmt.Sprintf(`{"version": %d}`, a.Version), &closed)
	if closed.Status != "closed" || closed.Disposition != "false_positive" || closed.ClosedBy != "ann" || closed.ApprovedBy != "sue" {
		t.Fatalf("after approval: %+v", closed)
	}
	if got := e.alert(t, a.ID); len(got.Notes) != 1 || got.Notes[0].Author != "ann" || got.Status != "closed" {
		t.Errorf("alert view = %+v", got)
	}

	// The same subject screened again: the closed pair is remembered.
	var second recorded
	e.call(t, 200, "sam", "POST", "/v1/subjects/C-1/screen", `{"name": "`+zawahiri+`", "dob": "1951-06-19"}`, &second)
	if len(second.Suppressed) != 1 || len(second.Alerts) != 0 || len(second.Existing) != len(first.Alerts)-1 {
		t.Errorf("second screening = %+v; want 1 suppressed, no new alert, %d existing", second, len(first.Alerts)-1)
	}
	var subj struct {
		ID         string `json:"id"`
		History    []any  `json:"history"`
		Screenings []struct {
			ID       int64    `json:"id"`
			Editions []string `json:"editions"`
			Alerts   int      `json:"alerts"`
		} `json:"screenings"`
	}
	e.call(t, 200, "aud", "GET", "/v1/subjects/C-1", "", &subj)
	if len(subj.History) != 1 || len(subj.Screenings) != 2 || subj.Screenings[0].Alerts != len(first.Alerts) ||
		subj.Screenings[1].Alerts != 0 || subj.Screenings[1].Editions[0] != unHash {
		t.Errorf("subject = %+v", subj)
	}
	want := []string{"screening.recorded", "alert.move", "alert.note", "alert.propose", "alert.approve", "screening.recorded", "subject.view"}
	if got := e.auditActions(t, "aud"); strings.Join(got[len(got)-len(want):], " ") != strings.Join(want, " ") {
		t.Errorf("audit trail ends %v, want %v", got, want)
	}
	type report struct {
		Intact     bool  `json:"intact"`
		Entries    int64 `json:"entries"`
		Consistent bool  `json:"consistent"`
		State      struct {
			Rows        int64              `json:"rows"`
			Total       int64              `json:"total_differences"`
			Differences []audit.Difference `json:"differences"`
		} `json:"state"`
	}
	var v report
	e.call(t, 200, "adm", "GET", "/v1/audit/verify", "", &v)
	if !v.Intact || v.Entries != e.auditCount(t) || !v.Consistent || v.State.Rows < 10 {
		t.Errorf("verify = %+v", v)
	}
	// A disposition rewritten in the table, not through the API.
	if _, err := e.db.SQL().Exec(`UPDATE alerts SET disposition = 'true_match' WHERE id = $1`, a.ID); err != nil {
		t.Fatal(err)
	}
	v = report{}
	e.call(t, 200, "aud", "GET", "/v1/audit/verify?max_differences=5", "", &v)
	d := v.State.Differences
	if !v.Intact || v.Consistent || v.State.Total != 1 || len(d) != 1 || d[0].Table != "alerts" || d[0].Row != fmt.Sprint(a.ID) ||
		d[0].Column != "disposition" || d[0].Found != "true_match" || d[0].Want != "false_positive" {
		t.Errorf("verify after tampering = %+v", v)
	}
	e.call(t, 400, "aud", "GET", "/v1/audit/verify?max_differences=0", "", nil)
}

// auditActions exports the audit trail through the API and returns the
// action of each entry.
func (e *sor) auditActions(t *testing.T, user string) []string {
	t.Helper()
	code, raw := e.send(t, user, "GET", "/v1/audit", "")
	if code != 200 {
		t.Fatalf("audit export = %d: %s", code, raw)
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		var entry struct {
			Action string `json:"action"`
		}
		if err := json.Unmarshal(sc.Bytes(), &entry); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		out = append(out, entry.Action)
	}
	return out
}

// An ad hoc screening stores nothing but its audit entry.
func TestReview_AdHocAudited(t *testing.T) {
	e := newSOR(t, httpapi.Config{})
	before := e.auditCount(t)
	e.call(t, 200, "sam", "POST", "/v1/screen", `{"name": "`+zawahiri+`"}`, nil)
	e.call(t, 200, "sam", "POST", "/v1/screen", `{"subjects": [{"name": "`+zawahiri+`"}, {"name": "Jane Doe"}]}`, nil)
	if n := e.auditCount(t); n != before+3 {
		t.Errorf("%d audit entries written, want 3 (one per subject)", n-before)
	}
	got := e.auditActions(t, "aud")
	if strings.Join(got[len(got)-3:], " ") != "screening.ad_hoc screening.ad_hoc screening.ad_hoc" {
		t.Errorf("audit trail ends %v", got)
	}
	var page struct{ Total int }
	e.call(t, 200, "ann", "GET", "/v1/alerts", "", &page)
	if page.Total != 0 {
		t.Errorf("ad hoc screenings raised %d alerts", page.Total)
	}
}

// The alert queue pages and filters; totals count every match.
func TestReview_AlertQueue(t *testing.T) {
	eachStore(t, httpapi.Config{}, testAlertQueue)
}

func testAlertQueue(t *testing.T, e *sor) {
	var all []alertJSON
	for range 3 {
		a := e.newAlert(t)
		all = append(all, a)
	}
	e.move(t, "ann", all[1], "in_review", "")
	var full struct {
		Alerts []alertJSON `json:"alerts"`
		Total  int         `json:"total"`
	}
	e.call(t, 200, "ann", "GET", "/v1/alerts?limit=1000", "", &full)
	if full.Total != len(full.Alerts) || full.Total < 3 {
		t.Fatalf("queue: total %d, %d alerts", full.Total, len(full.Alerts))
	}
	// Expected counts, computed from the full queue.
	top, atTop, un := 0.0, 0, 0
	for _, a := range full.Alerts {
		top = max(top, a.Score)
	}
	for _, a := range full.Alerts {
		if a.Score >= top {
			atTop++
		}
		if a.List == "un_sc" {
			un++
		}
	}
	tests := []struct {
		query string
		total int
		first int64 // id of the first alert of the page; 0 for none
	}{
		{"status=in_review", 1, all[1].ID},
		{"status=open&limit=1&offset=0", full.Total - 1, full.Alerts[0].ID},
		{"limit=1&offset=1", full.Total, full.Alerts[1].ID},
		{"assignee=ann", 1, all[1].ID},
		{"subject_id=" + all[2].SubjectID + "&list=un_sc", countSubject(full.Alerts, all[2].SubjectID), 0},
		{"list=un_sc", un, full.Alerts[0].ID},
		{fmt.Sprintf("min_score=%g", top), atTop, 0},
		{"created_after=2999-01-01", 0, 0},
		{"created_before=2999-01-01T00:00:00Z&limit=2&offset=1", full.Total, full.Alerts[1].ID},
		{"older_than=1h", 0, 0},
	}
	for _, tc := range tests {
		var page struct {
			Alerts []alertJSON `json:"alerts"`
			Total  int         `json:"total"`
		}
		e.call(t, 200, "aud", "GET", "/v1/alerts?"+tc.query, "", &page)
		if page.Total != tc.total {
			t.Errorf("%s: total %d, want %d", tc.query, page.Total, tc.total)
		}
		if tc.first != 0 && (len(page.Alerts) == 0 || page.Alerts[0].ID != tc.first) {
			t.Errorf("%s: first alert %+v, want id %d", tc.query, page.Alerts, tc.first)
		}
	}
}

func countSubject(alerts []alertJSON, subject string) int {
	n := 0
	for _, a := range alerts {
		if a.SubjectID == subject && a.List == "un_sc" {
			n++
		}
	}
	return n
}

// Every bad request gets a precise 4xx naming the problem and changes
// nothing: not the alert, not the audit trail.
func TestReview_BadInput(t *testing.T) {
	eachStore(t, httpapi.Config{MaxBody: 64 << 10}, testBadInput)
}

func testBadInput(t *testing.T, e *sor) {
	open := e.newAlert(t)
	inReview := e.move(t, "ann", e.newAlert(t), "in_review", "")
	own := e.decide(t, "sue", e.move(t, "sue", e.newAlert(t), "in_review", ""), "true_match")
	huge := `{"name": "` + strings.Repeat("a", 70<<10) + `"}`
	p := func(a alertJSON, verb string) string { return fmt.Sprintf("/v1/alerts/%d/%s", a.ID, verb) }
	tests := []struct {
		name, user, method, path, body string
		status                         int
		field, msg                     string
	}{
		{"oversize body", "sam", "POST", "/v1/subjects/X-1/screen", huge, 413, "", "larger than 65536 bytes"},
		{"unknown field", "ann", "POST", p(open, "transition"), `{"to": "in_review", "version": 1, "colour": "red"}`, 400, "colour", "unknown field"},
		{"wrong type", "ann", "POST", p(open, "transition"), `{"to": "in_review", "version": "1"}`, 400, "version", "wrong type"},
		{"missing version", "ann", "POST", p(open, "transition"), `{"to": "in_review"}`, 400, "version", "required"},
		{"unknown state", "ann", "POST", p(open, "transition"), `{"to": "done", "version": 1}`, 400, "to", "want open"},
		{"close by transition", "ann", "POST", p(inReview, "transition"), `{"to": "closed", "version": 2, "reason": "x"}`, 400, "to", "decision"},
		{"invalid transition", "ann", "POST", p(open, "transition"), `{"to": "escalated", "version": 1, "reason": "x"}`, 409, "", "cannot move to escalated"},
		{"stale version", "ann", "POST", p(inReview, "transition"), `{"to": "open", "version": 1}`, 409, "", "at version 2, not 1"},
		{"decision without reason", "ann", "POST", p(inReview, "decision"), `{"disposition": "inconclusive", "version": 2}`, 400, "reason", "required"},
		{"blank reason", "ann", "POST", p(inReview, "decision"), `{"disposition": "inconclusive", "reason": " \t ", "version": 2}`, 400, "reason", "required"},
		{"decide another's alert", "ann2", "POST", p(inReview, "decision"), `{"disposition": "inconclusive", "reason": "x", "version": 2}`, 403, "", "assigned to ann"},
		{"blank disposition", "ann", "POST", p(inReview, "decision"), `{"reason": "x", "version": 2}`, 400, "disposition", "want true_match"},
		{"decision on open alert", "ann", "POST", p(open, "decision"), `{"disposition": "inconclusive", "reason": "x", "version": 1}`, 409, "", "is open"},
		{"approve own proposal", "sue", "POST", p(own, "approve"), fmt.Sprintf(`{"version": %d}`, own.Version), 403, "", "four eyes"},
		{"approve without proposal", "sue", "POST", p(inReview, "approve"), `{"version": 2}`, 409, "", "no proposal"},
		{"analyst reassigns", "ann", "POST", p(inReview, "assign"), `{"assignee": "ann2", "version": 2}`, 403, "", "supervisor"},
		{"assign to nobody", "sue", "POST", p(open, "assign"), `{"assignee": "ghost", "version": 1}`, 400, "assignee", "no active user"},
		{"alert id not a number", "ann", "GET", "/v1/alerts/abc", "", 400, "id", "not an alert id"},
		{"no such alert", "ann", "POST", "/v1/alerts/999999/transition", `{"to": "in_review", "version": 1}`, 404, "", "no alert 999999"},
		{"empty note", "ann", "POST", p(open, "notes"), `{"text": "  "}`, 400, "text", "needs some text"},
		{"bad status filter", "ann", "GET", "/v1/alerts?status=pending", "", 400, "status", "want open"},
		{"unknown filter", "ann", "GET", "/v1/alerts?colour=red", "", 400, "colour", "unknown query parameter"},
		{"bad min_score", "ann", "GET", "/v1/alerts?min_score=2", "", 400, "min_score", "from 0 to 1"},
		{"bad limit", "ann", "GET", "/v1/alerts?limit=0", "", 400, "limit", "from 1 to 1000"},
		{"subject id mismatch", "sam", "POST", "/v1/subjects/X-1/screen", `{"id": "X-2", "name": "Jane Doe"}`, 400, "id", "differs"},
		{"threshold on recorded", "sam", "POST", "/v1/subjects/X-1/screen", `{"name": "Saddam Hussein al-Tikriti", "threshold": 1, "lists": ["ca_sema"]}`, 400, "threshold", "alert threshold"},
		{"lists on recorded", "sam", "POST", "/v1/subjects/X-1/screen", `{"name": "` + zawahiri + `", "lists": ["un_sc"]}`, 400, "lists", "every loaded list"},
		{"empty lists on recorded", "sam", "POST", "/v1/subjects/X-1/screen", `{"name": "` + zawahiri + `", "lists": []}`, 400, "lists", "every loaded list"},
		{"limit on recorded", "sam", "POST", "/v1/subjects/X-1/screen", `{"name": "` + zawahiri + `", "limit": 1}`, 400, "limit", "every hit at or above"},
		{"batch on recorded", "sam", "POST", "/v1/subjects/X-1/screen", `{"subjects": [{"name": "Jane Doe"}]}`, 400, "subjects", "one subject"},
		{"no name", "sam", "POST", "/v1/subjects/X-1/screen", `{"dob": "1970"}`, 400, "name", "required"},
		{"invalid UTF-8", "sam", "POST", "/v1/subjects/X-1/screen", "{\"name\": \"\xff\"}", 400, "", "UTF-8"},
		{"truncated JSON", "sam", "POST", "/v1/subjects/X-1/screen", `{"name": "Jane`, 400, "", "truncated"},
		{"unknown role", "adm", "POST", "/v1/users", `{"username": "x", "roles": ["god"]}`, 400, "roles", "unknown role"},
		{"taken username", "adm", "POST", "/v1/users", `{"username": "ann", "roles": ["analyst"]}`, 409, "", "already exists"},
		{"key for nobody", "adm", "POST", "/v1/keys", `{"username": "ghost"}`, 404, "", "no user"},
		{"subject not found", "aud", "GET", "/v1/subjects/none", "", 404, "", "no subject"},
		{"bad audit window", "aud", "GET", "/v1/audit?from=yesterday", "", 400, "from", "RFC 3339"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := e.auditCount(t)
			alerts := e.snapshotAlerts(t, open, inReview, own)
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
			if after := e.snapshotAlerts(t, open, inReview, own); after != alerts {
				t.Errorf("alerts changed:\n%s\n%s", alerts, after)
			}
		})
	}
	var subj struct{ Total int }
	e.call(t, 200, "ann", "GET", "/v1/alerts?subject_id=X-1", "", &subj)
	if subj.Total != 0 {
		t.Errorf("bad recorded screenings raised %d alerts", subj.Total)
	}
}

// snapshotAlerts returns the alerts' stored state as text, read from the
// store (a GET through the API is not audited, but be direct anyway).
func (e *sor) snapshotAlerts(t *testing.T, alerts ...alertJSON) string {
	t.Helper()
	var b strings.Builder
	for _, a := range alerts {
		got, err := e.db.GetAlert(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%d v%d %s %s %s; ", got.ID, got.Version, got.Status, got.Assignee, got.Disposition)
	}
	return b.String()
}
