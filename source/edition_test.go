package source

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/testdata"
)

func TestFolderDate(t *testing.T) {
	tests := []struct{ name, want string }{
		{"ofac-sdn-2021-07", "2021-07"},
		{"us-csl-2023-11", "2023-11"},
		{"un-2024-11-30", "2024-11-30"},
		{"lists_2024_05", "2024-05"},
		{"ofac-sdn-2021-13", ""},
		{"build-12021-07", ""},
		{"202107", ""},
		{"current", ""},
	}
	for _, tt := range tests {
		if got := folderDate(tt.name); got != tt.want {
			t.Errorf("folderDate(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// The edition date comes from the file's own date, else its name, else
// the folder's name, else the file's time.
func TestEditionDate_Order(t *testing.T) {
	csv := []byte("id,type,name\nP-1,person,Ivan SIDOROV\n")
	old := time.Date(2022, 1, 2, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		file string // path under a fresh folder
		want string
	}{
		{"file name before folder", "mine-2023-05/mine 2024-06-01.csv", "2024-06-01"},
		{"folder month", "mine-2023-05/mine.csv", "2023-05"},
		{"folder day", "mine-2023-05-17/mine.csv", "2023-05-17"},
		{"file time", "mine/mine.csv", "2022-01-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string][]byte{tt.file: csv})
			p := filepath.Join(dir, tt.file)
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
			s := loadOneT(t, filepath.Dir(p))
			if s.Edition != tt.want {
				t.Errorf("edition %q, want %q", s.Edition, tt.want)
			}
		})
	}
	// A file's own date wins over its folder's: the UN list of 2020-03-20
	// (its dateGenerated) filed in a folder named for 2011-01.
	un, err := os.ReadFile(testdata.Path(t, "lists", "editions", "un-2020-03", "consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string][]byte{"un-2011-01/consolidated.xml": un})
	if s := loadOneT(t, filepath.Join(dir, "un-2011-01")); s.Edition != "2020-03-20" {
		t.Errorf("UN edition %q, want 2020-03-20", s.Edition)
	}
}
