package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/network"
	"github.com/vigil-screening/vigil/web"
)

// netFixture is a small network on a test site: N-1 is an associate of
// the UN-listed Zawahiri (record 111923), N-2 travelled with N-1, N-3 is
// linked to nobody listed. Asserting the edges raises network alerts.
type netFixture struct {
	listed string  // the listed record's node
	alerts []int64 // the network alerts raised
}

func newNetwork(t testing.TB, s *site) netFixture {
	t.Helper()
	ctx := context.Background()
	bob := principal(t, s, "bob")
	for _, id := range []string{"N-1", "N-2", "N-3"} {
		if _, err := s.svc.RecordScreening(ctx, bob, id, vigil.Subject{Name: "Harlan Quist " + id, Kind: entity.KindPerson}, ""); err != nil {
			t.Fatal(err)
		}
	}
	g, err := s.svc.Network(ctx, bob)
	if err != nil {
		t.Fatal(err)
	}
	var f netFixture
	g.Nodes(func(n network.Node) bool {
		if n.Listed && strings.HasSuffix(n.ID, "/111923") {
			f.listed = n.ID
			return false
		}
		return true
	})
	if f.listed == "" {
		t.Fatal("no listed node for record 111923 in the graph")
	}
	res, err := s.svc.AssertEdges(ctx, bob, []network.Edge{
		{From: "subject:N-1", To: f.listed, Type: network.AssociateOf, Confidence: 0.9,
			Provenance: network.Provenance{Source: "case 7781", Date: "2026-10-02", Evidence: "met twice"}},
		{From: "subject:N-2", To: "subject:N-1", Type: network.TravelledWith, Provenance: network.Provenance{Source: "manifest QX 118", Date: "2026-11-12"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Alerts) != 2 {
		t.Fatalf("the edges raised %d network alerts, want 2 (N-1 and N-2)", len(res.Alerts))
	}
	f.alerts = res.Alerts
	return f
}

var dataGraphRE = regexp.MustCompile(`data-graph="([^"]*)"`)

// graphOf returns the JSON of the page's graph (unescaped).
func graphOf(t *testing.T, body string) string {
	t.Helper()
	m := dataGraphRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the page has no graph (data-graph)")
	}
	return strings.NewReplacer("&#34;", `"`, "&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#43;", "+", "&#39;", "'").Replace(m[1])
}

// TestNetworkPages: a subject's network (exposure paths, neighbourhood,
// the edges with their provenance, the graph's data), a listed record's,
// the clusters, the path on a network alert's page; who may see them;
// hostile queries.
func TestNetworkPages(t *testing.T) {
	dialects(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		f := newNetwork(t, s)
		bob, carol, eve := s.client(), s.client(), s.client()
		bob.signIn("bob", password)
		carol.signIn("carol", password)
		eve.signIn("eve", password)

		p := bob.get("/network?node=subject:N-2&hops=3")
		if p.StatusCode != http.StatusOK {
			t.Fatalf("network page: %d %s", p.StatusCode, p.body)
		}
		for _, want := range []string{"Network of Harlan Quist N-2", "1 path to 1 listed record", "travelled with", "associate of",
			"manifest QX 118", "2026-11-12", "case 7781", "met twice", "<td>bob</td>", `href="/subjects/N-2"`, `class="graph-canvas"`} {
			if !strings.Contains(p.body, want) {
				t.Errorf("the network page of N-2 lacks %q", want)
			}
		}
		g := graphOf(t, p.body)
		for _, want := range []string{`"id":"subject:N-2"`, `"id":"subject:N-1"`, `"id":"` + f.listed + `"`, `"kind":"listed"`, `"center":true`,
			`"source":"subject:N-2","target":"subject:N-1"`} {
			if !strings.Contains(g, want) {
				t.Errorf("the graph lacks %s: %s", want, g)
			}
		}
		// Nothing inline: the CSP would refuse it.
		for _, path := range []string{"/network?node=subject:N-2", "/network/clusters", "/alerts/" + strconv.FormatInt(f.alerts[0], 10)} {
			r := bob.get(path)
			if strings.Contains(r.body, "<script>") || strings.Contains(r.body, " style=") || strings.Contains(r.body, " onclick=") {
				t.Errorf("%s: inline script or style, which the CSP refuses", path)
			}
			if r.Header.Get("Content-Security-Policy") != web.CSP {
				t.Errorf("%s: no CSP", path)
			}
		}
		// Only the pages that draw a graph load the library.
		if !strings.Contains(bob.get("/network?node=subject:N-2").body, "/static/cytoscape.min.js") {
			t.Error("the network page does not load cytoscape")
		}
		if strings.Contains(bob.get("/alerts").body, "cytoscape") || strings.Contains(bob.get("/network/clusters").body, "cytoscape") {
			t.Error("a page without a graph loads cytoscape")
		}
		// One hop from N-2 reaches N-1 but not the listed record.
		p = bob.get("/network?node=subject:N-2&hops=1")
		if !strings.Contains(p.body, "No path to a listed record within 1 hops") || strings.Contains(graphOf(t, p.body), f.listed) {
			t.Errorf("hops=1: the listed record is reached")
		}
		// The listed record's own network: both subjects within 2 hops.
		p = bob.get("/network?node=" + url.QueryEscape(f.listed))
		if p.StatusCode != http.StatusOK || !strings.Contains(p.body, "2 nodes within 2 hops, 2 of them recorded subjects") {
			t.Errorf("listed record's network: %d %.300s", p.StatusCode, p.body)
		}
		// The subject page and the alert page link to the network.
		if p := bob.get("/subjects/N-1"); !strings.Contains(p.body, `href="/network?node=subject:N-1"`) {
			t.Error("the subject page has no link to its network")
		}

		// The clusters: N-1, N-2 and the record in one, each member linked.
		p = bob.get("/network/clusters")
		if p.StatusCode != http.StatusOK {
			t.Fatalf("clusters: %d %s", p.StatusCode, p.body)
		}
		for _, want := range []string{"Cluster", `href="/network?node=subject%3aN-1"`, `href="/network?node=subject%3aN-2"`, "Hubs"} {
			if !strings.Contains(p.body, want) {
				t.Errorf("the clusters page lacks %q", want)
			}
		}
		if strings.Contains(p.body, "N-3") {
			t.Error("N-3, linked to nobody, is in a cluster")
		}
		if p := bob.get("/network/clusters?min_size=2&communities=1"); p.StatusCode != http.StatusOK || !strings.Contains(p.body, "communities (modularity") {
			t.Errorf("clusters by community: %d", p.StatusCode)
		}

		// The network alert of N-2: the path drawn and its provenance.
		for _, id := range f.alerts {
			p = bob.get("/alerts/" + strconv.FormatInt(id, 10))
			if p.StatusCode != http.StatusOK {
				t.Fatalf("alert %d: %d %s", id, p.StatusCode, p.body)
			}
			if !strings.Contains(p.body, `id="h-path"`) || !strings.Contains(p.body, "case 7781") || !strings.Contains(graphOf(t, p.body), f.listed) {
				t.Errorf("alert %d lacks its network path", id)
			}
			if !strings.Contains(p.body, "the subject&#39;s network") && !strings.Contains(p.body, "the subject's network") {
				t.Errorf("alert %d has no link to the subject's network", id)
			}
		}
		if n := strings.Count(p.body, "<tr><td><a href=\"/network?node="); n < 1 {
			t.Error("the alert's provenance table is empty")
		}

		// The auditor may look (view_network); the screener may not, and
		// has no link.
		if p := carol.get("/network?node=subject:N-1"); p.StatusCode != http.StatusOK {
			t.Errorf("auditor: %d", p.StatusCode)
		}
		if p := eve.get("/network?node=subject:N-1"); p.StatusCode != http.StatusForbidden {
			t.Errorf("screener on the network page: %d", p.StatusCode)
		}
		if p := eve.get("/network/clusters"); p.StatusCode != http.StatusForbidden {
			t.Errorf("screener on the clusters page: %d", p.StatusCode)
		}
		if p := eve.get("/"); strings.Contains(p.body, `href="/network/clusters"`) {
			t.Error("the screener sees the Network link")
		}

		// Hostile and wrong queries: clear answers, no page of another node.
		for q, want := range map[string]int{
			"/network?node=subject:N-404":                                     404,
			"/network?node=subject:N-1&hops=9":                                400,
			"/network?node=subject:N-1&hops=x":                                400,
			"/network?node=" + url.QueryEscape(strings.Repeat("a", 400)):      400,
			"/network?node=" + url.QueryEscape(`"><script>alert(1)</script>`): 404,
			"/network/clusters?min_size=-1":                                   400,
		} {
			p := bob.get(q)
			if p.StatusCode != want {
				t.Errorf("%s: %d, want %d", q, p.StatusCode, want)
			}
			if strings.Contains(p.body, "<script>alert(1)") {
				t.Errorf("%s: the node is not escaped", q)
			}
		}
		// The empty form.
		if p := bob.get("/network"); p.StatusCode != http.StatusOK || !strings.Contains(p.body, `id="n-node"`) {
			t.Errorf("empty network page: %d", p.StatusCode)
		}
		// The vendored library is served, from this server, under the CSP.
		if p := bob.get("/static/cytoscape.min.js"); p.StatusCode != 200 || !strings.Contains(p.body, "cytoscape") {
			t.Errorf("cytoscape.min.js: %d", p.StatusCode)
		}
	})
}

// TestBrowserNetwork opens the network pages in chromium: the graph is
// drawn (Cytoscape.js's canvas, no script error or CSP violation), axe
// finds no WCAG 2.1 A/AA violation, the graph is reached with Tab and
// its nodes opened with the arrow keys and Enter.
func TestBrowserNetwork(t *testing.T) {
	chromiumPath(t)
	s := newSite(t, "")
	f := newNetwork(t, s)
	b := newBrowser(t, s.url)
	b.signIn("bob")
	b.run("g n", keys("g", "n"), chromedp.WaitVisible(chromedp.CSS("#n-node")))
	b.check("network-empty")

	b.run("network page", chromedp.Navigate(s.url+"/network?node=subject:N-2&hops=3"),
		chromedp.WaitVisible(chromedp.CSS(".graph-canvas[data-drawn] canvas")))
	if n := b.text("#h-exposure"); !strings.Contains(n, "3 hops") {
		t.Errorf("exposure heading: %q", n)
	}
	drawn := get(b, "nodes drawn", chromedp.Evaluate[string](`document.querySelector('.graph-canvas').getAttribute('data-drawn')`))
	if drawn != "3" {
		t.Errorf("the graph draws %s nodes, want 3 (N-2, N-1, the listed record)", drawn)
	}
	// The canvas is painted: some pixel is not the background.
	painted := get(b, "canvas painted", chromedp.Evaluate[bool](`(() => {
		for (const c of document.querySelectorAll('.graph-canvas canvas')) {
			const x = c.getContext('2d'); if (!x || !c.width || !c.height) continue;
			const d = x.getImageData(0, 0, c.width, c.height).data;
			for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
		}
		return false;
	})()`))
	if !painted {
		t.Error("the graph's canvas is blank")
	}
	b.check("network")

	// Keyboard: Tab from the node field reaches the graph; an arrow
	// selects a node, Enter opens its network.
	b.run("focus the node field", chromedp.Focus(chromedp.CSS("#n-node")))
	reached := false
	for range 30 {
		b.run("tab", keys(kb.Tab))
		if get(b, "focused", chromedp.Evaluate[bool](`document.activeElement.classList.contains('graph-canvas')`)) {
			reached = true
			break
		}
	}
	if !reached {
		t.Fatal("Tab does not reach the graph")
	}
	before := b.location()
	b.run("open a node with the keyboard", keys(kb.ArrowRight, kb.ArrowRight, kb.Enter))
	for range 50 {
		if b.location() != before {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if loc := b.location(); loc == before || !strings.HasPrefix(loc, "/network?node=") {
		t.Errorf("Enter on a selected node: at %s (was %s)", loc, before)
	}
	b.run("listed record", chromedp.Navigate(s.url+"/network?node="+url.QueryEscape(f.listed)),
		chromedp.WaitVisible(chromedp.CSS(".graph-canvas[data-drawn] canvas")))
	b.check("network-listed")

	b.run("clusters", chromedp.Navigate(s.url+"/network/clusters"), chromedp.WaitVisible(chromedp.CSS("section.cluster")))
	b.check("network-clusters")
	// The members are links, reached by keyboard: Enter on the first opens it.
	b.run("open a member", chromedp.Focus(chromedp.CSS("ul.members a")), keys(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".graph-canvas[data-drawn]")))

	b.run("network alert", chromedp.Navigate(s.url+"/alerts/"+strconv.FormatInt(f.alerts[len(f.alerts)-1], 10)),
		chromedp.WaitVisible(chromedp.CSS(".network-path .graph-canvas[data-drawn] canvas")))
	b.check("alert-network")
}
