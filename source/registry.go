package source

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/vigil-screening/vigil/internal/strictjson"
)

// ReadSources reads a file of sources (a JSON array of objects with
// "name", "format" and "downloads": [{"url", "file"}]) and returns the
// registry with them: a source named like a registered one replaces it
// (say, to fetch from a mirror), another is added. Errors name the file
// and the field.
func ReadSources(path string) ([]Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sources file: %w", err)
	}
	defer f.Close()
	var given []Source
	if err := strictjson.Decode(f, &given); err != nil {
		return nil, fmt.Errorf("sources file %s: %w", path, err)
	}
	byName := map[string]Source{}
	for _, s := range Sources() {
		byName[s.Name] = s
	}
	for i, s := range given {
		if err := checkSource(s); err != nil {
			return nil, fmt.Errorf("sources file %s: source %d: %w", path, i+1, err)
		}
		byName[s.Name] = s
	}
	out := make([]Source, 0, len(byName))
	for _, s := range byName {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func checkSource(s Source) error {
	if s.Name == "" || strings.ContainsAny(s.Name, "/\\ \t\n") || len(s.Name) > 100 {
		return fmt.Errorf("name %q: want a list name without spaces or slashes", s.Name)
	}
	if s.Auth != nil {
		if err := s.Auth.check(); err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
	}
	if s.Delta != nil {
		if !strings.HasPrefix(s.Name, "os_") || len(s.Downloads) > 0 {
			return fmt.Errorf("%s: a delta source is named os_ + the dataset and has no downloads", s.Name)
		}
		if err := checkURL(s.Delta.Entities); err != nil {
			return fmt.Errorf("%s: delta.entities: %w", s.Name, err)
		}
		if err := checkURL(s.Delta.Index); err != nil {
			return fmt.Errorf("%s: delta.index: %w", s.Name, err)
		}
		return nil
	}
	if len(s.Downloads) == 0 {
		return fmt.Errorf("%s: no downloads", s.Name)
	}
	for j, d := range s.Downloads {
		if err := checkURL(d.URL); err != nil {
			return fmt.Errorf("%s: downloads[%d].url: %w", s.Name, j, err)
		}
		if d.File == "" || d.File != filepath.Base(d.File) || strings.HasPrefix(d.File, ".") {
			return fmt.Errorf("%s: downloads[%d].file %q: want a plain file name", s.Name, j, d.File)
		}
	}
	return nil
}

func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q: want an http or https address", raw)
	}
	return nil
}
