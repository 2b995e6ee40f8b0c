package httpapi_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/httpapi"
)

// A client that announces a body over the limit and waits for "100
// Continue" (curl does for large uploads) is answered 413 at once, with
// its JSON body, and is never told to send: before, the server asked for
// the body, read up to the limit and closed the connection while the
// client was still sending, and the reset destroyed the 413 (curl showed
// an empty answer).
func TestExpectContinueTooLarge(t *testing.T) {
	e := newSORon(t, "", httpapi.Config{MaxBody: 1000})
	u, err := url.Parse(e.ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	const size = 50_000_000
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(conn, "POST /v1/network/import?name=big.csv HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: text/csv\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", u.Host, e.keys["ann"], size)
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusContinue {
		// What curl does next: send the body, and read the answer.
		go func() {
			chunk := bytes.Repeat([]byte("a"), 64<<10)
			for sent := 0; sent < size; sent += len(chunk) {
				if _, err := conn.Write(chunk); err != nil {
					return
				}
			}
		}()
		final, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("the server asked for a body it cannot take (100 Continue), then the answer was lost: %v", err)
		}
		defer final.Body.Close()
		t.Fatalf("the server asked for a body over its limit (100 Continue) before answering %d", final.StatusCode)
	}
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("the 413's body was cut: %v (%q)", err, raw)
	}
	var body struct {
		Error struct{ Code, Message string }
	}
	if resp.StatusCode != http.StatusRequestEntityTooLarge || json.Unmarshal(raw, &body) != nil || body.Error.Code != "too_large" ||
		!strings.Contains(body.Error.Message, "larger than 1000 bytes (its Content-Length is 50000000)") {
		t.Fatalf("answer %d %q", resp.StatusCode, raw)
	}

	// The same with curl, when it is installed: the JSON body arrives.
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Log("curl not installed: the raw client above is the test")
		return
	}
	file := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(file, bytes.Repeat([]byte("a"), size), 0o600); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		out, err := exec.Command(curl, "-sS", "-H", "Authorization: Bearer "+e.keys["ann"], "-H", "Content-Type: text/csv",
			"-H", "Expect: 100-continue", "--data-binary", "@"+file, "-w", "\n%{http_code}", e.ts.URL+"/v1/network/import").CombinedOutput()
		if err != nil || !strings.Contains(string(out), `"code":"too_large"`) || !strings.HasSuffix(string(out), "\n413") {
			t.Fatalf("curl, try %d: %v\n%s", i+1, err, out)
		}
	}
}
