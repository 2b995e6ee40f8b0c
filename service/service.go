// Package service is Vigil's one service layer: the use cases that every
// adapter calls — the HTTP API, the command line, and later background
// jobs and web pages. Screening (ad hoc and recorded), comparing, the
// batch pipeline, the lists in force (built from the stored editions,
// reloaded when they change, or loaded from files), importing a folder of
// editions, reviewing alerts, users and keys, and the audit trail are all
// here, once.
//
// Every method takes the context and the principal acting, and checks the
// principal's permission (auth.Allowed) before it does anything: the
// service refuses on its own, whatever adapter calls it. The command line
// acts as auth.Operator; work nobody asked for (start-up) as System.
//
// The service holds the engine in force and swaps it atomically when the
// stored editions change. It keeps nothing else: the system of record is
// package store, the rules of review package review, the engine package
// screen.
package service

import (
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/store"
)

// Records of the system of record, as the service's callers see them.
type (
	// User is an account (never its password).
	User = store.User
	// Key describes an API key (never its secret).
	Key = store.Key
	// SubjectRecord is a recorded subject with its history and screenings.
	SubjectRecord = store.Subject
	// ScreeningResult says what recording a screening did.
	ScreeningResult = store.ScreeningResult
	// AlertFilter selects alerts.
	AlertFilter = store.AlertFilter
	// AlertChange is a request to change one alert, naming the version read.
	AlertChange = store.AlertChange
)

// System is the principal of work nobody asked for: the first admin
// created at first start, and background jobs.
var System = store.System

// Config configures a Service.
type Config struct {
	// Store is the system of record. When nil (serve --open, vigil screen),
	// the use cases that need it answer apperr.Unavailable and ad hoc
	// screenings are not audited.
	Store *store.DB
	// Editions is where the lists in force come from; nil means Store.
	Editions Editions
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Threshold is the alert threshold: every recorded screening uses it,
	// and ad hoc screenings that do not ask for another. 0 means
	// screen.DefaultThreshold.
	Threshold float64
	// Workers screen a batch in parallel; 0 means GOMAXPROCS.
	Workers int
	// Refresh configures fetching lists from their publishers.
	Refresh Refresh
	// Hooks configures sending webhook deliveries.
	Hooks Hooks
	// Observer is told what was screened, for metrics; nil observes
	// nothing.
	Observer Observer
	// Monitor configures continuous vetting (monitor.go).
	Monitor Monitor
	// GraphQueries is how many graph queries may run at once (0 means
	// 2×GOMAXPROCS); GraphWait how long one waits for a slot before it is
	// refused (0 means DefaultGraphWait). See graphlimit.go.
	GraphQueries int
	GraphWait    time.Duration
	// NetworkVetDelay holds a change of the graph between its commit and
	// raising its network alerts: fault injection, for the tests that
	// kill a process there (the job queued with the change raises them).
	NetworkVetDelay time.Duration
}

// Service is Vigil's use cases. It is safe for concurrent use.
type Service struct {
	db        *store.DB
	editions  Editions
	log       *slog.Logger
	threshold float64
	workers   int
	lists     atomic.Pointer[Lists]
	reloading sync.Mutex // one reload at a time
	refresh   Refresh
	hooks     Hooks
	failures  *authFailures              // failed authentications, see authfail.go
	degraded  atomic.Pointer[[]Degraded] // see startpolicy.go
	observe   Observer
	monitor   Monitor
	subjects  subjectIndex // the monitored-subject index, see monitor_index.go
	cache     revetCache
	graph     graphCache // the relationship graph, see network.go
	asof      asOfCache  // engines of past dates, see asof.go
	// graphSlots bounds the graph queries running at once, graphWait how
	// long one waits for a slot (graphlimit.go).
	graphSlots chan struct{}
	graphWait  time.Duration
	vetDelay   time.Duration // Config.NetworkVetDelay
}

// New returns a service with no lists in force yet: see SetLists,
// LoadStored and LoadFiles.
func New(cfg Config) *Service {
	s := &Service{db: cfg.Store, editions: cfg.Editions, log: cfg.Logger, threshold: cfg.Threshold, workers: cfg.Workers, refresh: cfg.Refresh, hooks: cfg.Hooks, observe: cfg.Observer, monitor: cfg.Monitor,
		failures: newAuthFailures(), graphSlots: graphLimit(cfg.GraphQueries), graphWait: cfg.GraphWait, vetDelay: cfg.NetworkVetDelay}
	if s.graphWait <= 0 {
		s.graphWait = DefaultGraphWait
	}
	if s.observe == nil {
		s.observe = noObserver{}
	}
	if s.editions == nil && s.db != nil {
		s.editions = s.db
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.threshold <= 0 {
		s.threshold = screen.DefaultThreshold
	}
	if s.workers <= 0 {
		s.workers = runtime.GOMAXPROCS(0)
	}
	return s
}

// Threshold returns the alert threshold.
func (s *Service) Threshold() float64 { return s.threshold }

// HasStore reports whether the service has a system of record.
func (s *Service) HasStore() bool { return s.db != nil }

// allow checks the permission table: the one place a use case is refused
// for the principal's roles.
func allow(p auth.Principal, a auth.Action) error {
	if !auth.Allowed(p, a) {
		name := p.Username
		if name == "" {
			name = "an anonymous caller"
		}
		return apperr.New(apperr.Forbidden, "%s may not %s: the roles %v do not allow it", name, a, p.Roles)
	}
	return nil
}

// store returns the system of record after checking p's permission, or
// an Unavailable error when there is none.
func (s *Service) store(p auth.Principal, a auth.Action) (*store.DB, error) {
	db, err := s.database()
	if err != nil {
		return nil, err
	}
	if err := allow(p, a); err != nil {
		return nil, err
	}
	return db, nil
}

// database returns the system of record, or an Unavailable error.
func (s *Service) database() (*store.DB, error) {
	if s.db == nil {
		return nil, apperr.New(apperr.Unavailable, "this server has no database (it runs with --open): only screening is served")
	}
	return s.db, nil
}
