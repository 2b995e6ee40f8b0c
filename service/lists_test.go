package service_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
)

// fakeEditions is a service.Editions whose editions and failures a test
// sets.
type fakeEditions struct {
	mu                 sync.Mutex
	snaps              []*snapshot.Snapshot
	latestErr, listErr error
}

func (f *fakeEditions) set(snaps []*snapshot.Snapshot, latestErr, listErr error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.snaps, f.latestErr, f.listErr = snaps, latestErr, listErr
}

func (f *fakeEditions) InForceSnapshots(ctx context.Context) ([]*snapshot.Snapshot, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.snaps, f.latestErr
}

func (f *fakeEditions) InForce(ctx context.Context) ([]snapshot.Meta, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var metas []snapshot.Meta
	for _, s := range f.snaps {
		metas = append(metas, s.Meta())
	}
	return metas, f.listErr
}

// A reload that fails, in listing the editions or in building the new
// lists, keeps the lists in force and says why; the next one that works
// swaps the new lists in and logs the change.
func TestReload(t *testing.T) {
	ctx := context.Background()
	loadUN := func(dir ...string) []*snapshot.Snapshot {
		t.Helper()
		snaps, err := source.LoadDir(ctx, testdata.Path(t, dir...))
		if err != nil {
			t.Fatal(err)
		}
		return snaps
	}
	older, newer := loadUN("lists", "editions", "un-2024-11"), loadUN("lists", "current", "un-2026-02")
	var log bytes.Buffer // Reload logs synchronously
	st := &fakeEditions{snaps: older}
	svc := service.New(service.Config{Editions: st, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	if err := svc.LoadStored(ctx); err != nil {
		t.Fatal(err)
	}
	served := func() string {
		t.Helper()
		metas, err := svc.InForce(ctx, operator)
		if err != nil || len(metas) != 1 {
			t.Fatalf("InForce = %+v, %v", metas, err)
		}
		return metas[0].Edition
	}
	steps := []struct {
		name               string
		latestErr, listErr error
		changed            bool
		want, wantErr      string
	}{
		{"listing fails", nil, errors.New("database gone"), false, "2024-11-30", "looking for new list editions: database gone"},
		{"rebuild fails", errors.New("disk error"), nil, false, "2024-11-30", "reloading the lists: load lists from the database: disk error"},
		{"works", nil, nil, true, "2026-02-27", ""},
		{"nothing new", nil, nil, false, "2026-02-27", ""},
	}
	for _, step := range steps {
		st.set(newer, step.latestErr, step.listErr)
		changed, err := svc.Reload(ctx)
		if changed != step.changed || (err == nil) != (step.wantErr == "") || err != nil && err.Error() != step.wantErr {
			t.Errorf("%s: Reload = %v, %v; want %v, %q", step.name, changed, err, step.changed, step.wantErr)
		}
		if got := served(); got != step.want {
			t.Errorf("%s: serving %s, want %s", step.name, got, step.want)
		}
	}
	if !strings.Contains(log.String(), "un_sc 2024-11-30 -> 2026-02-27") {
		t.Errorf("the swap is not logged:\n%s", log.String())
	}
}
