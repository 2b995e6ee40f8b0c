package ftm

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
)

// maxPairs bounds the relations one relationship entity may give (its
// subjects times its objects), so that a hostile line of a megabyte cannot
// make billions of them. Real files stay far below: at most 21 holders of
// one Occupancy in sa_wiki_peps.
const maxPairs = 10_000

// resolve turns the relationship, Sanction, Passport and Identification
// entities into what they say about each thing, in file order.
func (p *parser) resolve() error {
	for _, r := range p.links {
		if l, ok := links[r.Schema]; ok {
			if err := p.link(r, l); err != nil {
				return err
			}
			continue
		}
		switch r.Schema {
		case "Sanction":
			p.sanction(r)
		case "Passport", "Identification":
			p.document(r)
		}
	}
	p.links = nil
	return nil
}

// build maps a thing to its entity and applies what the other entities
// say about it.
func (p *parser) build(r *raw) *entity.Entity {
	e := p.thing(r)
	p.addressEntities(r, e)
	pe := p.pending[r.ID]
	if pe == nil {
		return e
	}
	delete(p.pending, r.ID)
	e.EnsureMore().Relations = append(e.Relations(), pe.relations...)
	for _, v := range pe.positions {
		e.EnsureMore().Positions = appendNew(e.Positions(), v)
	}
	for _, v := range pe.programs {
		e.EnsureMore().Programs = appendNew(e.Programs(), v)
	}
	for _, v := range pe.listed {
		e.EnsureMore().ListedOn = appendNew(e.ListedOn(), v)
	}
	for _, v := range pe.documents {
		e.Documents = appendNew(e.Documents, v)
	}
	return e
}

// about returns what is pending for the thing id, or nil when id is not
// a thing of the file.
func (p *parser) about(id string) *pending {
	if !p.index[id].thing {
		return nil
	}
	pe := p.pending[id]
	if pe == nil {
		pe = &pending{}
		p.pending[id] = pe
	}
	return pe
}

// link attaches the relation r describes to both of its endpoints.
func (p *parser) link(r *raw, l link) error {
	subjects, objects := r.props[l.subject], r.props[l.object]
	if len(subjects) == 0 || len(objects) == 0 {
		p.st.Incomplete++
		return nil
	}
	if len(subjects)*len(objects) > maxPairs {
		return &reader.ParseError{File: p.name, Line: r.line, Record: r.ID, Field: "properties." + l.subject,
			Err: fmt.Errorf("%d %s times %d %s: more than %d relations", len(subjects), l.subject, len(objects), l.object, maxPairs)}
	}
	p.st.Links[l.typ]++
	base := entity.Relation{Type: l.typ, Source: "ftm:" + r.Schema + ":" + r.ID, Share: p.share(r)}
	if l.role != "" {
		base.Role = strings.Join(r.props[l.role], "; ")
	}
	if ds := p.dates(r.props["startDate"]); len(ds) > 0 {
		base.Start = ds[0]
	}
	if ds := p.dates(r.props["endDate"]); len(ds) > 0 {
		base.End = ds[0]
	}
	for _, s := range subjects {
		for _, o := range objects {
			p.attach(base, s, o, true)
			p.attach(base, o, s, false)
		}
	}
	return nil
}

// attach adds rel to the entity from, pointing at to; it counts a
// dangling reference when to is not in the file.
func (p *parser) attach(rel entity.Relation, from, to string, outgoing bool) {
	t, known := p.index[to]
	if !known {
		p.st.Dangling++
	}
	pe := p.about(from)
	if pe == nil {
		return
	}
	rel.TargetID, rel.Outgoing = to, outgoing
	if known {
		rel.TargetName = t.name // a thing's primary name, or a Position's name for an Occupancy
		if t.thing && t.list != p.index[from].list {
			rel.TargetList = t.list
		}
	}
	if rel.Type == entity.RelOccupancy && outgoing && rel.TargetName != "" {
		pe.positions = append(pe.positions, rel.TargetName)
	}
	pe.relations = append(pe.relations, rel)
	p.st.Relations++
}

// share parses an ownership percentage ("50", "50.5%"), 0 when absent.
func (p *parser) share(r *raw) float64 {
	v := strings.TrimSpace(strings.TrimSuffix(r.first("percentage"), "%"))
	if v == "" {
		return 0
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
	if err != nil || f < 0 || f > 100 {
		p.st.Skipped++
		return 0
	}
	return f
}

// sanction adds a Sanction's programme and listing date to the entities
// it names.
func (p *parser) sanction(r *raw) {
	programs := r.props["programId"]
	if len(programs) == 0 {
		programs = r.props["program"]
	}
	if len(programs) == 0 {
		programs = r.props["authority"]
	}
	listed := p.dates(r.props["listingDate"])
	if len(listed) == 0 {
		listed = p.dates(r.props["startDate"])
	}
	for _, id := range r.props["entity"] {
		pe := p.about(id)
		if pe == nil {
			if _, known := p.index[id]; !known {
				p.st.Dangling++
			}
			continue
		}
		pe.programs = append(pe.programs, programs...)
		pe.listed = append(pe.listed, listed...)
	}
}

// document adds a Passport or Identification to its holder.
func (p *parser) document(r *raw) {
	num := r.first("number")
	if num == "" {
		p.st.Skipped++
		return
	}
	doc := entity.Document{Type: entity.DocNationalID, Number: num, Note: r.first("type")}
	if r.Schema == "Passport" {
		doc.Type = entity.DocPassport
	}
	doc.Country, _ = countryCode(r.first("country"))
	for _, id := range r.props["holder"] {
		if pe := p.about(id); pe != nil {
			pe.documents = append(pe.documents, doc)
		} else if _, known := p.index[id]; !known {
			p.st.Dangling++
		}
	}
}

// addressEntities resolves the entity's addressEntity references.
func (p *parser) addressEntities(r *raw, e *entity.Entity) {
	for _, id := range r.props["addressEntity"] {
		a := p.addrs[id]
		if a == nil {
			p.st.Skipped++
			continue
		}
		ad := entity.Address{Full: a.first("full"), Street: a.first("street"), City: a.first("city"),
			Region: a.first("region"), PostalCode: a.first("postalCode")}
		ad.Country, _ = countryCode(a.first("country"))
		if ad.Full == "" {
			ad.Full = a.Caption
		}
		if !hasAddress(e.Addresses(), ad.Full) {
			e.EnsureMore().Addresses = append(e.Addresses(), ad)
		}
	}
}

func hasAddress(as []entity.Address, full string) bool {
	for _, a := range as {
		if a.Full == full {
			return true
		}
	}
	return false
}
