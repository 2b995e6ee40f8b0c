package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// dateInName finds a full date in a file name: 2024-05-03, 2024_05_03 or 20240503.
var dateInName = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})[-_]?([01][0-9])[-_]?([0-3][0-9])(?:[^0-9]|$)`)

// monthInName finds a year and month in a folder name: 2021-07 or 2021_07.
var monthInName = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})[-_]([01][0-9])(?:[^0-9]|$)`)

// editionDate returns the edition's date, in order of preference:
//
//  1. the date the file itself states where the format has one: the
//     latest date its records imply (recordsDate, see Format.RecordDate),
//     the date returned by the reader (stated), or the date in its header;
//  2. a full date in a file name;
//  3. a date in the name of the enclosing folder (for an OFAC set, its
//     own folder): "YYYY-MM-DD", or "YYYY-MM" when the name gives only a
//     month (ofac-sdn-2021-07 gives "2021-07");
//  4. the latest modification time of its files, in UTC.
//
// Copies of files lose their dates, so the folder a list was filed in
// says more than the time of the copy.
func editionDate(ctx context.Context, ed Edition, recordsDate, stated string) (string, error) {
	if recordsDate != "" {
		return recordsDate, nil
	}
	if stated != "" {
		return stated, nil
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
	for _, f := range ed.Files {
		if d := nameDate(filepath.Base(f)); d != "" {
			return d, nil
		}
	}
	if d := folderDate(filepath.Base(editionFolder(ed))); d != "" {
		return d, nil
	}
	return modDate(ed.Files)
}

// editionFolder returns the folder an edition was filed in: the folder
// holding its file, or for a folder edition (an OFAC set) the folder itself.
func editionFolder(ed Edition) string {
	if len(ed.Files) == 1 && ed.Files[0] == ed.Path {
		return filepath.Dir(ed.Path)
	}
	return ed.Path
}

// folderDate returns the full date in a folder name as "YYYY-MM-DD", else
// its year and month as "YYYY-MM", else "".
func folderDate(name string) string {
	if d := nameDate(name); d != "" {
		return d
	}
	for _, m := range monthInName.FindAllStringSubmatch(name, -1) {
		s := m[1] + "-" + m[2]
		if _, err := time.Parse("2006-01", s); err == nil {
			return s
		}
	}
	return ""
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
