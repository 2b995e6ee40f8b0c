package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// listServer serves a fake publisher on 127.0.0.1: /list.csv with an ETag
// and Last-Modified honouring conditional requests, and misbehaving paths.
type listServer struct {
	body     string
	etag     string
	requests atomic.Int32
}

const lastModified = "Fri, 03 May 2024 14:00:00 GMT"

func (s *listServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	switch r.URL.Path {
	case "/list.csv", "/other.csv":
		if r.Header.Get("If-None-Match") == s.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", s.etag)
		w.Header().Set("Last-Modified", lastModified)
		w.Write([]byte(s.body))
	case "/big.csv":
		w.Write([]byte(strings.Repeat("x", 2048)))
	case "/big-chunked.csv":
		// No Content-Length: the limit must stop the body itself.
		for range 4 {
			w.Write([]byte(strings.Repeat("x", 512)))
			w.(http.Flusher).Flush()
		}
	case "/slow.csv":
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	case "/error.csv":
		http.Error(w, "boom", http.StatusInternalServerError)
	case "/truncated.csv":
		// Promise 1000 bytes, send 10, then drop the connection.
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte("0123456789"))
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	default:
		http.NotFound(w, r)
	}
}

func newTestFetcher() *Fetcher {
	f := NewFetcher(300 * time.Millisecond)
	f.MaxSize = 1024
	return f
}

func testSource(base string, files ...string) Source {
	src := Source{Name: "test_list"}
	for _, f := range files {
		src.Downloads = append(src.Downloads, Download{URL: base + "/" + f, File: f})
	}
	return src
}

func TestFetch_OKThenNotModified(t *testing.T) {
	ls := &listServer{body: "id,name\n1,Someone\n", etag: `"v1"`}
	srv := httptest.NewServer(ls)
	defer srv.Close()
	dir := t.TempDir()
	f := newTestFetcher()
	src := testSource(srv.URL, "list.csv")

	m, err := f.Fetch(context.Background(), dir, src)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(ls.body))
	got := m.Files[0]
	if got.Unchanged || got.SHA256 != hex.EncodeToString(sum[:]) || got.Size != int64(len(ls.body)) ||
		got.ETag != `"v1"` || got.LastModified != lastModified || got.URL != srv.URL+"/list.csv" {
		t.Fatalf("manifest entry = %+v", got)
	}
	b, err := os.ReadFile(filepath.Join(dir, "list.csv"))
	if err != nil || string(b) != ls.body {
		t.Fatalf("file = %q, %v", b, err)
	}
	info, _ := os.Stat(filepath.Join(dir, "list.csv"))
	if want, _ := http.ParseTime(lastModified); !info.ModTime().Equal(want) {
		t.Errorf("file time = %v, want Last-Modified %v", info.ModTime(), want)
	}
	saved := readManifest(dir)
	if len(saved.Files) != 1 || saved.Files[0].SHA256 != got.SHA256 {
		t.Fatalf("manifest on disk = %+v", saved)
	}

	// Second fetch: the server answers 304 and the file stays as it was.
	m, err = f.Fetch(context.Background(), dir, src)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Files[0].Unchanged || m.Files[0].SHA256 != got.SHA256 {
		t.Fatalf("second fetch = %+v, want unchanged", m.Files[0])
	}

	// A new version on the server is downloaded again.
	ls.body, ls.etag = "id,name\n1,Someone\n2,Else\n", `"v2"`
	m, err = f.Fetch(context.Background(), dir, src)
	if err != nil {
		t.Fatal(err)
	}
	if m.Files[0].Unchanged || m.Files[0].Size != int64(len(ls.body)) {
		t.Fatalf("third fetch = %+v, want a fresh download", m.Files[0])
	}
	if n := ls.requests.Load(); n != 3 {
		t.Errorf("server saw %d requests, want 3", n)
	}
}

func TestFetch_Failures(t *testing.T) {
	srv := httptest.NewServer(&listServer{body: "new content\n", etag: `"v1"`})
	defer srv.Close()
	tests := []struct {
		name, file, wantErr string
	}{
		{"oversize", "big.csv", "file of 2048 bytes is over the limit of 1024 bytes"},
		{"oversize without length", "big-chunked.csv", "file is over the limit of 1024 bytes"},
		{"timeout", "slow.csv", "Client.Timeout exceeded"},
		{"server error", "error.csv", "500 Internal Server Error"},
		{"truncated body", "truncated.csv", "body cut off after 10 bytes"},
		{"not found", "missing.csv", "404 Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			old := filepath.Join(dir, "other.csv")
			if err := os.WriteFile(old, []byte("old content\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			// other.csv downloads fine, then the bad file fails: nothing
			// may be installed, and no temporary file may stay behind.
			_, err := newTestFetcher().Fetch(context.Background(), dir, testSource(srv.URL, "other.csv", tt.file))
			checkErr(t, err, tt.wantErr)
			if !strings.Contains(err.Error(), tt.file) {
				t.Errorf("error %q does not name %s", err, tt.file)
			}
			if b, _ := os.ReadFile(old); string(b) != "old content\n" {
				t.Errorf("other.csv = %q, want the old content kept", b)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("folder holds %d entries, want only other.csv", len(entries))
			}
		})
	}
}

func TestFetch_Cancelled(t *testing.T) {
	srv := httptest.NewServer(&listServer{})
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newTestFetcher().Fetch(ctx, t.TempDir(), testSource(srv.URL, "list.csv"))
	checkErr(t, err, "context canceled")
}

// A file deleted since the last fetch is fetched again without
// conditions, though the manifest still has its ETag.
func TestFetch_DeletedFileRefetched(t *testing.T) {
	ls := &listServer{body: "id,name\n1,Someone\n", etag: `"v1"`}
	srv := httptest.NewServer(ls)
	defer srv.Close()
	dir := t.TempDir()
	f := newTestFetcher()
	src := testSource(srv.URL, "list.csv")
	if _, err := f.Fetch(context.Background(), dir, src); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "list.csv")); err != nil {
		t.Fatal(err)
	}
	m, err := f.Fetch(context.Background(), dir, src)
	if err != nil {
		t.Fatal(err)
	}
	if m.Files[0].Unchanged {
		t.Fatal("deleted file reported unchanged")
	}
	if b, err := os.ReadFile(filepath.Join(dir, "list.csv")); err != nil || string(b) != ls.body {
		t.Fatalf("file = %q, %v", b, err)
	}
}
