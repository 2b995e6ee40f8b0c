package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/internal/testpub"
)

// eachDatabase runs fn with the global flags of a fresh SQLite database
// and of a fresh PostgreSQL schema (skipped without one).
func eachDatabase(t *testing.T, fn func(t *testing.T, db []string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, []string{"--data-dir", t.TempDir()}) })
	t.Run("postgres", func(t *testing.T) {
		fn(t, []string{"--data-dir", t.TempDir(), "--db", pgtest.DSN(t, "vigil_refresh")})
	})
}

// sourcesFile writes a --sources file naming one source whose files are
// served at base.
func sourcesFile(t *testing.T, name, format, base string, files ...string) string {
	t.Helper()
	var dl []map[string]string
	for _, f := range files {
		dl = append(dl, map[string]string{"url": base + "/" + f, "file": f})
	}
	b, err := json.Marshal([]map[string]any{{"name": name, "format": format, "downloads": dl}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sources.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// vigil serve --refresh on an empty database fetches the list from its
// publisher (here on 127.0.0.1), imports it and becomes ready; the
// attempt and the job are visible in the API and the CLI.
func TestServe_RefreshOnEmptyDatabase(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db []string) {
		pub := testpub.New()
		pub.Serve("/consolidated.xml", testdata.Path(t, "lists", "current", "un-2026-02", "consolidated.xml"), time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC))
		srv := httptest.NewServer(pub)
		defer srv.Close()
		srcs := sourcesFile(t, "un_sc", "un_xml", srv.URL, "consolidated.xml")

		p := startVigil(t, append(db, "serve", "--addr", "127.0.0.1:0", "--refresh", "--refresh-source", "un_sc",
			"--sources", srcs, "--jobs-poll", "100ms")...)
		admin := p.adminKey()
		var page struct {
			Attempts []struct{ Source, Status, Edition string }
		}
		if code := p.api(t, admin, "GET", "/v1/lists/refreshes", "", &page); code != 200 || len(page.Attempts) != 1 ||
			page.Attempts[0].Status != "accepted" || page.Attempts[0].Edition != "2026-02-27" {
			t.Fatalf("refreshes = %d %+v, want one accepted attempt of edition 2026-02-27", code, page)
		}
		var jobs struct {
			Counts []struct {
				Kind, State string
				Count       int
			}
		}
		waitUntil(t, "the refresh job completed", func() bool {
			p.api(t, admin, "GET", "/v1/jobs", "", &jobs)
			// The refresh, and the re-vetting plan of the edition it
			// accepted and the daily end of monitoring by retention.
			done := false
			for _, c := range jobs.Counts {
				if c.Kind == "list_refresh" {
					done = c.State == "completed"
				}
			}
			return done
		})
		out, err := exec.Command(binary(t), append(db, "jobs")...).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "list_refresh") {
			t.Errorf("vigil jobs = %v:\n%s", err, out)
		}
		out, err = exec.Command(binary(t), append(db, "lists", "refreshes")...).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "accepted") || !strings.Contains(string(out), "2026-02-27") {
			t.Errorf("vigil lists refreshes = %v:\n%s", err, out)
		}
	})
}

// waitUntil polls cond for up to 30 seconds.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	waitFor(t, 30*time.Second, what, cond)
}

// waitFor polls cond until it holds or the wait runs out. A rescue after a
// SIGKILL needs a long wait: the dead process's leader lease must expire
// and the rescuer runs once per 30-second round, so a rescue can take
// over a minute on a loaded machine; the wait is a bound, not a target.
func waitFor(t *testing.T, wait time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(wait); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
