package service

import (
	"context"
	"sync"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/ratelog"
)

// Failed authentications are counted (since the process started) and
// logged at WARN, at most one line per kind and client address every ten
// seconds, with the number of failures held back since the last line: a
// guessing client cannot flood the log, and an operator still sees it.

// AuthFailures counts the failed authentications since the process
// started.
type AuthFailures struct {
	Since time.Time `json:"since"`
	Total int64     `json:"total"`
	// ByKind counts by what was presented: "api_key", "activation",
	// "password".
	ByKind map[string]int64 `json:"by_kind"`
	// Last is when the latest failure happened, if any.
	Last *time.Time `json:"last,omitempty"`
}

type authFailures struct {
	limit *ratelog.Limiter
	mu    sync.Mutex
	count AuthFailures
}

func newAuthFailures() *authFailures {
	return &authFailures{limit: ratelog.New(10 * time.Second),
		count: AuthFailures{Since: time.Now().UTC(), ByKind: map[string]int64{}}}
}

type clientKey struct{}

// WithClient returns ctx carrying the address of the client a request
// came from, for the log lines of failed authentications.
func WithClient(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientKey{}, addr)
}

func clientOf(ctx context.Context) string {
	a, _ := ctx.Value(clientKey{}).(string)
	return a
}

// AuthObserver is told of each failed authentication; an Observer that
// implements it (metrics.Metrics) gets the count too.
type AuthObserver interface {
	AuthFailed(credential string)
}

// authFailed counts and (rate-limited) logs a failed authentication.
func (s *Service) authFailed(ctx context.Context, kind string, err error) {
	if o, ok := s.observe.(AuthObserver); ok {
		o.AuthFailed(kind)
	}
	f := s.failures
	now := time.Now().UTC()
	f.mu.Lock()
	f.count.Total++
	f.count.ByKind[kind]++
	f.count.Last = &now
	f.mu.Unlock()
	client := clientOf(ctx)
	if ok, held := f.limit.Allow(kind + " " + client); ok {
		s.log.WarnContext(ctx, "authentication failed", "credential", kind, "client", client,
			"reason", apperr.MessageOf(err), "failures_not_logged_since_last_line", held)
	}
}

// AuthFailureCounts returns the count of failed authentications since the
// process started.
func (s *Service) AuthFailureCounts(ctx context.Context, p auth.Principal) (AuthFailures, error) {
	if err := allow(p, auth.ActionReadAudit); err != nil {
		return AuthFailures{}, err
	}
	f := s.failures
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.count
	out.ByKind = make(map[string]int64, len(f.count.ByKind))
	for k, v := range f.count.ByKind {
		out.ByKind[k] = v
	}
	return out, nil
}
