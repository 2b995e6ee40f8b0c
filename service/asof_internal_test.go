package service

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// The engines of past dates are cached per set of editions, at most
// asOfCacheSize of them, least recently used out; the set in force now
// reuses the engine in force. Three past sets of real editions: UN
// 2020-03 alone, with OFSI 2022-05, then UN 2024-11 with OFSI 2022-05;
// UN 2026-02 is in force.
func TestAsOfCache_Bounded(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2020, 3, 31, 12, 0, 0, 0, time.UTC)
	db, err := store.Open(ctx, "", t.TempDir(), store.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := New(Config{Store: db, Logger: slog.New(slog.DiscardHandler)})
	op := auth.Operator("test@host")
	for _, ed := range []struct {
		dir string
		at  time.Time
	}{
		{"editions/un-2020-03", now},
		{"editions/uk-ofsi-2022-05", time.Date(2022, 5, 31, 12, 0, 0, 0, time.UTC)},
		{"editions/un-2024-11", time.Date(2024, 11, 30, 12, 0, 0, 0, time.UTC)},
		{"current/un-2026-02", time.Date(2026, 2, 27, 12, 0, 0, 0, time.UTC)},
	} {
		now = ed.at
		if _, err := s.ImportLists(ctx, op, testdata.Path(t, "lists", ed.dir), source.Checks{MaxDrop: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.LoadStored(ctx); err != nil {
		t.Fatal(err)
	}
	get := func(date string, sources int) *Lists {
		t.Helper()
		l, err := s.ListsAsOf(ctx, op, date)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Editions) != sources {
			t.Fatalf("as of %s: editions %+v, want %d", date, l.Editions, sources)
		}
		if n := len(s.asof.entries); n > asOfCacheSize {
			t.Fatalf("%d engines cached, at most %d", n, asOfCacheSize)
		}
		return l
	}
	a := get("2020-04-01", 1)
	if get("2020-04-01", 1) != a {
		t.Error("the same date built a second engine")
	}
	b := get("2022-06-01", 2)
	if get("2020-04-01", 1) != a { // a used last: b goes next
		t.Error("2020 was evicted while in the cache's bound")
	}
	get("2024-12-01", 2)
	if get("2020-04-01", 1) != a {
		t.Error("the least recently used set was not the one evicted")
	}
	if get("2022-06-01", 2) == b {
		t.Error("2022 is still cached after two other sets were used since")
	}
	if cur, _ := s.inForce(); get("2026-03-01", 2) != cur {
		t.Error("the set in force now built a second engine")
	}
}
