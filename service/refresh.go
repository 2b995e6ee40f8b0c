package service

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// RefreshAttempt is one attempt to refresh a list from its publisher.
type RefreshAttempt = store.RefreshAttempt

// Refresh configures fetching lists from their publishers.
type Refresh struct {
	// Dir holds a folder per source with the files last fetched (and
	// their ETag and Last-Modified, for conditional requests).
	Dir string
	// Sources are the sources that can be refreshed; nil means
	// source.Sources(), the official addresses.
	Sources []source.Source
	// Fetcher downloads; nil means source.NewFetcher(10 * time.Minute).
	Fetcher *source.Fetcher
	// Checks are the import's sanity checks.
	Checks source.Checks
}

// ErrRefresh is wrapped by RefreshList's error when the attempt failed or
// its edition was rejected: the job that ran it should be retried later.
var ErrRefresh = errors.New("refresh failed")

// RefreshSources returns the sources that can be refreshed.
func (s *Service) RefreshSources() []source.Source {
	if s.refresh.Sources != nil {
		return s.refresh.Sources
	}
	return source.Sources()
}

func (s *Service) refreshSource(name string) (source.Source, error) {
	for _, src := range s.RefreshSources() {
		if src.Name == name && src.Retired != "" {
			return src, apperr.Field("source", "%s was retired on %s (replaced by %s): nothing to fetch", name, src.Retired, src.ReplacedBy)
		}
		if src.Name == name {
			return src, nil
		}
	}
	return source.Source{}, apperr.Field("source", "unknown source %q", name)
}

// RefreshList fetches one source from its publisher, asking only for
// what changed since the last fetch, imports the files under the one
// import policy, and records the attempt. The edition in force stays
// when the download fails or the files do not pass the import (the
// attempt says why, and the error wraps ErrRefresh).
func (s *Service) RefreshList(ctx context.Context, p auth.Principal, name string) (*RefreshAttempt, error) {
	db, err := s.store(p, auth.ActionRefreshLists)
	if err != nil {
		return nil, err
	}
	src, err := s.refreshSource(name)
	if err != nil {
		return nil, err
	}
	if s.refresh.Dir == "" {
		return nil, apperr.New(apperr.Unavailable, "no download folder configured for refreshing lists")
	}
	a := &RefreshAttempt{Source: name, StartedAt: time.Now().UTC()}
	failure := s.fetchAndImport(ctx, p, src, a)
	a.FinishedAt = time.Now().UTC()
	if failure != nil {
		a.Error = failure.Error()
	}
	if ctx.Err() != nil {
		// Stopped (shut down or timed out): the job is retried; the attempt
		// is not an outcome of the publisher's.
		return a, fmt.Errorf("refresh %s: %w", name, context.Cause(ctx))
	}
	if err := db.RecordRefresh(ctx, p, a); err != nil {
		return a, err
	}
	s.log.Info("list refresh", "source", name, "status", a.Status, "http", a.HTTPStatus, "bytes", a.Bytes, "edition", a.Edition, "err", a.Error)
	if a.Status == store.RefreshAccepted {
		// Screen against it at once here; other processes reload on their
		// own schedule.
		if _, err := s.Reload(ctx); err != nil {
			s.log.Error("reloading the lists after a refresh; the lists in force stay", "err", err)
		}
	}
	if failure != nil {
		return a, fmt.Errorf("%w: %s: %v", ErrRefresh, name, failure)
	}
	return a, nil
}

// fetchAndImport does the attempt's work and fills in its outcome; the
// error says why it failed.
func (s *Service) fetchAndImport(ctx context.Context, p auth.Principal, src source.Source, a *RefreshAttempt) error {
	if src.Delta != nil {
		return s.refreshDelta(ctx, p, s.db, src, a)
	}
	f := s.fetcher()
	dir := filepath.Join(s.refresh.Dir, src.Name)
	m, err := f.Fetch(ctx, dir, src)
	a.HTTPStatus, a.Bytes = m.Status(), m.Bytes()
	if err != nil {
		a.Status = store.RefreshFailed
		return err
	}
	if m.Unchanged() {
		a.Status = store.RefreshNotModified
		return nil
	}
	rep, err := s.ImportLists(ctx, p, dir, s.refresh.Checks)
	if rep == nil {
		a.Status = store.RefreshFailed
		return err
	}
	a.Status = store.RefreshUnchanged
	for _, r := range rep.Results {
		switch {
		case r.Status == source.Rejected:
			a.Status = store.RefreshRejected
		case r.Status == source.Accepted && a.Status != store.RefreshRejected:
			a.Status, a.Edition, a.Hash = store.RefreshAccepted, r.Edition, r.Hash
		}
	}
	if err != nil {
		a.Status = store.RefreshRejected
		// Files that arrived whole but did not pass: ask for them again
		// next time rather than whether they changed.
		if ferr := source.ForgetFetched(dir); ferr != nil {
			err = errors.Join(err, ferr)
		}
		return err
	}
	return nil
}

func (s *Service) fetcher() *source.Fetcher {
	if s.refresh.Fetcher != nil {
		return s.refresh.Fetcher
	}
	return source.NewFetcher(10 * time.Minute)
}

// RefreshAttempts returns the latest attempts to refresh lists, newest
// first: of one source, or all when source is empty.
func (s *Service) RefreshAttempts(ctx context.Context, p auth.Principal, source string, limit int) ([]RefreshAttempt, error) {
	db, err := s.store(p, auth.ActionViewJobs)
	if err != nil {
		return nil, err
	}
	return db.RefreshAttempts(ctx, source, limit)
}

// RequestRefresh asks for a refresh of the source now: it is queued as a
// job, which one of the serving processes runs.
func (s *Service) RequestRefresh(ctx context.Context, p auth.Principal, name string) error {
	db, err := s.store(p, auth.ActionRefreshLists)
	if err != nil {
		return err
	}
	if _, err := s.refreshSource(name); err != nil {
		return err
	}
	return db.Enqueue(ctx, store.RefreshJob{Source: name})
}
