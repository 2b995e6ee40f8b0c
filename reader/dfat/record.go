package dfat

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/merge"
	"github.com/vigil-screening/vigil/reader/rowmap"
)

// groups collects the rows of each reference into one record.
type groups struct{ *merge.Set }

// group is a record being built, with the values already added.
type group struct{ *merge.Record }

func newGroups() *groups { return &groups{merge.NewSet()} }

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
		return "", &rowmap.FieldError{Field: "Reference", Err: fmt.Errorf("reference %q does not start with a number", ref)}
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
		return &rowmap.FieldError{Field: "Type", Err: fmt.Errorf("unknown type %q", r["Type"])}
	}
	name := r["Name of Individual or Entity"]
	if name == "" {
		return &rowmap.FieldError{Field: "Name of Individual or Entity", Err: errors.New("empty")}
	}
	g := group{gs.Record(List, id, kind)}
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
	g.AddName(entity.Name{Full: name, Type: typ, Script: sc})
	g.addDetails(r)
	return nil
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
	if v := r["Date of Birth"]; v != "" && g.Once("dob", v) {
		dates, rest := parseDates(v)
		for _, d := range dates {
			if g.Once("date", d.String()) {
				g.Entity.BirthDates = append(g.Entity.BirthDates, d)
			}
		}
		for _, s := range rest {
			g.remark("Date of birth: " + s)
		}
	}
	for _, p := range splitItems(r["Place of Birth"]) {
		if g.Once("pob", p) {
			g.Entity.EnsureMore().BirthPlaces = append(g.Entity.BirthPlaces(), p)
		}
	}
	for _, c := range citizenships(r["Citizenship"]) {
		if g.Once("cit", c) {
			g.Entity.EnsureMore().Citizenships = append(g.Entity.Citizenships(), c)
		}
	}
	for _, a := range splitList(r["Address"]) {
		if g.Once("addr", a) {
			g.Entity.EnsureMore().Addresses = append(g.Entity.Addresses(), entity.Address{Full: a, Country: addressCountry(a)})
		}
	}
	if v := r["Committees"]; v != "" && g.Once("prog", v) {
		g.Entity.EnsureMore().Programs = append(g.Entity.Programs(), v)
	}
	if d, ok := parseDate(r["Control Date"]); ok && g.Once("ctl", d.String()) {
		g.Entity.EnsureMore().AmendedOn = append(g.Entity.AmendedOn(), d)
	}
	g.remark(r["Additional Information"])
	if v := r["Listing Information"]; v != "" {
		g.remark("Listing: " + v)
	}
}

func (g *group) remark(s string) {
	if s != "" && g.Once("remark", s) {
		g.Remarks = append(g.Remarks, s)
	}
}

// splitList splits an enumerated and/or ";"-separated cell.
func splitList(s string) []string {
	var out []string
	for _, item := range splitItems(s) {
		out = append(out, rowmap.SplitList(item)...)
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
