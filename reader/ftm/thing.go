package ftm

import (
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// thing maps a Person, Organization, Company, LegalEntity, PublicBody,
// Vessel or Airplane onto an entity. Values it cannot use (a birth date
// "unknown", a nationality "Ottoman Empire") are counted in st.Skipped.
func (p *parser) thing(r *raw) *entity.Entity {
	e := &entity.Entity{List: p.listName(r), ID: r.ID, Kind: thingKinds[r.Schema]}
	p.names(r, e)
	e.BirthDates = p.dates(r.props["birthDate"])
	e.EnsureMore().DeathDates = p.dates(r.props["deathDate"])
	e.EnsureMore().BirthPlaces = r.props["birthPlace"]
	for _, g := range r.props["gender"] {
		switch strings.ToLower(g) {
		case "male":
			e.Genders = appendNew(e.Genders, entity.GenderMale)
		case "female":
			e.Genders = appendNew(e.Genders, entity.GenderFemale)
		}
	}
	e.Nationalities = p.countries(r.props["nationality"])
	e.EnsureMore().Citizenships = p.countries(r.props["citizenship"])
	e.Countries = p.countries(r.props["country"], r.props["jurisdiction"], r.props["mainCountry"])
	e.EnsureMore().Titles = r.props["title"]
	e.EnsureMore().Positions = r.props["position"]
	p.identifiers(r, e)
	e.EnsureMore().Emails = r.props["email"]
	e.EnsureMore().Phones = r.props["phone"]
	e.EnsureMore().Websites = r.props["website"]
	for _, a := range r.props["address"] {
		e.EnsureMore().Addresses = append(e.Addresses(), entity.Address{Full: a})
	}
	p.craft(r, e)
	e.EnsureMore().Programs = slices.Concat(r.props["topics"], r.props["programId"])
	e.EnsureMore().ListedOn = p.dates(r.props["createdAt"])
	e.EnsureMore().AmendedOn = p.dates(r.props["modifiedAt"])
	e.EnsureMore().Remarks = strings.Join(r.props["notes"], "\n")
	return e
}

func (p *parser) names(r *raw, e *entity.Entity) {
	for _, n := range []struct {
		prop string
		typ  entity.NameType
	}{
		{"name", entity.NamePrimary}, {"alias", entity.NameAlias},
		{"weakAlias", entity.NameWeakAlias}, {"abbreviation", entity.NameWeakAlias}, {"previousName", entity.NameFormer},
	} {
		for _, v := range r.props[n.prop] {
			e.Names = append(e.Names, entity.Name{Full: v, Type: n.typ})
		}
	}
	if len(e.Names) > 0 {
		return
	}
	// No full name: build one from the first value of each part.
	var parts []entity.NamePart
	for _, pt := range []struct {
		prop string
		typ  entity.PartType
	}{
		{"firstName", entity.PartGiven}, {"secondName", entity.PartMiddle}, {"middleName", entity.PartMiddle},
		{"fatherName", entity.PartPatronymic}, {"lastName", entity.PartFamily},
	} {
		if v := r.first(pt.prop); v != "" {
			parts = append(parts, entity.NamePart{Type: pt.typ, Value: v})
		}
	}
	if len(parts) == 0 {
		if r.Caption != "" {
			e.Names = []entity.Name{{Full: r.Caption, Type: entity.NamePrimary}}
		}
		return
	}
	vals := make([]string, len(parts))
	for i, pt := range parts {
		vals[i] = pt.Value
	}
	e.Names = []entity.Name{{Full: strings.Join(vals, " "), Type: entity.NamePrimary, Parts: parts}}
}

// dates parses FtM dates ("2023-02-24", "1972", "2023-02-24T10:00:00").
func (p *parser) dates(vs []string) []entity.Date {
	var out []entity.Date
	for _, v := range vs {
		if len(v) > 10 && v[10] == 'T' {
			v = v[:10]
		}
		d, err := entity.ParseDate(v)
		if err != nil {
			p.st.Skipped++
			continue
		}
		out = appendNew(out, d)
	}
	return out
}

// countries turns FtM country codes (lower-case alpha-2) into upper-case
// alpha-2 codes.
func (p *parser) countries(lists ...[]string) []string {
	var out []string
	for _, vs := range lists {
		for _, v := range vs {
			code, ok := countryCode(v)
			if !ok {
				p.st.Skipped++
				continue
			}
			out = appendNew(out, code)
		}
	}
	return out
}

// countryCode upper-cases an alpha-2 code. FtM country properties hold
// codes by definition; names ("Ottoman Empire") and FtM's own longer codes
// ("suhh") are not taken.
func countryCode(v string) (string, bool) {
	if len(v) == 2 && isLetter(v[0]) && isLetter(v[1]) {
		return strings.ToUpper(v), true
	}
	return "", false
}

func isLetter(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') }

func (p *parser) identifiers(r *raw, e *entity.Entity) {
	for _, d := range []struct {
		prop string
		typ  entity.DocType
	}{
		{"passportNumber", entity.DocPassport}, {"idNumber", entity.DocNationalID},
		{"innCode", entity.DocTaxID}, {"taxNumber", entity.DocTaxID}, {"vatCode", entity.DocTaxID},
		{"ogrnCode", entity.DocRegistration},
	} {
		for _, v := range r.props[d.prop] {
			e.Documents = appendNew(e.Documents, entity.Document{Type: d.typ, Number: v})
		}
	}
	if r.Schema != "Airplane" {
		for _, v := range r.props["registrationNumber"] {
			e.Documents = appendNew(e.Documents, entity.Document{Type: entity.DocRegistration, Number: v})
		}
	}
	for _, id := range []struct{ prop, scheme string }{
		{"leiCode", "lei"}, {"swiftBic", "swift_bic"}, {"wikidataId", "wikidata"},
		{"uniqueEntityId", "sam_uei"}, {"permId", "perm_id"},
	} {
		for _, v := range r.props[id.prop] {
			e.EnsureMore().OtherIDs = appendNew(e.OtherIDs(), entity.Identifier{Scheme: id.scheme, Value: v})
		}
	}
}

// craft fills the vessel and aircraft identifiers.
func (p *parser) craft(r *raw, e *entity.Entity) {
	switch e.Kind {
	case entity.KindVessel:
		flag, _ := countryCode(r.first("flag"))
		tonnage := r.first("grossRegisteredTonnage")
		if tonnage == "" {
			tonnage = r.first("tonnage")
		}
		e.Vessel = &entity.Vessel{IMO: r.first("imoNumber"), MMSI: r.first("mmsi"), CallSign: r.first("callSign"),
			Flag: flag, Type: r.first("type"), Tonnage: tonnage}
	case entity.KindAircraft:
		e.EnsureMore().Aircraft = &entity.Aircraft{TailNumber: r.first("registrationNumber"), Model: r.first("model"),
			SerialNumber: r.first("serialNumber"), Operator: r.first("operator")}
	}
}

func appendNew[T comparable](list []T, v T) []T {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}
