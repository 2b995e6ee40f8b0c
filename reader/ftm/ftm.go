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
//
// When r can seek (a file), it is read twice, so that memory stays
// bounded by what the entities need, not by the file: the first pass
// checks every line and keeps only an index of ids (with each entity's
// primary name and list) and the relationship, Sanction, Passport,
// Identification and Address entities; the second reads the things again
// one at a time, builds each entity with what the first pass gathered
// for it and emits it. Other readers (a pipe) are read once, the things
// kept in memory between the passes.
func ParseWith(ctx context.Context, r io.Reader, name string, opts Options, emit reader.Emit) (Stats, error) {
	p := &parser{opts: opts, name: name, index: make(map[string]ref), addrs: make(map[string]*raw), pending: make(map[string]*pending)}
	p.st.Schemata = make(map[string]int)
	p.st.Links = make(map[entity.RelationType]int)
	seeker, seekable := r.(io.ReadSeeker)
	var start int64
	if seekable {
		var err error
		if start, err = seeker.Seek(0, io.SeekCurrent); err != nil {
			seekable = false
		}
	}
	err := jsonl.EachLine(ctx, r, name, func(line []byte, n int) error {
		rec, err := parseLine(line, name, n)
		if err != nil {
			return err
		}
		return p.first(rec, !seekable)
	})
	if err != nil {
		return Stats{}, err
	}
	if err := p.resolve(); err != nil {
		return Stats{}, err
	}
	out := func(rec *raw) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		e := p.build(rec)
		p.st.Entities++
		return emit(e)
	}
	if !seekable {
		for _, rec := range p.kept {
			if err := out(rec); err != nil {
				return Stats{}, err
			}
		}
		return p.st, nil
	}
	if _, err := seeker.Seek(start, io.SeekStart); err != nil {
		return Stats{}, fmt.Errorf("ftm: %s: rewind for the second pass: %w", name, err)
	}
	err = jsonl.EachLine(ctx, seeker, name, func(line []byte, n int) error {
		if n >= len(p.thingLine) || !p.thingLine[n] {
			return nil
		}
		rec, err := parseLine(line, name, n)
		if err == nil {
			if ix, ok := p.index[rec.ID]; !ok || ix.line != n {
				err = &reader.ParseError{File: name, Line: n, Record: rec.ID, Err: fmt.Errorf("the file changed while it was read")}
			}
		}
		if err != nil {
			return err
		}
		return out(rec)
	})
	if err != nil {
		return Stats{}, err
	}
	return p.st, nil
}

// ref is what the first pass keeps of every entity: its line, its name
// (a thing's primary name, as its entity will have it; another entity's
// first name or caption), its list, and whether it is a thing.
type ref struct {
	line  int
	name  string
	list  string
	thing bool
}

// pending is what the other entities say about one thing, gathered in
// the first pass and applied when the thing is built.
type pending struct {
	relations []entity.Relation
	positions []string
	programs  []string
	listed    []entity.Date
	documents []entity.Document
}

// parser holds the file's index and links while they are resolved.
type parser struct {
	opts      Options
	name      string // file name, for errors
	index     map[string]ref
	thingLine []bool          // thingLine[n]: line n is a thing
	kept      []*raw          // the things, when the input is read once
	links     []*raw          // relationship, Sanction, Passport and Identification entities, in file order
	addrs     map[string]*raw // Address entities
	pending   map[string]*pending
	lists     map[string]string // interned list names
	st        Stats
}

// first takes one parsed line of the first pass.
func (p *parser) first(rec *raw, keep bool) error {
	if prev, dup := p.index[rec.ID]; dup {
		return &reader.ParseError{File: p.name, Line: rec.line, Record: rec.ID, Field: "id",
			Err: fmt.Errorf("duplicate id (first on line %d)", prev.line)}
	}
	p.st.Schemata[rec.Schema]++
	ix := ref{line: rec.line}
	if _, ok := thingKinds[rec.Schema]; ok {
		// Build the entity once to know its primary name and list, with
		// the statistics left as they were: the second pass counts.
		st := p.st
		e := p.thing(rec)
		p.st = st
		ix.name, ix.list, ix.thing = e.PrimaryName(), p.intern(e.List), true
		for len(p.thingLine) <= rec.line {
			p.thingLine = append(p.thingLine, false)
		}
		p.thingLine[rec.line] = true
		if keep {
			p.kept = append(p.kept, rec)
		}
	} else {
		ix.name = rec.name()
		_, isLink := links[rec.Schema]
		switch {
		case isLink, rec.Schema == "Sanction", rec.Schema == "Passport", rec.Schema == "Identification":
			p.links = append(p.links, rec)
		case rec.Schema == "Address":
			p.addrs[rec.ID] = rec
		}
	}
	p.index[rec.ID] = ix
	return nil
}

func (p *parser) intern(list string) string {
	if p.lists == nil {
		p.lists = map[string]string{}
	}
	if l, ok := p.lists[list]; ok {
		return l
	}
	p.lists[list] = list
	return list
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
