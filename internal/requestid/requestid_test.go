package requestid

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
)

func TestValid(t *testing.T) {
	for _, ok := range []string{"a", "0f5c2b1e-7d7a-4c39-9f0e-2d5b4d3c1a00", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "abc+/=", strings.Repeat("x", MaxLen)} {
		if !Valid(ok) {
			t.Errorf("Valid(%q) = false", ok)
		}
	}
	for _, bad := range []string{"", strings.Repeat("x", MaxLen+1), "a b", "a\nb", "a\"b", "é", "a\x00", "<script>", "a;b", "a,b"} {
		if Valid(bad) {
			t.Errorf("Valid(%q) = true", bad)
		}
	}
}

func TestNew(t *testing.T) {
	a, b := New(), New()
	if a == b || len(a) != 32 || !Valid(a) {
		t.Fatalf("New() = %q, %q", a, b)
	}
}

func TestHandlerAddsTheRequestID(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(NewHandler(slog.NewJSONHandler(&buf, nil))).With("component", "test").WithGroup("g")
	ctx := With(context.Background(), "req-1")
	log.InfoContext(ctx, "with", "k", 1)
	log.Info("without")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("lines: %q", lines)
	}
	var first, second map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	g, _ := first["g"].(map[string]any)
	if g[Key] != "req-1" || first["component"] != "test" {
		t.Errorf("first line = %v", first)
	}
	if strings.Contains(lines[1], Key) {
		t.Errorf("a line without a request id got one: %s", lines[1])
	}
}
