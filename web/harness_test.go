package web_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/web"
)

// password is every test user's password.
const password = "correct horse battery"

// zawahiri is a UN-listed name that hits record 111923 (QDi.006).
const zawahiri = "Aiman Muhammed Rabi al-Zawahiri"

// users of every test site: name and roles.
var users = map[string][]auth.Role{
	"ann":   {auth.RoleScreener, auth.RoleAnalyst, auth.RoleSupervisor},
	"bob":   {auth.RoleAnalyst, auth.RoleSupervisor},
	"carol": {auth.RoleAuditor},
	"dave":  {auth.RoleAdmin},
	"eve":   {auth.RoleScreener},
}

// clock is a settable clock shared by the store and the pages.
type clock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.off += d
	c.mu.Unlock()
}

// site is a real server as `vigil serve` runs it (httpapi's Serve with
// the pages mounted) on 127.0.0.1, over a real database (a SQLite file,
// or a PostgreSQL schema), with the real UN list imported and one user
// per role.
type site struct {
	t     testing.TB
	db    *store.DB
	svc   *service.Service
	url   string
	clock *clock
	// dsn and dir open the same database again, as another process.
	dsn, dir string
}

// dialects runs fn on SQLite and, when $VIGIL_TEST_POSTGRES is set, on
// PostgreSQL.
func dialects(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, "") })
	t.Run("postgres", func(t *testing.T) { fn(t, pgtest.DSN(t, "web")) })
}

func newSite(t testing.TB, dsn string) *site {
	t.Helper()
	ctx := context.Background()
	clk := &clock{}
	dir := t.TempDir()
	// With the job queue, as vigil serve opens it: changes that start
	// background work write their jobs (nothing runs them here).
	db, err := store.Open(ctx, dsn, dir, store.WithClock(clk.Now), store.WithQueue(jobs.NewQueue))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := service.New(service.Config{Store: db})
	// Two editions of the UN list, so that the lists page has a history
	// and a difference to show.
	for _, dir := range [][]string{{"editions", "un-2024-11"}, {"current", "un-2026-02"}} {
		if _, err := svc.ImportLists(ctx, auth.Operator("test"), testdata.Path(t, append([]string{"lists"}, dir...)...), source.DefaultChecks()); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.LoadStored(ctx); err != nil {
		t.Fatal(err)
	}
	for name, roles := range users {
		if _, err := svc.CreateUser(ctx, auth.Operator("test"), name, roles); err != nil {
			t.Fatal(err)
		}
		if err := svc.SetPassword(ctx, auth.Operator("test"), name, password); err != nil {
			t.Fatal(err)
		}
	}
	return &site{t: t, db: db, svc: svc, url: serve(t, svc, clk), clock: clk, dsn: dsn, dir: dir}
}

// serve starts one more server process on the same service and
// database, as a second `vigil serve` would be.
func serve(t testing.TB, svc *service.Service, clk *clock) string {
	return serveWith(t, svc, clk, nil)
}

// serveWith is serve with a say in the pages' configuration, given the
// address the server listens at.
func serveWith(t testing.TB, svc *service.Service, clk *clock, configure func(base string, cfg *web.Config)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	cfg := web.Config{Service: svc, Now: clk.Now}
	if configure != nil {
		configure(base, &cfg)
	}
	pages, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httpapi.New(httpapi.Config{Service: svc, Auth: svc, Pages: pages})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return base
}

// client is a browser without JavaScript: it keeps cookies itself (Go's
// cookie jar would not send Secure cookies over http://127.0.0.1, which
// browsers treat as a secure context).
type client struct {
	t       testing.TB
	base    string
	cookies map[string]string
	http    *http.Client
}

func (s *site) client() *client {
	return &client{t: s.t, base: s.url, cookies: map[string]string{},
		http: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// response is an answer with its body read.
type response struct {
	*http.Response
	body string
}

func (c *client) do(method, path string, form url.Values, hdr ...string) *response {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil && !errors.Is(err, io.EOF) {
		c.t.Fatal(err)
	}
	for _, ck := range resp.Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck.Value
		}
	}
	return &response{Response: resp, body: string(b)}
}

func (c *client) get(path string) *response { return c.do("GET", path, nil) }

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf returns the first form token of a page.
func csrf(t testing.TB, r *response) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no CSRF token on the page (status %d)", r.StatusCode)
	}
	return m[1]
}

// signIn signs in through the form and returns the answer.
func (c *client) signIn(user, pass string) *response {
	c.t.Helper()
	tok := csrf(c.t, c.get("/signin"))
	return c.do("POST", "/signin", url.Values{"csrf": {tok}, "username": {user}, "password": {pass}, "next": {"/"}})
}

// post submits a form of the page at path with the page's token.
func (c *client) post(page, action string, form url.Values) *response {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", csrf(c.t, c.get(page)))
	return c.do("POST", action, form)
}

// otherProcess opens the site's database again, with its own store and
// service, and serves it: another `vigil serve` on the same database.
func (s *site) otherProcess() *site {
	s.t.Helper()
	db, err := store.Open(context.Background(), s.dsn, s.dir, store.WithClock(s.clock.Now), store.WithQueue(jobs.NewQueue))
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { db.Close() })
	svc := service.New(service.Config{Store: db})
	if err := svc.LoadStored(context.Background()); err != nil {
		s.t.Fatal(err)
	}
	return &site{t: s.t, db: db, svc: svc, url: serve(s.t, svc, s.clock), clock: s.clock, dsn: s.dsn, dir: s.dir}
}

func principal(t testing.TB, s *site, name string) auth.Principal {
	t.Helper()
	us, err := s.svc.Users(context.Background(), auth.Operator("test"))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.Username == name {
			return auth.Principal{UserID: u.ID, Username: u.Username, Roles: u.Roles}
		}
	}
	t.Fatalf("no user %s", name)
	return auth.Principal{}
}
