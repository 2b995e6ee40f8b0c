package source

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
)

// BenchmarkLoadCurrent loads every list of lists/current, as a user
// loading today's lists would.
func BenchmarkLoadCurrent(b *testing.B) {
	dir := testdata.Path(b, "lists", "current")
	ctx := context.Background()
	for b.Loop() {
		snaps, err := LoadDir(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(snaps) == 0 {
			b.Fatal("nothing loaded")
		}
	}
}
