package source

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A source with auth sends the token from its environment variable with
// yente's and OpenSanctions' "ApiKey" scheme; without the variable
// nothing is requested; a wrong token fails with the server's status and
// leaves no file.
func TestFetch_Token(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.Header.Get("Authorization") != "ApiKey s3cret" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		w.Write([]byte(`{"id": "p1", "schema": "Person", "properties": {"name": ["Ann Smith"]}}` + "\n"))
	}))
	defer srv.Close()
	src := Source{Name: "os_test", Format: "ftm", Auth: &Auth{TokenEnv: "VIGIL_TEST_FTM_TOKEN", Scheme: "ApiKey"},
		Downloads: []Download{{URL: srv.URL + "/entities.ftm.json", File: "entities.ftm.json"}}}
	f := NewFetcher(5 * time.Second)

	t.Setenv("VIGIL_TEST_FTM_TOKEN", "")
	dir := t.TempDir()
	if _, err := f.Fetch(context.Background(), dir, src); err == nil || !strings.Contains(err.Error(), "$VIGIL_TEST_FTM_TOKEN") {
		t.Errorf("without the token: %v", err)
	}
	if requests.Load() != 0 {
		t.Errorf("%d requests made without a token", requests.Load())
	}

	t.Setenv("VIGIL_TEST_FTM_TOKEN", "wrong")
	if _, err := f.Fetch(context.Background(), dir, src); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("wrong token: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "entities.ftm.json")); !os.IsNotExist(err) {
		t.Errorf("a file was left after a refused download: %v", err)
	}

	t.Setenv("VIGIL_TEST_FTM_TOKEN", "s3cret")
	m, err := f.Fetch(context.Background(), dir, src)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status() != 200 {
		t.Errorf("status %d", m.Status())
	}
	raw, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil || strings.Contains(string(raw), "s3cret") {
		t.Errorf("manifest %s (%v) must not hold the token", raw, err)
	}
}

func TestReadSources_Auth(t *testing.T) {
	for body, want := range map[string]string{
		`[{"name": "os_x", "format": "ftm", "downloads": [{"url": "https://example.org/a.json", "file": "a.json"}], "auth": {"token_env": "X-Y"}}]`:                     "token_env",
		`[{"name": "os_x", "format": "ftm", "downloads": [{"url": "https://example.org/a.json", "file": "a.json"}], "auth": {"token_env": "TOK", "scheme": "Basic"}}]`:  "scheme",
		`[{"name": "os_x", "format": "ftm", "downloads": [{"url": "https://example.org/a.json", "file": "a.json"}], "auth": {"token_env": "TOK", "scheme": "ApiKey"}}]`: "",
	} {
		path := filepath.Join(t.TempDir(), "sources.json")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadSources(path)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: %v, want %q", body, err, want)
		}
	}
}
