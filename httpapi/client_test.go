package httpapi_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
)

// served starts a real server through Serve on a loopback port (so that
// the connection-level answers are the product's own) and returns its
// address and its log.
func served(t *testing.T) (addr string, logs *syncBuffer) {
	t.Helper()
	logs = &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	svc := service.New(service.Config{Logger: log})
	svc.SetLists(&service.Lists{Engine: newFake(), Editions: []snapshot.Meta{{Source: "un_sc", Edition: "2026-02-27", Hash: "ab", Records: 1003}}})
	srv := httpapi.New(httpapi.Config{Service: svc, Logger: log})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String(), logs
}

// raw sends bytes on a fresh connection (closing its writing side when
// half is set, as a client that gives up does) and reads the answer.
func raw(t *testing.T, addr, req string, half bool) *http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		t.Fatal(err)
	}
	if half {
		c.(*net.TCPConn).CloseWrite()
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%q: no answer: %v", req, err)
	}
	return resp
}

// wantJSONError checks a 4xx JSON error naming field.
func wantJSONError(t *testing.T, what string, resp *http.Response, status int, field, says string) {
	t.Helper()
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var v struct {
		Error struct{ Code, Message, Field string }
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s: Content-Type %q, want application/json: %q", what, ct, body)
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Errorf("%s: %d, not JSON: %q", what, resp.StatusCode, body)
		return
	}
	if resp.StatusCode != status || v.Error.Field != field || !strings.Contains(v.Error.Message, says) {
		t.Errorf("%s = %d %+v, want %d naming %q and saying %q", what, resp.StatusCode, v.Error, status, field, says)
	}
}

// Every client mistake is a 4xx JSON error naming the field, and nothing
// is logged above INFO.
func TestClientMistakes(t *testing.T) {
	addr, logs := served(t)
	base := "http://" + addr
	post := func(path, body string) *http.Response {
		resp, err := http.Post(base+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	get := func(path string) *http.Response {
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}

	wantJSONError(t, "body cut short", raw(t, addr, "POST /v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"name\": \"Ay", true),
		400, "body", "cut short")
	wantJSONError(t, "//v1/lists", get("//v1/lists"), 400, "path", `"/v1/lists"`)
	wantJSONError(t, "/v1/lists/", get("/v1/lists/"), 400, "path", `"/v1/lists"`)
	wantJSONError(t, "/v1/./lists", raw(t, addr, "GET /v1/./lists HTTP/1.1\r\nHost: x\r\n\r\n", false), 400, "path", `"/v1/lists"`)
	wantJSONError(t, "control character in a header", raw(t, addr, "GET /v1/lists HTTP/1.1\r\nHost: x\r\nX-Note: a\x01b\r\n\r\n", false),
		400, "request", "control character in a header")
	wantJSONError(t, "malformed request line", raw(t, addr, "GET\x7f /v1/lists HTTP/1.1\r\nHost: x\r\n\r\n", false),
		400, "request", "malformed")
	wantJSONError(t, "headers too large", raw(t, addr, "GET /v1/lists HTTP/1.1\r\nHost: x\r\nX-Big: "+strings.Repeat("a", 2<<20)+"\r\n\r\n", false),
		431, "headers", "too large")
	wantJSONError(t, "limit 1.5", post("/v1/screen", `{"name": "Ayman al-Zawahiri", "limit": 1.5}`), 400, "limit", "want integer")
	wantJSONError(t, "duplicate key", post("/v1/screen", `{"name": "Ayman al-Zawahiri", "name": "Someone Else"}`), 400, "name", "twice")
	wantJSONError(t, "duplicate key in a batch", post("/v1/screen", `{"subjects": [{"name": "a b"}, {"name": "c", "name": "d"}]}`), 400, "subjects[1].name", "twice")
	wantJSONError(t, "repeated query parameter", get("/v1/alerts?status=open&status=closed"), 400, "status", "2 times")
	wantJSONError(t, "malformed query", get("/v1/lists?a=%zz"), 400, "query", "malformed")
	wantJSONError(t, "a name with no letters", post("/v1/screen", `{"name": "!!!"}`), 400, "name", "no letter")
	wantJSONError(t, "a last name with no letters", post("/v1/screen", `{"first_name": "Ayman", "last_name": "123 ..."}`), 400, "last_name", "no letter")
	wantJSONError(t, "compare, duplicate key", post("/v1/compare", `{"a": {"name": "x y"}, "a": {"name": "x z"}, "b": {"name": "x"}}`), 400, "a", "twice")

	// The server still answers, and logged nothing above INFO.
	if resp := get("/v1/lists"); resp.StatusCode != 200 {
		t.Fatalf("/v1/lists after the mistakes = %d", resp.StatusCode)
	}
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, "level=ERROR") || strings.Contains(line, "level=WARN") && !strings.Contains(line, "no authenticator") {
			t.Errorf("logged above INFO: %s", line)
		}
	}
}
