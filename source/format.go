package source

import (
	"context"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/bis"
	"github.com/vigil-screening/vigil/reader/csl"
	"github.com/vigil-screening/vigil/reader/dfat"
	"github.com/vigil-screening/vigil/reader/eu"
	"github.com/vigil-screening/vigil/reader/fcdo"
	"github.com/vigil-screening/vigil/reader/ftm"
	"github.com/vigil-screening/vigil/reader/ofac"
	"github.com/vigil-screening/vigil/reader/ofsi"
	"github.com/vigil-screening/vigil/reader/owncsv"
	"github.com/vigil-screening/vigil/reader/sema"
	"github.com/vigil-screening/vigil/reader/senzing"
	"github.com/vigil-screening/vigil/reader/un"

	"github.com/vigil-screening/vigil/reader"
)

// Format is one list file format Vigil can read, and how to recognise it.
type Format struct {
	// Name is the format's stable name, stored with each snapshot ("ofac_csv").
	Name string
	// Source is the list name its editions belong to; empty when it
	// depends on the files (OFAC SDN and non-SDN share one format) or on
	// the records (OpenSanctions datasets, own lists).
	Source string
	// Read reads an edition at path (a file, or a folder for OFAC sets).
	Read func(ctx context.Context, path string, emit reader.Emit) error
	// Detect recognises a text file by its first bytes; nil for formats
	// recognised only as workbooks.
	Detect func(head []byte) bool
	// DetectRows recognises an XLSX workbook by the first rows of one of
	// its sheets; nil for text formats.
	DetectRows func(rows [][]string) bool
	// ReadDated, when set, is used instead of Read: it also returns the
	// edition date the file states, "YYYY-MM-DD", or "" when it states
	// none, from the same single pass over the file.
	ReadDated func(ctx context.Context, path string, emit reader.Emit) (string, error)
	// ReadWarned, when set, is used instead of Read: it also reports
	// what the reader worked around (see reader.Warn).
	ReadWarned func(ctx context.Context, path string, emit reader.Emit, warn reader.Warn) error
	// Date returns the edition date the file itself states, "YYYY-MM-DD",
	// or "" when it states none. Nil when the format never states one.
	Date func(ctx context.Context, path string) (string, error)
	// Names are the file names (lower case) the publisher uses. They only
	// decide which detector is tried first: the content still decides.
	Names []string
	// RecordDate returns the date one record implies for its edition,
	// "YYYY-MM-DD", or "" when it implies none; the edition's date is the
	// latest of its records' (read as they are emitted, so that no
	// edition's records need be held at once). Nil when they never imply
	// one.
	RecordDate func(e *entity.Entity) string
}

// Formats returns the formats Vigil recognises, in the order detection
// tries them: specific formats first, the generic own-CSV format last.
func Formats() []*Format {
	return []*Format{
		{Name: ofacFormat, Read: ofac.Read, Detect: ofac.Detect},
		{Name: "csl_csv", Source: csl.List, Read: csl.Read, Detect: csl.Detect},
		{Name: "dfat_xlsx", Source: dfat.List, Names: []string{"regulation8_consolidated.xlsx"}, Read: dfat.Read, DetectRows: dfat.DetectRows, RecordDate: latestAmended},
		{Name: "un_xml", Source: un.List, Read: un.Read, Detect: un.Detect, Date: unDate},
		{Name: "bis_dpl", Source: bis.List, Read: bis.Read, Detect: bis.Detect},
		{Name: "sema_xml", Source: sema.List, Read: sema.Read, ReadWarned: readSema, Detect: sema.Detect},
		{Name: "senzing", Read: senzing.Read, Detect: senzing.Detect},
		{Name: "ftm", Read: readFTM, Detect: ftm.Detect},
		{Name: "ofsi", Source: ofsi.List, Names: []string{"conlist.xlsx", "sanctionsconlist.csv"}, Read: ofsi.Read, ReadDated: ofsi.ReadEdition, Detect: ofsi.Detect, DetectRows: ofsi.DetectRows},
		{Name: "fcdo", Source: fcdo.List, Names: []string{"uk-sanctions-list.csv", "uk-sanctions-list.xml"}, Read: fcdo.Read, ReadDated: fcdo.ReadEdition, Detect: fcdo.Detect},
		{Name: "eu_xml", Source: eu.List, Names: []string{"eu-fsf.xml"}, Read: eu.Read, ReadDated: eu.ReadEdition, Detect: eu.Detect},
		{Name: "own_csv", Read: owncsv.Read, Detect: owncsv.Detect},
	}
}

// formatsFor returns the formats in detection order for a file: those
// that usually bear its name first.
func formatsFor(path string) []*Format {
	name := strings.ToLower(filepath.Base(path))
	all := Formats()
	sort.SliceStable(all, func(i, j int) bool {
		return slices.Contains(all[i].Names, name) && !slices.Contains(all[j].Names, name)
	})
	return all
}

// formatByName returns the format with the given name, or nil.
func formatByName(name string) *Format {
	for _, f := range Formats() {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func unDate(ctx context.Context, path string) (string, error) { return un.Edition(path) }

func readSema(ctx context.Context, path string, emit reader.Emit, warn reader.Warn) error {
	return sema.ReadWith(ctx, path, sema.Options{Warn: warn}, emit)
}

// readFTM reads a FollowTheMoney file as one list, "os_" + the file name
// up to its first dot (zala_cluster.entities.ftm.json is os_zala_cluster),
// or + the folder name when the file is OpenSanctions' generic
// entities.ftm.json. FtM files merge entities of many datasets; a
// snapshot is of one list.
func readFTM(ctx context.Context, path string, emit reader.Emit) error {
	_, err := ftm.ReadWith(ctx, path, ftm.Options{List: ftmList(path)}, emit)
	return err
}

func ftmList(path string) string {
	stem, _, _ := strings.Cut(filepath.Base(path), ".")
	if stem == "" || stem == "entities" {
		stem = filepath.Base(filepath.Dir(path))
	}
	clean := strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return unicode.ToLower(r)
		}
		return '_'
	}, stem)
	return "os_" + strings.TrimPrefix(clean, "os_")
}

// latestAmended returns the latest full amendment date of a record:
// DFAT's "Control Date"; the latest of the records' is the day the list
// was last amended.
func latestAmended(e *entity.Entity) string {
	latest := ""
	for _, d := range e.AmendedOn() {
		if d.Day == 0 || d.IsRange() || d.Circa {
			continue
		}
		if s := d.String(); s > latest {
			latest = s
		}
	}
	return latest
}
