package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// --max-body bounds what the API reads: a body over it is 413, one under
// it is screened.
func TestServe_MaxBody(t *testing.T) {
	t.Parallel()
	p := startVigil(t, "--data-dir", t.TempDir(), "serve", "--addr", "127.0.0.1:0", "--lists", unListsDir(t), "--max-body", "400")
	defer p.kill()
	sam := p.newUser(t, p.adminKey(), "sam", "screener")
	small := `{"name": "Ayman al-Zawahiri"}`
	if code, raw, err := p.try(sam, "POST", "/v1/screen", small); err != nil || code != 200 {
		t.Fatalf("a small body: %d %v %s", code, err, raw)
	}
	big := fmt.Sprintf(`{"name": "Ayman al-Zawahiri", "notes": %q}`, strings.Repeat("x", 500))
	if code, raw, err := p.try(sam, "POST", "/v1/screen", big); err != nil || code != 413 || !strings.Contains(string(raw), "too_large") {
		t.Fatalf("a body over --max-body: %d %v %s", code, err, raw)
	}
}

// --max-body holds with --open too (it was ignored there: 1 MiB), for a
// body sent in chunks as for one announced: a readable 413 naming it.
func TestServeOpen_MaxBody(t *testing.T) {
	base, stop := startServe(t, "serve", "--open", "--lists", unListsDir(t), "--addr", "127.0.0.1:0", "--max-body", "400")
	defer stop()
	for deadline := time.Now().Add(30 * time.Second); getJSON(t, "GET", base+"/readyz", "", nil) != 200; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("never ready")
		}
	}
	big := fmt.Sprintf(`{"name": "Ayman al-Zawahiri", "notes": %q}`, strings.Repeat("x", 500))
	for _, chunked := range []bool{false, true} {
		var body io.Reader = strings.NewReader(big)
		if chunked {
			body = io.MultiReader(strings.NewReader(big)) // no length known: sent in chunks
		}
		resp, err := http.Post(base+"/v1/screen", "application/json", body)
		if err != nil {
			t.Fatalf("chunked %v: %v", chunked, err)
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 413 || !strings.Contains(string(raw), "larger than 400 bytes") {
			t.Fatalf("chunked %v: %d %v %s", chunked, resp.StatusCode, err, raw)
		}
	}
}
