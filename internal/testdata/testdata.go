// Package testdata locates the shared real list files that tests and
// benchmarks read (../shared/data beside the checkout). They are never
// copied into the repository.
package testdata

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared data directory: $VIGIL_SHARED_DATA when set,
// otherwise shared/data in the folder that holds the module's checkout.
// The test fails when the folder cannot be found: tests that need real
// lists must not silently pass without them.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := find()
	if err != nil {
		tb.Fatalf("shared data: %v (set VIGIL_SHARED_DATA to the shared/data folder)", err)
	}
	return dir
}

// Path joins elements to the shared data directory.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	return filepath.Join(append([]string{Dir(tb)}, elem...)...)
}

func find() (string, error) {
	if d := os.Getenv("VIGIL_SHARED_DATA"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			cand := filepath.Join(filepath.Dir(d), "shared", "data")
			if _, err := os.Stat(cand); err != nil {
				return "", err
			}
			return cand, nil
		}
		if filepath.Dir(d) == d {
			return "", os.ErrNotExist
		}
	}
}
