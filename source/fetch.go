package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/vigil-screening/vigil/reader"
)

// ManifestName is the file, in each source's download folder, recording
// what was fetched. It is hidden so that Scan skips it.
const ManifestName = ".manifest.json"

// userAgent identifies Vigil to the publishers' servers.
const userAgent = "vigil-screening (+https://github.com/vigil-screening/vigil)"

// Fetcher downloads the official files of sources.
type Fetcher struct {
	// Client makes the requests; NewFetcher sets timeouts on it.
	Client *http.Client
	// MaxSize is the largest file accepted, in bytes.
	MaxSize int64
	// Now gives the fetch time (time.Now when nil).
	Now func() time.Time
}

// NewFetcher returns a Fetcher whose whole request, body included, must
// finish within timeout, and which accepts files up to reader.MaxFile.
func NewFetcher(timeout time.Duration) *Fetcher {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
	}
	return &Fetcher{Client: &http.Client{Timeout: timeout, Transport: tr}, MaxSize: reader.MaxFile}
}

// Manifest records what was last fetched for one source.
type Manifest struct {
	Source string        `json:"source"`
	Files  []FetchedFile `json:"files"`
}

// FetchedFile is one downloaded file.
type FetchedFile struct {
	File         string    `json:"file"`
	URL          string    `json:"url"`
	SHA256       string    `json:"sha256"`
	Size         int64     `json:"size"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	FetchedAt    time.Time `json:"fetched_at"`
	// Unchanged is true when the server answered 304 Not Modified.
	Unchanged bool `json:"unchanged"`
	// Status is the HTTP status of the last answer, 0 when none came.
	Status int `json:"status,omitempty"`

	tmp string // the temporary file holding a fresh download
}

// Fetch downloads src's files into dir, asking the server only for files
// changed since the last fetch. Each file goes to a temporary file first;
// only when every file of the source arrived complete are they renamed
// into place, so a failed fetch leaves the previous files untouched. The
// manifest is returned on failure too: it says what each file's request
// got (status, bytes) up to the one that failed.
func (f *Fetcher) Fetch(ctx context.Context, dir string, src Source) (*Manifest, error) {
	m := &Manifest{Source: src.Name}
	if src.Retired != "" {
		return m, fmt.Errorf("fetch %s: the list was retired on %s (replaced by %s); nothing to fetch", src.Name, src.Retired, src.ReplacedBy)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return m, fmt.Errorf("fetch %s: %w", src.Name, err)
	}
	old := readManifest(dir)
	defer m.removeTemps()
	for _, d := range src.Downloads {
		ff, err := f.fetchFile(ctx, dir, d, src.Auth, old.file(d.File, dir))
		m.Files = append(m.Files, ff)
		if err != nil {
			return m, fmt.Errorf("fetch %s: %w", src.Name, err)
		}
	}
	if err := install(dir, m); err != nil {
		return m, fmt.Errorf("fetch %s: %w", src.Name, err)
	}
	return m, nil
}

// Unchanged reports whether the server said of every file that it had
// not changed since the last fetch.
func (m *Manifest) Unchanged() bool {
	for _, ff := range m.Files {
		if !ff.Unchanged {
			return false
		}
	}
	return len(m.Files) > 0
}

// Bytes returns how many bytes were downloaded (files not modified count
// nothing).
func (m *Manifest) Bytes() int64 {
	var n int64
	for _, ff := range m.Files {
		if !ff.Unchanged {
			n += ff.Size
		}
	}
	return n
}

// Status returns the HTTP status of the last answer received, 0 when none.
func (m *Manifest) Status() int {
	for i := len(m.Files) - 1; i >= 0; i-- {
		if m.Files[i].Status != 0 {
			return m.Files[i].Status
		}
	}
	return 0
}

// ForgetFetched removes the record of what was fetched into dir, so that
// the next fetch downloads every file again instead of asking whether it
// changed: for files that arrived whole but did not read as a list.
func ForgetFetched(dir string) error {
	err := os.Remove(filepath.Join(dir, ManifestName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// fetchFile fetches one file into a temporary file in dir, returning its
// record; the record's tmp is empty when the server said unchanged.
func (f *Fetcher) fetchFile(ctx context.Context, dir string, d Download, auth *Auth, prev *FetchedFile) (FetchedFile, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.URL, nil)
	if err != nil {
		return FetchedFile{}, err
	}
	if err := auth.authorize(req); err != nil {
		return FetchedFile{File: d.File, URL: d.URL}, err
	}
	req.Header.Set("User-Agent", userAgent)
	if prev != nil {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		return FetchedFile{File: d.File, URL: d.URL}, err // names the method and URL
	}
	defer resp.Body.Close()
	now := f.now()
	if resp.StatusCode == http.StatusNotModified && prev != nil {
		ff := *prev
		ff.FetchedAt, ff.Unchanged, ff.Status = now, true, resp.StatusCode
		return ff, nil
	}
	if resp.StatusCode != http.StatusOK {
		return FetchedFile{File: d.File, URL: d.URL, Status: resp.StatusCode}, fmt.Errorf("GET %s: %s", d.URL, resp.Status)
	}
	ff := FetchedFile{File: d.File, URL: d.URL, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), FetchedAt: now, Status: resp.StatusCode}
	err = f.saveBody(dir, resp, &ff)
	return ff, err
}

// saveBody writes the response body to a temporary file in dir, hashing
// it and enforcing the size limit. It sets ff.tmp to the file, which the
// caller removes, whether or not an error is returned.
func (f *Fetcher) saveBody(dir string, resp *http.Response, ff *FetchedFile) error {
	limit := f.MaxSize
	if limit <= 0 {
		limit = reader.MaxFile
	}
	if resp.ContentLength > limit {
		return fmt.Errorf("GET %s: file of %d bytes is over the limit of %d bytes", ff.URL, resp.ContentLength, limit)
	}
	out, err := os.CreateTemp(dir, ".fetch-*")
	if err != nil {
		return err
	}
	ff.tmp = out.Name()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), io.LimitReader(resp.Body, limit+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		ff.Size = n
		return fmt.Errorf("GET %s: body cut off after %d bytes: %w", ff.URL, n, err)
	case n > limit:
		return fmt.Errorf("GET %s: file is over the limit of %d bytes", ff.URL, limit)
	case resp.ContentLength >= 0 && n != resp.ContentLength:
		ff.Size = n
		return fmt.Errorf("GET %s: got %d bytes of %d", ff.URL, n, resp.ContentLength)
	}
	ff.SHA256, ff.Size = hex.EncodeToString(h.Sum(nil)), n
	return nil
}

func (f *Fetcher) now() time.Time {
	if f.Now != nil {
		return f.Now().UTC()
	}
	return time.Now().UTC()
}
