package fcdo

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/loosedate"
	"github.com/vigil-screening/vigil/reader/merge"
	"github.com/vigil-screening/vigil/reader/rowmap"
)

// row is one name of a designation as column → value, in the CSV's
// column names; the XML reader builds the same rows.
type row = rowmap.Row

// records merges the rows of each designation.
type records struct {
	file string
	set  *merge.Set
}

func newRecords(file string) *records { return &records{file: file, set: merge.NewSet()} }

func (rs *records) emit(emit reader.Emit) error { return rs.set.Emit(rs.file, emit, nil) }

var kinds = map[string]entity.Kind{
	"individual": entity.KindPerson, "entity": entity.KindOrganization, "ship": entity.KindVessel,
}

// add merges one row into its designation's record.
func (rs *records) add(line int, r row) error {
	fail := func(field string, err error) error {
		return &reader.ParseError{File: rs.file, Line: line, Record: r[colID], Field: field, Err: err}
	}
	id := r[colID]
	if id == "" {
		return fail(colID, errors.New("missing"))
	}
	if len(id) > 64 || strings.ContainsAny(id, " \t/") {
		return fail(colID, fmt.Errorf("%q is not a designation reference", clip(id)))
	}
	kind, ok := kinds[strings.ToLower(r[colKind])]
	if !ok {
		return fail(colKind, fmt.Errorf("%q, want Individual, Entity or Ship", clip(r[colKind])))
	}
	g := rs.set.Record(List, id, kind)
	if g.Entity.Kind != kind {
		return fail(colKind, fmt.Errorf("%s, but an earlier row of %s says %s", kind, id, g.Entity.Kind))
	}
	if err := addNames(g, r); err != nil {
		return fail("Name 6", err)
	}
	addListing(g, r)
	addPerson(g, r)
	addContacts(g, r)
	addOrganisation(g, r)
	addShip(g, r)
	return nil
}

var nameTypes = map[string]entity.NameType{
	"primary name": entity.NamePrimary, "primary name variation": entity.NameAlias, "alias": entity.NameAlias,
}

// addNames adds the row's name (Name 1 to Name 6; Name 6 the family
// name) and its name in non-Latin script.
func addNames(g *merge.Record, r row) error {
	var words []string
	var parts []entity.NamePart
	for i := 1; i <= 6; i++ {
		v := r[fmt.Sprintf("Name %d", i)]
		if v == "" {
			continue
		}
		words = append(words, v)
		typ := entity.PartMiddle
		switch i {
		case 1:
			typ = entity.PartGiven
		case 6:
			typ = entity.PartFamily
		}
		parts = append(parts, entity.NamePart{Type: typ, Value: v})
	}
	nonLatin := r["Name non-latin script"]
	if len(words) == 0 && nonLatin == "" {
		return errors.New("row has no name")
	}
	if g.Entity.Kind != entity.KindPerson {
		parts = nil
	}
	if len(words) > 0 {
		typ, ok := nameTypes[strings.ToLower(r[colNameType])]
		if !ok {
			typ = entity.NameAlias
		}
		if typ == entity.NameAlias && strings.EqualFold(r["Alias strength"], "Low quality") {
			typ = entity.NameWeakAlias
		}
		g.AddName(entity.Name{Full: strings.Join(words, " "), Type: typ, Parts: parts})
	}
	for _, v := range values(nonLatin) {
		g.AddName(entity.Name{Full: v, Type: entity.NameOriginalScript, Script: scriptCode(r["Non-latin script type"])})
	}
	if t := r["Title"]; t != "" && g.Once("title", t) {
		g.Entity.EnsureMore().Titles = append(g.Entity.Titles(), t)
	}
	return nil
}

var scripts = map[string]string{
	"cyrillic": "Cyrl", "arabic": "Arab", "chinese": "Hani", "georgian": "Geor", "hebrew": "Hebr",
	"korean": "Hang", "hangul": "Hang", "thai": "Thai", "greek": "Grek", "burmese": "Mymr", "persian": "Arab",
}

func scriptCode(typ string) string { return scripts[strings.ToLower(strings.TrimSpace(typ))] }

// addListing adds the regime, identifiers, dates and remarks of the
// designation.
func addListing(g *merge.Record, r row) {
	e := g.Entity
	if v := r["Regime Name"]; v != "" && g.Once("regime", v) {
		e.EnsureMore().Programs = append(e.Programs(), v)
	}
	for _, id := range [][2]string{{"ofsi_group_id", "OFSI Group ID"}, {"un_reference", "UN Reference Number"}} {
		if v := r[id[1]]; v != "" && g.Once("id", id[0], v) {
			e.EnsureMore().OtherIDs = append(e.OtherIDs(), entity.Identifier{Scheme: id[0], Value: v})
		}
	}
	addDate(g, &e.EnsureMore().ListedOn, "listed", r["Date Designated"])
	addDate(g, &e.EnsureMore().AmendedOn, "amended", r["Last Updated"])
	for _, col := range []string{"Designation source", "Sanctions Imposed", "Other Information", "UK Statement of Reasons",
		"Type of entity", "Previous owner/operator (s)", "Previous flags", "Length of ship", "Year Built", "Hull identification number (HIN)"} {
		if v := r[col]; v != "" && g.Once("remark", col, v) {
			g.Remarks = append(g.Remarks, col+": "+v)
		}
	}
}

func addDate(g *merge.Record, list *[]entity.Date, key, v string) {
	if v == "" {
		return
	}
	if d, err := loosedate.ParseCell(v); err == nil && g.Once(key, d.String()) {
		*list = append(*list, d)
	}
}

// addPerson adds what is said of an individual: dates and places of
// birth, nationalities, documents, positions, gender. A date of birth
// that does not read, or a nationality that names no known country, is
// kept in the remarks.
func addPerson(g *merge.Record, r row) {
	e := g.Entity
	for _, v := range values(r["D.O.B"]) {
		if d, err := loosedate.ParseCell(v); err == nil {
			if g.Once("dob", d.String()) {
				e.BirthDates = append(e.BirthDates, d)
			}
		} else if g.Once("remark", "dob", v) {
			g.Remarks = append(g.Remarks, "DOB: "+v)
		}
	}
	for _, v := range values(r["Nationality(/ies)"]) {
		if c, ok := country.Code(v); ok {
			if g.Once("nat", c) {
				e.Nationalities = append(e.Nationalities, c)
			}
		} else if g.Once("remark", "nat", v) {
			g.Remarks = append(g.Remarks, "Nationality: "+v)
		}
	}
	addDocuments(g, entity.DocPassport, r["Passport number"], r["Passport additional information"])
	addDocuments(g, entity.DocNationalID, r["National Identifier number"], r["National Identifier additional information"])
	for _, v := range values(r["Position"]) {
		if g.Once("pos", v) {
			e.EnsureMore().Positions = append(e.Positions(), v)
		}
	}
	switch strings.ToLower(r["Gender"]) {
	case "male":
		addGender(g, entity.GenderMale)
	case "female":
		addGender(g, entity.GenderFemale)
	}
	towns, countries := values(r["Town of birth"]), values(r["Country of birth"])
	for i := range max(len(towns), len(countries)) {
		var parts []string
		if i < len(towns) {
			parts = append(parts, towns[i])
		}
		if i < len(countries) {
			parts = append(parts, countries[i])
		}
		if p := strings.Join(parts, ", "); g.Once("pob", p) {
			e.EnsureMore().BirthPlaces = append(e.BirthPlaces(), p)
		}
	}
}

func addGender(g *merge.Record, gender entity.Gender) {
	if g.Once("gender", string(gender)) {
		g.Entity.Genders = append(g.Entity.Genders, gender)
	}
}

// addDocuments pairs the numbers of a column with the notes of its
// "additional information" column, value by value ("A|B" and "x|").
func addDocuments(g *merge.Record, typ entity.DocType, numbers, notes string) {
	ns := strings.Split(notes, "|")
	for i, num := range strings.Split(numbers, "|") {
		if num = strings.TrimSpace(num); num == "" {
			continue
		}
		d := entity.Document{Type: typ, Number: num}
		if i < len(ns) {
			d.Note = strings.TrimSpace(ns[i])
		}
		if g.Once("doc", string(typ), num, d.Note) {
			g.Entity.Documents = append(g.Entity.Documents, d)
		}
	}
}

// addContacts adds the row's address, phones, e-mails and websites.
func addContacts(g *merge.Record, r row) {
	e := g.Entity
	var lines []string
	for i := 1; i <= 6; i++ {
		if v := r[fmt.Sprintf("Address Line %d", i)]; v != "" {
			lines = append(lines, v)
		}
	}
	postal, ctry := r["Address Postal Code"], r["Address Country"]
	if len(lines) > 0 || postal != "" || ctry != "" {
		a := entity.Address{Street: strings.Join(lines, ", "), PostalCode: postal}
		a.Full = strings.Join(nonEmpty(a.Street, postal, ctry), ", ")
		if c, ok := country.Code(ctry); ok {
			a.Country = c
		}
		if g.Once("addr", a.Full) {
			e.EnsureMore().Addresses = append(e.Addresses(), a)
			if a.Country != "" && g.Once("ctry", a.Country) {
				e.Countries = append(e.Countries, a.Country)
			}
		}
	}
	for col, list := range map[string]*[]string{"Phone number": &e.EnsureMore().Phones, "Email address": &e.EnsureMore().Emails, "Website": &e.EnsureMore().Websites} {
		for _, v := range values(r[col]) {
			if g.Once(col, v) {
				*list = append(*list, v)
			}
		}
	}
}

// addOrganisation adds an entity's registration numbers and its parent
// companies and subsidiaries (as named: the list gives no reference).
func addOrganisation(g *merge.Record, r row) {
	e := g.Entity
	addDocuments(g, entity.DocRegistration, r["Business registration number (s)"], "")
	for _, rel := range []struct {
		col, role string
		outgoing  bool
	}{{"Parent company", "parent", false}, {"Subsidiaries", "subsidiary", true}} {
		for _, v := range values(r[rel.col]) {
			if g.Once("rel", rel.role, v) {
				e.EnsureMore().Relations = append(e.Relations(), entity.Relation{Type: entity.RelOwnership, TargetName: v, Role: rel.role,
					Outgoing: rel.outgoing, Source: List + " " + rel.col})
			}
		}
	}
}

// addShip adds a ship's IMO number, current owner, flag, type and tonnage.
func addShip(g *merge.Record, r row) {
	cols := []string{"IMO number", "Current owner/operator (s)", "Current believed flag of ship", "Type of ship", "Tonnage of ship"}
	if len(nonEmpty(r[cols[0]], r[cols[1]], r[cols[2]], r[cols[3]], r[cols[4]])) == 0 {
		return
	}
	e := g.Entity
	if e.Vessel == nil {
		e.Vessel = &entity.Vessel{}
	}
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	set(&e.Vessel.IMO, strings.TrimSpace(strings.TrimPrefix(strings.ToUpper(r[cols[0]]), "IMO")))
	set(&e.Vessel.Owner, r[cols[1]])
	if c, ok := country.Code(r[cols[2]]); ok {
		set(&e.Vessel.Flag, c)
	}
	set(&e.Vessel.Type, r[cols[3]])
	set(&e.Vessel.Tonnage, r[cols[4]])
}

// values splits a cell holding several values separated by "|".
func values(s string) []string {
	var out []string
	for _, v := range strings.Split(s, "|") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func nonEmpty(vals ...string) []string {
	var out []string
	for _, v := range vals {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
