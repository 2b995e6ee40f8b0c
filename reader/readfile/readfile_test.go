package readfile_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/readfile"
)

func TestRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.txt")
	if err := os.WriteFile(path, []byte("content"), 0o600); err != nil {
		t.Fatal(err)
	}
	var gotName, gotText string
	parse := func(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
		b, err := io.ReadAll(r)
		gotName, gotText = name, string(b)
		return err
	}
	if err := readfile.Read(context.Background(), "x", path, parse, nil); err != nil {
		t.Fatal(err)
	}
	if gotName != path || gotText != "content" {
		t.Errorf("parse got name %q, text %q", gotName, gotText)
	}
}

func TestRead_Missing(t *testing.T) {
	called := false
	parse := func(context.Context, io.Reader, string, reader.Emit) error { called = true; return nil }
	err := readfile.Read(context.Background(), "bis", filepath.Join(t.TempDir(), "no.txt"), parse, nil)
	if !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "bis: open ") || called {
		t.Errorf("err = %v (parse called: %v), want a bis-prefixed not-exist error", err, called)
	}
}
