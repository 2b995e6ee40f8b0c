package eu

// Documents, addresses and the small helpers the records use.

import (
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// docTypes maps identificationTypeCode to document types.
var docTypes = map[string]entity.DocType{
	"passport": entity.DocPassport, "id": entity.DocNationalID, "regnumber": entity.DocRegistration,
	"drivinglicence": entity.DocDriving, "tax": entity.DocTaxID, "fiscalcode": entity.DocTaxID,
	"ssn": entity.DocNationalID, "travelcardid": entity.DocPassport,
}

func addDocument(e *entity.Entity, n *xmlnode.Node) {
	num := n.Attr("number")
	if num == "" {
		num = n.Attr("latinNumber")
	}
	if num == "" {
		return
	}
	typ, ok := docTypes[n.Attr("identificationTypeCode")]
	if !ok {
		typ = entity.DocOther
	}
	var notes []string
	if d := n.Attr("identificationTypeDescription"); d != "" && typ == entity.DocOther {
		notes = append(notes, d)
	}
	if l := n.Attr("latinNumber"); l != "" && l != num {
		notes = append(notes, "latin number "+l)
	}
	for _, a := range []struct{ attr, label string }{{"issuedBy", "issued by"}, {"issueDate", "issued"},
		{"validFrom", "valid from"}, {"validTo", "valid to"}, {"nameOnDocument", "name on document"}} {
		if v := n.Attr(a.attr); v != "" {
			notes = append(notes, a.label+" "+v)
		}
	}
	for _, f := range []string{"diplomatic", "knownExpired", "knownFalse", "reportedLost", "revokedByIssuer"} {
		if n.Attr(f) == "true" {
			notes = append(notes, f)
		}
	}
	if r := strings.TrimSpace(n.Text("remark")); r != "" {
		notes = append(notes, r)
	}
	doc := entity.Document{Type: typ, Number: num, Country: countryCode(n), Note: strings.Join(notes, "; ")}
	if !slices.Contains(e.Documents, doc) {
		e.Documents = append(e.Documents, doc)
	}
}

func addAddress(e *entity.Entity, n *xmlnode.Node) {
	for _, c := range n.All("contactInfo") {
		v := c.Attr("value")
		switch strings.ToUpper(c.Attr("key")) {
		case "PHONE", "FAX":
			e.EnsureMore().Phones = appendNew(e.Phones(), v)
		case "EMAIL":
			e.EnsureMore().Emails = appendNew(e.Emails(), v)
		case "WEB":
			e.EnsureMore().Websites = appendNew(e.Websites(), v)
		}
	}
	a := entity.Address{Street: joinNonEmpty(", ", n.Attr("street"), n.Attr("poBox")), City: n.Attr("city"),
		Region: joinNonEmpty(", ", n.Attr("region"), n.Attr("place")), PostalCode: n.Attr("zipCode"), Country: countryCode(n)}
	a.Full = joinNonEmpty(", ", a.Street, a.City, a.PostalCode, a.Region, countryName(n))
	if a.Full == "" {
		return
	}
	for _, old := range e.Addresses() {
		if old == a {
			return
		}
	}
	e.EnsureMore().Addresses = append(e.Addresses(), a)
	if a.Country != "" && !contains(e.Countries, a.Country) {
		e.Countries = append(e.Countries, a.Country)
	}
}

// countryCode returns the element's countryIso2Code, "" for none or the
// EU's "00" (unknown).
func countryCode(n *xmlnode.Node) string {
	c := strings.ToUpper(n.Attr("countryIso2Code"))
	if c == "00" || len(c) != 2 {
		return ""
	}
	return c
}

// countryName returns the element's countryDescription, "" when unknown.
func countryName(n *xmlnode.Node) string {
	d := n.Attr("countryDescription")
	if strings.EqualFold(d, "UNKNOWN") {
		return ""
	}
	return d
}

func joinNonEmpty(sep string, vals ...string) string {
	var out []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return strings.Join(out, sep)
}

func appendNew(list []string, v string) []string {
	if v = strings.TrimSpace(v); v == "" || contains(list, v) {
		return list
	}
	return append(list, v)
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
