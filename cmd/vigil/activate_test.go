package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// "vigil keys create" for a reviewer prints a one-time activation, which
// "vigil keys activate" exchanges, once, for the reviewer's key; another
// activation is refused while that key works.
func TestKeysActivate(t *testing.T) {
	dir := t.TempDir()
	run := func(stdin string, args ...string) (string, string, error) {
		var out, errb bytes.Buffer
		err := runIO(context.Background(), append([]string{"vigil", "--data-dir", dir}, args...), strings.NewReader(stdin), &out, &errb)
		return strings.TrimSpace(out.String()), errb.String(), err
	}
	if _, stderr, err := run("", "users", "add", "rev", "--role", "analyst"); err != nil {
		t.Fatalf("users add: %v\n%s", err, stderr)
	}
	act, stderr, err := run("", "keys", "create", "--user", "rev")
	if err != nil || !strings.HasPrefix(act, "vga_") || !strings.Contains(stderr, "one-time activation") {
		t.Fatalf("keys create for a reviewer = %q, %v\n%s", act, err, stderr)
	}
	key, stderr, err := run(act+"\n", "keys", "activate")
	if err != nil || !strings.HasPrefix(key, "vgl_") {
		t.Fatalf("keys activate = %q, %v\n%s", key, err, stderr)
	}
	if _, _, err := run(act+"\n", "keys", "activate"); err == nil || !strings.Contains(err.Error(), "used") {
		t.Fatalf("a second exchange = %v, want refused", err)
	}
	if _, _, err := run("", "keys", "create", "--user", "rev"); err == nil || !strings.Contains(err.Error(), "working API key") {
		t.Fatalf("another key for rev = %v, want refused", err)
	}
	list, _, err := run("", "keys", "list")
	if err != nil || !strings.Contains(list, "activation used or voided") {
		t.Fatalf("keys list = %v\n%s", err, list)
	}
	if _, _, err := run("", "users", "add", "system", "--role", "admin"); err == nil || !strings.Contains(err.Error(), "reserved") {
		t.Fatalf("users add system = %v, want refused", err)
	}
}
