package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
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
