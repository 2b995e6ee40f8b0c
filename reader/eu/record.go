package eu

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/loosedate"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// records holds the records read so far, by ID, in the order their
// first sanctionEntity came.
type records struct {
	order   []*entity.Entity
	byID    map[string]*entity.Entity
	remarks map[*entity.Entity][]string
}

func newRecords() *records {
	return &records{byID: map[string]*entity.Entity{}, remarks: map[*entity.Entity][]string{}}
}

// emit finishes and emits the records in order: remarks joined, and the
// first name made primary when no name is in the regulation's language.
func (rs *records) emit(emit reader.Emit) error {
	for _, e := range rs.order {
		e.EnsureMore().Remarks = strings.Join(rs.remarks[e], "\n")
		if !hasPrimary(e) {
			e.Names[0].Type = entity.NamePrimary
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

// add reads one sanctionEntity into its record, new or one read before
// with the same logicalId.
func (rs *records) add(n *xmlnode.Node, file string) error {
	id := n.Attr("logicalId")
	fail := func(line int, field string, err error) error {
		return &reader.ParseError{File: file, Line: line, Record: id, Field: field, Err: err}
	}
	if _, err := strconv.ParseUint(id, 10, 63); err != nil {
		return fail(n.Line, "logicalId", fmt.Errorf("%q is not a number", clip(id)))
	}
	kind, err := subjectType(n)
	if err != nil {
		return fail(n.Line, "subjectType", err)
	}
	e := rs.byID[id]
	switch {
	case e == nil:
		e = &entity.Entity{List: List, ID: id, Kind: kind}
		rs.byID[id] = e
		rs.order = append(rs.order, e)
	case e.Kind != kind:
		return fail(n.Line, "subjectType", fmt.Errorf("%s, but an earlier sanctionEntity with this logicalId is a %s", kind, e.Kind))
	}
	if ref := n.Attr("euReferenceNumber"); ref != "" {
		e.EnsureMore().OtherIDs = appendID(e.OtherIDs(), entity.Identifier{Scheme: "eu_reference", Value: ref})
	}
	if ref := n.Attr("unitedNationId"); ref != "" {
		e.EnsureMore().OtherIDs = appendID(e.OtherIDs(), entity.Identifier{Scheme: "un_reference", Value: ref})
	}
	if d := n.Attr("designationDate"); d != "" {
		day, err := loosedate.Parse(d)
		if err != nil {
			return fail(n.Line, "designationDate", err)
		}
		if !slices.Contains(e.ListedOn(), day) {
			e.EnsureMore().ListedOn = append(e.ListedOn(), day)
		}
	}
	rs.remark(e, n.Attr("designationDetails"))
	for _, k := range n.Kids {
		if err := rs.addChild(e, k); err != nil {
			return fail(k.Line, k.Name, err)
		}
	}
	if len(e.Names) == 0 {
		return fail(n.Line, "nameAlias", errors.New("record has no name"))
	}
	return nil
}

// addChild reads one child element of a sanctionEntity.
func (rs *records) addChild(e *entity.Entity, k *xmlnode.Node) error {
	switch k.Name {
	case "remark":
		rs.remark(e, k.Data)
	case "regulation":
		if p := k.Attr("programme"); p != "" && !contains(e.Programs(), p) {
			e.EnsureMore().Programs = append(e.Programs(), p)
		}
	case "nameAlias":
		return addName(e, k)
	case "citizenship":
		if c := countryCode(k); c != "" && !contains(e.Citizenships(), c) {
			e.EnsureMore().Citizenships = append(e.Citizenships(), c)
		}
	case "birthdate":
		r, err := addBirth(e, k)
		rs.remark(e, r)
		return err
	case "identification":
		addDocument(e, k)
	case "address":
		addAddress(e, k)
	}
	return nil
}

// remark adds a line of remarks once.
func (rs *records) remark(e *entity.Entity, s string) {
	if s = strings.TrimSpace(s); s != "" && !contains(rs.remarks[e], s) {
		rs.remarks[e] = append(rs.remarks[e], s)
	}
}

func appendID(ids []entity.Identifier, id entity.Identifier) []entity.Identifier {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

func subjectType(n *xmlnode.Node) (entity.Kind, error) {
	st := n.Child("subjectType")
	if st == nil {
		return "", errors.New("missing")
	}
	switch code := st.Attr("code"); code {
	case "person":
		return entity.KindPerson, nil
	case "enterprise":
		return entity.KindOrganization, nil
	default:
		return "", fmt.Errorf("code %q, want person or enterprise", clip(code))
	}
}

// addName adds a nameAlias: its wholeName, or its parts joined.
func addName(e *entity.Entity, n *xmlnode.Node) error {
	first, middle, last := n.Attr("firstName"), n.Attr("middleName"), n.Attr("lastName")
	full := strings.Join(strings.Fields(n.Attr("wholeName")), " ")
	if full == "" {
		full = strings.Join(strings.Fields(first+" "+middle+" "+last), " ")
	}
	if full == "" {
		return errors.New("name without wholeName, firstName or lastName")
	}
	name := entity.Name{Full: full, Type: entity.NameAlias, Lang: strings.ToLower(n.Attr("nameLanguage"))}
	switch {
	case n.Attr("strong") == "false":
		name.Type = entity.NameWeakAlias
	case name.Lang == "" && !hasPrimary(e):
		name.Type = entity.NamePrimary
	}
	for _, p := range []struct {
		t entity.PartType
		v string
	}{{entity.PartGiven, first}, {entity.PartMiddle, middle}, {entity.PartFamily, last}} {
		if p.v != "" {
			name.Parts = append(name.Parts, entity.NamePart{Type: p.t, Value: p.v})
		}
	}
	switch n.Attr("gender") {
	case "M":
		addGender(e, entity.GenderMale)
	case "F":
		addGender(e, entity.GenderFemale)
	}
	if t := n.Attr("title"); t != "" && !contains(e.Titles(), t) {
		e.EnsureMore().Titles = append(e.Titles(), t)
	}
	if f := strings.Join(strings.Fields(n.Attr("function")), " "); f != "" && !contains(e.Positions(), f) {
		e.EnsureMore().Positions = append(e.Positions(), f)
	}
	for _, old := range e.Names {
		if old.Full == name.Full && old.Lang == name.Lang {
			return nil
		}
	}
	e.Names = append(e.Names, name)
	return nil
}

func hasPrimary(e *entity.Entity) bool {
	for _, n := range e.Names {
		if n.Type == entity.NamePrimary {
			return true
		}
	}
	return false
}

func addGender(e *entity.Entity, g entity.Gender) {
	for _, old := range e.Genders {
		if old == g {
			return
		}
	}
	e.Genders = append(e.Genders, g)
}

// addBirth adds a birthdate element: its date (full, partial or a range
// of years; circa), and its place. Where the date is in another calendar
// than the Gregorian one, the EU gives the Gregorian date in the
// birthdate attribute; without it, the date is not one Vigil compares
// and is returned as a remark.
func addBirth(e *entity.Entity, n *xmlnode.Node) (string, error) {
	if place := joinNonEmpty(", ", n.Attr("city"), n.Attr("place"), n.Attr("region"), countryName(n)); place != "" && !contains(e.BirthPlaces(), place) {
		e.EnsureMore().BirthPlaces = append(e.BirthPlaces(), place)
	}
	cal := n.Attr("calendarType")
	if cal != "" && !strings.EqualFold(cal, "GREGORIAN") && n.Attr("birthdate") == "" {
		if d, ok, err := birthDate(n); err == nil && ok {
			return fmt.Sprintf("Date of birth (%s calendar): %s", strings.ToLower(cal), d), nil
		}
		return "", nil
	}
	d, ok, err := birthDate(n)
	if err != nil || !ok {
		return "", err
	}
	for _, old := range e.BirthDates {
		if old == d {
			return "", nil
		}
	}
	e.BirthDates = append(e.BirthDates, d)
	return "", nil
}

// birthDate reads the date of a birthdate element: birthdate
// ("1937-04-28"), else year, monthOfYear and dayOfMonth, else
// yearRangeFrom and yearRangeTo. It reports false when there is none.
func birthDate(n *xmlnode.Node) (entity.Date, bool, error) {
	var d entity.Date
	switch {
	case n.Attr("birthdate") != "":
		var err error
		if d, err = loosedate.Parse(n.Attr("birthdate")); err != nil {
			return d, false, err
		}
	case n.Attr("year") != "":
		d = entity.MakeDate(number(n.Attr("year")), number(n.Attr("monthOfYear")), number(n.Attr("dayOfMonth")))
		if d.Month == 0 {
			d.Day = 0
		}
	case n.Attr("yearRangeFrom") != "" || n.Attr("yearRangeTo") != "":
		d = entity.MakeDate(number(n.Attr("yearRangeFrom")), 0, 0)
		d.ToYear = entity.MakeDate(number(n.Attr("yearRangeTo")), 0, 0).Year
	default:
		return d, false, nil
	}
	d.Circa = n.Attr("circa") == "true"
	if !d.Valid() {
		return d, false, fmt.Errorf("date of birth %s is not a date", clip(strings.Join([]string{n.Attr("birthdate"), n.Attr("year"),
			n.Attr("monthOfYear"), n.Attr("dayOfMonth"), n.Attr("yearRangeFrom"), n.Attr("yearRangeTo")}, "/")))
	}
	return d, true, nil
}

// number reads a whole number, -1 when it is not one (which makes the
// date invalid).
func number(s string) int {
	if s == "" {
		return 0
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return -1
	}
	return v
}
