package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/snapshot"
)

// watcher keeps a server's lists in step with the database: when the
// latest edition of a list changes (another process imported or fetched
// one), it builds a new engine off the request path and swaps it in.
type watcher struct {
	e     *env
	db    editionStore
	every time.Duration    // how often to look; 0 never
	hup   <-chan os.Signal // look now
	// inForce are the editions being served.
	inForce []snapshot.Meta
}

// load builds the lists from the latest stored editions and records them
// as the ones in force.
func (w *watcher) load(ctx context.Context) (*httpapi.Lists, error) {
	l, err := w.e.storedLists(ctx, w.db)
	if err != nil {
		return nil, err
	}
	w.inForce = l.Snapshots
	return l, nil
}

// watch looks for new editions every w.every and on each signal from
// w.hup until ctx ends.
func (w *watcher) watch(ctx context.Context, srv *httpapi.Server) {
	var tick <-chan time.Time
	if w.every > 0 {
		t := time.NewTicker(w.every)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			w.reload(ctx, srv)
		case <-w.hup:
			w.e.log.Info("SIGHUP: looking for new list editions")
			w.reload(ctx, srv)
		}
	}
}

// reload swaps in new lists when the latest stored editions differ from
// those in force. A failure is logged and keeps the lists in force.
func (w *watcher) reload(ctx context.Context, srv *httpapi.Server) {
	stored, err := w.db.ListSnapshots(ctx)
	if err != nil {
		w.e.log.Error("looking for new list editions failed; the lists in force stay", "err", err)
		return
	}
	if signature(latest(stored)) == signature(w.inForce) {
		return
	}
	old := w.inForce
	l, err := w.load(ctx)
	if err != nil {
		w.e.log.Error("reloading the lists failed; the lists in force stay", "err", err)
		return
	}
	srv.SetLists(l)
	w.e.log.Info("lists reloaded", "changes", changes(old, l.Snapshots))
	settle()
}

// latest returns the last loaded snapshot of each source.
func latest(metas []snapshot.Meta) []snapshot.Meta {
	last := map[string]snapshot.Meta{}
	for _, m := range metas {
		if cur, ok := last[m.Source]; !ok || m.LoadedAt.After(cur.LoadedAt) {
			last[m.Source] = m
		}
	}
	out := make([]snapshot.Meta, 0, len(last))
	for _, m := range last {
		out = append(out, m)
	}
	return out
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
