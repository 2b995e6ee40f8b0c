package httpapi_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/service"
)

// Each API key has its own bucket: over it, 429 with Retry-After and a
// JSON error; other keys and the public routes go on; requests with a
// wrong key count against the client's address, not the key they name.
func TestRateLimitPerKey(t *testing.T) {
	// One request every 100 s after a burst of 3: nothing refills during the test.
	e := newSOR(t, httpapi.Config{RateLimit: httpapi.RateLimit{PerSecond: 0.01, Burst: 3}})
	samID := strings.SplitN(e.keys["sam"], "_", 3)[1]
	forged := "vgl_" + samID + "_" + strings.Repeat("0", 64)
	for i := range 3 {
		req, _ := http.NewRequest("GET", e.ts.URL+"/v1/lists", nil)
		req.Header.Set("Authorization", "Bearer "+forged)
		resp, err := e.ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Fatalf("forged key %d: %d, want 401", i, resp.StatusCode)
		}
	}
	for range 3 {
		e.call(t, 200, "sam", "GET", "/v1/lists", "", nil)
	}
	req, _ := http.NewRequest("GET", e.ts.URL+"/v1/lists", nil)
	req.Header.Set("Authorization", "Bearer "+e.keys["sam"])
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Error struct{ Code, Message string }
	}
	json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "100" || body.Error.Code != "rate_limited" {
		t.Fatalf("4th request: %d Retry-After %q %+v, want 429, 100, rate_limited", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if resp.Header.Get("X-Request-Id") == "" {
		t.Errorf("a 429 without X-Request-Id")
	}
	e.call(t, 200, "ann", "GET", "/v1/lists", "", nil) // another key
	for range 5 {
		e.call(t, 200, "", "GET", "/healthz", "", nil) // public: never limited
	}
	// The address that sent the forged keys has spent its bucket.
	code, _ := e.send(t, "", "GET", "/v1/lists", "", "Authorization", "Bearer "+forged)
	if code != 429 {
		t.Errorf("4th forged request: %d, want 429", code)
	}
}

// CORS: the allowed origin gets its headers and preflight answers; any
// other origin none; a server without CORS sends none.
func TestCORS(t *testing.T) {
	_, ts := newServer(t, httpapi.Config{CORS: httpapi.CORS{Origins: []string{"https://a.example"}}}, newFake())
	pre := func(origin string) *http.Response {
		req, _ := http.NewRequest("OPTIONS", ts.URL+"/v1/screen", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	resp := pre("https://a.example")
	h := resp.Header
	if resp.StatusCode != 204 || h.Get("Access-Control-Allow-Origin") != "https://a.example" || h.Get("Access-Control-Allow-Methods") != "POST" ||
		!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") || h.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("preflight from the allowed origin: %d %v", resp.StatusCode, h)
	}
	if resp := pre("https://evil.example"); resp.Header.Get("Access-Control-Allow-Origin") != "" || resp.Header.Get("Access-Control-Allow-Methods") != "" {
		t.Errorf("preflight from another origin got CORS headers: %v", resp.Header)
	}
	req, _ := http.NewRequest("POST", ts.URL+"/v1/screen", strings.NewReader(`{"name": "Ayman al-Zawahiri"}`))
	req.Header.Set("Origin", "https://a.example")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "https://a.example" ||
		!strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "X-Request-Id") || !strings.Contains(resp.Header.Get("Vary"), "Origin") {
		t.Errorf("request from the allowed origin: %d %v", resp.StatusCode, resp.Header)
	}

	_, plain := newServer(t, httpapi.Config{}, newFake())
	req, _ = http.NewRequest("GET", plain.URL+"/healthz", nil)
	req.Header.Set("Origin", "https://a.example")
	resp, err = plain.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("a server without CORS sent %v", resp.Header)
	}
}

// A client that sends half its headers and stalls is cut off by the
// header timeout instead of holding a connection forever.
func TestSlowClientCutOff(t *testing.T) {
	svc := service.New(service.Config{Logger: quietLogger()})
	srv := httpapi.New(httpapi.Config{Service: svc, Logger: quietLogger(), Timeouts: httpapi.Timeouts{ReadHeader: 300 * time.Millisecond}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET /healthz HTTP/1.1\r\nHost: x\r\n")); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second)) // well beyond 300 ms, well short of the 10 s default
	_, err = bufio.NewReader(conn).ReadString('\n')
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("the server kept a stalled client's connection open")
	}
}
