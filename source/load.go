package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/snapshot"
)

// Loaded is what Load found in a folder.
type Loaded struct {
	// Editions holds each edition that parsed completely, in scan order.
	Editions []LoadedEdition
	// Failed holds the editions whose reader returned an error, then the
	// files that look like damaged lists (see Found.Damaged).
	Failed []Failure
	// Unrecognised lists the other files no reader recognised: files
	// unrelated to the lists, such as a README.
	Unrecognised []string
}

// LoadedEdition is an edition's path (file or OFAC folder) and snapshot.
type LoadedEdition struct {
	Path     string
	Snapshot *snapshot.Snapshot
}

// Snapshots returns the snapshots of the loaded editions.
func (l *Loaded) Snapshots() []*snapshot.Snapshot {
	s := make([]*snapshot.Snapshot, len(l.Editions))
	for i, ed := range l.Editions {
		s[i] = ed.Snapshot
	}
	return s
}

// Err returns an error listing the failed editions, or nil when none failed.
func (l *Loaded) Err() error {
	if len(l.Failed) == 0 {
		return nil
	}
	errs := make([]error, len(l.Failed))
	for i, f := range l.Failed {
		errs[i] = f
	}
	return errors.Join(errs...)
}

// Failure is an edition that could not be loaded.
type Failure struct {
	Path   string // the file or folder given to the reader
	Source string // the source it was recognised as
	Err    error
}

func (f Failure) Error() string {
	return fmt.Sprintf("%s (%s): %v", f.Path, f.Source, f.Err)
}

func (f Failure) Unwrap() error { return f.Err }

// LoadDir loads every list edition found in dir (and its immediate
// sub-folders), recognising formats by content. It returns one snapshot
// per edition. Any edition that does not parse completely, and any file
// that looks like a damaged list, makes LoadDir fail. Unrelated files
// are skipped silently; LoadDirLog reports them.
func LoadDir(ctx context.Context, dir string) ([]*snapshot.Snapshot, error) {
	return LoadDirLog(ctx, dir, nil)
}

// LoadDirLog is LoadDir, reporting the files skipped as unrelated to the
// lists, and what the readers worked around, as warnings to log (when
// not nil).
func LoadDirLog(ctx context.Context, dir string, log *slog.Logger) ([]*snapshot.Snapshot, error) {
	l, err := Load(ctx, dir)
	if err != nil {
		return nil, err
	}
	if len(l.Unrecognised) > 0 && log != nil {
		log.Warn("files not recognised as any list format; skipped", "dir", dir, "files", l.Unrecognised)
	}
	for _, ed := range l.Editions {
		for _, w := range ed.Snapshot.Warnings {
			if log != nil {
				log.Warn("list edition read with a warning", "source", ed.Snapshot.Source, "warning", w)
			}
		}
	}
	if err := l.Err(); err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	return l.Snapshots(), nil
}

// Load finds the editions in path (a folder or a single file) and loads
// them, several at a time (one per CPU). It fails only when path cannot
// be scanned or ctx ends; editions that fail to parse are reported in
// Loaded.Failed. Results keep the scan order.
func Load(ctx context.Context, path string) (*Loaded, error) {
	found, err := Scan(path)
	if err != nil {
		return nil, err
	}
	snaps := make([]*snapshot.Snapshot, len(found.Editions))
	errs := make([]error, len(found.Editions))
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, i := range biggestFirst(found.Editions) {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			snaps[i], errs[i] = LoadEdition(ctx, found.Editions[i])
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l := &Loaded{Unrecognised: found.Unrecognised}
	for i, ed := range found.Editions {
		if errs[i] != nil {
			l.Failed = append(l.Failed, Failure{Path: ed.Path, Source: ed.sourceOrFormat(), Err: errs[i]})
			continue
		}
		l.Editions = append(l.Editions, LoadedEdition{Path: ed.Path, Snapshot: snaps[i]})
	}
	l.Failed = append(l.Failed, found.Damaged...)
	return l, nil
}

// xlsxWeight is how much more a workbook byte costs to read than a text
// byte: a workbook is compressed (OFSI's unzips to 8 times its size) and
// slow to decode.
const xlsxWeight = 10

// biggestFirst returns the indexes of the editions, the costliest to read
// first, so that the slowest start at once and overlap with the others.
// Cost is file size, times xlsxWeight for a workbook (.xlsx). A file that
// cannot be sized counts as empty; reading it reports the error.
func biggestFirst(eds []Edition) []int {
	size := make([]int64, len(eds))
	order := make([]int, len(eds))
	for i, ed := range eds {
		order[i] = i
		for _, f := range ed.Files {
			info, err := os.Stat(f)
			switch {
			case err != nil:
			case strings.EqualFold(filepath.Ext(f), ".xlsx"):
				size[i] += xlsxWeight * info.Size()
			default:
				size[i] += info.Size()
			}
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return size[order[a]] > size[order[b]] })
	return order
}

// LoadEdition reads one edition completely and returns its snapshot.
// The records are packed as the reader emits them, so that the full
// records of a large edition are never all held at once; the list they
// belong to and the date they imply are gathered on the way. Anything
// emitted before a reader error is discarded.
func LoadEdition(ctx context.Context, ed Edition) (*snapshot.Snapshot, error) {
	files, hash, err := hashFiles(ed.Files)
	if err != nil {
		return nil, err
	}
	recs := newEditionRecords(ed)
	var warnings []string
	warn := func(w *reader.ParseError) { warnings = append(warnings, w.Error()) }
	stated := ""
	switch {
	case ed.Format.ReadDated != nil:
		stated, err = ed.Format.ReadDated(ctx, ed.Path, recs.add)
	case ed.Format.ReadWarned != nil:
		err = ed.Format.ReadWarned(ctx, ed.Path, recs.add, warn)
	default:
		err = ed.Format.Read(ctx, ed.Path, recs.add)
	}
	if err != nil {
		return nil, err
	}
	src, err := recs.source()
	if err != nil {
		return nil, err
	}
	edition, err := editionDate(ctx, ed, recs.date, stated)
	if err != nil {
		return nil, err
	}
	return &snapshot.Snapshot{
		Source:   src,
		Format:   ed.Format.Name,
		Edition:  edition,
		Hash:     hash,
		Files:    files,
		LoadedAt: time.Now().UTC(),
		Records:  recs.store,
		Warnings: warnings,
	}, nil
}

// editionRecords packs an edition's records as the reader emits them
// and keeps what the edition needs of them besides: the list they all
// belong to and the date they imply.
type editionRecords struct {
	ed    Edition
	store *packed.Store
	n     int    // records emitted
	list  string // the edition's list: its source's, else the records'
	// wrong is the first record of another list, reported once the
	// reader is done (a reader error comes first).
	wrong error
	date  string // the latest date the records imply (Format.RecordDate)
}

func newEditionRecords(ed Edition) *editionRecords {
	return &editionRecords{ed: ed, store: packed.New(), list: ed.Source}
}

// add is the reader's emit: it checks the record's list, takes its date
// and packs it. A record of another list is a misdetected file or a
// reader bug: the records are dropped and the rest read unpacked, so
// that a reader error still wins.
func (r *editionRecords) add(e *entity.Entity) error {
	if r.wrong != nil {
		return nil
	}
	r.n++
	if r.list == "" {
		r.list = e.List
	}
	if e.List != r.list {
		r.wrong = fmt.Errorf("%s: record %d (%s) belongs to list %q, not %q", r.ed.Path, r.n, e.ID, e.List, r.list)
		r.store = nil
		return nil
	}
	if f := r.ed.Format.RecordDate; f != nil {
		if d := f(e); d > r.date {
			r.date = d
		}
	}
	r.store.Add(e)
	return nil
}

// source returns the list every record belongs to, the edition's source;
// when the edition's source is unknown, the records' list.
func (r *editionRecords) source() (string, error) {
	if r.wrong != nil {
		return "", r.wrong
	}
	if r.list == "" {
		return "", fmt.Errorf("%s: no records, so no list name", r.ed.Path)
	}
	return r.list, nil
}

// hashFiles hashes each file and, over all of them in file-name order,
// the edition.
func hashFiles(paths []string) ([]snapshot.File, string, error) {
	sorted := append([]string(nil), paths...)
	sort.Slice(sorted, func(i, j int) bool { return filepath.Base(sorted[i]) < filepath.Base(sorted[j]) })
	all := sha256.New()
	files := make([]snapshot.File, 0, len(sorted))
	for _, p := range sorted {
		f, err := hashFile(p, all)
		if err != nil {
			return nil, "", err
		}
		files = append(files, f)
	}
	return files, hex.EncodeToString(all.Sum(nil)), nil
}

// hashFile hashes one file, also feeding its content to all.
func hashFile(path string, all io.Writer) (snapshot.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return snapshot.File{}, fmt.Errorf("hash: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(h, all), io.LimitReader(f, reader.MaxFile+1))
	if err != nil {
		return snapshot.File{}, fmt.Errorf("hash %s: %w", path, err)
	}
	if n > reader.MaxFile {
		return snapshot.File{}, fmt.Errorf("%s: larger than %d bytes", path, int64(reader.MaxFile))
	}
	return snapshot.File{Name: filepath.Base(path), SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}
