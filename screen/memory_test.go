package screen_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/screen"
)

// TestIndexAllListsBudget builds the engine over every current list and
// checks the memory budget: 300 MB of heap kept by the index beyond the
// loaded records. It logs the time taken but does not judge it: build
// speed is measured by vigil bench (docs/performance.md), not by a timed
// test on a shared machine.
func TestIndexAllListsBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("loads all lists")
	}
	ents := allLists(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	eng, err := screen.New(ents, screen.Config{})
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%d records indexed in %v; index keeps %.1f MB of heap", len(ents), took, float64(kept)/(1<<20))
	if kept > 300<<20 {
		t.Errorf("index keeps %d MB, want at most 300", kept>>20)
	}
	runtime.KeepAlive(eng)
}
