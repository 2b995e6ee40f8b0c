// Package httpapi is Vigil's HTTP JSON API: screening, comparison, the
// loaded lists and their records, health and readiness, the system of
// record (subjects, recorded screenings, alerts and their review, the
// audit trail, users and keys) and the OpenAPI document that describes
// them.
//
// Every route is one entry of the route table (Routes), with the
// permission it requires. Handlers return errors; one function maps them
// to statuses and JSON bodies.
package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

// Engine is what the API needs of the screening engine; *screen.Engine
// is one.
type Engine interface {
	Screen(ctx context.Context, s vigil.Subject, opts vigil.Options) ([]vigil.Hit, error)
	Compare(ctx context.Context, a, b vigil.Subject) (vigil.Hit, error)
	Entity(list, id string) *entity.Entity
}

// Lists is what the server screens against: the engine and the snapshots
// it was built from.
type Lists struct {
	Engine    Engine
	Snapshots []snapshot.Meta
}

// Config configures a Server.
type Config struct {
	// Auth checks API keys. When nil the server runs open (for local use)
	// and logs a warning.
	Auth Authenticator
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// MaxBody is the largest request body in bytes; 0 means 1 MiB.
	MaxBody int64
	// MaxBatch is the most subjects in one screening request; 0 means 1,000.
	MaxBatch int
	// Workers screen a batch in parallel; 0 means GOMAXPROCS.
	Workers int
	// Store is the system of record: recorded screenings, alerts, review,
	// audit, users and keys. When nil (--open), those routes answer 503
	// and ad hoc screenings are not audited.
	Store *store.DB
	// Routes are further routes added to the table after the server's own.
	Routes []Route
}

// Server is the HTTP API. It answers /healthz at once, and the rest once
// SetLists has given it lists to screen against.
type Server struct {
	log      *slog.Logger
	auth     Authenticator
	maxBody  int64
	maxBatch int
	workers  int
	extra    []Route
	db       *store.DB
	lists    atomic.Pointer[Lists]
	mux      *http.ServeMux
	paths    *http.ServeMux      // path-only patterns, to tell 405 from 404
	allow    map[string][]string // path pattern -> methods
}

// New returns a server with no lists loaded yet.
func New(cfg Config) *Server {
	s := &Server{
		log: cfg.Logger, auth: cfg.Auth, maxBody: cfg.MaxBody, maxBatch: cfg.MaxBatch,
		workers: cfg.Workers, extra: cfg.Routes, db: cfg.Store,
		mux: http.NewServeMux(), paths: http.NewServeMux(), allow: map[string][]string{},
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.maxBody <= 0 {
		s.maxBody = 1 << 20
	}
	if s.maxBatch <= 0 {
		s.maxBatch = 1000
	}
	if s.workers <= 0 {
		s.workers = runtime.GOMAXPROCS(0)
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

// SetLists makes the server ready, screening against l from now on. It
// may be called again to swap in new lists.
func (s *Server) SetLists(l *Lists) { s.lists.Store(l) }

// ServeHTTP routes the request, answering unknown routes and wrong
// methods with JSON errors.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern == "" {
		if _, path := s.paths.Handler(r); path != "" {
			methodNotAllowed(w, r, s.log, strings.Join(s.allow[path], ", "))
			return
		}
		writeError(w, r, s.log, notFound(r))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// wrap turns a route into an http.Handler: it limits the body, checks
// permissions, recovers panics and writes returned errors.
func (s *Server) wrap(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				writeError(w, r, s.log, fmt.Errorf("panic in %s: %v", rt.Pattern(), v))
			}
		}()
		r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
		r, err := s.authorize(r, rt.Permission)
		if err == nil {
			err = rt.Handler(w, r)
		}
		if err != nil {
			writeError(w, r, s.log, err)
		}
	})
}

// Serve answers requests on ln until ctx is cancelled, then shuts down
// gracefully, giving open requests up to 10 seconds to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		done <- hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	if err := <-done; err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}
