package un

import (
	"errors"
	"strings"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

var (
	errMissing   = errors.New("missing")
	errDuplicate = errors.New("duplicate DATAID")
)

// person reads the fields only individuals have.
//
// Names: the UN gives up to four parts, FIRST_NAME to FOURTH_NAME, in
// written order ("AIMAN" "MUHAMMED" "RABI" "AL-ZAWAHIRI"; "ERIC"
// "BADEGE"). FIRST_NAME is the given name and the last part present is
// the family name (for Arabic names the tribal or family name, the nisba);
// parts between them are middle names (for Arabic names the father's and
// grandfather's names). A name with one part has only a given name. Full
// joins the parts with spaces.
func (p *parser) person(n *xmlnode.Node, e *entity.Entity) error {
	if name := personName(n); name.Full != "" {
		e.Names = append(e.Names, name)
	}
	e.EnsureMore().Titles = lines(n, "TITLE")
	e.EnsureMore().Positions = lines(n, "DESIGNATION")
	switch strings.ToLower(line(n, "GENDER")) {
	case "male":
		e.Genders = []entity.Gender{entity.GenderMale}
	case "female":
		e.Genders = []entity.Gender{entity.GenderFemale}
	}
	for _, v := range lines(n, "NATIONALITY") {
		for _, c := range country.Codes(v) {
			e.Nationalities = appendUnique(e.Nationalities, c)
		}
	}
	for _, d := range n.All("INDIVIDUAL_DATE_OF_BIRTH") {
		dt, ok, err := birthDate(d)
		if err != nil {
			return p.fieldErr(d, e.ID, "INDIVIDUAL_DATE_OF_BIRTH", err)
		}
		if ok {
			e.BirthDates = appendDate(e.BirthDates, dt)
		}
	}
	for _, b := range n.All("INDIVIDUAL_PLACE_OF_BIRTH") {
		place := joinNonEmpty(", ", line(b, "STREET"), line(b, "CITY"), line(b, "STATE_PROVINCE"), line(b, "COUNTRY"), line(b, "NOTE"))
		if place != "" {
			e.EnsureMore().BirthPlaces = appendUnique(e.BirthPlaces(), place)
		}
	}
	for _, d := range n.All("INDIVIDUAL_DOCUMENT") {
		if doc, ok := document(d); ok {
			e.Documents = append(e.Documents, doc)
		}
	}
	return nil
}

func personName(n *xmlnode.Node) entity.Name {
	var vals []string
	for _, tag := range []string{"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"} {
		if s := line(n, tag); s != "" {
			vals = append(vals, s)
		}
	}
	name := entity.Name{Full: strings.Join(vals, " "), Type: entity.NamePrimary}
	for i, v := range vals {
		t := entity.PartMiddle
		switch {
		case i == 0:
			t = entity.PartGiven
		case i == len(vals)-1:
			t = entity.PartFamily
		}
		name.Parts = append(name.Parts, entity.NamePart{Type: t, Value: v})
	}
	return name
}

// document reads an INDIVIDUAL_DOCUMENT; one without a number is skipped.
// TYPE_OF_DOCUMENT gives the kind (in English, French or Spanish), and
// TYPE_OF_DOCUMENT2 a free-text refinement, used for the kind when the
// first is empty and kept in the note. The issuing country is
// ISSUING_COUNTRY, or else COUNTRY_OF_ISSUE.
func document(d *xmlnode.Node) (entity.Document, bool) {
	num := line(d, "NUMBER")
	if num == "" {
		return entity.Document{}, false
	}
	kind, kind2 := line(d, "TYPE_OF_DOCUMENT"), line(d, "TYPE_OF_DOCUMENT2")
	doc := entity.Document{Type: docType(kind + " " + kind2), Number: num}
	issuer := line(d, "ISSUING_COUNTRY")
	if issuer == "" {
		issuer = line(d, "COUNTRY_OF_ISSUE")
	}
	if c, ok := country.Code(issuer); ok {
		doc.Country = c
	}
	var note []string
	if kind2 != "" {
		note = append(note, kind2)
	}
	if s := line(d, "DATE_OF_ISSUE"); s != "" {
		note = append(note, "issued "+s)
	}
	if s := joinNonEmpty(", ", line(d, "CITY_OF_ISSUE"), line(d, "COUNTRY_OF_ISSUE")); s != "" {
		note = append(note, "issued in "+s)
	}
	if s := line(d, "NOTE"); s != "" {
		note = append(note, s)
	}
	doc.Note = strings.Join(note, "; ")
	return doc, true
}

func docType(s string) entity.DocType {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch {
	case strings.Contains(s, "passport"), strings.Contains(s, "passeport"), strings.Contains(s, "pasaporte"):
		return entity.DocPassport
	case strings.Contains(s, "driver"):
		return entity.DocDriving
	case strings.Contains(s, "fiscal code"), strings.Contains(s, "tax"):
		return entity.DocTaxID
	case strings.Contains(s, "national identi"), strings.Contains(s, "identity card"),
		strings.Contains(s, "national number"), strings.Contains(s, "civil identification"),
		strings.Contains(s, "identification card"), strings.Contains(s, "tazkira"):
		return entity.DocNationalID
	}
	return entity.DocOther
}
