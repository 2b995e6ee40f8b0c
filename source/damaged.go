package source

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// A file nobody recognises is either unrelated to the lists (a README
// beside them) or a list that arrived damaged: a download cut short, a
// workbook that no longer opens, a file emptied by a failed copy. Skipping
// a damaged list would screen against fewer lists without anyone noticing,
// so Scan reports such a file as a failed edition. A file counts as a
// damaged list when:
//
//   - it is a zip (an XLSX workbook) that cannot be opened;
//   - its name is one a publisher uses for its list (sdn.csv,
//     consolidated.xml, ConList.*; see knownStem);
//   - it lies in a folder whose recognised files all belong to one
//     source, and it is not a document by its name (README, notes...).
//
// Any other unrecognised file is only reported as unrecognised. Where
// the reason no reader recognises a damaged list is known (an XML file
// with a DTD, refused for entity expansion or an external entity), the
// error says so rather than "damaged or cut short?".

// docExts are extensions of documents, never of list files.
var docExts = []string{".md", ".pdf", ".html", ".htm", ".doc", ".docx", ".rtf", ".odt",
	".png", ".jpg", ".jpeg", ".gif", ".sig", ".asc", ".sha256", ".md5", ".log"}

// docPrefixes start the names of documents, never of list files.
var docPrefixes = []string{"readme", "license", "licence", "notes", "changelog", "copying", "about"}

// isDocument reports whether a file name is that of a document.
func isDocument(path string) bool {
	name := strings.ToLower(filepath.Base(path))
	if slices.Contains(docExts, filepath.Ext(name)) {
		return true
	}
	for _, p := range docPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// knownStem returns the source whose publisher names a file with this
// file's stem (its name up to the first dot, in lower case: "conlist"
// for ConList.csv), or "" when no publisher does. The stem, not the whole
// name, is compared, so that a list saved under another extension is
// still known.
func knownStem(path string) (source string, ok bool) {
	stem, _, _ := strings.Cut(strings.ToLower(filepath.Base(path)), ".")
	for _, s := range Sources() {
		for _, d := range s.Downloads {
			if ds, _, _ := strings.Cut(strings.ToLower(d.File), "."); ds == stem {
				return s.Name, true
			}
		}
	}
	for _, f := range Formats() {
		for _, n := range f.Names {
			if ns, _, _ := strings.Cut(n, "."); ns == stem {
				return f.Source, true
			}
		}
	}
	return "", false
}

// damaged records path as a failed edition of source ("" when unknown).
func (fd *Found) damaged(path, source string, err error) {
	if source == "" {
		source = "unknown"
	}
	fd.Damaged = append(fd.Damaged, Failure{Path: path, Source: source, Err: err})
}

// classify sorts the files of one folder that no reader recognised into
// damaged lists and unrelated files. eds are the editions recognised in
// the same folder (not its sub-folders); broken maps a file to the reason
// it could not be opened (a workbook that does not unzip).
func (fd *Found) classify(files []string, eds []Edition, broken map[string]error) {
	folderSource := oneSource(eds)
	for _, p := range files {
		src, known := knownStem(p)
		switch {
		case broken[p] != nil:
			if src == "" {
				src = folderSource
			}
			why := broken[p]
			if inner := errors.Unwrap(why); inner != nil {
				why = inner // drop peekWorkbook's "peek FILE:" prefix: the failure names the file
			}
			fd.damaged(p, src, fmt.Errorf("looks like a workbook but does not open: %w", why))
		case known:
			fd.damaged(p, src, unreadable("named like a list file", p))
		case folderSource != "" && !isDocument(p):
			fd.damaged(p, folderSource, unreadable("lies beside "+folderSource+" files", p))
		default:
			fd.Unrecognised = append(fd.Unrecognised, p)
		}
	}
}

// unreadable says why no reader recognises a file that looks like a
// list: what the readers refuse in it when that is known, else that it
// may be damaged.
func unreadable(looks, path string) error {
	head, err := readHead(path)
	if err == nil {
		if why := xmlnode.Refused(head); why != nil {
			return fmt.Errorf("%s, but refused: %w", looks, why)
		}
	}
	return fmt.Errorf("%s, but no reader recognises its content (damaged or cut short?)", looks)
}

// oneSource returns the source of the editions when they all share one,
// else "".
func oneSource(eds []Edition) string {
	src := ""
	for _, ed := range eds {
		s := ed.sourceOrFormat()
		if src != "" && s != src {
			return ""
		}
		src = s
	}
	return src
}
