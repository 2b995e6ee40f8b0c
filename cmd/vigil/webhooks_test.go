package main

import (
	"regexp"
	"strings"
	"testing"
)

// The webhook commands: add prints the secret once, list never shows it,
// disable and enable change the state, test queues a delivery that
// deliveries lists; a bad address or event is refused naming it.
func TestWebhooksCommand(t *testing.T) {
	data := t.TempDir()
	vigil := func(args ...string) (string, string, error) {
		return runVigil(t, append([]string{"--data-dir", data, "webhooks"}, args...)...)
	}
	secret, _, err := vigil("add", "https://hooks.example/vigil", "--event", "alert.created")
	if err != nil || !regexp.MustCompile(`^whsec_[0-9a-f]{64}\n$`).MatchString(secret) {
		t.Fatalf("webhooks add = %q, %v", secret, err)
	}
	out, _, err := vigil("list")
	if err != nil || !strings.Contains(out, "https://hooks.example/vigil") || !strings.Contains(out, "alert.created") ||
		!strings.Contains(out, "enabled") || strings.Contains(out, "whsec_") {
		t.Fatalf("webhooks list = %v:\n%s", err, out)
	}
	if _, _, err := vigil("disable", "1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := vigil("test", "1"); err == nil || !strings.Contains(err.Error(), "disabled") {
		t.Errorf("test of a disabled webhook = %v", err)
	}
	if out, _, _ := vigil("list"); !strings.Contains(out, "disabled: disabled by cli:") {
		t.Errorf("webhooks list after disable:\n%s", out)
	}
	if _, _, err := vigil("enable", "1"); err != nil {
		t.Fatal(err)
	}
	out, _, err = vigil("test", "1")
	if err != nil || !strings.HasPrefix(out, "queued delivery dlv_") {
		t.Fatalf("webhooks test = %q, %v", out, err)
	}
	if out, _, err := vigil("deliveries", "1"); err != nil || !strings.Contains(out, "webhook.test") || !strings.Contains(out, "pending") {
		t.Errorf("webhooks deliveries = %v:\n%s", err, out)
	}
	for _, bad := range [][]string{
		{"add", "ftp://hooks.example/x"}, {"add", "https://user:pw@hooks.example/x"}, {"add", "https://hooks.example/x", "--event", "alert.deleted"},
		{"disable", "x"}, {"enable", "99"},
	} {
		if _, _, err := vigil(bad...); err == nil {
			t.Errorf("webhooks %v succeeded", bad)
		}
	}
}
