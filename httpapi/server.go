// Package httpapi is Vigil's HTTP JSON API: screening, comparison, the
// lists in force and their records, health and readiness, the system of
// record (subjects, recorded screenings, alerts and their review, the
// audit trail, users and keys) and the OpenAPI document that describes
// them.
//
// It is an adapter: each handler decodes the request, calls one use case
// of package service with the caller's principal, and encodes the answer.
// Every route is one entry of the route table (Routes), with the
// permission it requires (for the OpenAPI document and the role tests;
// the service enforces it). Handlers return errors; one function
// (writeError) maps every error to its status and JSON body.
package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/bodylimit"
	"github.com/vigil-screening/vigil/internal/ratelog"
	"github.com/vigil-screening/vigil/service"
)

// Config configures a Server.
type Config struct {
	// Service runs every use case; the server only decodes requests, calls
	// it and encodes its answers. Required.
	Service *service.Service
	// Auth checks API keys; the service is one. When nil the server runs
	// open (for local use): every request acts as Open, and a warning is
	// logged.
	Auth Authenticator
	// Open is the principal requests act as when Auth is nil; the zero
	// value means OpenPrincipal.
	Open auth.Principal
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// MaxBody is the largest request body in bytes; 0 means 1 MiB.
	MaxBody int64
	// MaxBatch is the most subjects in one screening request; 0 means 1,000.
	MaxBatch int
	// Routes are further routes added to the table after the server's own.
	Routes []Route
	// Observer, when set, is told of every request (for /metrics).
	Observer RequestObserver
	// AccessLog writes one line per request to Logger (probes and
	// /metrics at debug level), with its request id.
	AccessLog bool
	// Pages, when set, serves every path outside /v1/ that no route
	// matches: the web application (package web).
	Pages http.Handler
	// RateLimit limits the requests of each API key; zero means none.
	RateLimit RateLimit
	// CORS lets browser clients of other origins call the API; zero
	// means no CORS headers (same origin only).
	CORS CORS
	// Timeouts of the HTTP server; zero values mean the defaults.
	Timeouts Timeouts
}

// Timeouts bound how long a client may take: to send its headers (10 s),
// its whole request (30 s); how long an answer may take to write (2 min)
// and an idle connection may stay open (2 min).
type Timeouts struct {
	ReadHeader, Read, Write, Idle time.Duration
}

// OpenPrincipal is who requests act as on a server without
// authentication: a screener, which is all such a server serves.
var OpenPrincipal = auth.Principal{Username: "open", Roles: []auth.Role{auth.RoleScreener}}

// Server is the HTTP API. It answers /healthz at once, and the rest once
// the service has lists in force.
type Server struct {
	svc      *service.Service
	log      *slog.Logger
	auth     Authenticator
	open     auth.Principal
	maxBody  int64
	maxBatch int
	extra    []Route
	observe  RequestObserver
	// accessLog writes a line per request.
	accessLog bool
	limits    *limiters
	corsCfg   CORS
	timeouts  Timeouts
	mux       *http.ServeMux
	paths     *http.ServeMux      // path-only patterns, to tell 405 from 404
	allow     map[string][]string // path pattern -> methods
	outages   *ratelog.Limiter    // one "database unreachable" line per interval
	pages     http.Handler
}

// New returns a server calling cfg.Service.
func New(cfg Config) *Server {
	s := &Server{
		svc: cfg.Service, log: cfg.Logger, auth: cfg.Auth, open: cfg.Open, maxBody: cfg.MaxBody, maxBatch: cfg.MaxBatch,
		extra: cfg.Routes, observe: cfg.Observer, accessLog: cfg.AccessLog, mux: http.NewServeMux(),
		limits: newLimiters(cfg.RateLimit), corsCfg: cfg.CORS, timeouts: cfg.Timeouts, paths: http.NewServeMux(), allow: map[string][]string{},
		outages: ratelog.New(10 * time.Second), pages: cfg.Pages,
	}
	if s.svc == nil {
		panic("httpapi.New: Config.Service is required")
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.open.Username == "" {
		s.open = OpenPrincipal
	}
	if s.maxBody <= 0 {
		s.maxBody = 1 << 20
	}
	if s.maxBatch <= 0 {
		s.maxBatch = 1000
	}
	if s.auth == nil {
		s.log.Warn("no authenticator configured: the API is open to anyone who can reach it; use only on a trusted host")
	}
	for _, rt := range s.Routes() {
		s.mux.Handle(rt.Pattern(), s.wrap(rt))
		if _, ok := s.allow[rt.Path]; !ok {
			s.paths.Handle(rt.Path, http.NotFoundHandler())
		}
		s.allow[rt.Path] = append(s.allow[rt.Path], rt.Method)
	}
	return s
}

// ServeHTTP gives the request its id, routes it, answering unknown
// routes and wrong methods with JSON errors, and observes and logs it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	r, info := begin(w, r)
	rec := &recorder{ResponseWriter: w}
	if s.observe != nil {
		s.observe.RequestStarted()
	}
	route := unmatchedRoute
	defer func() { s.finish(r, rec, info, route, start) }()
	if s.cors(rec, r) {
		route = "preflight"
		return
	}
	clean := cleanPath(r.URL.Path)
	if s.pages != nil && clean != "/v1" && !strings.HasPrefix(clean, "/v1/") {
		if _, pattern := s.mux.Handler(r); pattern == "" {
			route = pagesRoute
			s.pages.ServeHTTP(rec, r)
			return
		}
	}
	if clean != r.URL.Path {
		// ServeMux would answer a redirect with an HTML body.
		writeError(rec, r, s.log, apperr.Field("path", "%q is not a canonical path (doubled or dot segments, trailing slash): did you mean %q?",
			truncate(r.URL.Path, 200), truncate(clean, 200)))
		return
	}
	_, pattern := s.mux.Handler(r)
	if pattern == "" {
		if _, path := s.paths.Handler(r); path != "" {
			route = path
			methodNotAllowed(rec, r, s.log, strings.Join(s.allow[path], ", "))
			return
		}
		writeError(rec, r, s.log, notFound(r))
		return
	}
	route = routeOf(pattern)
	s.mux.ServeHTTP(rec, r)
}

// wrap turns a route into an http.Handler: it limits the body,
// authenticates the caller, recovers panics and writes returned errors.
// Whether the caller may do what the route does is the service's to say.
func (s *Server) wrap(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler { // a stream cut on purpose
					panic(v)
				}
				writeError(w, r, s.log, fmt.Errorf("panic in %s: %v", rt.Pattern(), v))
			}
		}()
		// A body announced larger than the limit is refused before a byte
		// of it is kept: net/http then sends no "100 Continue" to a client
		// that asked (Expect: 100-continue), so the client never starts
		// sending and receives the 413 whole. A client that sends without
		// asking, or sends its body in chunks (no length announced), has
		// what is left of it read and thrown away before the 413 is
		// written (bodylimit.Drain): closing the connection while it still
		// sends would reset it, and the reset loses the answer.
		//
		// Only a caller the route accepts has its refused body drained:
		// anyone else is answered at once and the connection closed, so
		// that no one without a key can hold a connection for the drain's
		// bounds (bodylimit.MaxDrain, DrainTime). (A chunked body is over
		// the limit only once the handler reads it, after authentication.)
		body := r.Body
		if r.ContentLength > s.maxBody {
			if _, _, err := s.authenticate(r, rt.Permission, false); err != nil {
				w.Header().Set("Connection", "close")
				// A failed attempt counts against the client's address
				// here too (see below).
				if !s.limited(w, r, rt, false) {
					writeError(w, r, s.log, s.outage(r, err))
				}
				return
			}
			s.refuseBody(w, r, rt, body, true)
			writeError(w, r, s.log, apperr.New(apperr.TooLarge, "request body larger than %d bytes (its Content-Length is %d)",
				s.maxBody, r.ContentLength))
			return
		}
		r.Body = http.MaxBytesReader(w, body, s.maxBody)
		if err := repeatedQuery(r); err != nil {
			writeError(w, r, s.log, err)
			return
		}
		// POST /v1/screen records an audited screening, whose commit
		// confirms a key authenticated from its last lookup (store.KeyCheck).
		r, check, err := s.authenticate(r, rt.Permission, rt.Method == http.MethodPost && rt.Path == "/v1/screen")
		if check != nil {
			w = &confirmingWriter{ResponseWriter: w, r: r, s: s, auth: s.auth.(laterAuthenticator), check: check}
		}
		if p, ok := PrincipalFrom(r.Context()); ok {
			noteUser(r.Context(), p.Username)
		}
		// Counted after authentication: a key's bucket is spent only by
		// requests that hold the key; failed attempts count against the
		// client's address.
		if s.limited(w, r, rt, err == nil) {
			return
		}
		if err == nil {
			err = rt.Handler(w, r)
		}
		if err != nil {
			if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
				s.refuseBody(w, r, rt, body, false)
			}
			writeError(w, r, s.log, s.outage(r, err))
		}
	})
}

// limited answers 429 and reports true when the caller is over its rate
// limit: a key's bucket for a request that holds the key (authed), the
// client's address for a failed attempt. Public routes are not limited.
func (s *Server) limited(w http.ResponseWriter, r *http.Request, rt Route, authed bool) bool {
	if s.limits == nil || rt.Permission == PermPublic {
		return false
	}
	if ok, wait := s.limits.allow(rateKey(r, authed), time.Now()); !ok {
		tooManyRequests(w, s, wait)
		return true
	}
	return false
}

// refuseBody readies the answer to a body over the limit (unread: none of
// it read yet): the rest is drained for a caller the route accepted with
// a key, so that it reads the answer; a public route accepts anyone, so
// its connection is closed instead (see wrap).
func (s *Server) refuseBody(w http.ResponseWriter, r *http.Request, rt Route, body io.Reader, unread bool) {
	if rt.Permission == PermPublic && s.auth != nil {
		w.Header().Set("Connection", "close")
		return
	}
	bodylimit.Drain(w, r, body, unread)
}

// outage turns an error saying the database is unreachable into a 503
// and logs its cause, at most once every ten seconds (with the number of
// requests refused since the last line).
func (s *Server) outage(r *http.Request, err error) error {
	if r.Context().Err() != nil {
		return err // the client went away: not the database's doing
	}
	err = service.Outage(err)
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.Unavailable || ae.Err == nil {
		return err
	}
	if ok, held := s.outages.Allow("db"); ok {
		s.log.ErrorContext(r.Context(), "database unreachable: answering 503", "method", r.Method, "path", r.URL.Path,
			"err", ae.Err, "refused_since_last_line", held)
	}
	return err
}

// Listener wraps ln so that the requests net/http refuses before any
// handler runs (a control character in a header, a malformed request
// line) are answered in JSON too. Serve uses it; so can a caller that
// runs its own http.Server.
func (s *Server) Listener(ln net.Listener) net.Listener {
	return &jsonListener{Listener: ln, log: s.log, limit: ratelog.New(10 * time.Second)}
}

// Serve answers requests on ln until ctx is cancelled, then shuts down
// gracefully, giving open requests up to 10 seconds to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: or(s.timeouts.ReadHeader, 10*time.Second),
		ReadTimeout:       or(s.timeouts.Read, 30*time.Second),
		WriteTimeout:      or(s.timeouts.Write, 2*time.Minute),
		IdleTimeout:       or(s.timeouts.Idle, 2*time.Minute),
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		done <- hs.Shutdown(sctx)
	}()
	if err := hs.Serve(s.Listener(ln)); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	if err := <-done; err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

func or(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// cleanPath is the canonical form of a request path, as ServeMux cleans
// it: no doubled slashes, no "." or ".." segments, no trailing slash
// (Vigil has no route that ends in one).
func cleanPath(p string) string {
	if p == "" || p == "/" {
		return "/"
	}
	c := path.Clean(p)
	if c == "." {
		return "/"
	}
	return c
}
