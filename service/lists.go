package service

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

// Engine is what the service needs of the screening engine;
// *screen.Engine is one.
type Engine interface {
	Screen(ctx context.Context, s vigil.Subject, opts vigil.Options) ([]vigil.Hit, error)
	Compare(ctx context.Context, a, b vigil.Subject) (vigil.Hit, error)
	Entity(list, id string) *entity.Entity
}

var _ Engine = (*screen.Engine)(nil)

// Lists are what is screened against: the editions in force and the engine
// built over their records.
type Lists struct {
	Engine   Engine
	Editions []snapshot.Meta
	// Snapshots are the editions with their records, for the relationship
	// graph (network.go); nil when the lists were given another way.
	Snapshots []*snapshot.Snapshot
}

// Editions is where the lists in force come from: the stored editions,
// with one rule for which is in force (see store.InForce). *store.DB is
// one.
type Editions interface {
	// InForce lists the editions in force, without their records.
	InForce(ctx context.Context) ([]snapshot.Meta, error)
	// InForceSnapshots returns the editions in force with their records.
	InForceSnapshots(ctx context.Context) ([]*snapshot.Snapshot, error)
}

// ErrNoEditions is returned by LoadStored on a database without editions.
var ErrNoEditions = errors.New("no list editions in the database")

// SetLists puts l in force: screening uses it from now on. Requests
// already running finish with the lists they started with.
func (s *Service) SetLists(l *Lists) { s.lists.Store(l) }

// inForce returns the lists in force, or an Unavailable error before any.
func (s *Service) inForce() (*Lists, error) {
	l := s.lists.Load()
	if l == nil {
		return nil, apperr.New(apperr.Unavailable, "lists are still loading; try again shortly")
	}
	return l, nil
}

// Ready returns how many lists are in force, or an Unavailable error
// while none are or while the database (when there is one) does not
// answer.
func (s *Service) Ready(ctx context.Context) (int, error) {
	l, err := s.inForce()
	if err != nil {
		return 0, err
	}
	if s.db != nil {
		if err := s.db.Ping(ctx); err != nil {
			return 0, err
		}
	}
	return len(l.Editions), nil
}

// Outage turns an error that says the database is unreachable into an
// apperr.Unavailable (see store.Unreachable); adapters apply it to every
// error a use case returns, so that an outage is never reported as a
// fault of the request.
func Outage(err error) error { return store.Outage(err) }

// InForce returns the editions screened against.
func (s *Service) InForce(ctx context.Context, p auth.Principal) ([]snapshot.Meta, error) {
	if err := allow(p, auth.ActionViewLists); err != nil {
		return nil, err
	}
	l, err := s.inForce()
	if err != nil {
		return nil, err
	}
	return l.Editions, nil
}

// Entity returns the record list/id of the lists in force.
func (s *Service) Entity(ctx context.Context, p auth.Principal, list, id string) (*entity.Entity, error) {
	if err := allow(p, auth.ActionViewEntity); err != nil {
		return nil, err
	}
	l, err := s.inForce()
	if err != nil {
		return nil, err
	}
	e := l.Engine.Entity(list, id)
	if e == nil {
		return nil, apperr.New(apperr.NotFound, "no record %q on list %q", id, list)
	}
	return e, nil
}

// LoadStored builds the engine from the stored editions in force and puts
// it in force.
func (s *Service) LoadStored(ctx context.Context) error {
	l, err := s.buildStored(ctx)
	if err != nil {
		return err
	}
	s.SetLists(l)
	settle()
	return nil
}

func (s *Service) buildStored(ctx context.Context) (*Lists, error) {
	if s.editions == nil {
		return nil, apperr.New(apperr.Unavailable, "no database to load the lists from")
	}
	start := time.Now()
	snaps, err := s.editions.InForceSnapshots(ctx)
	if err != nil {
		return nil, fmt.Errorf("load lists from the database: %w", err)
	}
	if len(snaps) == 0 {
		return nil, fmt.Errorf("%w: download the official lists with 'vigil lists fetch', "+
			"import a folder of list files with 'vigil lists import DIR', or start with --lists DIR", ErrNoEditions)
	}
	eng, records := BuildEngine(snaps, screen.Config{})
	s.log.Info("lists loaded from the database", "lists", len(snaps), "records", records, "took", time.Since(start).Round(time.Millisecond))
	return &Lists{Engine: eng, Editions: metas(snaps), Snapshots: snaps}, nil
}

// Reload puts in force the stored editions in force when they differ from
// those screened against (another process imported or fetched one). It
// reports whether it changed anything; on an error the lists in force
// stay.
func (s *Service) Reload(ctx context.Context) (bool, error) {
	s.reloading.Lock()
	defer s.reloading.Unlock()
	if s.editions == nil {
		return false, apperr.New(apperr.Unavailable, "no database to reload the lists from")
	}
	stored, err := s.editions.InForce(ctx)
	if err != nil {
		return false, fmt.Errorf("looking for new list editions: %w", err)
	}
	var old []snapshot.Meta
	if l := s.lists.Load(); l != nil {
		old = l.Editions
	}
	if signature(stored) == signature(old) {
		return false, nil
	}
	l, err := s.buildStored(ctx)
	if err != nil {
		return false, fmt.Errorf("reloading the lists: %w", err)
	}
	s.SetLists(l)
	s.settleDegraded(l.Editions)
	s.log.Info("lists reloaded", "changes", changes(old, l.Editions))
	settle()
	return true, nil
}

// Watch reloads the lists every interval (never when 0) and on each
// signal from hup, until ctx ends. A failure is logged and keeps the lists
// in force.
func (s *Service) Watch(ctx context.Context, every time.Duration, hup <-chan os.Signal) {
	var tick <-chan time.Time
	if every > 0 {
		t := time.NewTicker(every)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		case <-hup:
			s.log.Info("SIGHUP: looking for new list editions")
		}
		if _, err := s.Reload(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("the lists in force stay", "err", err)
		}
	}
}

// signature names a set of editions by their sources and hashes.
func signature(metas []snapshot.Meta) string {
	keys := make([]string, len(metas))
	for i, m := range metas {
		keys[i] = m.Source + "=" + m.Hash
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

// changes describes, list by list, how the editions in force changed:
// "un_sc 2024-11-30 -> 2026-02-27".
func changes(old, next []snapshot.Meta) string {
	before := map[string]snapshot.Meta{}
	for _, m := range old {
		before[m.Source] = m
	}
	var out []string
	for _, m := range next {
		b, ok := before[m.Source]
		delete(before, m.Source)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s new %s", m.Source, m.Edition))
		case b.Hash != m.Hash:
			out = append(out, fmt.Sprintf("%s %s -> %s", m.Source, b.Edition, m.Edition))
		}
	}
	for src, m := range before {
		out = append(out, fmt.Sprintf("%s %s removed", src, m.Edition))
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// settle returns the garbage left by reading and indexing lists to the
// operating system, so that a long-running server does not keep it
// resident.
func settle() { debug.FreeOSMemory() }

func metas(snaps []*snapshot.Snapshot) []snapshot.Meta {
	m := make([]snapshot.Meta, len(snaps))
	for i, s := range snaps {
		m[i] = s.Meta()
	}
	return m
}
