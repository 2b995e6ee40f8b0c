package screen_test

import (
	"context"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/source"
)

var (
	loadOnce sync.Once
	loaded   []*entity.Entity
	loadErr  error
)

// allLists loads every list in shared/data/lists/current once per test run.
func allLists(tb testing.TB) []*entity.Entity {
	tb.Helper()
	dir := testdata.Path(tb, "lists", "current")
	loadOnce.Do(func() {
		snaps, err := source.LoadDir(context.Background(), dir)
		if err != nil {
			loadErr = err
			return
		}
		for _, s := range snaps {
			loaded = append(loaded, s.Entities()...)
		}
	})
	if loadErr != nil {
		tb.Fatalf("load lists: %v", loadErr)
	}
	return loaded
}

var (
	engineOnce sync.Once
	engine     *screen.Engine
	engineErr  error
)

// realEngine indexes all current lists once per test run.
func realEngine(tb testing.TB) *screen.Engine {
	tb.Helper()
	ents := allLists(tb)
	engineOnce.Do(func() { engine, engineErr = screen.New(ents, screen.Config{}) })
	if engineErr != nil {
		tb.Fatalf("index: %v", engineErr)
	}
	return engine
}

// mustDate parses a date of birth for a subject literal.
func mustDate(s string) entity.Date {
	d, err := entity.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
