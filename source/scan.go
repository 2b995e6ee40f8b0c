package source

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	Editions     []Edition
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
		if err := found.addFile(path); err != nil {
			return nil, err
		}
		return found, nil
	}
	if err := found.addFolder(path, true); err != nil {
		return nil, err
	}
	sort.Strings(found.Unrecognised)
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
	files, err = fd.addOFACSet(dir, files)
	if err != nil {
		return err
	}
	for _, p := range files {
		if err := fd.addFile(p); err != nil {
			return err
		}
	}
	return nil
}

// addFile detects the format of one file and records it as an edition of
// its own, or as unrecognised.
func (fd *Found) addFile(path string) error {
	f, err := detectFile(path)
	if err != nil {
		return err
	}
	src := ""
	if f != nil {
		src = f.Source
		if f.Name == ofacFormat {
			src = ofacSource(path)
		}
	}
	if f == nil || (src == "" && f.Name == ofacFormat) {
		fd.Unrecognised = append(fd.Unrecognised, path)
		return nil
	}
	fd.Editions = append(fd.Editions, Edition{Path: path, Files: []string{path}, Source: src, Format: f})
	return nil
}

// detectFile returns the format of a file, or nil when no reader
// recognises it. A workbook is recognised by the first rows of its
// sheets (see peekWorkbook); one that cannot be peeked at is simply not
// recognised.
func detectFile(path string) (*Format, error) {
	head, err := readHead(path)
	if err != nil {
		return nil, err
	}
	if len(head) == 0 {
		return nil, nil
	}
	var sheets [][][]string
	zip := bytes.HasPrefix(head, []byte("PK\x03\x04"))
	if zip {
		if sheets, err = peekWorkbook(path); err != nil {
			return nil, nil
		}
	}
	for _, f := range formatsFor(path) {
		if matches(f, head, zip, sheets) {
			return f, nil
		}
	}
	return nil, nil
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
