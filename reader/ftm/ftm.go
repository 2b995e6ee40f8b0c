// Package ftm reads FollowTheMoney entities as JSON lines, the exchange
// format of OpenSanctions: one entity a line with "id", "schema",
// "properties" (each an array of strings) and "datasets".
//
// Thing schemata (Person, Organization, Company, LegalEntity, PublicBody,
// Vessel, Airplane) become entities. Interval schemata (Ownership,
// Directorship, Family, Associate, Membership, UnknownLink, Employment,
// Occupancy) become entity.Relations on both endpoints: Outgoing on the
// subject's side (owner, director, person, member, holder), with Source
// "ftm:<schema>:<id>". Sanction entities add their programme and listing
// date to the sanctioned entity; Position names go into the holders'
// Positions; Address, Passport and Identification entities are folded into
// the entities that point at them. Other schemata are counted and skipped.
//
// Relationship entities may come before or after their endpoints, so the
// reader keeps the whole file in memory and resolves links after the last
// line; FtM network files are small (the largest here is 1.3 MB).
//
// List names: each entity's list is "os_" + its first dataset ("os_ftm"
// when it has none), unless Options.List names one list for all.
package ftm

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/jsonl"
)

// Options change how a file is read.
type Options struct {
	// List, when set, is the list name of every entity, instead of
	// "os_" + the entity's first dataset.
	List string
}

// Stats counts what a file held and what became of it.
type Stats struct {
	// Schemata counts the entities read, by schema.
	Schemata map[string]int
	// Entities is the number of entities emitted.
	Entities int
	// Links counts the relationship entities by relation type, and
	// Relations the relations attached to entities (two for a link whose
	// endpoints are both in the file).
	Links     map[entity.RelationType]int
	Relations int
	// Dangling counts relation endpoints and sanctioned entities that are
	// not in the file: the relation is kept on the other side with its
	// TargetID and no TargetName.
	Dangling int
	// Incomplete counts relationship entities that lack one of their
	// endpoint properties (e.g. an Occupancy without "post"): they give no
	// relation.
	Incomplete int
	// Skipped counts property values that could not be used: dates such as
	// "unknown", countries that are neither codes nor known names.
	Skipped int
}

// Read reads an FtM JSON lines file with default options.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	_, err := ReadWith(ctx, path, Options{}, emit)
	return err
}

// Parse reads FtM JSON lines from r with default options; name is used in
// errors.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	_, err := ParseWith(ctx, r, name, Options{}, emit)
	return err
}

// ReadWith reads an FtM JSON lines file.
func ReadWith(ctx context.Context, path string, opts Options, emit reader.Emit) (Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return Stats{}, fmt.Errorf("ftm: %w", err)
	}
	defer f.Close()
	return ParseWith(ctx, f, path, opts, emit)
}

// ParseWith reads FtM JSON lines from r. It emits nothing unless the whole
// input parses, then emits the entities in file order.
func ParseWith(ctx context.Context, r io.Reader, name string, opts Options, emit reader.Emit) (Stats, error) {
	p := &parser{opts: opts, name: name, byID: make(map[string]*raw)}
	p.st.Schemata = make(map[string]int)
	p.st.Links = make(map[entity.RelationType]int)
	err := jsonl.EachLine(ctx, r, name, func(line []byte, n int) error {
		rec, err := parseLine(line, name, n)
		if err != nil {
			return err
		}
		if prev, dup := p.byID[rec.ID]; dup {
			return &reader.ParseError{File: name, Line: n, Record: rec.ID, Field: "id",
				Err: fmt.Errorf("duplicate id (first on line %d)", prev.line)}
		}
		p.byID[rec.ID] = rec
		p.order = append(p.order, rec)
		p.st.Schemata[rec.Schema]++
		return nil
	})
	if err != nil {
		return Stats{}, err
	}
	ents, err := p.build()
	if err != nil {
		return Stats{}, err
	}
	for _, e := range ents {
		if err := ctx.Err(); err != nil {
			return Stats{}, err
		}
		if err := emit(e); err != nil {
			return Stats{}, err
		}
	}
	p.st.Entities = len(ents)
	return p.st, nil
}

// parser holds the file's entities while links are resolved.
type parser struct {
	opts   Options
	name   string // file name, for errors
	byID   map[string]*raw
	order  []*raw
	things map[string]*entity.Entity
	st     Stats
}

func (p *parser) listName(r *raw) string {
	switch {
	case p.opts.List != "":
		return p.opts.List
	case len(r.Datasets) > 0 && r.Datasets[0] != "":
		return "os_" + r.Datasets[0]
	}
	return "os_ftm"
}

// Detect reports whether head, the start of a file, looks like FtM JSON
// lines: its first non-blank line is an object with "schema" and
// "properties".
func Detect(head []byte) bool {
	keys := jsonl.TopKeys(jsonl.FirstLine(head))
	return keys["schema"] && keys["properties"]
}
