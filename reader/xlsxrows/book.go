package xlsxrows

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/reader"
)

// book is an open workbook: its zip directory, its worksheets in the
// workbook's order, and its shared strings, read as far as cells need.
type book struct {
	name   string // the file, for errors
	lim    Limits
	zr     *zip.Reader
	parts  map[string]*zip.File
	sheets []sheetRef
	strs   *sharedStrings
}

// sheetRef is one worksheet: its name in the workbook and its part.
type sheetRef struct {
	name string
	part *zip.File
}

// openBook reads the zip directory of the workbook in r and finds its
// worksheets. r is read in place when it is a file (an io.ReaderAt with
// Stat), else buffered in memory; either way at most reader.MaxFile bytes.
func openBook(r io.Reader, name string, lim Limits) (*book, error) {
	ra, size, err := readerAt(r)
	if err != nil {
		return nil, reader.Errorf(name, 0, "%v", err)
	}
	if size > reader.MaxFile {
		return nil, reader.Errorf(name, 0, "file larger than %d bytes", int64(reader.MaxFile))
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, reader.Errorf(name, 0, "not a readable XLSX workbook: %v", err)
	}
	b := &book{name: name, lim: lim, zr: zr, parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		b.parts[f.Name] = f
	}
	if err := b.findSheets(); err != nil {
		var pe *reader.ParseError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, reader.Errorf(name, 0, "not a readable XLSX workbook: %v", err)
	}
	return b, nil
}

type statReaderAt interface {
	io.ReaderAt
	Stat() (fs.FileInfo, error)
}

// readerAt returns r as an io.ReaderAt and its size.
func readerAt(r io.Reader) (io.ReaderAt, int64, error) {
	if f, ok := r.(statReaderAt); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			return f, info.Size(), nil
		}
	}
	data, err := io.ReadAll(io.LimitReader(r, reader.MaxFile+1))
	if err != nil {
		return nil, 0, err
	}
	return bytes.NewReader(data), int64(len(data)), nil
}

// part returns the zip entry with the given name, matched exactly or else
// without regard to case, or nil.
func (b *book) part(name string) *zip.File {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	if f := b.parts[name]; f != nil {
		return f
	}
	for n, f := range b.parts {
		if strings.EqualFold(n, name) {
			return f
		}
	}
	return nil
}

// open opens a part for reading within the budget: a part that states
// an unzipped size or a compression ratio over the limits is refused
// before it is read, and archive/zip fails one that unzips to more than
// it states.
func (b *book) open(f *zip.File) (io.ReadCloser, error) {
	size := int64(f.UncompressedSize64)
	if f.UncompressedSize64 > uint64(b.lim.PartBytes) {
		return nil, &LimitError{What: "unzipped size of " + f.Name, Got: clampInt64(f.UncompressedSize64), Limit: b.lim.PartBytes}
	}
	if size > ratioFloor {
		if ratio := size / max(int64(f.CompressedSize64), 1); ratio > b.lim.Ratio {
			return nil, &LimitError{What: "compression ratio of " + f.Name, Got: ratio, Limit: b.lim.Ratio}
		}
	}
	return f.Open()
}

func clampInt64(v uint64) int64 {
	if v > 1<<62 {
		return 1 << 62
	}
	return int64(v)
}

// scanPart calls fn for each token of a small part (the workbook's index
// and relationships).
func (b *book) scanPart(f *zip.File, fn func(sc *scanner, tok *token) error) error {
	rc, err := b.open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := newScanner(rc, 64<<10)
	for {
		tok, err := sc.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		if err := fn(sc, tok); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
}

// findSheets lists the worksheets in the order of the workbook's index
// (xl/workbook.xml and its relationships), and finds the shared strings.
// A zip without a workbook index (not a workbook a spreadsheet program
// wrote, but harmless) has its xl/worksheets/*.xml parts taken in the
// order of their numbers.
func (b *book) findSheets() error {
	wb := b.part(b.officeDocument())
	if wb == nil {
		b.fallbackSheets()
		return nil
	}
	dir, base := path.Split(wb.Name)
	rels, err := b.relationships(dir + "_rels/" + base + ".rels")
	if err != nil {
		return err
	}
	err = b.scanPart(wb, func(sc *scanner, tok *token) error {
		if tok.kind != tokStart || string(tok.local) != "sheet" {
			return nil
		}
		name, err := sc.attrValue(tok, "name")
		if err != nil {
			return err
		}
		id, err := sc.attrValue(tok, "id")
		if err != nil {
			return err
		}
		rel, ok := rels[id]
		if !ok {
			return fmt.Errorf("sheet %q: no relationship %q", name, id)
		}
		if !strings.HasSuffix(rel.typ, "/worksheet") {
			return nil // a chart sheet or dialog sheet holds no rows
		}
		part := b.part(resolve(dir, rel.target))
		if part == nil {
			return fmt.Errorf("sheet %q: part %s missing", name, rel.target)
		}
		b.sheets = append(b.sheets, sheetRef{name: name, part: part})
		return nil
	})
	if err != nil {
		return err
	}
	for _, rel := range rels {
		if strings.HasSuffix(rel.typ, "/sharedStrings") {
			b.strs = b.newSharedStrings(b.part(resolve(dir, rel.target)))
			return nil
		}
	}
	b.strs = b.newSharedStrings(b.part(dir + "sharedStrings.xml"))
	return nil
}

// officeDocument returns the workbook part named by the package's
// relationships, or xl/workbook.xml.
func (b *book) officeDocument() string {
	if b.part("_rels/.rels") != nil {
		if rels, err := b.relationships("_rels/.rels"); err == nil {
			for _, rel := range rels {
				if strings.HasSuffix(rel.typ, "/officeDocument") {
					return resolve("", rel.target)
				}
			}
		}
	}
	return "xl/workbook.xml"
}

func (b *book) fallbackSheets() {
	for _, f := range b.zr.File {
		dir, base := path.Split(f.Name)
		if dir == "xl/worksheets/" && strings.HasSuffix(base, ".xml") {
			b.sheets = append(b.sheets, sheetRef{name: strings.TrimSuffix(base, ".xml"), part: f})
		}
	}
	sort.Slice(b.sheets, func(i, j int) bool { return sheetLess(b.sheets[i].part.Name, b.sheets[j].part.Name) })
	b.strs = b.newSharedStrings(b.part("xl/sharedStrings.xml"))
}

// sheetLess orders sheet parts by their number: sheet2.xml before sheet10.xml.
func sheetLess(a, b string) bool {
	num := func(s string) (int, error) {
		return strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path.Base(s), "sheet"), ".xml"))
	}
	na, ea := num(a)
	nb, eb := num(b)
	if ea == nil && eb == nil && na != nb {
		return na < nb
	}
	return a < b
}

type relationship struct{ typ, target string }

// relationships reads a relationships part: Id → type and target. A
// missing part has none.
func (b *book) relationships(name string) (map[string]relationship, error) {
	rels := map[string]relationship{}
	f := b.part(name)
	if f == nil {
		return rels, nil
	}
	err := b.scanPart(f, func(sc *scanner, tok *token) error {
		if tok.kind != tokStart || string(tok.local) != "Relationship" {
			return nil
		}
		var vals [3]string
		for i, a := range []string{"Id", "Type", "Target"} {
			v, err := sc.attrValue(tok, a)
			if err != nil {
				return err
			}
			vals[i] = v
		}
		rels[vals[0]] = relationship{typ: vals[1], target: vals[2]}
		return nil
	})
	return rels, err
}

// resolve makes a relationship target a part name: relative to dir, or
// from the root when it starts with "/".
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+dir+target), "/")
}
