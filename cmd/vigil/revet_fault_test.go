package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// listDir copies one list folder of the shared data to a folder of its
// own (the import reads every file of a folder).
func listDir(t *testing.T, elem ...string) string {
	t.Helper()
	src := testdata.Path(t, elem...)
	dir := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(src, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type revetRun struct {
	ID         int64
	Kind       string
	Source     string
	Edition    string
	Status     string
	Chunks     int
	ChunksDone int `json:"chunks_done"`
	Alerts     int
	Error      string
}

func latestRun(t *testing.T, p *proc, key, edition string) *revetRun {
	var page struct{ Runs []revetRun }
	if code := p.api(t, key, "GET", "/v1/revets", "", &page); code != 200 {
		t.Fatalf("GET /v1/revets = %d", code)
	}
	for _, r := range page.Runs {
		if r.Edition == edition {
			return &r
		}
	}
	return nil
}

// SIGKILL in the middle of re-vetting an edition (chunks held before
// their commit): after a restart the run completes, every person the
// edition adds is alerted once, no alert is raised twice, and the audit
// chain verifies.
func TestFault_KillDuringRevet(t *testing.T) {
	t.Parallel()
	old := listDir(t, "lists", "editions", "un-2024-11")
	cur := listDir(t, "lists", "current", "un-2026-02")
	load := func(dir string) *snapshot.Snapshot {
		l, err := source.Load(t.Context(), dir)
		if err != nil || len(l.Editions) != 1 {
			t.Fatalf("load %s: %v", dir, err)
		}
		return l.Editions[0].Snapshot
	}
	curSnap := load(cur)
	d := snapshot.Diff(load(old).Entities(), curSnap.Entities())
	var added []string
	for _, e := range d.Added {
		if e.Kind == entity.KindPerson && len(strings.Fields(e.PrimaryName())) >= 2 && len(added) < 8 {
			added = append(added, e.PrimaryName())
		}
	}
	eachDatabase(t, func(t *testing.T, db []string) {
		args := append(append(append([]string{}, db...), "serve", "--addr", "127.0.0.1:0", "--lists", old, "--revet-chunk-size", "20"), faultFlags...)
		p := startVigil(t, append(args, "--revet-chunk-delay", "1500ms")...)
		admin := p.adminKey()
		screener := p.newUser(t, admin, "sam", "screener")
		var subs []string
		for i, n := range added {
			subs = append(subs, fmt.Sprintf(`{"id": "new-%d", "type": "person", "name": %q}`, i, n))
		}
		subs = append(subs, `{"id": "clean-1", "type": "person", "name": "Margaret Elizabeth Thornbury"}`)
		var sum struct{ Created, Alerts int }
		if code := p.api(t, screener, "POST", "/v1/subjects/batch", `{"subjects": [`+strings.Join(subs, ",")+`]}`, &sum); code != 200 || sum.Created != len(subs) {
			t.Fatalf("enrolment = %d %+v", code, sum)
		}
		if out, err := exec.Command(binary(t), append(append([]string{}, db...), "lists", "import", cur)...).CombinedOutput(); err != nil {
			t.Fatalf("vigil lists import: %v\n%s", err, out)
		}
		waitFor(t, 2*time.Minute, "some chunks of the re-vetting done", func() bool {
			r := latestRun(t, p, admin, curSnap.Edition)
			return r != nil && r.ChunksDone >= 2
		})
		r := latestRun(t, p, admin, curSnap.Edition)
		p.kill()
		if r.ChunksDone >= r.Chunks {
			t.Fatalf("the run finished before the kill: %+v", r)
		}
		t.Logf("killed with %d of %d chunks done", r.ChunksDone, r.Chunks)

		p = startVigil(t, args...)
		waitFor(t, 4*time.Minute, "the re-vetting rescued and completed", func() bool {
			r := latestRun(t, p, admin, curSnap.Edition)
			if r != nil && r.Status == "failed" {
				t.Fatalf("run failed: %+v", r)
			}
			return r != nil && r.Status == "done" && jobsIdle(t, p, admin)
		})
		p.kill()
		// The alerts, read from the database.
		var dsn, dir string
		for i := 0; i+1 < len(db); i += 2 {
			switch db[i] {
			case "--db":
				dsn = db[i+1]
			case "--data-dir":
				dir = db[i+1]
			}
		}
		st, err := store.Open(t.Context(), dsn, dir)
		if err != nil {
			t.Fatal(err)
		}
		alerts, _, err := st.ListAlerts(t.Context(), store.AlertFilter{Limit: 1000})
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		by := map[string]int{}
		for _, a := range alerts {
			k := a.SubjectID + "|" + a.List + "/" + a.SourceID
			if seen[k] {
				t.Errorf("alert raised twice: %s", k)
			}
			seen[k] = true
			if len(a.Cause) > 0 {
				by[a.SubjectID]++
			}
		}
		for i, n := range added {
			if by[fmt.Sprintf("new-%d", i)] == 0 {
				t.Errorf("new-%d (%s) not alerted with a cause after the restart", i, n)
			}
		}
		if by["clean-1"] != 0 {
			t.Errorf("clean-1 alerted")
		}
		auditVerifies(t, db)
	})
}
