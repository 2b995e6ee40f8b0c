package web_test

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The browser tests drive Debian's chromium (headless) against a real
// server on 127.0.0.1 over a real database, and run axe-core (vendored
// by web/vendor.sh) on every page they open: no WCAG 2.1 A or AA
// violation may be found. They skip, saying why, only where chromium is
// not installed and CI is not set; .ci/run installs it.
//
// With VIGIL_WEB_SCREENSHOTS=DIR they also write a PNG of each page to
// DIR (docs/images holds the ones docs/web.md shows).

//go:embed testdata/axe.min.js
var axeSource string

// chromiumPath returns the browser to drive, or skips the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("VIGIL_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed, and CI must run the browser tests: .ci/run installs it with apt-get install -y chromium")
	}
	t.Skip("skipped: the browser tests need chromium at /usr/bin/chromium (apt-get install -y chromium) or $VIGIL_CHROMIUM")
	return ""
}

// browser is one headless chromium with its own profile (its own
// cookies), on one site.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu       sync.Mutex
	problems []string // script errors and CSP violations seen
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("metrics-recording-only", true),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	b := &browser{t: t, ctx: ctx, base: base}
	err := chromedp.Listen(ctx, func(ev any) {
		var p string
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			p = "script exception: " + e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				p += " " + e.ExceptionDetails.Exception.Description
			}
		case *cdplog.EventEntryAdded:
			// Refused requests (403 pages) log network errors by design.
			if e.Entry.Level == cdplog.EntryLevelError && e.Entry.Source != cdplog.EntrySourceNetwork {
				p = string(e.Entry.Source) + ": " + e.Entry.Text
			}
		}
		if p != "" {
			b.mu.Lock()
			b.problems = append(b.problems, p)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("chromium log: %v", err)
	}
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, p := range b.problems {
			t.Errorf("browser: %s", p)
		}
	})
	return b
}

func (b *browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.fail(what, err)
	}
}

func (b *browser) fail(what string, err error) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	b.t.Fatalf("%s: %v (at %s: %.500s)", what, err, loc, body)
}

// get runs an action that returns a value.
func get[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.fail(what, err)
	}
	return v
}

// keys types each key to the focused element, as a person would.
func keys(ks ...string) chromedp.Action[chromedp.Void] {
	var as []chromedp.Action[chromedp.Void]
	for _, k := range ks {
		as = append(as, chromedp.KeyEvent(k))
	}
	return chromedp.Steps(as...)
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	return get(b, "read "+sel, chromedp.Text(chromedp.CSS(sel)))
}

func (b *browser) location() string {
	b.t.Helper()
	return strings.TrimPrefix(get(b, "location", chromedp.Location()), b.base)
}

// axeViolation is one rule axe-core found broken.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

type axeResult struct {
	Passes     int            `json:"passes"`
	Violations []axeViolation `json:"violations"`
}

// check runs axe-core's WCAG 2.1 A and AA rules on the page, and takes
// its screenshot when asked to.
func (b *browser) check(name string) {
	b.t.Helper()
	res := b.axe(name)
	if res.Passes == 0 {
		b.t.Errorf("axe on %s checked no rule: it did not run", name)
	}
	vs := res.Violations
	for _, v := range vs {
		b.t.Errorf("axe on %s (%s): %s [%s] %s", name, b.location(), v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			b.t.Logf("    %v %s", n.Target, n.HTML)
		}
	}
	checked.Store(name, true)
	if dir := os.Getenv("VIGIL_WEB_SCREENSHOTS"); dir != "" {
		shot := get(b, "screenshot "+name, chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(dir, "web-"+name+".png"), cropPNG(b.t, shot, 2000), 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
}

// axe runs axe-core's WCAG 2.1 A and AA rules on the page.
func (b *browser) axe(name string) axeResult {
	b.t.Helper()
	get(b, "load axe on "+name, chromedp.Evaluate[*runtime.RemoteObject](axeSource))
	return get(b, "axe on "+name, chromedp.Evaluate[axeResult](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
			.then(r => ({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
				nodes: v.nodes.slice(0, 3).map(n => ({target: n.target, html: n.html}))}))}))`,
		chromedp.EvalAwaitPromise))
}

// cropPNG keeps the top maxHeight pixels of a long page.
func cropPNG(t *testing.T, b []byte, maxHeight int) []byte {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	r := img.Bounds()
	if r.Dy() <= maxHeight {
		return b
	}
	r.Max.Y = r.Min.Y + maxHeight
	var out bytes.Buffer
	if err := png.Encode(&out, img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(r)); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// checked records the pages axe has run on.
var checked sync.Map

// signIn signs in through the form with the keyboard alone.
func (b *browser) signIn(user string) {
	b.t.Helper()
	b.run("sign in as "+user,
		chromedp.Navigate(b.base+"/signin"),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.Focus(chromedp.CSS("#username")),
		keys(user, kb.Tab, password, kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("form.signout")))
}

func (b *browser) signOut() {
	b.t.Helper()
	b.run("sign out", chromedp.Focus(chromedp.CSS("form.signout button")), keys(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("#username")))
}

// TestBrowserReviewFlow: sign in, screen a listed name, open the alert,
// propose a decision, be refused approving one's own proposal, approve
// as a second supervisor, see it in the audit view — the review with the
// keyboard alone; a post without the CSRF token is refused; a user
// without the role neither sees nor reaches the page; axe-core finds no
// WCAG 2.1 A/AA violation on any page.
func TestBrowserReviewFlow(t *testing.T) {
	chromiumPath(t)
	dialects(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		b := newBrowser(t, s.url)

		// Signed out, a page sends to the sign-in form, which comes back.
		b.run("open signed out", chromedp.Navigate(s.url+"/alerts"), chromedp.WaitVisible(chromedp.CSS("#username")))
		b.check("signin")
		// Wait for what only a signed-in page has: the sign-in page has
		// paragraphs of its own, so "main p" can match before it is left.
		b.run("sign in", chromedp.Focus(chromedp.CSS("#username")), keys("ann", kb.Tab, password, kb.Enter),
			chromedp.WaitVisible(chromedp.CSS("form.signout")))
		if loc := b.location(); loc != "/alerts" {
			t.Fatalf("after sign-in at %s, want /alerts", loc)
		}

		// Screen with the keyboard: g s, type, Enter.
		b.run("go to screen", keys("g", "s"), chromedp.WaitVisible(chromedp.CSS("#s-name")))
		b.check("screen")
		b.run("screen", chromedp.Focus(chromedp.CSS("#s-name")), keys(zawahiri),
			chromedp.Focus(chromedp.CSS("#s-id")), keys("C-7", kb.Enter), chromedp.WaitVisible(chromedp.CSS("#h-res")))
		if got := b.text(".result"); !strings.Contains(got, "111923") || !strings.Contains(got, "Alerts raised: #") {
			t.Fatalf("screening result: %q", got)
		}
		b.check("screen-result")

		// The queue: g a, j, o opens the first alert.
		b.run("queue", keys("g", "a"), chromedp.WaitVisible(chromedp.CSS("table.queue")))
		b.check("queue")
		b.run("open alert", keys("j", "o"), chromedp.WaitVisible(chromedp.CSS("#h-compare")))
		alertURL := b.location()
		b.check("alert")
		b.run("start review", keys("s"), chromedp.WaitVisible(chromedp.CSS("#decide-form")))
		b.check("alert-review")
		// t chooses "true match" and moves to the reason; Tab reaches the
		// button.
		b.run("propose", keys("t", "Same date of birth and passport as the listed record.", kb.Tab, kb.Enter),
			chromedp.WaitVisible(chromedp.CSS("#approve-form")))
		if got := b.text("main"); !strings.Contains(got, "another supervisor must approve") || !strings.Contains(got, "Reason: Same date of birth") {
			t.Fatalf("after proposing: %q", got)
		}
		b.check("alert-proposed")
		b.run("approve own proposal", keys("a", kb.Tab, kb.Enter), chromedp.WaitVisible(chromedp.CSS("div.error")))
		if got := b.text("div.error"); !strings.Contains(got, "four eyes") {
			t.Fatalf("self-approval answer: %q", got)
		}
		b.check("refused")

		// A post without the token, from the signed-in page, is refused.
		b.run("back to the alert", chromedp.Navigate(s.url+alertURL), chromedp.WaitVisible(chromedp.CSS("#h-compare")))
		status := get(b, "post without token", chromedp.Evaluate[int](fmt.Sprintf(
			`fetch(%q, {method: 'POST', body: new URLSearchParams({text: 'forged'})}).then(r => r.status)`, alertURL+"/note"), chromedp.EvalAwaitPromise))
		if status != 403 {
			t.Errorf("post without the CSRF token: %d", status)
		}
		b.signOut()

		// A second supervisor approves, with the keyboard.
		b.signIn("bob")
		b.run("bob opens the alert", keys("g", "a"), chromedp.WaitVisible(chromedp.CSS("table.queue")),
			keys("j", "o"), chromedp.WaitVisible(chromedp.CSS("#approve-form")),
			keys("a", "Checked the passport copy.", kb.Tab, kb.Enter), chromedp.WaitVisible(chromedp.CSS("p.flash")))
		if got := b.text("main"); !strings.Contains(got, "approved by bob") {
			t.Fatalf("after approval: %q", got)
		}
		b.check("alert-closed")
		b.run("bob's dashboard", chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS("#h-alerts")))
		b.check("dashboard-bob")
		b.signOut()

		// The auditor sees it in the audit view, and verifies the chain;
		// the auditor has no Screen link and is refused the page.
		b.signIn("carol")
		b.run("audit", chromedp.Navigate(s.url+"/audit?action=alert.approve"), chromedp.WaitVisible(chromedp.CSS("table.audit")))
		if got := b.text("table.audit"); !strings.Contains(got, "bob") || !strings.Contains(got, strings.TrimPrefix(alertURL, "/alerts/")) {
			t.Errorf("audit view: %q", got)
		}
		b.check("audit")
		b.run("verify", chromedp.Click(chromedp.CSS("form[action='/audit/verify'] button")), chromedp.WaitVisible(chromedp.CSS("p.ok")))
		b.check("verify")
		b.run("home", chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS("h1")))
		nodes := get(b, "nav", chromedp.Nodes(chromedp.CSSAll(`nav a[href="/screen"]`), chromedp.AtLeast(0)))
		if len(nodes) != 0 {
			t.Error("the auditor sees the Screen link")
		}
		b.check("dashboard-auditor")
		b.run("screen as auditor", chromedp.Navigate(s.url+"/screen"), chromedp.WaitVisible(chromedp.CSS("div.error")))
		if got := b.text("h1"); got != "Forbidden" {
			t.Errorf("auditor on /screen: %q", got)
		}
		b.signOut()
	})
}

// TestBrowserPages opens every other page, as the user who may, and runs
// axe-core on each; the batch page's progress runs its script under the
// CSP.
func TestBrowserPages(t *testing.T) {
	chromiumPath(t)
	s := newSite(t, "")
	b := newBrowser(t, s.url)
	b.signIn("ann")
	b.check("dashboard")
	// A batch with live progress.
	csvPath := filepath.Join(t.TempDir(), "clients.csv")
	var rows strings.Builder
	rows.WriteString("id,name,date_of_birth,nationality\n")
	for i := range 300 {
		fmt.Fprintf(&rows, "K-%d,Person Number %d,1970-01-01,FR\n", i, i)
	}
	fmt.Fprintf(&rows, "K-Z,%s,,\n", zawahiri)
	if err := os.WriteFile(csvPath, []byte(rows.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	b.run("upload", chromedp.Navigate(s.url+"/screen"), chromedp.WaitVisible(chromedp.CSS("#b-file")),
		chromedp.SetUploadFiles(chromedp.CSS("#b-file"), []string{csvPath}),
		chromedp.Submit(chromedp.CSS("#b-file")),
		chromedp.WaitVisible(chromedp.CSS("progress")),
		chromedp.WaitVisible(chromedp.CSS("[data-batch-downloads] a")))
	if got := b.text("[data-batch-text]"); !strings.Contains(got, "301 of 301") {
		t.Errorf("batch progress says %q", got)
	}
	b.check("batch")
	b.run("subject", chromedp.Navigate(s.url+"/screen"), chromedp.WaitVisible(chromedp.CSS("#s-name")),
		chromedp.Focus(chromedp.CSS("#s-name")), keys(zawahiri), chromedp.Focus(chromedp.CSS("#s-id")), keys("C-42", kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("#h-res")))
	for _, pg := range []struct{ name, path, wait string }{
		{"subjects", "/subjects?q=C-", "main table"},
		{"subject", "/subjects/C-42", "#h-salerts"},
		{"lists", "/lists", "main table"},
		{"queue-filtered", "/alerts?status=open&sort=score&min_score=0.5", "table.queue"},
	} {
		b.run(pg.name, chromedp.Navigate(s.url+pg.path), chromedp.WaitVisible(chromedp.CSS(pg.wait)))
		b.check(pg.name)
	}
	b.run("diff", chromedp.Navigate(s.url+"/lists"), chromedp.WaitVisible(chromedp.CSS("main table")),
		chromedp.Submit(chromedp.CSS("main form")), chromedp.WaitVisible(chromedp.CSS("ul.tiles")))
	b.check("diff")
	b.signOut()
	b.signIn("dave")
	b.run("admin", chromedp.Navigate(s.url+"/admin"), chromedp.WaitVisible(chromedp.CSS("#h-users")))
	b.check("admin")
	b.signOut()
	b.signIn("carol")
	b.run("audit all", chromedp.Navigate(s.url+"/audit"), chromedp.WaitVisible(chromedp.CSS("table.audit")))
	b.check("audit-all")
	b.run("help", chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS("h1")), keys("?"),
		chromedp.WaitVisible(chromedp.CSS("#keys-help")))
	b.check("keys-help")

	// The check can fail: an input without a label and low-contrast text
	// added to the page are found.
	get(b, "spoil the page", chromedp.Evaluate[*runtime.RemoteObject](`(() => {
		document.querySelector('main').insertAdjacentHTML('beforeend', '<input id="unlabelled"><p class="grey">faint</p>');
		document.querySelector('p.grey').style.color = '#ddd';
	})()`))
	ids := map[string]bool{}
	for _, v := range b.axe("spoiled").Violations {
		ids[v.ID] = true
	}
	if !ids["label"] || !ids["color-contrast"] {
		t.Errorf("axe missed the spoiled page's violations: %v", ids)
	}
}
