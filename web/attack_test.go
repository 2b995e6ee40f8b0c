package web_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// A batch file over the upload limit (10 MiB by default) is a 413 saying
// how large a file may be, not a 400 "unreadable upload: http: request
// body too large".
func TestBatchUploadTooLarge(t *testing.T) {
	s := newSite(t, "")
	c := s.client()
	c.signIn("ann", password)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", csrf(t, c.get("/screen")))
	fw, _ := mw.CreateFormFile("file", "people.csv")
	io.WriteString(fw, "id,name\n")
	line := "B-1,Jane Ordinary Person\n"
	io.WriteString(fw, strings.Repeat(line, (12<<20)/len(line)))
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/screen/batch", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(&http.Cookie{Name: "vigil_session", Value: c.cookies["vigil_session"]})
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(page), "larger than 10 MiB") {
		t.Fatalf("12 MiB upload: %d %s", resp.StatusCode, page)
	}
}

// A batch file sent in chunks (no length announced) and far over the
// upload limit is answered with the readable 413 page, even by a client
// that reads only once it has sent everything: before, the server cut
// the body at the limit and closed the connection while the client
// still sent, and the client saw a reset instead of the page.
func TestBatchUploadTooLargeChunked(t *testing.T) {
	dialects(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		c := s.client()
		c.signIn("ann", password)
		u, err := url.Parse(c.base)
		if err != nil {
			t.Fatal(err)
		}
		conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(60 * time.Second))
		const boundary = "vigilboundary"
		fmt.Fprintf(conn, "POST /screen/batch HTTP/1.1\r\nHost: %s\r\nCookie: vigil_session=%s\r\n"+
			"Content-Type: multipart/form-data; boundary=%s\r\nTransfer-Encoding: chunked\r\n\r\n", u.Host, c.cookies["vigil_session"], boundary)
		chunk := func(p string) error {
			_, err := fmt.Fprintf(conn, "%x\r\n%s\r\n", len(p), p)
			return err
		}
		head := fmt.Sprintf("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n--%s\r\n"+
			"Content-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\nid,name\r\n",
			boundary, csrf(t, c.get("/screen")), boundary)
		if err := chunk(head); err != nil {
			t.Fatal(err)
		}
		lines := strings.Repeat("B-1,Jane Ordinary Person\r\n", 2600) // about 64 KiB
		for sent := 0; sent < 40<<20; sent += len(lines) {
			if err := chunk(lines); err != nil {
				t.Fatalf("the upload was cut after %d bytes: %v", sent, err)
			}
		}
		if err := chunk("\r\n--" + boundary + "--\r\n"); err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(conn, "0\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("the answer was lost: %v", err)
		}
		page, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(page), "larger than 10 MiB") {
			t.Fatalf("40 MiB chunked upload: %d %v %.300s", resp.StatusCode, err, page)
		}
	})
}
