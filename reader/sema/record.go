package sema

import (
	"errors"
	"regexp"
	"strings"
	"unicode"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// text returns the first non-empty of the named children, with runs of
// spaces (including no-break spaces) made one space.
func text(n *xmlnode.Node, names ...string) string {
	for _, name := range names {
		if s := strings.Join(strings.Fields(n.Text(name)), " "); s != "" {
			return s
		}
	}
	return ""
}

// record turns one <record> into an entity. Elements read: Country,
// Schedule, Item, LastName, GivenName, Entity (later editions:
// EntityOrShip), DateOfBirth (DateOfBirthOrShipBuildDate), Title
// (TitleOrShip), ShipIMONumber and Aliases. A record with a last or given
// name is a person, one with an IMO number a vessel, any other an
// organisation. A record without an Item is identified by its country
// and name, and comes with a warning saying so.
func record(n *xmlnode.Node, file string) (*entity.Entity, *reader.ParseError, error) {
	fail := func(field string, err error) error {
		line := n.Line
		if c := n.Child(field); c != nil {
			line = c.Line
		}
		return &reader.ParseError{File: file, Line: line, Field: field, Err: err}
	}
	ctry, item := text(n, "Country"), text(n, "Item")
	if ctry == "" {
		return nil, nil, fail("Country", errors.New("missing"))
	}
	e := &entity.Entity{List: List, More: &entity.More{Programs: []string{ctry}}}
	var warning *reader.ParseError
	if item != "" {
		e.ID = recordID(ctry, text(n, "Schedule"), item)
	} else {
		name := nameSlug(recordName(n))
		if name == "" {
			return nil, nil, fail("Item", errors.New("missing, and the record has no name to identify it by"))
		}
		e.ID = countryPart(ctry) + ".unnumbered." + name
		warning = &reader.ParseError{File: file, Line: n.Line, Record: e.ID, Field: "Item",
			Err: errors.New("missing (no item number): the record is identified by its country and name")}
	}
	if c, ok := country.Code(ctry); ok {
		e.Countries = []string{c}
	}
	var err error
	switch {
	case text(n, "LastName", "GivenName") != "":
		err = person(n, e)
	case text(n, "ShipIMONumber") != "":
		vessel(n, e)
	default:
		organization(n, e)
	}
	if err != nil {
		var pe *reader.ParseError
		if errors.As(err, &pe) {
			pe.File, pe.Record = file, e.ID
			if c := n.Child(pe.Field); c != nil {
				pe.Line = c.Line
			} else {
				pe.Line = n.Line
			}
		}
		return nil, nil, err
	}
	if len(e.Names) == 0 {
		return nil, nil, &reader.ParseError{File: file, Line: n.Line, Record: e.ID, Field: "Entity", Err: errors.New("record has no name")}
	}
	return e, warning, nil
}

// recordName is the name a record without an Item is identified by: a
// person's given name and last name, else the entity's or ship's name.
func recordName(n *xmlnode.Node) string {
	if name := strings.TrimSpace(text(n, "GivenName") + " " + text(n, "LastName")); name != "" {
		return name
	}
	return text(n, "Entity", "EntityOrShip", "TitleOrShip")
}

var acronym = regexp.MustCompile(`\(([A-Z]{2,})\)`)

// recordID builds the record's ID from Country, Schedule and Item; see the
// package comment.
func recordID(ctry, schedule, item string) string {
	s := slug(schedule)
	if s == "" {
		s = "none"
	}
	return countryPart(ctry) + "." + s + "." + slug(item)
}

// countryPart is the first part of an ID: the country's ISO code, or the
// acronym a regulation that names no country gives.
func countryPart(ctry string) string {
	c, ok := country.Code(ctry)
	if !ok {
		if m := acronym.FindStringSubmatch(ctry); m != nil {
			c = m[1]
		} else {
			c = slug(ctry)
		}
	}
	return c
}

// nameSlug lower-cases a name and makes every run of characters other
// than letters and digits (of any script) one "-": "Belagroprombank " is
// "belagroprombank", "Sociedad Anónima" "sociedad-anónima".
func nameSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// slug lower-cases s and makes every run of other characters than
// letters and digits one "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}
