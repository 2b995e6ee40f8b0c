// Package ofac reads the US Treasury OFAC legacy CSV files: the SDN list
// (sdn.csv, alt.csv, add.csv, sdn_comments.csv) and the non-SDN consolidated
// list (cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv).
//
// The primary file has one row per record; the alias, address and comment
// files refer to it by ent_num. Remarks are parsed into dates of birth,
// documents, weak aliases, contact details, crypto addresses and "Linked To"
// relationships, and kept whole in Entity.Remarks.
//
// Choices about damaged input (each a *reader.ParseError naming file and line):
// an empty primary file, a wrong column count, a non-numeric or duplicate
// ent_num, a record without a name, and an alias, address or comment row for
// an ent_num absent from the primary file (none of the real editions has such
// orphans, so one means the files do not belong together). Empty alias,
// address and comment files are accepted. See decode for the encoding rules.
package ofac

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/readfile"
)

// The list names this package produces.
const (
	ListSDN  = "us_ofac_sdn"
	ListCons = "us_ofac_cons"
)

// Input is one file of a set: a name used in errors, and its content.
// A nil R means the file is absent.
type Input struct {
	Name string
	R    io.Reader
}

// Files is one OFAC legacy CSV set. Primary is required; the others are optional.
type Files struct {
	Primary   Input // sdn.csv or cons_prim.csv
	Aliases   Input // alt.csv or cons_alt.csv
	Addresses Input // add.csv or cons_add.csv
	Comments  Input // sdn_comments.csv or cons_comments.csv
}

// The file names of each kind of set.
var setNames = []struct {
	list                               string
	primary, aliases, addresses, notes string
}{
	{ListSDN, "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"},
	{ListCons, "cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"},
}

// Read reads an OFAC edition from path: a directory holding an SDN or
// non-SDN set, or a single primary file (such as sdn_2024-05-03.csv).
func Read(ctx context.Context, path string, emit reader.Emit) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("ofac: %w", err)
	}
	if !info.IsDir() {
		return readfile.Read(ctx, "ofac", path, Parse, emit)
	}
	for _, s := range setNames {
		if _, err := os.Stat(filepath.Join(path, s.primary)); err == nil {
			return readSet(ctx, path, s.list, []string{s.primary, s.aliases, s.addresses, s.notes}, emit)
		}
	}
	return fmt.Errorf("ofac: %s holds neither sdn.csv nor cons_prim.csv", path)
}

// readSet opens the files of a set (all but the primary may be missing) and parses them.
func readSet(ctx context.Context, dir, list string, names []string, emit reader.Emit) error {
	inputs := make([]Input, len(names))
	for i, n := range names {
		p := filepath.Join(dir, n)
		f, err := os.Open(p)
		if os.IsNotExist(err) && i > 0 {
			continue
		}
		if err != nil {
			return fmt.Errorf("ofac: %w", err)
		}
		defer f.Close()
		inputs[i] = Input{Name: p, R: f}
	}
	files := Files{Primary: inputs[0], Aliases: inputs[1], Addresses: inputs[2], Comments: inputs[3]}
	return ParseSet(ctx, list, files, emit)
}

// Parse reads a single primary file (sdn.csv or cons_prim.csv form) without
// aliases, addresses or comments. The list is us_ofac_cons when the file
// name starts with "cons", us_ofac_sdn otherwise.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	list := ListSDN
	if strings.HasPrefix(strings.ToLower(filepath.Base(name)), "cons") {
		list = ListCons
	}
	return ParseSet(ctx, list, Files{Primary: Input{Name: name, R: r}}, emit)
}

// ParseSet parses a whole set and emits its records in primary-file order.
// Nothing is emitted unless every file parsed cleanly.
func ParseSet(ctx context.Context, list string, files Files, emit reader.Emit) error {
	if files.Primary.R == nil {
		return fmt.Errorf("ofac: no primary file")
	}
	recs, err := parsePrimary(ctx, files.Primary, list)
	if err != nil {
		return err
	}
	if err := recs.addComments(ctx, files.Comments); err != nil {
		return err
	}
	if err := recs.addAliases(ctx, files.Aliases); err != nil {
		return err
	}
	if err := recs.addAddresses(ctx, files.Addresses); err != nil {
		return err
	}
	for _, e := range recs.list {
		ParseRemarks(e, e.Remarks())
	}
	resolveLinks(recs.list)
	for _, e := range recs.list {
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

// records holds the entities of a set in file order and by ent_num.
type records struct {
	list []*entity.Entity
	byID map[string]*entity.Entity
}

// lookup finds the record an alias, address or comment row refers to.
func (rs *records) lookup(name string, r row) (*entity.Entity, error) {
	e, ok := rs.byID[r.fields[0]]
	if !ok {
		return nil, &reader.ParseError{File: name, Line: r.line, Record: truncate(r.fields[0]), Field: "ent_num",
			Err: fmt.Errorf("no record with this ent_num in the primary file")}
	}
	return e, nil
}
