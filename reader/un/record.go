package un

import (
	"strings"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// record turns one INDIVIDUAL or ENTITY element into an entity.
func (p *parser) record(n *xmlnode.Node) (*entity.Entity, error) {
	id := line(n, "DATAID")
	if id == "" {
		return nil, &reader.ParseError{File: p.file, Line: n.Line, Field: "DATAID", Err: errMissing}
	}
	if p.seen[id] {
		return nil, &reader.ParseError{File: p.file, Line: n.Line, Record: id, Field: "DATAID", Err: errDuplicate}
	}
	p.seen[id] = true
	e := &entity.Entity{List: List, ID: id, Kind: entity.KindOrganization}
	if ref := line(n, "REFERENCE_NUMBER"); ref != "" {
		e.EnsureMore().OtherIDs = []entity.Identifier{{Scheme: "un_reference", Value: ref}}
	}
	aliasTag := "ENTITY_ALIAS"
	if n.Name == "INDIVIDUAL" {
		e.Kind = entity.KindPerson
		aliasTag = "INDIVIDUAL_ALIAS"
		if err := p.person(n, e); err != nil {
			return nil, err
		}
	} else if name := line(n, "FIRST_NAME"); name != "" {
		e.Names = append(e.Names, entity.Name{Full: name, Type: entity.NamePrimary})
	}
	if len(e.Names) == 0 {
		return nil, &reader.ParseError{File: p.file, Line: n.Line, Record: id, Field: "FIRST_NAME", Err: errMissing}
	}
	if s := line(n, "NAME_ORIGINAL_SCRIPT"); s != "" {
		e.Names = append(e.Names, entity.Name{Full: s, Type: entity.NameOriginalScript, Script: Script(s)})
	}
	if err := p.aliases(n, aliasTag, e); err != nil {
		return nil, err
	}
	if err := p.common(n, e); err != nil {
		return nil, err
	}
	return e, nil
}

// common reads the fields individuals and entities share.
func (p *parser) common(n *xmlnode.Node, e *entity.Entity) error {
	if prog := line(n, "UN_LIST_TYPE"); prog != "" {
		e.EnsureMore().Programs = []string{prog}
	}
	e.EnsureMore().Remarks = n.Text("COMMENTS1")
	if s := line(n, "LISTED_ON"); s != "" {
		d, err := parseDay(s)
		if err != nil {
			return p.fieldErr(n, e.ID, "LISTED_ON", err)
		}
		e.EnsureMore().ListedOn = []entity.Date{d}
	}
	for _, s := range lines(n, "LAST_DAY_UPDATED") {
		d, err := parseDay(s)
		if err != nil {
			return p.fieldErr(n, e.ID, "LAST_DAY_UPDATED", err)
		}
		e.EnsureMore().AmendedOn = append(e.AmendedOn(), d)
	}
	for _, tag := range []string{"INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS"} {
		for _, a := range n.All(tag) {
			addAddress(e, a)
		}
	}
	return nil
}

// aliases reads INDIVIDUAL_ALIAS or ENTITY_ALIAS elements. QUALITY "Good"
// and "a.k.a." are strong aliases, "Low" weak ones, "f.k.a." former names;
// elements with an empty ALIAS_NAME (the UN writes one for "no alias")
// are skipped. A date or place of birth given with an alias is added to
// the record's birth dates and places.
func (p *parser) aliases(n *xmlnode.Node, tag string, e *entity.Entity) error {
	for _, a := range n.All(tag) {
		name := line(a, "ALIAS_NAME")
		if name == "" {
			continue
		}
		e.Names = append(e.Names, entity.Name{Full: name, Type: aliasType(line(a, "QUALITY"))})
		d, ok, err := aliasDate(line(a, "DATE_OF_BIRTH"))
		if err != nil {
			return p.fieldErr(a, e.ID, "DATE_OF_BIRTH", err)
		}
		if ok {
			e.BirthDates = appendDate(e.BirthDates, d)
		}
		if place := joinNonEmpty(", ", line(a, "CITY_OF_BIRTH"), line(a, "COUNTRY_OF_BIRTH")); place != "" {
			e.EnsureMore().BirthPlaces = appendUnique(e.BirthPlaces(), place)
		}
	}
	return nil
}

func aliasType(quality string) entity.NameType {
	switch strings.ToLower(quality) {
	case "low":
		return entity.NameWeakAlias
	case "f.k.a.":
		return entity.NameFormer
	default: // "Good", "a.k.a.", or unstated
		return entity.NameAlias
	}
}

// addAddress adds a non-empty address; its country also joins Countries.
func addAddress(e *entity.Entity, a *xmlnode.Node) {
	ad := entity.Address{
		Street:     line(a, "STREET"),
		City:       line(a, "CITY"),
		Region:     line(a, "STATE_PROVINCE"),
		PostalCode: line(a, "ZIP_CODE"),
	}
	ctry := line(a, "COUNTRY")
	ad.Full = joinNonEmpty(", ", ad.Street, ad.City, ad.Region, ad.PostalCode, ctry, line(a, "NOTE"))
	if ad.Full == "" {
		return
	}
	if c, ok := country.Code(ctry); ok {
		ad.Country = c
		e.Countries = appendUnique(e.Countries, c)
	}
	e.EnsureMore().Addresses = append(e.Addresses(), ad)
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func appendDate(list []entity.Date, d entity.Date) []entity.Date {
	for _, x := range list {
		if x == d {
			return list
		}
	}
	return append(list, d)
}

// fieldErr reports a bad field of record id, at the line of the field
// when n has it as a child, else at n's line.
func (p *parser) fieldErr(n *xmlnode.Node, id, field string, err error) error {
	line := n.Line
	if c := n.Child(field); c != nil {
		line = c.Line
	}
	return &reader.ParseError{File: p.file, Line: line, Record: id, Field: field, Err: err}
}
