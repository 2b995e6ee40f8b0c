package dfat

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
)

// groups collects the rows of each reference into one record.
type groups struct {
	order []string
	byID  map[string]*group
}

// group is a record being built, with the values already added.
type group struct {
	e       *entity.Entity
	seen    map[string]bool
	remarks []string
}

func newGroups() *groups { return &groups{byID: make(map[string]*group)} }

var kinds = map[string]entity.Kind{
	"individual": entity.KindPerson,
	"entity":     entity.KindOrganization,
	"vessel":     entity.KindVessel,
}

var nameTypes = map[string]entity.NameType{
	"primary name":         entity.NamePrimary,
	"aka":                  entity.NameAlias,
	"original script":      entity.NameOriginalScript,
	"formerly known as":    entity.NameFormer,
	"previously listed as": entity.NameFormer,
}

// referenceID returns the leading number of a Reference ("123" of "123a").
func referenceID(ref string) (string, error) {
	end := strings.IndexFunc(ref, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(ref)
	}
	if end == 0 {
		return "", &fieldError{"Reference", fmt.Errorf("reference %q does not start with a number", ref)}
	}
	return ref[:end], nil
}

// add merges one row into its group.
func (gs *groups) add(r row) error {
	id, err := referenceID(r["Reference"])
	if err != nil {
		return err
	}
	kind, ok := kinds[strings.ToLower(r["Type"])]
	if !ok {
		return &fieldError{"Type", fmt.Errorf("unknown type %q", r["Type"])}
	}
	name := r["Name of Individual or Entity"]
	if name == "" {
		return &fieldError{"Name of Individual or Entity", errors.New("empty")}
	}
	g := gs.byID[id]
	if g == nil {
		g = &group{e: &entity.Entity{List: List, ID: id, Kind: kind}, seen: make(map[string]bool)}
		gs.byID[id] = g
		gs.order = append(gs.order, id)
	}
	typ, ok := nameTypes[strings.ToLower(r["Name Type"])]
	if !ok {
		typ = entity.NameAlias
	}
	sc := script(name)
	if sc != "" && typ == entity.NameAlias {
		typ = entity.NameOriginalScript // an "aka" row in Arabic script, say
	}
	if typ != entity.NameOriginalScript {
		sc = ""
	}
	g.addName(entity.Name{Full: name, Type: typ, Script: sc})
	g.addDetails(r)
	return nil
}

// once reports whether key is new to the group, and marks it seen.
func (g *group) once(key ...string) bool {
	k := strings.Join(key, "\x00")
	if g.seen[k] {
		return false
	}
	g.seen[k] = true
	return true
}

// addName adds a name once; a name seen before as an alias becomes primary
// when a row lists it as the primary name.
func (g *group) addName(n entity.Name) {
	for i, old := range g.e.Names {
		if old.Full == n.Full {
			if n.Type == entity.NamePrimary {
				g.e.Names[i].Type = entity.NamePrimary
			}
			return
		}
	}
	g.e.Names = append(g.e.Names, n)
}

var scriptTables = []struct {
	code  string
	table *unicode.RangeTable
}{
	{"Arab", unicode.Arabic}, {"Cyrl", unicode.Cyrillic}, {"Hani", unicode.Han},
	{"Hang", unicode.Hangul}, {"Hebr", unicode.Hebrew}, {"Grek", unicode.Greek},
	{"Geor", unicode.Georgian}, {"Thai", unicode.Thai}, {"Mymr", unicode.Myanmar},
}

// script returns the ISO 15924 code of a name written without Latin
// letters in another script, from its first letter of that script, or "".
func script(name string) string {
	for _, r := range name {
		if unicode.Is(unicode.Latin, r) {
			return ""
		}
	}
	for _, r := range name {
		for _, s := range scriptTables {
			if unicode.Is(s.table, r) {
				return s.code
			}
		}
	}
	return ""
}

func (g *group) addDetails(r row) {
	if v := r["Date of Birth"]; v != "" && g.once("dob", v) {
		dates, rest := parseDates(v)
		for _, d := range dates {
			if g.once("date", d.String()) {
				g.e.BirthDates = append(g.e.BirthDates, d)
			}
		}
		for _, s := range rest {
			g.remark("Date of birth: " + s)
		}
	}
	for _, p := range splitItems(r["Place of Birth"]) {
		if g.once("pob", p) {
			g.e.BirthPlaces = append(g.e.BirthPlaces, p)
		}
	}
	for _, c := range citizenships(r["Citizenship"]) {
		if g.once("cit", c) {
			g.e.Citizenships = append(g.e.Citizenships, c)
		}
	}
	for _, a := range splitList(r["Address"]) {
		if g.once("addr", a) {
			g.e.Addresses = append(g.e.Addresses, entity.Address{Full: a, Country: addressCountry(a)})
		}
	}
	if v := r["Committees"]; v != "" && g.once("prog", v) {
		g.e.Programs = append(g.e.Programs, v)
	}
	if d, ok := parseDate(r["Control Date"]); ok && g.once("ctl", d.String()) {
		g.e.AmendedOn = append(g.e.AmendedOn, d)
	}
	g.remark(r["Additional Information"])
	if v := r["Listing Information"]; v != "" {
		g.remark("Listing: " + v)
	}
}

func (g *group) remark(s string) {
	if s != "" && g.once("remark", s) {
		g.remarks = append(g.remarks, s)
	}
}

// splitList splits an enumerated and/or ";"-separated cell.
func splitList(s string) []string {
	var out []string
	for _, item := range splitItems(s) {
		for _, v := range strings.Split(item, ";") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// citizenships maps "a) Afghanistan b) Pakistan" or "Russian and
// Ukrainian" to ISO codes, dropping what the country table does not know.
func citizenships(s string) []string {
	var out []string
	for _, item := range splitItems(s) {
		if c, ok := country.Code(item); ok {
			out = append(out, c)
			continue
		}
		for _, part := range strings.Split(item, " and ") {
			if c, ok := country.Code(strings.Trim(part, " ,.")); ok {
				out = append(out, c)
			}
		}
	}
	return out
}

// addressCountry takes an address's country from its last comma part.
func addressCountry(a string) string {
	last := a
	if i := strings.LastIndex(a, ","); i >= 0 {
		last = a[i+1:]
	}
	c, _ := country.Code(strings.Trim(last, " ."))
	return c
}

// finish returns the group's record with one primary name: the first row
// typed as primary; further primary names become aliases, and a group with
// none gets its first non-original-script name.
func (gs *groups) finish(id string) *entity.Entity {
	g := gs.byID[id]
	e := g.e
	e.Remarks = strings.Join(g.remarks, "\n")
	primary := -1
	for i, n := range e.Names {
		switch {
		case n.Type == entity.NamePrimary && primary < 0:
			primary = i
		case n.Type == entity.NamePrimary:
			e.Names[i].Type = entity.NameAlias
		}
	}
	for i := range e.Names {
		if primary < 0 && e.Names[i].Type != entity.NameOriginalScript {
			e.Names[i].Type = entity.NamePrimary
			primary = i
		}
	}
	return e
}
