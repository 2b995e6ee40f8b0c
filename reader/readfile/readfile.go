// Package readfile opens a list file by path for a single-file reader's
// Parse function, so that every reader's Read behaves the same way: the
// path names the file in errors, and a file that cannot be opened gives an
// error prefixed with the reader's name.
package readfile

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/vigil-screening/vigil/reader"
)

// ParseFunc is the Parse function of a single-file reader.
type ParseFunc func(ctx context.Context, r io.Reader, name string, emit reader.Emit) error

// Read opens the file at path and parses it with parse, naming it path in
// errors. pkg prefixes an error opening the file ("bis: open x: ...").
func Read(ctx context.Context, pkg, path string, parse ParseFunc, emit reader.Emit) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w", pkg, err)
	}
	defer f.Close()
	return parse(ctx, f, path, emit)
}
