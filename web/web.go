// Package web is the reviewers' web application: server-rendered pages
// (html/template) for signing in, the dashboard, screening, the alert
// queue and the review of one alert, subjects, lists, the audit trail and
// administration, served by `vigil serve` beside the HTTP API.
//
// It is an adapter, like package httpapi: each page calls use cases of
// package service with the signed-in user's principal, and the service
// checks the roles, applies the four-eyes rule and writes the audit
// trail. The pages check nothing themselves; they only hide what the
// user's roles would be refused anyway (auth.Allowed).
//
// Security: passwords are checked by the service (argon2id, the same time
// whether or not the user exists, a name locked out after repeated
// failures); sessions live in the database (every process of one
// database shares them) and are found by the hash of their cookie, which
// is Secure, HttpOnly and SameSite=Lax; every form carries the session's
// CSRF token (the sign-in form a double-submit token) and cross-origin
// posts are refused besides (http.CrossOriginProtection); every answer
// carries a strict Content-Security-Policy (no inline script or style),
// and the assets are embedded in the binary. See docs/web.md.
package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/bodylimit"
	"github.com/vigil-screening/vigil/service"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Cookie names. The session cookie holds a random token whose SHA-256
// finds the session in the database.
const (
	sessionCookie = "vigil_session"
	signinCookie  = "vigil_signin" // the sign-in form's double-submit token
)

// CSP is the Content-Security-Policy of every answer: scripts, styles and
// images from this server only, nothing inline, no framing.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Config configures the web application.
type Config struct {
	// Service runs every use case. Required.
	Service *service.Service
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Policy is how long sessions live and when sign-ins lock out; the
	// zero value means service.DefaultSignInPolicy.
	Policy service.SignInPolicy
	// MaxUpload is the largest batch file in bytes; 0 means 10 MiB.
	MaxUpload int64
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
	// OIDC, when set, offers sign-in with an OpenID Connect provider
	// beside the password form.
	OIDC *OIDC
}

// Handler serves the pages.
type Handler struct {
	svc       *service.Service
	log       *slog.Logger
	pol       service.SignInPolicy
	maxUpload int64
	now       func() time.Time
	pages     map[string]*template.Template
	mux       *http.ServeMux
	cop       *http.CrossOriginProtection
	// signins bounds the password checks running at once: each takes
	// 64 MiB and a core for a while.
	signins chan struct{}
	batches *batches
	oidc    *oidcClient
}

// New returns the web application.
func New(cfg Config) (*Handler, error) {
	h := &Handler{svc: cfg.Service, log: cfg.Logger, pol: cfg.Policy, maxUpload: cfg.MaxUpload, now: cfg.Now,
		mux: http.NewServeMux(), cop: http.NewCrossOriginProtection(), signins: make(chan struct{}, 2)}
	if h.svc == nil {
		return nil, errors.New("web.New: Config.Service is required")
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	if h.pol == (service.SignInPolicy{}) {
		h.pol = service.DefaultSignInPolicy()
	}
	if h.maxUpload <= 0 {
		h.maxUpload = 10 << 20
	}
	if h.now == nil {
		h.now = time.Now
	}
	h.batches = newBatches(h.now)
	if cfg.OIDC != nil {
		if cfg.OIDC.Issuer == "" || cfg.OIDC.ClientID == "" || cfg.OIDC.RedirectURL == "" {
			return nil, errors.New("web.New: OpenID Connect needs an issuer, a client id and a redirect URL")
		}
		o := *cfg.OIDC
		if o.Name == "" {
			o.Name = o.Issuer
		}
		h.oidc = &oidcClient{cfg: o}
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	h.pages = pages
	h.routes()
	return h, nil
}

// page is what a handler of a signed-in page gets.
type page struct {
	w    http.ResponseWriter
	r    *http.Request
	sess *service.WebSession
	p    auth.Principal
}

// view is what every template gets.
type view struct {
	Title  string
	Nav    string // the section the page belongs to
	User   *auth.Principal
	CSRF   string
	Flash  string
	Error  string
	Status int
	Data   any
	// Graph loads the graph library (network pages, network alerts).
	Graph   bool
	can     func(auth.Action) bool
	Version string
}

// Can reports whether the user may do an action (to hide what the
// service would refuse).
func (v view) Can(a string) bool { return v.can != nil && v.can(auth.Action(a)) }

type handlerFunc func(pg *page) error

func (h *Handler) routes() {
	static, _ := fs.Sub(staticFiles, "static")
	fileServer := http.StripPrefix("/static/", http.FileServerFS(static))
	h.mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	}))
	h.mux.HandleFunc("GET /signin", h.signinForm)
	h.mux.HandleFunc("POST /signin", h.signin)
	if h.oidc != nil {
		h.mux.HandleFunc("GET /signin/oidc", h.oidcStart)
		h.mux.HandleFunc("GET /signin/oidc/callback", h.oidcCallback)
	}
	h.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	for _, rt := range []struct {
		pattern string
		fn      handlerFunc
	}{
		{"POST /signout", h.signout},
		{"GET /{$}", h.dashboard},
		{"GET /alerts", h.queue},
		{"GET /alerts/{id}", h.alert},
		{"POST /alerts/{id}/{op}", h.alertAction},
		{"GET /screen", h.screenForm},
		{"POST /screen", h.screenOne},
		{"POST /screen/batch", h.batchUpload},
		{"GET /screen/batch/{id}", h.batchPage},
		{"GET /screen/batch/{id}/status", h.batchStatus},
		{"GET /screen/batch/{id}/{file}", h.batchResults},
		{"GET /subjects", h.subjects},
		{"GET /subjects/{id}", h.subject},
		{"POST /subjects/{id}/{op}", h.subjectAction},
		{"POST /rescreen", h.rescreen},
		{"GET /lists", h.lists},
		{"GET /lists/diff", h.listDiff},
		{"GET /network", h.networkPage},
		{"GET /network/clusters", h.clustersPage},
		{"GET /audit", h.audit},
		{"GET /audit/{file}", h.auditExport},
		{"POST /audit/verify", h.auditVerify},
		{"GET /admin", h.admin},
		{"POST /admin/{op}", h.adminAction},
	} {
		h.mux.Handle(rt.pattern, h.signedIn(rt.fn))
	}
}

// ServeHTTP serves a page with the security headers every answer carries.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", CSP)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
	hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	if err := h.cop.Check(r); err != nil {
		h.renderError(w, r, nil, apperr.New(apperr.Forbidden, "cross-origin request refused"))
		return
	}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			h.renderError(w, r, nil, fmt.Errorf("panic in %s %s: %v", r.Method, r.URL.Path, v))
		}
	}()
	if _, pattern := h.mux.Handler(r); pattern == "" {
		h.renderError(w, r, nil, apperr.New(apperr.NotFound, "no page %s", r.URL.Path))
		return
	}
	h.mux.ServeHTTP(w, r)
}

// signedIn wraps a page: it finds the session (or sends the browser to
// sign in), checks the CSRF token of a POST, and renders the error the
// page returns.
func (h *Handler) signedIn(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		sess, err := h.session(r)
		if err != nil {
			if apperr.CodeOf(err) == apperr.Unauthorized && r.Method == http.MethodGet {
				http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			h.renderError(w, r, nil, err)
			return
		}
		pg := &page{w: w, r: r, sess: sess, p: sess.Principal}
		if r.Method == http.MethodPost {
			body := r.Body
			if err := h.checkCSRF(r, sess.CSRF); err != nil {
				if apperr.CodeOf(err) == apperr.TooLarge {
					// The rest of the upload is read and thrown away first,
					// so that the browser, still sending, can read the page.
					bodylimit.Drain(w, r, body, false)
				}
				h.renderError(w, r, sess, err)
				return
			}
		}
		if err := fn(pg); err != nil {
			h.renderError(w, r, sess, err)
		}
	})
}

// checkCSRF compares the form's token with the session's in constant
// time. Multipart forms (uploads) are parsed within the upload limit.
func (h *Handler) checkCSRF(r *http.Request, want string) error {
	r.Body = http.MaxBytesReader(nil, r.Body, h.maxUpload+1<<20)
	var got string
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
				return apperr.New(apperr.TooLarge, "the file is larger than %d MiB", h.maxUpload>>20)
			}
			return apperr.New(apperr.Invalid, "unreadable upload: %v", err)
		}
		got = r.FormValue("csrf")
	} else {
		if err := r.ParseForm(); err != nil {
			return apperr.New(apperr.Invalid, "unreadable form: %v", err)
		}
		got = r.PostForm.Get("csrf")
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return apperr.New(apperr.Forbidden, "the form's security token is missing or stale: reload the page and try again")
	}
	return nil
}

func (h *Handler) session(r *http.Request) (*service.WebSession, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, apperr.New(apperr.Unauthorized, "not signed in")
	}
	return h.svc.Session(r.Context(), h.pol, c.Value)
}

func setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func randomString() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// render writes a page.
func (h *Handler) render(pg *page, status int, name string, v view) error {
	if pg != nil {
		v.User, v.CSRF = &pg.p, pg.sess.CSRF
		p := pg.p
		v.can = func(a auth.Action) bool { return auth.Allowed(p, a) }
		if f := pg.r.URL.Query().Get("done"); f != "" && len(f) < 200 {
			v.Flash = f
		}
	}
	return h.write(pg.w, status, name, v)
}

func (h *Handler) write(w http.ResponseWriter, status int, name string, v view) error {
	t, ok := h.pages[name]
	if !ok {
		return fmt.Errorf("no template %s", name)
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, "base", v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write([]byte(b.String()))
	return err
}

// statusOf is the HTTP status of an error, as the API gives it.
func statusOf(err error) int { return apperr.CodeOf(err).HTTPStatus() }

// renderError writes the error page: the error's safe message, or, for
// an internal error, a reference to the log.
func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, sess *service.WebSession, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	status := statusOf(err)
	msg := apperr.MessageOf(err)
	if status == http.StatusInternalServerError {
		ref := randomString()[:8]
		h.log.Error("web page failed", "method", r.Method, "path", r.URL.Path, "ref", ref, "err", err)
		msg = "Something went wrong on the server (reference " + ref + "). Nothing was changed by this request unless the page says so; the log has the details."
	}
	v := view{Title: http.StatusText(status), Error: msg, Status: status}
	if sess != nil {
		p := sess.Principal
		v.User, v.CSRF, v.can = &p, sess.CSRF, func(a auth.Action) bool { return auth.Allowed(p, a) }
	}
	if werr := h.write(w, status, "error", v); werr != nil {
		h.log.Error("render error page", "err", werr)
	}
}

// signinForm shows the sign-in form with a fresh double-submit token.
func (h *Handler) signinForm(w http.ResponseWriter, r *http.Request) {
	h.showSignin(w, r, http.StatusOK, "")
}

func (h *Handler) showSignin(w http.ResponseWriter, r *http.Request, status int, msg string) {
	w.Header().Set("Cache-Control", "no-store")
	tok := randomString()
	setCookie(w, signinCookie, tok, 3600)
	next := safeNext(r.FormValue("next"))
	d := map[string]string{"Next": next, "Username": r.PostFormValue("username")}
	if h.oidc != nil {
		d["OIDC"] = h.oidc.cfg.Name
	}
	v := view{Title: "Sign in", CSRF: tok, Error: msg, Data: d}
	if err := h.write(w, status, "signin", v); err != nil {
		h.log.Error("render sign-in", "err", err)
	}
}

// safeNext keeps a redirect after sign-in on this site: a path, never
// another host ("//host", "/\host").
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || len(next) > 2000 {
		return "/"
	}
	return next
}

// signin checks the form's double-submit token, then the password (at
// most two checks at once), and starts a session.
func (h *Handler) signin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.showSignin(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	c, err := r.Cookie(signinCookie)
	if err != nil || c.Value == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostForm.Get("csrf"))) != 1 {
		h.showSignin(w, r, http.StatusForbidden, "The form's security token is missing or stale: please try again.")
		return
	}
	select {
	case h.signins <- struct{}{}:
	case <-r.Context().Done():
		return
	}
	token, sess, err := h.svc.SignIn(service.WithClient(r.Context(), r.RemoteAddr), h.pol, r.PostForm.Get("username"), r.PostForm.Get("password"))
	<-h.signins
	if err != nil {
		status := statusOf(err)
		msg := apperr.MessageOf(err)
		if status == http.StatusInternalServerError {
			h.log.Error("sign-in failed", "err", err)
			msg = "Signing in is not possible right now; please try again later."
		}
		h.showSignin(w, r, status, msg)
		return
	}
	setCookie(w, signinCookie, "", -1)
	setCookie(w, sessionCookie, token, int(time.Until(sess.ExpiresAt).Seconds()))
	http.Redirect(w, r, safeNext(r.PostForm.Get("next")), http.StatusSeeOther)
}

func (h *Handler) signout(pg *page) error {
	c, _ := pg.r.Cookie(sessionCookie)
	if err := h.svc.SignOut(pg.r.Context(), pg.p, c.Value); err != nil {
		return err
	}
	setCookie(pg.w, sessionCookie, "", -1)
	http.Redirect(pg.w, pg.r, "/signin", http.StatusSeeOther)
	return nil
}

// redirect answers a form with a redirect to a page, with a message the
// page shows once.
func redirect(pg *page, to, done string) error {
	if done != "" {
		sep := "?"
		if strings.Contains(to, "?") {
			sep = "&"
		}
		to += sep + "done=" + url.QueryEscape(done)
	}
	http.Redirect(pg.w, pg.r, to, http.StatusSeeOther)
	return nil
}
