package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/web"
)

func TestSignIn(t *testing.T) {
	dialects(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		c := s.client()
		if r := c.get("/alerts?status=open"); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/signin?next=%2Falerts%3Fstatus%3Dopen" {
			t.Fatalf("signed-out GET: %d %q", r.StatusCode, r.Header.Get("Location"))
		}
		// Wrong password, unknown user, malformed name: one answer.
		var msgs []string
		for _, up := range [][2]string{{"ann", "wrong password here"}, {"nobody", password}, {"NOT A NAME", password}} {
			r := c.signIn(up[0], up[1])
			if r.StatusCode != http.StatusUnauthorized {
				t.Fatalf("sign-in %s: status %d", up[0], r.StatusCode)
			}
			msgs = append(msgs, regexp.MustCompile(`(?s)<div class="error" role="alert"><p>(.*?)</p>`).FindStringSubmatch(r.body)[1])
			if _, ok := c.cookies["vigil_session"]; ok {
				t.Fatal("a failed sign-in set a session")
			}
		}
		if msgs[0] != msgs[1] || msgs[1] != msgs[2] {
			t.Errorf("failed sign-ins answer differently: %q", msgs)
		}
		// The form without its double-submit token is refused.
		if r := c.do("POST", "/signin", url.Values{"username": {"ann"}, "password": {password}}); r.StatusCode != http.StatusForbidden {
			t.Errorf("sign-in without token: %d", r.StatusCode)
		}
		r := c.signIn("ann", password)
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
			t.Fatalf("sign-in: %d %q", r.StatusCode, r.Header.Get("Location"))
		}
		var set string
		for _, v := range r.Header.Values("Set-Cookie") {
			if strings.HasPrefix(v, "vigil_session=") {
				set = v
			}
		}
		for _, flag := range []string{"HttpOnly", "Secure", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(set, flag) {
				t.Errorf("session cookie %q lacks %s", set, flag)
			}
		}
		home := c.get("/")
		if home.StatusCode != 200 || !strings.Contains(home.body, "<h1>Dashboard</h1>") || !strings.Contains(home.body, "ann") {
			t.Fatalf("dashboard: %d", home.StatusCode)
		}
		// The UN edition in force is dated 2026-02-27: months old, stale.
		if !strings.Contains(home.body, `<tr class="stale">`) || !strings.Contains(home.body, "stale</strong>") {
			t.Error("the dashboard does not mark the old edition stale")
		}
		// Only the hash of the token is stored.
		var n int
		if err := s.db.SQL().QueryRow(`SELECT COUNT(*) FROM web_sessions WHERE id_hash = $1`, c.cookies["vigil_session"]).Scan(&n); err != nil || n != 0 {
			t.Errorf("the session token is stored as is (%d, %v)", n, err)
		}

		// Another process on the same database knows the session, and a
		// sign-out there ends it here.
		other := s.otherProcess()
		c2 := other.client()
		c2.cookies = c.cookies
		if r := c2.get("/alerts"); r.StatusCode != 200 {
			t.Fatalf("session on the other process: %d", r.StatusCode)
		}
		c2.post("/", "/signout", nil)
		if r := c.get("/"); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("session alive after sign-out on the other process: %d", r.StatusCode)
		}

		// Idle expiry.
		c.signIn("ann", password)
		s.clock.Advance(31 * time.Minute)
		if r := c.get("/"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("session alive after 31 idle minutes: %d", r.StatusCode)
		}

		// A disabled user's session ends at once.
		c.signIn("ann", password)
		if err := s.svc.DisableUser(context.Background(), auth.Operator("test"), "ann"); err != nil {
			t.Fatal(err)
		}
		if r := c.get("/"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("disabled user still signed in: %d", r.StatusCode)
		}
	})
}

func TestLockout(t *testing.T) {
	dialects(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		c := s.client()
		for i := 0; i < 5; i++ {
			c.signIn("bob", "not the password")
		}
		// Locked: even the right password is refused, with the same answer.
		if r := c.signIn("bob", password); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("locked-out sign-in: %d", r.StatusCode)
		}
		// A name nobody has locks out the same way: a lockout tells nothing.
		for i := 0; i < 6; i++ {
			if r := c.signIn("ghost", "not the password"); r.StatusCode != http.StatusUnauthorized {
				t.Fatalf("unknown user: %d", r.StatusCode)
			}
		}
		// Other names are not locked.
		if r := s.client().signIn("ann", password); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("ann locked by bob's failures: %d", r.StatusCode)
		}
		s.clock.Advance(16 * time.Minute)
		if r := c.signIn("bob", password); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in after the lock ran out: %d", r.StatusCode)
		}
		es, err := s.svc.AuditEntries(context.Background(), principal(t, s, "carol"), service.AuditQuery{Action: "web.sign_in_locked"})
		if err != nil || len(es) != 2 {
			t.Fatalf("lockouts audited: %d, %v", len(es), err)
		}
	})
}

func TestSecurityHeadersAndCSRF(t *testing.T) {
	s := newSite(t, "")
	c := s.client()
	c.signIn("ann", password)
	for _, p := range []string{"/", "/signin", "/alerts", "/nowhere", "/static/app.css"} {
		r := c.get(p)
		if r.Header.Get("Content-Security-Policy") != web.CSP || r.Header.Get("X-Frame-Options") != "DENY" || r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: security headers missing: %v", p, r.Header)
		}
		if strings.Contains(r.body, "<script>") || strings.Contains(r.body, " style=") || strings.Contains(r.body, " onclick=") {
			t.Errorf("%s: inline script or style, which the CSP refuses", p)
		}
	}
	if r := c.get("/nowhere"); r.StatusCode != 404 {
		t.Errorf("unknown page: %d", r.StatusCode)
	}
	if r := c.get("/v1/nowhere"); r.StatusCode != 404 || !strings.Contains(r.Header.Get("Content-Type"), "json") {
		t.Errorf("unknown API route is not the API's JSON 404: %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	id := screenAlert(t, c, "S-1")
	notes := func() int {
		v, err := s.svc.Alert(context.Background(), principal(t, s, "ann"), id)
		if err != nil {
			t.Fatal(err)
		}
		return len(v.Notes)
	}
	page := fmt.Sprintf("/alerts/%d", id)
	tok := csrf(t, c.get(page))
	for name, r := range map[string]*response{
		"no token":    c.do("POST", page+"/note", url.Values{"text": {"x"}}),
		"wrong token": c.do("POST", page+"/note", url.Values{"text": {"x"}, "csrf": {tok + "x"}}),
		"cross-site": c.do("POST", page+"/note", url.Values{"text": {"x"}, "csrf": {tok}},
			"Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"),
	} {
		if r.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d", name, r.StatusCode)
		}
	}
	if n := notes(); n != 0 {
		t.Fatalf("a refused post added %d notes", n)
	}
	// Another user's token is not this session's.
	c2 := s.client()
	c2.signIn("bob", password)
	if r := c.do("POST", page+"/note", url.Values{"text": {"x"}, "csrf": {csrf(t, c2.get(page))}}); r.StatusCode != http.StatusForbidden {
		t.Errorf("another session's token: %d", r.StatusCode)
	}
	if r := c.do("POST", page+"/note", url.Values{"text": {"checked the passport"}, "csrf": {tok}}); r.StatusCode != http.StatusSeeOther || notes() != 1 {
		t.Errorf("note with the token: %d, %d notes", r.StatusCode, notes())
	}
	// An open redirect after sign-in is refused.
	c3 := s.client()
	tok3 := csrf(t, c3.get("/signin"))
	r := c3.do("POST", "/signin", url.Values{"csrf": {tok3}, "username": {"bob"}, "password": {password}, "next": {"//evil.example/x"}})
	if r.Header.Get("Location") != "/" {
		t.Errorf("next=//evil.example redirected to %q", r.Header.Get("Location"))
	}
}

// screenAlert screens the UN-listed name as a recorded subject through
// the screen form and returns the alert it raised.
func screenAlert(t *testing.T, c *client, subject string) int64 {
	t.Helper()
	r := c.post("/screen", "/screen", url.Values{"name": {zawahiri}, "subject_id": {subject}})
	m := regexp.MustCompile(`Alerts raised: <a href="/alerts/(\d+)">`).FindStringSubmatch(r.body)
	if r.StatusCode != 200 || m == nil {
		t.Fatalf("screen: %d, no alert raised", r.StatusCode)
	}
	var id int64
	fmt.Sscan(m[1], &id)
	return id
}

func TestRoles(t *testing.T) {
	s := newSite(t, "")
	for _, tc := range []struct {
		user     string
		hidden   []string // nav links the user must not see
		refused  []string // pages that answer 403
		visible  []string
		allowedP []string
	}{
		{"eve", []string{`href="/alerts"`, `href="/audit"`, `href="/admin"`, `href="/subjects"`}, []string{"/alerts", "/audit", "/admin", "/subjects"}, []string{`href="/screen"`}, []string{"/screen", "/lists"}},
		{"carol", []string{`href="/screen"`, `href="/admin"`}, []string{"/screen", "/admin"}, []string{`href="/audit"`, `href="/alerts"`}, []string{"/audit", "/alerts"}},
		{"dave", []string{`href="/screen"`, `href="/alerts"`}, []string{"/screen", "/alerts", "/subjects"}, []string{`href="/admin"`, `href="/audit"`}, []string{"/admin", "/audit"}},
	} {
		c := s.client()
		c.signIn(tc.user, password)
		home := c.get("/")
		for _, h := range tc.hidden {
			if strings.Contains(home.body, h) {
				t.Errorf("%s sees %s", tc.user, h)
			}
		}
		for _, h := range tc.visible {
			if !strings.Contains(home.body, h) {
				t.Errorf("%s does not see %s", tc.user, h)
			}
		}
		for _, p := range tc.refused {
			if r := c.get(p); r.StatusCode != http.StatusForbidden {
				t.Errorf("%s GET %s: %d, want 403", tc.user, p, r.StatusCode)
			}
		}
		for _, p := range tc.allowedP {
			if r := c.get(p); r.StatusCode != http.StatusOK {
				t.Errorf("%s GET %s: %d, want 200", tc.user, p, r.StatusCode)
			}
		}
	}
	// A screener cannot post a review action either: the service refuses.
	ann := s.client()
	ann.signIn("ann", password)
	id := screenAlert(t, ann, "S-9")
	eve := s.client()
	eve.signIn("eve", password)
	r := eve.do("POST", fmt.Sprintf("/alerts/%d/start", id), url.Values{"csrf": {csrf(t, eve.get("/screen"))}, "version": {"1"}})
	if r.StatusCode != http.StatusForbidden {
		t.Errorf("screener starts a review: %d", r.StatusCode)
	}
}

// TestReviewFlow is the four-eyes flow through the forms: screen, start,
// propose, be refused approving one's own proposal, approve as another
// supervisor, find it in the audit trail, its export and verification.
func TestReviewFlow(t *testing.T) {
	dialects(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		ann, bob, carol := s.client(), s.client(), s.client()
		ann.signIn("ann", password)
		bob.signIn("bob", password)
		carol.signIn("carol", password)
		id := screenAlert(t, ann, "C-1001")
		page := fmt.Sprintf("/alerts/%d", id)
		a := ann.get(page)
		for _, want := range []string{"Subject and listed record", "Agreeing", "Contradicting", "111923", "Start review"} {
			if !strings.Contains(a.body, want) {
				t.Errorf("alert page lacks %q", want)
			}
		}
		version := func(c *client) string {
			m := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(c.get(page).body)
			if m == nil {
				t.Fatal("no version on the alert page")
			}
			return m[1]
		}
		if r := ann.post(page, page+"/start", url.Values{"version": {version(ann)}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("start: %d", r.StatusCode)
		}
		r := ann.post(page, page+"/decide", url.Values{"version": {version(ann)}, "disposition": {"true_match"}, "reason": {"same date of birth and passport"}})
		if r.StatusCode != http.StatusSeeOther || !strings.Contains(r.Header.Get("Location"), "proposed") {
			t.Fatalf("decide: %d %s", r.StatusCode, r.Header.Get("Location"))
		}
		if !strings.Contains(ann.get(page).body, "you made this proposal") {
			t.Error("the proposer is not told that another supervisor must approve")
		}
		r = ann.post(page, page+"/approve", url.Values{"version": {version(ann)}})
		if r.StatusCode != http.StatusForbidden || !strings.Contains(r.body, "four eyes") {
			t.Fatalf("self-approval: %d", r.StatusCode)
		}
		// A stale version is a conflict, not a silent overwrite.
		if r := bob.post(page, page+"/approve", url.Values{"version": {"1"}}); r.StatusCode != http.StatusConflict {
			t.Errorf("stale approve: %d", r.StatusCode)
		}
		if r := bob.post(page, page+"/approve", url.Values{"version": {version(bob)}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d %s", r.StatusCode, r.body)
		}
		closed := bob.get(page).body
		if !strings.Contains(closed, "Closed as <strong>true match</strong> by ann, approved by bob") {
			t.Error("the closed alert does not say who decided and who approved")
		}
		for _, want := range []string{"alert.propose", "alert.approve", "alert.move"} {
			if !strings.Contains(closed, strings.ReplaceAll(want, "_", " ")) {
				t.Errorf("history lacks %s", want)
			}
		}
		// The auditor finds the approval, exports it and verifies the chain.
		au := carol.get("/audit?action=alert.approve")
		if !strings.Contains(au.body, fmt.Sprintf("alert/%d", id)) || !strings.Contains(au.body, "<td>bob</td>") {
			t.Error("audit view lacks bob's approval")
		}
		csvR := carol.get("/audit/export.csv?action=alert.approve")
		if csvR.StatusCode != 200 || strings.Count(csvR.body, "\n") != 2 || !strings.Contains(csvR.body, ",bob,alert.approve,") {
			t.Errorf("CSV export: %d %q", csvR.StatusCode, csvR.body)
		}
		jl := carol.get("/audit/export.jsonl")
		lines := strings.Split(strings.TrimSpace(jl.body), "\n")
		var last struct{ Hash, PrevHash string }
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last.Hash == "" {
			t.Errorf("JSON Lines export: %v", err)
		}
		if v := carol.post("/audit", "/audit/verify", nil); !strings.Contains(v.body, "The chain is intact") {
			t.Error("verification does not say the chain is intact")
		}
		// The trail replays to the tables: the pages wrote nothing the
		// replay does not know.
		ver, err := s.svc.Verify(context.Background(), principal(t, s, "carol"), 10)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := json.Marshal(ver); ver.Finding != nil || !ver.State.Consistent || len(ver.State.UnknownActions) > 0 {
			t.Errorf("verify after the web flow: %s", b)
		}
	})
}

func TestQueuePaging(t *testing.T) {
	s := newSite(t, "")
	ctx := context.Background()
	ann := principal(t, s, "ann")
	sub, err := vigil.SubjectInput{Name: zawahiri}.Subject("x")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 7 {
		if _, err := s.svc.RecordScreening(ctx, ann, fmt.Sprintf("Q-%d", i), sub, ""); err != nil {
			t.Fatal(err)
		}
	}
	for _, sort := range []store.QueueSort{store.SortOldest, store.SortNewest, store.SortScore, store.SortUpdated} {
		var ids []int64
		f := service.QueueFilter{Sort: sort, Limit: 2}
		for pages := 0; ; pages++ {
			p, err := s.svc.AlertQueue(ctx, ann, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range p.Alerts {
				ids = append(ids, a.ID)
			}
			if p.Next == "" {
				break
			}
			f.After = p.Next
		}
		sorted := slices.Clone(ids)
		slices.Sort(sorted)
		if len(slices.Compact(sorted)) != 7 || len(ids) != 7 {
			t.Errorf("%s: pages gave %v", sort, ids)
		}
		if sort == store.SortNewest && !slices.IsSortedFunc(ids, func(a, b int64) int { return int(b - a) }) {
			t.Errorf("newest first: %v", ids)
		}
	}
	if _, err := s.svc.AlertQueue(ctx, ann, service.QueueFilter{Sort: store.SortScore, After: "x_1"}); err == nil {
		t.Error("a malformed cursor was accepted")
	}
	// The page itself: filters and the next link.
	c := s.client()
	c.signIn("ann", password)
	r := c.get("/alerts?status=open&sort=newest&min_score=0.5&assignee=none&age=")
	if r.StatusCode != 200 || strings.Count(r.body, "<tr data-row>") != 7 {
		t.Errorf("queue page: %d, %d rows", r.StatusCode, strings.Count(r.body, "<tr data-row>"))
	}
	if r := c.get("/alerts?min_score=2"); r.StatusCode != 400 {
		t.Errorf("bad filter: %d", r.StatusCode)
	}
}

func TestBatch(t *testing.T) {
	s := newSite(t, "")
	c := s.client()
	c.signIn("ann", password)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", csrf(t, c.get("/screen")))
	fw, _ := mw.CreateFormFile("file", "people.csv")
	fmt.Fprintf(fw, "id,name,date_of_birth\nB-1,%s,\nB-2,Jane Ordinary Person,1980-01-01\nB-3,\"broken,1980-13-45\n", zawahiri)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/screen/batch", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(&http.Cookie{Name: "vigil_session", Value: c.cookies["vigil_session"]})
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/screen/batch/") {
		t.Fatalf("upload: %d %q", resp.StatusCode, loc)
	}
	var st struct {
		Total, Done int
		Finished    bool
		Hits        int `json:"subjects_with_hits"`
		Failed      int `json:"rows_failed"`
	}
	for deadline := time.Now().Add(time.Minute); !st.Finished; {
		if time.Now().After(deadline) {
			t.Fatal("batch did not finish")
		}
		time.Sleep(100 * time.Millisecond)
		if err := json.Unmarshal([]byte(c.get(loc+"/status").body), &st); err != nil {
			t.Fatal(err)
		}
	}
	if st.Total != 3 || st.Done != 3 || st.Hits != 1 || st.Failed != 1 {
		t.Errorf("batch status %+v", st)
	}
	csvR := c.get(loc + "/results.csv")
	if !strings.Contains(csvR.body, "B-1,,") || !strings.Contains(csvR.body, "un_sc,111923") || !strings.Contains(csvR.body, "people.csv:4: malformed CSV") {
		t.Errorf("CSV results: %q", csvR.body)
	}
	x := c.get(loc + "/results.xlsx")
	f, err := excelize.OpenReader(strings.NewReader(x.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Sheet1")
	if len(rows) != 4 || rows[1][3] != "un_sc" {
		t.Errorf("XLSX rows %v", rows)
	}
	// Another user cannot see it.
	other := s.client()
	other.signIn("bob", password)
	if r := other.get(loc); r.StatusCode != 404 {
		t.Errorf("another user's batch: %d", r.StatusCode)
	}
}

func TestAdminPages(t *testing.T) {
	s := newSite(t, "")
	c := s.client()
	c.signIn("dave", password)
	if r := c.post("/admin", "/admin/user", url.Values{"username": {"fay"}, "role": {"analyst", "supervisor"}, "password": {password}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add user: %d %s", r.StatusCode, r.body)
	}
	fay := s.client()
	if r := fay.signIn("fay", password); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("new user signs in: %d", r.StatusCode)
	}
	r := c.post("/admin", "/admin/key", url.Values{"username": {"fay"}})
	// fay reviews alerts: the admin gets a one-time activation, not a key.
	m := regexp.MustCompile(`value="(vga_[0-9a-f_]+)"`).FindStringSubmatch(r.body)
	if m == nil || !strings.Contains(r.body, "One-time activation") {
		t.Fatal("new activation not shown")
	}
	if _, err := s.svc.Authenticate(context.Background(), m[1]); err == nil {
		t.Error("an activation authenticates")
	}
	_, key, err := s.svc.Activate(context.Background(), m[1])
	if err != nil {
		t.Fatal(err)
	}
	if p, err := s.svc.Authenticate(context.Background(), key); err != nil || p.Username != "fay" {
		t.Errorf("the activated key does not work: %v", err)
	}
	c.post("/admin", "/admin/disable", url.Values{"username": {"fay"}})
	if r := fay.get("/"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("disabled user's session still works: %d", r.StatusCode)
	}
	if r := c.post("/admin", "/admin/user", url.Values{"username": {"Bad Name"}, "role": {"analyst"}}); r.StatusCode != 400 {
		t.Errorf("bad user name: %d", r.StatusCode)
	}
}

// TestHostileInput: malformed, oversized and hostile values in every
// query and form field are answered with a 4xx page naming the field,
// never a 500 or a stack trace, and change nothing.
func TestHostileInput(t *testing.T) {
	s := newSite(t, "")
	ann, carol, dave := s.client(), s.client(), s.client()
	ann.signIn("ann", password)
	carol.signIn("carol", password)
	dave.signIn("dave", password)
	id := screenAlert(t, ann, "H-1")
	long := strings.Repeat("x", 5000)
	for _, tc := range []struct {
		c    *client
		path string
	}{
		{ann, "/alerts?after=%00"},
		{ann, "/alerts?after=" + long},
		{ann, "/alerts?sort=score&after=1e999_1"},
		{ann, "/alerts?sort=updated&after=yesterday_1"},
		{ann, "/alerts?sort=drop%20table"},
		{ann, "/alerts?status=%ff"},
		{ann, "/alerts?list=%00"},
		{ann, "/alerts?age=1y"},
		{ann, "/alerts?min_score=NaN"},
		{ann, "/alerts/0"},
		{ann, "/alerts/-1"},
		{ann, "/alerts/99999999999999999999"},
		{ann, "/alerts/abc"},
		{ann, "/subjects?q=%00"},
		{ann, "/subjects?q=" + long},
		{ann, "/subjects/%00"},
		{ann, "/subjects/nobody"},
		{ann, "/lists/diff?from=1&to=x"},
		{ann, "/lists/diff?from=1&to=999"},
		{ann, "/screen/batch/nope"},
		{ann, "/screen/batch/nope/results.csv"},
		{carol, "/audit?from=tomorrow"},
		{carol, "/audit?before=-5"},
		{carol, "/audit?actor=%00"},
		{carol, "/audit/export.exe"},
		{carol, "/audit/export.csv?to=2020-13-01"},
	} {
		r := tc.c.get(tc.path)
		if r.StatusCode < 400 || r.StatusCode >= 500 {
			t.Errorf("GET %s: %d, want 4xx", tc.path[:min(len(tc.path), 60)], r.StatusCode)
		}
		if strings.Contains(r.body, "goroutine") || strings.Contains(r.body, "panic") {
			t.Errorf("GET %s shows internals", tc.path[:min(len(tc.path), 60)])
		}
	}
	page := fmt.Sprintf("/alerts/%d", id)
	for _, form := range []url.Values{
		{"version": {"x"}},
		{"version": {"1"}, "disposition": {"maybe"}, "reason": {"r"}},
		{"version": {"1"}, "disposition": {"true_match"}, "reason": {"  "}},
		{"version": {"1"}, "disposition": {"true_match"}, "reason": {"\x00"}},
	} {
		if r := ann.post(page, page+"/decide", form); r.StatusCode < 400 || r.StatusCode >= 500 {
			t.Errorf("decide %v: %d", form, r.StatusCode)
		}
	}
	for _, op := range []string{"nope", "..", "approve"} {
		if r := ann.post(page, page+"/"+op, url.Values{"version": {"1"}}); r.StatusCode < 400 || r.StatusCode >= 500 {
			t.Errorf("alert op %q: %d", op, r.StatusCode)
		}
	}
	for _, f := range []url.Values{
		{"username": {"\x00"}, "role": {"analyst"}},
		{"username": {"x"}, "role": {"god"}},
		{"username": {long}, "role": {"analyst"}},
	} {
		if r := dave.post("/admin", "/admin/user", f); r.StatusCode < 400 || r.StatusCode >= 500 {
			t.Errorf("add user %.40v: %d", f, r.StatusCode)
		}
	}
	if r := dave.post("/admin", "/admin/password", url.Values{"username": {"ann"}, "password": {"short"}}); r.StatusCode != 400 {
		t.Errorf("short password: %d", r.StatusCode)
	}
	// A huge sign-in body and password are refused without hashing them.
	big := s.client()
	tok := csrf(t, big.get("/signin"))
	if r := big.do("POST", "/signin", url.Values{"csrf": {tok}, "username": {"ann"}, "password": {strings.Repeat("p", 200_000)}}); r.StatusCode < 400 || r.StatusCode >= 500 {
		t.Errorf("huge sign-in: %d", r.StatusCode)
	}
	// Nothing above changed the alert.
	a, err := s.svc.Alert(context.Background(), principal(t, s, "ann"), id)
	if err != nil || a.Version != 1 || len(a.Notes) != 0 {
		t.Errorf("hostile posts changed the alert: version %d, %v", a.Version, err)
	}
}

// TestMonitoringPages: a subject's monitoring status on its page, set and
// ended by a supervisor through the service (audited), seen but not
// changeable by an auditor; a full re-screen started from the dashboard.
func TestMonitoringPages(t *testing.T) {
	dialects(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		ann, carol := s.client(), s.client()
		ann.signIn("ann", password)
		carol.signIn("carol", password)
		screenAlert(t, ann, "M-1")
		if p := ann.get("/subjects/M-1"); !strings.Contains(p.body, "Monitored</strong> since") || !strings.Contains(p.body, "End monitoring now") {
			t.Fatalf("subject page lacks its monitoring: %d", p.StatusCode)
		}
		if p := carol.get("/subjects/M-1"); !strings.Contains(p.body, "Monitored</strong>") || strings.Contains(p.body, "End monitoring now") {
			t.Error("the auditor does not see the monitoring, or may change it")
		}
		if r := carol.post("/subjects/M-1", "/subjects/M-1/monitor-end", url.Values{"reason": {"x"}}); r.StatusCode != http.StatusForbidden {
			t.Errorf("auditor ends monitoring: %d", r.StatusCode)
		}
		if r := ann.post("/subjects/M-1", "/subjects/M-1/monitor-end", url.Values{"reason": {"client left"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("end monitoring: %d %s", r.StatusCode, r.body)
		}
		if p := ann.get("/subjects/M-1"); !strings.Contains(p.body, "Not monitored</strong>: ended") || !strings.Contains(p.body, "client left") {
			t.Error("the ended monitoring is not shown")
		}
		if r := ann.post("/subjects/M-1", "/subjects/M-1/monitor", url.Values{"until": {"2030-01-31"}, "reason": {"back as a client"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("set monitoring: %d %s", r.StatusCode, r.body)
		}
		if p := ann.get("/subjects/M-1"); !strings.Contains(p.body, "until 2030-01-31") {
			t.Error("the monitoring's end is not shown")
		}
		if r := ann.post("/subjects/M-1", "/subjects/M-1/monitor", url.Values{"until": {"soon"}, "reason": {"x"}}); r.StatusCode != 400 {
			t.Errorf("bad date: %d", r.StatusCode)
		}
		r := ann.post("/", "/rescreen", url.Values{"reason": {"threshold changed"}})
		if r.StatusCode != http.StatusSeeOther || !strings.Contains(r.Header.Get("Location"), "started") {
			t.Fatalf("rescreen: %d %s", r.StatusCode, r.body)
		}
		if home := ann.get("/"); !strings.Contains(home.body, "Re-vetting of monitored subjects") || !strings.Contains(home.body, "<progress") {
			t.Error("the dashboard does not show the re-vetting run")
		}
		es, err := s.svc.AuditEntries(context.Background(), principal(t, s, "carol"), service.AuditQuery{Object: "subject/M-1"})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range es {
			actions = append(actions, string(e.Action))
		}
		if !slices.Contains(actions, "subject.monitor_end") || !slices.Contains(actions, "subject.monitor") {
			t.Errorf("monitoring changes not audited: %v", actions)
		}
	})
}
