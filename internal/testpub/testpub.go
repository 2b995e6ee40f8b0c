// Package testpub is a list publisher for tests: an HTTP handler serving
// real list files as the publishers do (Last-Modified, an ETag, 304 Not
// Modified for conditional requests), which can also send a body cut
// short or stall in the middle of one until told to go on.
package testpub

import (
	"bytes"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"
)

// Server serves files by path: Serve sets the file at a path.
type Server struct {
	mu       sync.Mutex
	files    map[string]file
	requests map[string]int
	stalled  chan struct{} // closed when a stalled request has sent half
	release  chan struct{} // closed to let stalled requests finish
}

type file struct {
	path     string
	modified time.Time
	mode     mode
}

type mode int

const (
	whole mode = iota
	cut        // announce the whole length, send half, close
	stall      // send half, wait for Release, send the rest
	fail       // answer 503
)

// New returns a server with no files.
func New() *Server {
	return &Server{files: map[string]file{}, requests: map[string]int{}}
}

// Serve serves the file at path (say "/un.xml"), last modified at
// modified.
func (s *Server) Serve(urlPath, file string, modified time.Time) {
	s.set(urlPath, file, modified, whole)
}

// CutShort serves the file at path announcing its whole length but
// sending only half of it.
func (s *Server) CutShort(urlPath, file string) { s.set(urlPath, file, time.Now(), cut) }

// Fail answers 503 at path.
func (s *Server) Fail(urlPath string) { s.set(urlPath, "", time.Now(), fail) }

// Stall serves the file at path in two halves, waiting between them
// until Release; Stalled is closed once a request has sent the first
// half.
func (s *Server) Stall(urlPath, file string) {
	s.mu.Lock()
	s.stalled, s.release = make(chan struct{}), make(chan struct{})
	s.mu.Unlock()
	s.set(urlPath, file, time.Now(), stall)
}

// Stalled is closed when a stalled request has sent its first half.
func (s *Server) Stalled() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stalled
}

// Release lets stalled requests finish.
func (s *Server) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.release != nil {
		close(s.release)
		s.release = nil
	}
}

// Requests returns how many requests path got.
func (s *Server) Requests(urlPath string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[urlPath]
}

func (s *Server) set(urlPath, path string, modified time.Time, m mode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[urlPath] = file{path: path, modified: modified.UTC().Truncate(time.Second), mode: m}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.files[r.URL.Path]
	s.requests[r.URL.Path]++
	stalled, release := s.stalled, s.release
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	if f.mode == fail {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	b, err := os.ReadFile(f.path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	switch f.mode {
	case cut:
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(http.StatusOK)
		w.Write(b[:len(b)/2])
		return // the connection closes with the body short
	case stall:
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(http.StatusOK)
		w.Write(b[:len(b)/2])
		w.(http.Flusher).Flush()
		s.mu.Lock()
		select {
		case <-stalled:
		default:
			close(stalled)
		}
		s.mu.Unlock()
		select {
		case <-release:
			w.Write(b[len(b)/2:])
		case <-r.Context().Done():
		}
		return
	}
	w.Header().Set("ETag", `"`+strconv.FormatInt(f.modified.Unix(), 36)+"-"+strconv.Itoa(len(b))+`"`)
	http.ServeContent(w, r, "", f.modified, bytes.NewReader(b))
}
