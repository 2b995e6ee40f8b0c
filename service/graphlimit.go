package service

import (
	"context"
	"runtime"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
)

// Graph queries (exposure, neighbourhood, clusters, ownership, export)
// walk the whole relationship graph and hold their answers in memory: a
// few dozen deep queries on a hub at once took the server from 300 MB to
// 1.6 GB. At most graphLimit of them run at once; one that finds no slot
// within graphWait is refused with apperr.Unavailable (503) so that the
// caller retries later instead of the server running out of memory.

// DefaultGraphWait is how long a graph query waits for a slot.
const DefaultGraphWait = 2 * time.Second

// graphLimit returns the semaphore of graph queries: n slots (0 means
// 2×GOMAXPROCS).
func graphLimit(n int) chan struct{} {
	if n <= 0 {
		n = 2 * runtime.GOMAXPROCS(0)
	}
	return make(chan struct{}, n)
}

// graphSlot takes a slot for one graph query; release gives it back.
func (s *Service) graphSlot(ctx context.Context) (release func(), err error) {
	select {
	case s.graphSlots <- struct{}{}:
		return func() { <-s.graphSlots }, nil
	default:
	}
	t := time.NewTimer(s.graphWait)
	defer t.Stop()
	select {
	case s.graphSlots <- struct{}{}:
		return func() { <-s.graphSlots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-t.C:
		return nil, apperr.New(apperr.Unavailable, "too many network queries are running (%d at once); try again in a moment", cap(s.graphSlots))
	}
}

// slottedGraph takes a graph-query slot and the graph in force: every
// graph question starts so. The caller releases the slot when done.
func (s *Service) slottedGraph(ctx context.Context) (*Graph, func(), error) {
	release, err := s.graphSlot(ctx)
	if err != nil {
		return nil, nil, err
	}
	g, err := s.graphNow(ctx)
	if err != nil {
		release()
		return nil, nil, err
	}
	return g, release, nil
}

// askGraph answers one question of the graph for p: the role check, a
// query slot and the graph in force, the question, and its errors in the
// caller's terms (queryError).
func askGraph[T any](ctx context.Context, s *Service, p auth.Principal, ask func(*Graph) (T, error)) (*T, error) {
	if err := allow(p, auth.ActionViewNetwork); err != nil {
		return nil, err
	}
	g, release, err := s.slottedGraph(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	v, err := ask(g)
	if err != nil {
		return nil, queryError(err)
	}
	return &v, nil
}
