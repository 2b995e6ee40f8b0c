package source

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// headSize is how much of a file detection looks at.
const headSize = 8 << 10

// Edition is a set of files that one reader reads as one edition of a
// source: a single file, or a folder holding an OFAC CSV set.
type Edition struct {
	// Path is what the reader is given: the file, or the OFAC folder.
	Path string
	// Files are the edition's files (full paths).
	Files []string
	// Source is the list name, Format the reader. Source is empty when
	// the records name their list (OpenSanctions datasets, own lists).
	Source string
	Format *Format
}

// sourceOrFormat names the edition for reports: its source, or its
// format while the source is known only from the records.
func (ed Edition) sourceOrFormat() string {
	if ed.Source != "" {
		return ed.Source
	}
	return ed.Format.Name
}

// Found is what Scan found in a folder.
type Found struct {
	Editions []Edition
	// Damaged are files no reader recognises that look like lists
	// arriving damaged (see classify): errors, not files to skip.
	Damaged []Failure
	// Unrecognised are the other files no reader recognises.
	Unrecognised []string
}

// Scan finds the editions in path: a single file, or a folder and its
// immediate sub-folders. Hidden files (starting with ".") are skipped.
func Scan(path string) (*Found, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	found := &Found{}
	if !info.IsDir() {
		if err := found.addFiles([]string{path}); err != nil {
			return nil, err
		}
		return found, nil
	}
	if err := found.addFolder(path, true); err != nil {
		return nil, err
	}
	sort.Strings(found.Unrecognised)
	sort.Slice(found.Damaged, func(i, j int) bool { return found.Damaged[i].Path < found.Damaged[j].Path })
	return found, nil
}

// addFolder scans one folder, and its sub-folders when deep is set.
func (fd *Found) addFolder(dir string, deep bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	var files []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir() && deep:
			if err := fd.addFolder(p, false); err != nil {
				return err
			}
		case e.Type().IsRegular():
			files = append(files, p)
		}
	}
	sort.Strings(files)
	start := len(fd.Editions)
	files, err = fd.addOFACSet(dir, files)
	if err != nil {
		return err
	}
	return fd.addFiles(files, slices.Clone(fd.Editions[start:])...)
}

// addFiles detects the format of each file of one folder and records it
// as an edition of its own; the files no reader recognises are then
// classified as damaged lists or unrelated files, given the editions
// already found in the folder (its OFAC set) and those of the files.
func (fd *Found) addFiles(files []string, eds ...Edition) error {
	var unknown []string
	broken := map[string]error{}
	for _, p := range files {
		ed, ok, brokenErr, err := fileEdition(p)
		switch {
		case err != nil:
			return err
		case ok:
			fd.Editions = append(fd.Editions, ed)
			eds = append(eds, ed)
		default:
			unknown = append(unknown, p)
			if brokenErr != nil {
				broken[p] = brokenErr
			}
		}
	}
	fd.classify(unknown, eds, broken)
	return nil
}

// fileEdition returns the edition one file holds on its own. ok is false
// when no reader recognises it, and broken is then set when the file is a
// workbook that cannot be opened.
func fileEdition(path string) (ed Edition, ok bool, broken, err error) {
	f, broken, err := detect(path)
	if err != nil || f == nil {
		return Edition{}, false, broken, err
	}
	src := f.Source
	if f.Name == ofacFormat {
		if src = ofacSource(path); src == "" {
			return Edition{}, false, nil, nil
		}
	}
	return Edition{Path: path, Files: []string{path}, Source: src, Format: f}, true, nil, nil
}

// detectFile returns the format of a file, or nil when no reader
// recognises it.
func detectFile(path string) (*Format, error) {
	f, _, err := detect(path)
	return f, err
}

// detect returns the format of a file, or nil when no reader recognises
// it. A workbook is recognised by the first rows of its sheets (see
// peekWorkbook); for one that cannot be peeked at, broken says why.
// err is for files that cannot be read at all.
func detect(path string) (f *Format, broken, err error) {
	head, err := readHead(path)
	if err != nil || len(head) == 0 {
		return nil, nil, err
	}
	var sheets [][][]string
	zip := bytes.HasPrefix(head, []byte("PK\x03\x04"))
	if zip {
		if sheets, err = peekWorkbook(path); err != nil {
			return nil, err, nil
		}
	}
	for _, f := range formatsFor(path) {
		if matches(f, head, zip, sheets) {
			return f, nil, nil
		}
	}
	return nil, nil, nil
}

// matches reports whether format f recognises the file: by its head, or
// for a workbook by the first rows of one of its sheets.
func matches(f *Format, head []byte, zip bool, sheets [][][]string) bool {
	if !zip {
		return f.Detect != nil && f.Detect(head)
	}
	if f.DetectRows == nil {
		return false
	}
	for _, rows := range sheets {
		if f.DetectRows(rows) {
			return true
		}
	}
	return false
}

// readHead returns the first headSize bytes of a file.
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("detect: %w", err)
	}
	defer f.Close()
	buf := make([]byte, headSize)
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("detect %s: %w", path, err)
	}
	return buf[:n], nil
}
