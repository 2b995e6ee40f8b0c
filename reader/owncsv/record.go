package owncsv

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/rowmap"
)

// builder turns rows into records and checks what spans rows: unique ids
// and linked_to targets.
type builder struct {
	file, defList string
	records       []*entity.Entity
	lines         map[string]int // "list/id" → line
	links         []link
}

// link is a linked_to value to resolve once all rows are read.
type link struct {
	line       int
	key, from  string
	targetList string
	target     string
}

func newBuilder(file, defList string) *builder {
	return &builder{file: file, defList: defList, lines: make(map[string]int)}
}

// add makes a record from one row.
func (b *builder) add(line int, cols, row []string) error {
	v := make(map[string]string, len(cols))
	for i, c := range cols {
		v[c] = strings.TrimSpace(row[i])
	}
	fail := func(field string, err error) error {
		return &reader.ParseError{File: b.file, Line: line, Record: v["id"], Field: field, Err: err}
	}
	e := &entity.Entity{List: v["list"], ID: v["id"]}
	if e.List == "" {
		e.List = b.defList
	}
	switch {
	case !listName.MatchString(e.List):
		return fail("list", fmt.Errorf("list name %q must match ^[a-z0-9_]+$ (set the list column or rename the file)", e.List))
	case e.ID == "":
		return fail("id", errors.New("required"))
	case v["name"] == "":
		return fail("name", errors.New("required"))
	}
	if first, dup := b.lines[e.Key()]; dup {
		return fail("id", fmt.Errorf("duplicate id %q (first on line %d)", e.ID, first))
	}
	b.lines[e.Key()] = line
	kind, ok := entityKinds[strings.ToLower(v["type"])]
	if !ok {
		return fail("type", fmt.Errorf("want person, organization, vessel or aircraft, got %q", v["type"]))
	}
	e.Kind = kind
	addNames(e, v)
	for _, f := range []struct {
		field string
		add   func(*entity.Entity, string) error
	}{
		{"gender", addGender}, {"date_of_birth", addBirthDate}, {"nationality", addNationality},
		{"country", addCountry},
	} {
		for _, s := range rowmap.SplitList(v[f.field]) {
			if err := f.add(e, s); err != nil {
				return fail(f.field, err)
			}
		}
	}
	addPlain(e, v)
	for _, target := range rowmap.SplitList(v["linked_to"]) {
		b.links = append(b.links, link{line: line, key: e.Key(), from: e.ID, targetList: e.List, target: target})
		e.EnsureMore().Relations = append(e.Relations(), entity.Relation{Type: entity.RelLinkedTo, TargetID: target, Source: "linked_to"})
	}
	b.records = append(b.records, e)
	return nil
}

// finish checks the linked_to targets and returns the records.
func (b *builder) finish() ([]*entity.Entity, error) {
	if len(b.records) == 0 {
		return nil, reader.Errorf(b.file, 0, "no records")
	}
	for _, l := range b.links {
		if _, ok := b.lines[l.targetList+"/"+l.target]; !ok {
			return nil, &reader.ParseError{File: b.file, Line: l.line, Record: l.from, Field: "linked_to",
				Err: fmt.Errorf("no record with id %q in list %s", l.target, l.targetList)}
		}
		if l.targetList+"/"+l.target == l.key {
			return nil, &reader.ParseError{File: b.file, Line: l.line, Record: l.from, Field: "linked_to",
				Err: errors.New("record linked to itself")}
		}
	}
	return b.records, nil
}

func addNames(e *entity.Entity, v map[string]string) {
	n := entity.Name{Full: v["name"], Type: entity.NamePrimary}
	if g := v["first_name"]; g != "" {
		n.Parts = append(n.Parts, entity.NamePart{Type: entity.PartGiven, Value: g})
	}
	if f := v["last_name"]; f != "" {
		n.Parts = append(n.Parts, entity.NamePart{Type: entity.PartFamily, Value: f})
	}
	e.Names = append(e.Names, n)
	for _, a := range rowmap.SplitList(v["aliases"]) {
		e.Names = append(e.Names, entity.Name{Full: a, Type: entity.NameAlias})
	}
}

func addGender(e *entity.Entity, s string) error {
	switch strings.ToLower(s) {
	case "male", "m":
		e.Genders = append(e.Genders, entity.GenderMale)
	case "female", "f":
		e.Genders = append(e.Genders, entity.GenderFemale)
	default:
		return fmt.Errorf("want male or female, got %q", s)
	}
	return nil
}

func addBirthDate(e *entity.Entity, s string) error {
	d, err := entity.ParseDate(s)
	if err != nil || !d.Valid() {
		return fmt.Errorf("want YYYY, YYYY-MM, YYYY-MM-DD, ~YYYY or YYYY/YYYY, got %q", s)
	}
	e.BirthDates = append(e.BirthDates, d)
	return nil
}

func addNationality(e *entity.Entity, s string) error {
	c, ok := country.Code(s)
	if !ok {
		return fmt.Errorf("unknown country %q (use a country name or ISO code)", s)
	}
	e.Nationalities = append(e.Nationalities, c)
	return nil
}

func addCountry(e *entity.Entity, s string) error {
	c, ok := country.Code(s)
	if !ok {
		return fmt.Errorf("unknown country %q (use a country name or ISO code)", s)
	}
	e.Countries = append(e.Countries, c)
	return nil
}

// addPlain copies the free-text columns.
func addPlain(e *entity.Entity, v map[string]string) {
	e.EnsureMore().BirthPlaces = rowmap.SplitList(v["place_of_birth"])
	for _, p := range rowmap.SplitList(v["passport"]) {
		e.Documents = append(e.Documents, entity.Document{Type: entity.DocPassport, Number: p})
	}
	for _, p := range rowmap.SplitList(v["national_id"]) {
		e.Documents = append(e.Documents, entity.Document{Type: entity.DocNationalID, Number: p})
	}
	for _, a := range rowmap.SplitList(v["address"]) {
		e.EnsureMore().Addresses = append(e.Addresses(), entity.Address{Full: a})
	}
	e.EnsureMore().Programs = rowmap.SplitList(v["program"])
	e.EnsureMore().Remarks = v["remarks"]
}
