package source

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
)

// readManifest reads dir's manifest; a missing or unreadable one is empty,
// which only makes the next fetch unconditional.
func readManifest(dir string) *Manifest {
	m := &Manifest{}
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return m
	}
	if json.Unmarshal(b, m) != nil {
		return &Manifest{}
	}
	return m
}

// file returns the record of a previously fetched file that is still on
// disk, or nil.
func (m *Manifest) file(name, dir string) *FetchedFile {
	for i := range m.Files {
		if m.Files[i].File != name {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return nil
		}
		return &m.Files[i]
	}
	return nil
}

// install renames the fetched temporary files into place, dates each file
// by the server's Last-Modified, and writes the manifest.
func install(dir string, m *Manifest) error {
	for i := range m.Files {
		ff := &m.Files[i]
		if ff.tmp == "" {
			continue
		}
		dst := filepath.Join(dir, ff.File)
		if err := os.Rename(ff.tmp, dst); err != nil {
			return err
		}
		ff.tmp = ""
		if lm, err := http.ParseTime(ff.LastModified); err == nil {
			if err := os.Chtimes(dst, lm, lm); err != nil {
				return err
			}
		}
	}
	return writeManifest(dir, m)
}

// writeManifest writes the manifest through a temporary file and a rename.
func writeManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".manifest-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, ManifestName))
}

// removeTemps removes the temporary files of downloads not installed.
func (m *Manifest) removeTemps() {
	for _, ff := range m.Files {
		if ff.tmp != "" {
			os.Remove(ff.tmp)
		}
	}
}
