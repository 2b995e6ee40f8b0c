package service

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
)

func TestForEach(t *testing.T) {
	ctx := context.Background()
	for _, workers := range []int{0, 1, 3, 100} {
		var seen [50]atomic.Int32
		if err := forEach(ctx, len(seen), workers, func(i int) error { seen[i].Add(1); return nil }); err != nil {
			t.Fatal(err)
		}
		for i := range seen {
			if n := seen[i].Load(); n != 1 {
				t.Fatalf("workers %d: item %d done %d times", workers, i, n)
			}
		}
	}
	boom := errors.New("boom")
	var calls atomic.Int32
	err := forEach(ctx, 1000, 2, func(i int) error {
		calls.Add(1)
		if i == 3 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || calls.Load() > 100 {
		t.Fatalf("error: %v after %d calls, want boom soon after item 3", err, calls.Load())
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := forEach(cctx, 10, 2, func(int) error { t.Error("called after cancel"); return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if err := forEach(ctx, 0, 2, func(int) error { return boom }); err != nil {
		t.Fatalf("no items: %v", err)
	}
}

// A panic in f is an error of forEach, as it was of the caller's own
// goroutine (the job runner recovers a job's panic and retries it): on a
// goroutine of forEach's own, it ended the whole process.
func TestForEachPanic(t *testing.T) {
	err := forEach(context.Background(), 10, 3, func(i int) error {
		if i == 4 {
			panic("boom")
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v, want the panic's", err)
	}
}
