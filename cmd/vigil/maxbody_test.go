package main

import (
	"fmt"
	"strings"
	"testing"
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
