package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/vigil-screening/vigil/entity"
)

// dateInName finds a full date in a file name: 2024-05-03, 2024_05_03 or 20240503.
var dateInName = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})[-_]?([01][0-9])[-_]?([0-3][0-9])(?:[^0-9]|$)`)

// editionDate returns the edition's date, "YYYY-MM-DD": the date the file
// itself states where the format has one (in its header, or as the
// latest amendment date of its records), else a full date in a file name
// (or in the OFAC folder's name), else the latest modification time of
// its files, in UTC.
func editionDate(ctx context.Context, ed Edition, ents []*entity.Entity) (string, error) {
	if ed.Format.RecordsDate != nil {
		if d := ed.Format.RecordsDate(ents); d != "" {
			return d, nil
		}
	}
	if ed.Format.Date != nil {
		d, err := ed.Format.Date(ctx, ed.Path)
		if err != nil {
			return "", fmt.Errorf("edition date of %s: %w", ed.Path, err)
		}
		if d != "" {
			return d, nil
		}
	}
	names := []string{filepath.Base(ed.Path)}
	for _, f := range ed.Files {
		names = append(names, filepath.Base(f))
	}
	for _, n := range names {
		if d := nameDate(n); d != "" {
			return d, nil
		}
	}
	return modDate(ed.Files)
}

// nameDate returns the valid date in a file name as "YYYY-MM-DD", or "".
func nameDate(name string) string {
	for _, m := range dateInName.FindAllStringSubmatch(name, -1) {
		s := m[1] + "-" + m[2] + "-" + m[3]
		if _, err := time.Parse(time.DateOnly, s); err == nil {
			return s
		}
	}
	return ""
}

// modDate returns the latest modification date of the files, in UTC.
func modDate(files []string) (string, error) {
	var latest time.Time
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			return "", fmt.Errorf("edition date: %w", err)
		}
		if info.ModTime().After(latest) {
			latest = info.ModTime()
		}
	}
	if latest.IsZero() {
		return "", fmt.Errorf("edition date: no files")
	}
	return latest.UTC().Format(time.DateOnly), nil
}
