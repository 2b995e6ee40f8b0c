package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/testdata"
)

// A rejected file whose source keeps an earlier edition does not stop
// "vigil serve --lists": the server starts degraded, screens against the
// edition in force, and says which source, which file and why in /readyz
// and GET /v1/lists.
func TestServeCommand_Degraded(t *testing.T) {
	data := t.TempDir()
	if _, stderr, err := runVigil(t, "--data-dir", data, "lists", "import", unListsDir(t)); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	full, err := os.ReadFile(testdata.Path(t, "lists", "current", "un-2026-02", "consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "consolidated.xml"), full[:len(full)*6/10], 0o644); err != nil {
		t.Fatal(err)
	}
	base, stop, log := startServeLog(t, "--data-dir", data, "serve", "--lists", bad, "--addr", "127.0.0.1:0")
	defer stop()
	var ready struct {
		Status   string `json:"status"`
		Degraded []struct {
			Source, File, Reason string
			InForce              string `json:"edition_in_force"`
		} `json:"degraded"`
	}
	code := 0
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline) && code != 200; time.Sleep(50 * time.Millisecond) {
		code = getJSON(t, "GET", base+"/readyz", "", &ready)
	}
	if code != 200 || ready.Status != "degraded" || len(ready.Degraded) != 1 {
		t.Fatalf("/readyz = %d %+v, want 200 degraded\n%s", code, ready, log.String())
	}
	d := ready.Degraded[0]
	if d.Source != "un_sc" || !strings.HasSuffix(d.File, "consolidated.xml") || d.Reason == "" || d.InForce == "" {
		t.Errorf("degraded = %+v, want un_sc, the file, why, and the edition in force", d)
	}
	key := keyRE.FindString(log.String())
	req, _ := http.NewRequest("GET", base+"/v1/lists", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var lists struct {
		Lists    []struct{ Source, Edition string }      `json:"lists"`
		Degraded []struct{ Source, File, Reason string } `json:"degraded"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&lists); err != nil || resp.StatusCode != 200 {
		t.Fatalf("/v1/lists = %d %v", resp.StatusCode, err)
	}
	if len(lists.Lists) != 1 || lists.Lists[0].Edition != d.InForce || len(lists.Degraded) != 1 || lists.Degraded[0].File != d.File {
		t.Errorf("/v1/lists = %+v, want the edition in force and the degraded source", lists)
	}
	if !strings.Contains(log.String(), "serving degraded") {
		t.Errorf("the log does not say it serves degraded:\n%s", log.String())
	}
}
