package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/testdata"
)

// The command line end to end on a real database: the UN edition of
// 2024-11, two subjects recorded (Dimitri Herard clean), the edition of
// 2026-02 that lists him; the report names his clean screening, screen
// --as-of names the editions, a date before any edition names the
// earliest, and the audit trail verifies.
func TestAsOfCommands(t *testing.T) {
	data := t.TempDir()
	if _, errOut, err := runVigil(t, "--data-dir", data, "lists", "import", testdata.Path(t, "lists", "editions", "un-2024-11")); err != nil {
		t.Fatalf("import 2024-11: %v\n%s", err, errOut)
	}
	in := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(in, []byte("id,name\nc1,Dimitri Herard\nc2,Ayman al-Zawahiri\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, err := runVigil(t, "--data-dir", data, "subjects", "import", in); err != nil {
		t.Fatalf("subjects import: %v\n%s", err, errOut)
	}
	if _, errOut, err := runVigil(t, "--data-dir", data, "lists", "import", testdata.Path(t, "lists", "current", "un-2026-02")); err != nil {
		t.Fatalf("import 2026-02: %v\n%s", err, errOut)
	}
	out, errOut, err := runVigil(t, "--data-dir", data, "report", "late-matches")
	if err != nil {
		t.Fatalf("report: %v\n%s", err, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var m struct {
		SubjectID        string `json:"subject_id"`
		ScreeningID      int64  `json:"screening_id"`
		ScreenedEditions []struct {
			Edition string `json:"edition"`
		} `json:"screened_editions"`
		Hits []struct {
			SourceID      string `json:"source_id"`
			FirstListedIn struct {
				Edition string `json:"edition"`
			} `json:"first_listed_in"`
		} `json:"hits"`
	}
	if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &m) != nil || m.SubjectID != "c1" || m.ScreeningID == 0 ||
		len(m.ScreenedEditions) != 1 || m.ScreenedEditions[0].Edition != "2024-11-30" ||
		len(m.Hits) == 0 || m.Hits[0].SourceID != "6909474" || m.Hits[0].FirstListedIn.Edition != "2026-02-27" {
		t.Errorf("report:\n%s\nwant c1 alone, screened under 2024-11-30, hit 6909474 first listed 2026-02-27", out)
	}

	today := time.Now().UTC().Format(time.DateOnly)
	out, errOut, err = runVigil(t, "--data-dir", data, "screen", "--as-of", today, "--in", in)
	if err != nil || !strings.Contains(errOut, "un_sc 2026-02-27") || !strings.Contains(out, `"6909474"`) || !strings.Contains(out, `"111923"`) {
		t.Errorf("screen --as-of %s: %v\nstdout %s\nstderr %s", today, err, out, errOut)
	}
	if _, errOut, err := runVigil(t, "--data-dir", data, "screen", "--as-of", "2020-01-01", "--in", in); err == nil || !strings.Contains(err.Error()+errOut, "accepted on "+today) {
		t.Errorf("screen --as-of 2020-01-01: %v %s; want an error naming %s", err, errOut, today)
	}
	if _, _, err := runVigil(t, "--data-dir", data, "screen", "--as-of", today, "--lists", data, "--in", in); err == nil {
		t.Error("--as-of with --lists accepted")
	}
	if out, errOut, err := runVigil(t, "--data-dir", data, "audit", "verify"); err != nil {
		t.Errorf("audit verify: %v\n%s%s", err, out, errOut)
	}
}
