package httpapi_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/httpapi"
)

// serveOn serves e's server the way `vigil serve` does (Serve, with its
// listener and timeouts) on a port of 127.0.0.1 and returns its address.
func serveOn(t *testing.T, e *sor) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// tooLargeCase is one request whose body is over the limit.
type tooLargeCase struct {
	name, path, contentType string
	chunked                 bool // else Content-Length
	expect                  bool // Expect: 100-continue (the body sent once told to)
}

// A body over the limit is answered with a readable 413 problem
// document naming the limit, whether the client announced its length or
// sent it in chunks, and whether it reads the answer while it sends or
// only once it has sent everything (as most simple clients do). Before,
// a chunked body was cut at the limit and the connection closed while
// the client still sent: its writes failed with a reset, and the 413
// was lost.
func TestTooLargeReadable(t *testing.T) {
	const limit = 1000
	const size = 32 << 20
	cases := []tooLargeCase{
		{"screen chunked", "/v1/screen", "application/json", true, false},
		{"screen chunked expect", "/v1/screen", "application/json", true, true},
		{"screen announced", "/v1/screen", "application/json", false, false},
		{"batch chunked", "/v1/subjects/batch", "application/json", true, false},
		{"network import chunked", "/v1/network/import?name=big.csv", "text/csv", true, false},
		{"network import chunked expect", "/v1/network/import?name=big.csv", "text/csv", true, true},
		{"network import announced", "/v1/network/import?name=big.csv", "text/csv", false, false},
		{"yente match chunked", "/match/default", "application/json", true, false},
	}
	eachStore(t, httpapi.Config{MaxBody: limit}, func(t *testing.T, e *sor) {
		addr := serveOn(t, e)
		for _, c := range cases {
			for _, duplex := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s duplex=%v", c.name, duplex), func(t *testing.T) {
					status, raw, err := sendBig(addr, e.keys["ann"], c, size, duplex)
					if err != nil {
						t.Fatalf("the answer was lost: %v (got %d %q)", err, status, raw)
					}
					var body struct {
						Error struct{ Code, Message string }
					}
					if status != http.StatusRequestEntityTooLarge || json.Unmarshal(raw, &body) != nil || body.Error.Code != "too_large" ||
						!strings.Contains(body.Error.Message, fmt.Sprintf("larger than %d bytes", limit)) {
						t.Fatalf("answer %d %q", status, raw)
					}
				})
			}
		}
		// The server still answers after all that.
		if code, raw := e.send(t, "ann", "POST", "/v1/screen", `{"name": "`+zawahiri+`"}`); code != 200 {
			t.Fatalf("a request after the refused ones: %d %s", code, raw)
		}
	})
}

// sendBig sends c with a body of size bytes over a raw TCP connection
// and returns the answer's status and body. With duplex the answer is
// read while the body is sent; else once the whole body is sent.
func sendBig(addr, key string, c tooLargeCase, size int, duplex bool) (int, []byte, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return 0, nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(60 * time.Second))
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: %s\r\n", c.path, addr, key, c.contentType)
	if c.chunked {
		head += "Transfer-Encoding: chunked\r\n\r\n"
	} else {
		head += fmt.Sprintf("Content-Length: %d\r\n\r\n", size)
	}
	if c.expect {
		head = strings.TrimSuffix(head, "\r\n") + "Expect: 100-continue\r\n\r\n"
	}
	br := bufio.NewReader(conn)
	piece := bytes.Repeat([]byte("a"), 64<<10)
	send := func() error {
		if _, err := io.WriteString(conn, head); err != nil {
			return fmt.Errorf("send headers: %w", err)
		}
		if c.expect {
			// What curl does: wait for "100 Continue" before sending.
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				return fmt.Errorf("read the interim answer: %w", err)
			}
			if resp.StatusCode != http.StatusContinue {
				return errEarly{resp}
			}
		}
		for sent := 0; sent < size; sent += len(piece) {
			var err error
			if c.chunked {
				_, err = fmt.Fprintf(conn, "%x\r\n%s\r\n", len(piece), piece)
			} else {
				_, err = conn.Write(piece)
			}
			if err != nil {
				return fmt.Errorf("send the body (%d of %d bytes sent): %w", sent, size, err)
			}
		}
		if c.chunked {
			if _, err := io.WriteString(conn, "0\r\n\r\n"); err != nil {
				return fmt.Errorf("send the last chunk: %w", err)
			}
		}
		return nil
	}
	sendErr := make(chan error, 1)
	var resp *http.Response
	if duplex && !c.expect {
		go func() { sendErr <- send() }()
	} else {
		duplex = false
		err := send()
		if early, ok := err.(errEarly); ok {
			resp, err = early.resp, nil
		}
		if err != nil {
			return 0, nil, err
		}
	}
	if resp == nil {
		if resp, err = http.ReadResponse(br, nil); err != nil {
			return 0, nil, fmt.Errorf("read the answer: %w", err)
		}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, raw, fmt.Errorf("read the answer's body: %w", err)
	}
	if duplex {
		if err := <-sendErr; err != nil {
			return resp.StatusCode, raw, err
		}
	}
	return resp.StatusCode, raw, nil
}

// errEarly is the final answer given instead of "100 Continue".
type errEarly struct{ resp *http.Response }

func (e errEarly) Error() string { return "answered before the body was sent: " + e.resp.Status }

// A body announced over the limit by a caller without a valid key is
// refused at once, without reading any of it: before, the server read
// and threw away up to bodylimit.MaxDrain bytes for up to DrainTime for
// anyone, so an anonymous client could hold a connection for ten
// seconds by announcing a large body and sending nothing.
func TestTooLargeAnonymousNotDrained(t *testing.T) {
	eachStore(t, httpapi.Config{MaxBody: 1000}, func(t *testing.T, e *sor) {
		addr := serveOn(t, e)
		for _, key := range []string{"", "vgl_0000_not-a-key"} {
			conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			head := fmt.Sprintf("POST /v1/screen HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n", addr, 32<<20)
			if key != "" {
				head += "Authorization: Bearer " + key + "\r\n"
			}
			if _, err := io.WriteString(conn, head+"\r\n"); err != nil {
				t.Fatal(err)
			}
			// No body is sent: a server that drains waits for it.
			conn.SetReadDeadline(time.Now().Add(3 * time.Second))
			start := time.Now()
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("key %q: no answer within 3 s (the server waited for the body): %v", key, err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized || !resp.Close {
				t.Errorf("key %q: answer %d (close %v) after %v, want 401 and the connection closed", key, resp.StatusCode, resp.Close, time.Since(start))
			}
		}
	})
}

// A refused caller's oversized body spends the rate limit like any
// failed attempt: before, announcing a body over the limit skipped the
// limiter, so key guesses sent that way were answered 401 without end.
func TestTooLargeAnonymousRateLimited(t *testing.T) {
	e := newSOR(t, httpapi.Config{MaxBody: 1000, RateLimit: httpapi.RateLimit{PerSecond: 0.01, Burst: 3}})
	samID := strings.SplitN(e.keys["sam"], "_", 3)[1]
	forged := "vgl_" + samID + "_" + strings.Repeat("0", 64)
	for i := range 4 {
		req, _ := http.NewRequest("POST", e.ts.URL+"/v1/screen", bytes.NewReader(make([]byte, 2000)))
		req.Header.Set("Authorization", "Bearer "+forged)
		req.Header.Set("Content-Type", "application/json")
		resp, err := e.ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := http.StatusUnauthorized
		if i == 3 {
			want = http.StatusTooManyRequests
		}
		if resp.StatusCode != want {
			t.Fatalf("forged key, oversized body %d: %d, want %d", i, resp.StatusCode, want)
		}
	}
}

// A public route (no key needed) does not drain a body over the limit
// either, announced or sent in chunks: anyone may call it, so anyone
// could otherwise hold a connection for the drain's bounds.
func TestTooLargePublicNotDrained(t *testing.T) {
	e := newSOR(t, httpapi.Config{MaxBody: 1000})
	addr := serveOn(t, e)
	for _, chunked := range []bool{false, true} {
		conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		head := fmt.Sprintf("POST /v1/keys/activate HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n", addr)
		if chunked {
			// One chunk over the limit, then nothing.
			head += fmt.Sprintf("Transfer-Encoding: chunked\r\n\r\n%x\r\n{\"token\": \"%s\r\n", 2000, strings.Repeat("x", 2000-11))
		} else {
			head += fmt.Sprintf("Content-Length: %d\r\n\r\n", 32<<20)
		}
		if _, err := io.WriteString(conn, head); err != nil {
			t.Fatal(err)
		}
		conn.SetReadDeadline(time.Now().Add(3 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("chunked %v: no answer within 3 s (the server waited for the body): %v", chunked, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !resp.Close {
			t.Errorf("chunked %v: answer %d (close %v), want 413 and the connection closed", chunked, resp.StatusCode, resp.Close)
		}
	}
}
