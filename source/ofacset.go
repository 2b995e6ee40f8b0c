package source

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/vigil-screening/vigil/reader"
)

// ofacFormat is the name of the OFAC legacy CSV format.
const ofacFormat = "ofac_csv"

// ofacSets names the files of the two OFAC legacy CSV sets: the primary
// file first, then its companions (aliases, addresses, remarks overflow).
var ofacSets = []struct {
	source string
	files  []string
}{
	{"us_ofac_sdn", []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}},
	{"us_ofac_cons", []string{"cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"}},
}

// addOFACSet groups the files of an OFAC CSV set in dir into one edition
// when the set's primary file is there and reads as OFAC. It returns the
// files it did not take. Names are matched exactly, in lower case, as the
// OFAC reader opens them; an upper-case SDN.CSV is an edition of its own.
func (fd *Found) addOFACSet(dir string, files []string) ([]string, error) {
	f := formatByName(ofacFormat)
	if f == nil {
		return files, nil
	}
	byName := make(map[string]string, len(files))
	for _, p := range files {
		byName[filepath.Base(p)] = p
	}
	var found []Edition
	for _, set := range ofacSets {
		primary, ok := byName[set.files[0]]
		if !ok {
			continue
		}
		head, err := readHead(primary)
		if err != nil {
			return nil, err
		}
		format := f
		if !f.Detect(head) {
			other, _, err := detect(primary)
			if err != nil {
				return nil, err
			}
			if other != nil {
				continue // another list saved under OFAC's name: an edition of its own
			}
			format = damagedPrimary(f, set.files[0])
		}
		ed := Edition{Path: dir, Source: set.source, Format: format}
		for _, name := range set.files {
			if p, ok := byName[name]; ok {
				ed.Files = append(ed.Files, p)
				delete(byName, name)
			}
		}
		found = append(found, ed)
	}
	if len(found) > 1 {
		return nil, fmt.Errorf("scan %s: folder holds both an SDN and a non-SDN OFAC set; put them in folders of their own", dir)
	}
	fd.Editions = append(fd.Editions, found...)
	var rest []string
	for _, p := range files {
		if _, ok := byName[filepath.Base(p)]; ok {
			rest = append(rest, p)
		}
	}
	return rest, nil
}

// damagedPrimary is the OFAC format for a set whose primary file does not
// look like OFAC's (damaged, emptied, cut short in its first line). The
// set stays one edition, its companions with it, so that reading it
// fails with the primary's own error (file and line) and says that the
// companions were not read because of it, rather than reporting each
// companion as a file no reader recognises. A primary that reads after
// all gives the edition.
func damagedPrimary(f *Format, primary string) *Format {
	g := *f
	g.Read = func(ctx context.Context, path string, emit reader.Emit) error {
		if err := f.Read(ctx, path, emit); err != nil {
			return fmt.Errorf("the set's primary file %s is damaged, so the set and its companion files are not read: %w", primary, err)
		}
		return nil
	}
	return &g
}

// ofacSource returns the source a single OFAC file belongs to, or ""
// when the file cannot stand alone (an alias file without its sdn.csv).
func ofacSource(path string) string {
	name := strings.ToLower(filepath.Base(path))
	for _, set := range ofacSets {
		for _, companion := range set.files[1:] {
			if name == companion {
				return ""
			}
		}
	}
	if strings.HasPrefix(name, "cons") {
		return "us_ofac_cons"
	}
	return "us_ofac_sdn"
}
