// Package ftmjson is Vigil's FollowTheMoney JSON shapes, the exchange
// format of OpenSanctions and of yente's API: listed records written as
// FtM entities (FromEntity), hits written as yente's scored entities
// (Scored), and FtM example entities — the queries of yente's
// /match endpoint and the lines of an FtM JSON Lines subjects file — read
// as subjects (Example.Inputs).
//
// It does no I/O. Reading whole FtM exports into list records is package
// reader/ftm's job; this package is the other direction and the queries.
package ftmjson

import (
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// Entity is one FollowTheMoney entity as yente's API and OpenSanctions'
// exports write it: every property an array of strings.
type Entity struct {
	ID         string              `json:"id"`
	Caption    string              `json:"caption"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`
	// Referents are other ids of the same entity (yente: merged source
	// ids); Vigil gives none.
	Referents []string `json:"referents"`
	// Target is true for an entity that is itself listed: every record
	// Vigil answers with is.
	Target bool `json:"target"`
	// LastChange is the record's last amendment date on its list, when the
	// list gives one (yente: last_change).
	LastChange string `json:"last_change,omitempty"`
}

// Schema returns the FtM schema of a kind of record.
func Schema(k entity.Kind) string {
	switch k {
	case entity.KindPerson:
		return "Person"
	case entity.KindOrganization:
		return "Organization"
	case entity.KindVessel:
		return "Vessel"
	case entity.KindAircraft:
		return "Airplane"
	}
	return "LegalEntity"
}

// ID returns the FtM id of a record: the record's own id for entities read
// from FtM exports (lists named "os_…", whose ids are OpenSanctions' ids),
// and "<list>-<id>" for every other list, so that ids are unique across
// lists.
func ID(list, id string) string {
	if strings.HasPrefix(list, "os_") {
		return id
	}
	return list + "-" + id
}

// Candidates returns the (list, id) pairs an FtM id may stand for, given
// the names of the lists in force: "<list>-<id>" for each list in force
// whose name prefixes it, and the id itself on every "os_" list.
func Candidates(fid string, lists []string) [][2]string {
	var out [][2]string
	for _, name := range lists {
		if strings.HasPrefix(name, "os_") {
			continue
		}
		if id, ok := strings.CutPrefix(fid, name+"-"); ok && id != "" {
			out = append(out, [2]string{name, id})
		}
	}
	for _, name := range lists {
		if strings.HasPrefix(name, "os_") {
			out = append(out, [2]string{name, fid})
		}
	}
	return out
}

// topics are FtM topic values: when a record's programmes hold one (as
// records read from OpenSanctions' exports do), it is written back as a
// topic rather than a programme.
var topics = map[string]bool{
	"crime": true, "crime.fraud": true, "crime.cyber": true, "crime.fin": true, "crime.env": true,
	"crime.theft": true, "crime.war": true, "crime.boss": true, "crime.terror": true, "crime.traffick": true,
	"crime.traffick.drug": true, "crime.traffick.human": true, "wanted": true, "corp.offshore": true,
	"corp.shell": true, "corp.public": true, "corp.disqual": true, "gov": true, "gov.national": true,
	"gov.state": true, "gov.muni": true, "gov.soe": true, "gov.igo": true, "gov.head": true, "gov.admin": true,
	"gov.executive": true, "gov.legislative": true, "gov.judicial": true, "gov.security": true,
	"gov.financial": true, "fin": true, "fin.bank": true, "fin.fund": true, "fin.adivsor": true,
	"reg.action": true, "reg.warn": true, "role.pep": true, "role.pol": true, "role.rca": true,
	"role.judge": true, "role.civil": true, "role.diplo": true, "role.lawyer": true, "role.acct": true,
	"role.spy": true, "role.oligarch": true, "role.journo": true, "role.act": true, "role.lobby": true,
	"pol.party": true, "pol.union": true, "rel": true, "mil": true, "asset.frozen": true, "sanction": true,
	"sanction.linked": true, "sanction.counter": true, "export.control": true, "export.risk": true,
	"debarment": true, "poi": true,
}

// FromEntity writes a listed record as an FtM entity. Names, dates,
// countries (lower-case alpha-2, as FtM writes them), documents, contact
// details, addresses, vessel and aircraft identifiers, programmes, notes
// and listing dates are written; relations are not (FtM writes them as
// entities of their own).
func FromEntity(e *entity.Entity) Entity {
	p := props{}
	for _, n := range e.Names {
		switch n.Type {
		case entity.NamePrimary, entity.NameOriginalScript:
			p.add("name", n.Full)
		case entity.NameAlias:
			p.add("alias", n.Full)
		case entity.NameWeakAlias:
			p.add("weakAlias", n.Full)
		case entity.NameFormer:
			p.add("previousName", n.Full)
		default:
			p.add("alias", n.Full)
		}
	}
	person := e.Kind == entity.KindPerson
	for _, d := range e.BirthDates {
		p.dates(choose(person, "birthDate", "incorporationDate"), d)
	}
	for _, d := range e.DeathDates() {
		p.dates(choose(person, "deathDate", "dissolutionDate"), d)
	}
	if person {
		p.add("birthPlace", e.BirthPlaces()...)
		for _, g := range e.Genders {
			p.add("gender", string(g))
		}
		p.countries("nationality", e.Nationalities...)
		p.countries("citizenship", e.Citizenships()...)
		p.add("title", e.Titles()...)
		p.add("position", e.Positions()...)
	} else {
		p.countries("jurisdiction", e.Nationalities...)
		p.countries("jurisdiction", e.Citizenships()...)
	}
	p.countries("country", e.Countries...)
	for _, d := range e.Documents {
		switch d.Type {
		case entity.DocPassport:
			p.add(choose(person, "passportNumber", "idNumber"), d.Number)
		case entity.DocTaxID:
			p.add("taxNumber", d.Number)
		case entity.DocRegistration:
			p.add("registrationNumber", d.Number)
		default:
			p.add("idNumber", d.Number)
		}
	}
	for _, id := range e.OtherIDs() {
		switch id.Scheme {
		case "lei":
			p.add("leiCode", id.Value)
		case "swift_bic":
			p.add("swiftBic", id.Value)
		case "wikidata":
			p.add("wikidataId", id.Value)
		case "sam_uei":
			p.add("uniqueEntityId", id.Value)
		case "perm_id":
			p.add("permId", id.Value)
		}
	}
	p.add("email", e.Emails()...)
	p.add("phone", e.Phones()...)
	p.add("website", e.Websites()...)
	for _, a := range e.Addresses() {
		p.add("address", addressText(a))
	}
	if v := e.Vessel; v != nil {
		p.add("imoNumber", v.IMO)
		p.add("mmsi", v.MMSI)
		p.add("callSign", v.CallSign)
		p.countries("flag", v.Flag)
		p.add("type", v.Type)
		p.add("tonnage", v.Tonnage)
		p.add("owner", v.Owner)
	}
	if a := e.Aircraft(); a != nil {
		p.add("registrationNumber", a.TailNumber)
		p.add("model", a.Model)
		p.add("serialNumber", a.SerialNumber)
		p.add("operator", a.Operator)
	}
	for _, prog := range e.Programs() {
		if topics[prog] {
			p.add("topics", prog)
		} else {
			p.add("programId", prog)
		}
	}
	p.add("notes", e.Remarks())
	for _, d := range e.ListedOn() {
		p.dates("createdAt", d)
	}
	out := Entity{
		ID: ID(e.List, e.ID), Caption: e.PrimaryName(), Schema: Schema(e.Kind),
		Properties: p, Datasets: []string{e.List}, Referents: []string{}, Target: true,
	}
	for _, d := range e.AmendedOn() {
		if s := isoDate(d); s > out.LastChange {
			out.LastChange = s
		}
		p.dates("modifiedAt", d)
	}
	return out
}

func choose(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// props collects property values, dropping blanks and repeats.
type props map[string][]string

func (p props) add(prop string, vs ...string) {
	for _, v := range vs {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		dup := false
		for _, have := range p[prop] {
			if have == v {
				dup = true
				break
			}
		}
		if !dup {
			p[prop] = append(p[prop], v)
		}
	}
}

func (p props) countries(prop string, codes ...string) {
	for _, c := range codes {
		p.add(prop, strings.ToLower(c))
	}
}

// dates writes a date as FtM does: an ISO prefix ("1971", "1971-07",
// "1971-07-05"). A range is written as its two ends; "circa" is lost, as
// FtM has no way to say it.
func (p props) dates(prop string, d entity.Date) {
	p.add(prop, isoDate(d))
	if d.IsRange() {
		p.add(prop, isoDate(entity.Date{Year: d.ToYear, Month: d.ToMonth, Day: d.ToDay}))
	}
}

func isoDate(d entity.Date) string {
	s := entity.Date{Year: d.Year, Month: d.Month, Day: d.Day}.String()
	return s
}

// addressText is an address on one line.
func addressText(a entity.Address) string {
	if a.Full != "" {
		return a.Full
	}
	var parts []string
	for _, v := range []string{a.Street, a.City, a.Region, a.PostalCode, a.Country} {
		if v = strings.TrimSpace(v); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
}
