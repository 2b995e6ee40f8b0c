package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/subject"
)

// AsOfResult is the answer of an as-of screening: the result, the date it
// was asked for and the editions that were in force then (see
// docs/monitoring.md, "As-of answers").
type AsOfResult struct {
	vigil.Result
	AsOf     string
	Editions []snapshot.Meta
}

// asOfCacheSize bounds the engines built for past dates that are kept:
// each holds a whole set of lists in memory.
const asOfCacheSize = 2

// asOfCache keeps the engines built over past sets of editions, keyed by
// their snapshot ids, least recently used first.
type asOfCache struct {
	mu      sync.Mutex // held while building, so that one set is built once
	entries []asOfEntry
}

type asOfEntry struct {
	key   string
	lists *Lists
}

// AsOfDay parses an as-of date (YYYY-MM-DD, a UTC day) and returns the
// last instant of that day: the editions in force "on" a date are those
// in force at its end.
func AsOfDay(date string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return time.Time{}, apperr.Field("as_of", "%q: want a date YYYY-MM-DD", date)
	}
	return d.AddDate(0, 0, 1).Add(-time.Microsecond), nil
}

// ListsAsOf returns the lists that were in force on date (YYYY-MM-DD):
// the stored editions in force at the end of that day, one per source,
// with an engine built over their records (cached, see asOfCache). A date
// before any stored edition is an Invalid error naming the earliest date
// available.
func (s *Service) ListsAsOf(ctx context.Context, p auth.Principal, date string) (*Lists, error) {
	db, err := s.store(p, auth.ActionScreen)
	if err != nil {
		return nil, err
	}
	return s.listsAsOf(ctx, db, date)
}

func (s *Service) listsAsOf(ctx context.Context, db *store.DB, date string) (*Lists, error) {
	at, err := AsOfDay(date)
	if err != nil {
		return nil, err
	}
	if today := time.Now().UTC().Format(time.DateOnly); date > today {
		return nil, apperr.Field("as_of", "%s is in the future (today is %s)", date, today)
	}
	metas, err := db.InForceAt(ctx, at)
	if err != nil {
		return nil, err
	}
	if len(metas) == 0 {
		all, err := db.ListSnapshots(ctx)
		if err != nil {
			return nil, err
		}
		if len(all) == 0 {
			return nil, apperr.New(apperr.Unavailable, "no list edition is stored: import or fetch the lists first")
		}
		first := slices.MinFunc(all, func(a, b snapshot.Meta) int { return a.LoadedAt.Compare(b.LoadedAt) })
		return nil, apperr.Field("as_of", "no list edition was in force on %s: the earliest stored edition (%s %s) was accepted on %s",
			date, first.Source, first.Edition, first.LoadedAt.UTC().Format(time.DateOnly))
	}
	return s.asof.get(ctx, db, metas, s)
}

// get returns the lists of the editions metas, building them when they
// are not cached.
func (c *asOfCache) get(ctx context.Context, db *store.DB, metas []snapshot.Meta, s *Service) (*Lists, error) {
	key := ""
	for _, m := range metas {
		key += fmt.Sprintf("%d,", m.ID)
	}
	// The lists in force now need no second engine.
	if l := s.lists.Load(); l != nil && signature(l.Editions) == signature(metas) {
		return l, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := slices.IndexFunc(c.entries, func(e asOfEntry) bool { return e.key == key }); i >= 0 {
		e := c.entries[i]
		c.entries = append(slices.Delete(c.entries, i, i+1), e)
		return e.lists, nil
	}
	start := time.Now()
	snaps := make([]*snapshot.Snapshot, len(metas))
	for i, m := range metas {
		snap, err := db.Snapshot(ctx, m.ID)
		if err != nil {
			return nil, fmt.Errorf("load edition %s %s: %w", m.Source, m.Edition, err)
		}
		snaps[i] = snap
	}
	eng, records := BuildEngine(snaps, screen.Config{})
	l := &Lists{Engine: eng, Editions: metas}
	if len(c.entries) >= asOfCacheSize {
		c.entries = slices.Delete(c.entries, 0, 1)
	}
	c.entries = append(c.entries, asOfEntry{key: key, lists: l})
	s.log.Info("built past lists", "snapshots", strings.TrimSuffix(key, ","), "records", records, "took", time.Since(start).Round(time.Millisecond))
	return l, nil
}

// ScreenAsOf screens one subject ad hoc against the editions that were in
// force on date (YYYY-MM-DD), and names them. It needs the database (the
// stored editions); like Screen it is audited, the entry naming the date.
func (s *Service) ScreenAsOf(ctx context.Context, p auth.Principal, sub vigil.Subject, opts vigil.Options, date, idempotencyKey string) (AsOfResult, error) {
	db, err := s.store(p, auth.ActionScreen)
	if err != nil {
		return AsOfResult{}, err
	}
	l, err := s.listsAsOf(ctx, db, date)
	if err != nil {
		return AsOfResult{}, err
	}
	opts, err = s.optionsFor(l, opts)
	if err != nil {
		return AsOfResult{}, err
	}
	ticket := db.Announce()
	defer ticket.Cancel()
	hits, err := l.Engine.Screen(ctx, sub, opts)
	if err != nil {
		return AsOfResult{}, err
	}
	rec := s.adHoc(l, opts, sub, hits)
	rec.IdempotencyKey = idempotencyKey
	rec.AsOf = date
	if _, err := ticket.Record(ctx, p, rec); err != nil {
		return AsOfResult{}, err
	}
	s.observe.Screened("as_of", 1, min(len(hits), 1))
	return AsOfResult{Result: vigil.Result{ID: sub.ID, Hits: hits, Warnings: sub.Warnings()}, AsOf: date, Editions: l.Editions}, nil
}

// ScreenRowsAsOf screens the rows next returns against the editions in
// force on date, in parallel, and calls emit with each row's result in
// input order; it returns the editions used. Each screening is audited
// as an ad hoc one naming the date.
func (s *Service) ScreenRowsAsOf(ctx context.Context, p auth.Principal, opts vigil.Options, date string, next func() (subject.Row, error), emit func(subject.Row, vigil.Result) error) ([]snapshot.Meta, error) {
	db, err := s.store(p, auth.ActionScreen)
	if err != nil {
		return nil, err
	}
	l, err := s.listsAsOf(ctx, db, date)
	if err != nil {
		return nil, err
	}
	if opts, err = s.optionsFor(l, opts); err != nil {
		return nil, err
	}
	var audited []store.Screening
	flush := func() error {
		for len(audited) > 0 {
			n := min(len(audited), store.MaxBatch)
			if _, err := db.RecordScreenings(ctx, p, audited[:n]); err != nil {
				return err
			}
			audited = audited[n:]
		}
		return nil
	}
	err = ScreenAll(ctx, l.Engine, opts, s.workers, next, func(row subject.Row, res vigil.Result) error {
		if res.Error == "" {
			rec := s.adHoc(l, opts, row.Subject, res.Hits)
			rec.AsOf = date
			audited = append(audited, rec)
			if len(audited) >= store.MaxBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return emit(row, res)
	})
	if err != nil {
		return nil, err
	}
	return l.Editions, flush()
}
