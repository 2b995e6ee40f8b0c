package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A delta source keeps, in its download folder, the entities of the
// version it holds (state/<dataset>.ftm.json) and that version's name
// (state/version); a new version is staged (stage/<dataset>.ftm.json),
// imported from there and only then made the state.

// DeltaFile is the name of a delta source's entities file: the dataset
// name, so that the FtM reader names the list after the source
// (os_sanctions reads sanctions.ftm.json as list os_sanctions).
func DeltaFile(sourceName string) string {
	return strings.TrimPrefix(sourceName, "os_") + ".ftm.json"
}

// LoadDeltaState returns the entities and version held in dir, or nil
// entities when none are.
func LoadDeltaState(ctx context.Context, dir, sourceName string) (Entities, string, error) {
	state := filepath.Join(dir, "state")
	v, err := os.ReadFile(filepath.Join(state, "version"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	path := filepath.Join(state, DeltaFile(sourceName))
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	es, err := ReadEntities(ctx, f, path)
	if err != nil {
		return nil, "", fmt.Errorf("the entities held: %w", err)
	}
	return es, string(bytes.TrimSpace(v)), nil
}

// StageDelta writes the entities to dir/stage, dated at, and returns the
// file's path, ready to import.
func StageDelta(dir, sourceName string, es Entities, at time.Time) (string, error) {
	stage := filepath.Join(dir, "stage")
	if err := os.MkdirAll(stage, 0o750); err != nil {
		return "", err
	}
	path := filepath.Join(stage, DeltaFile(sourceName))
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	if _, err := es.WriteTo(f); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return path, os.Chtimes(path, at, at)
}

// KeepDelta makes the staged entities the state, holding version.
func KeepDelta(dir, sourceName, version string) error {
	state := filepath.Join(dir, "state")
	if err := os.MkdirAll(state, 0o750); err != nil {
		return err
	}
	// The version goes last: a crash between the two leaves an older
	// version named with newer entities, and the versions after it are
	// applied again, which changes nothing.
	if err := os.Rename(filepath.Join(dir, "stage", DeltaFile(sourceName)), filepath.Join(state, DeltaFile(sourceName))); err != nil {
		return err
	}
	tmp := filepath.Join(state, ".version.tmp")
	if err := os.WriteFile(tmp, []byte(version+"\n"), 0o640); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(state, "version"))
}
