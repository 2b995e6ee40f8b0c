package fcdo

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/loosedate"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

const xmlRoot = "Designations"

// detectXML recognises the root element <Designations>.
func detectXML(head []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(xmlnode.DetectHead(head)))
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name.Local == xmlRoot
		case xml.Directive:
			return false
		}
	}
}

// parseXML reads <Designations>: its DateGenerated and each Designation,
// turned into rows with the CSV's column names.
func parseXML(ctx context.Context, r io.Reader, name string, emit reader.Emit) (string, error) {
	d := xmlnode.NewDecoder(r, name)
	if _, err := d.RootNamed(xmlRoot); err != nil {
		return "", err
	}
	rs := newRecords(name)
	edition := ""
	seen := map[string]int{}
	for {
		start, line, ok, err := d.Next()
		if err != nil {
			return "", err
		}
		if !ok {
			break
		}
		if err := ctx.Err(); err != nil {
			return "", err
		}
		n, err := d.Element(start, line)
		if err != nil {
			return "", err
		}
		switch n.Name {
		case "DateGenerated":
			dt, err := loosedate.Parse(n.Data)
			if err != nil || dt.Day == 0 || dt.IsRange() || dt.Circa {
				return "", &reader.ParseError{File: name, Line: line, Field: "DateGenerated", Err: fmt.Errorf("%q is not a date", clip(strings.TrimSpace(n.Data)))}
			}
			edition = dt.String()
		case "Designation":
			id := strings.TrimSpace(leaf(n, "UniqueID"))
			if first, dup := seen[id]; dup && id != "" {
				return "", &reader.ParseError{File: name, Line: line, Record: id, Field: "UniqueID", Err: fmt.Errorf("repeats the Designation at line %d", first)}
			}
			seen[id] = line
			for _, r := range designationRows(n) {
				if err := rs.add(line, r); err != nil {
					return "", err
				}
			}
		default:
			return "", reader.Errorf(name, line, "unexpected <%s> in <%s>", n.Name, xmlRoot)
		}
	}
	if err := d.End(); err != nil {
		return "", err
	}
	return edition, rs.emit(emit)
}

// columns maps the elements of a Designation to the CSV's columns.
var columns = map[string]string{
	"UniqueID": colID, "OFSIGroupID": "OFSI Group ID", "UNReferenceNumber": "UN Reference Number",
	"RegimeName": "Regime Name", "IndividualEntityShip": colKind, "DesignationSource": "Designation source",
	"SanctionsImposed": "Sanctions Imposed", "OtherInformation": "Other Information",
	"UKStatementofReasons": "UK Statement of Reasons", "DateDesignated": "Date Designated", "LastUpdated": "Last Updated",
	"Title": "Title", "DOB": "D.O.B", "Nationality": "Nationality(/ies)", "Position": "Position", "Gender": "Gender",
	"TownOfBirth": "Town of birth", "CountryOfBirth": "Country of birth", "PhoneNumber": "Phone number",
	"EmailAddress": "Email address", "Website": "Website", "TypeOfEntity": "Type of entity",
	"BusinessRegistrationNumber": "Business registration number (s)", "ParentCompany": "Parent company",
	"Subsidiary": "Subsidiaries", "IMONumber": "IMO number", "CurrentOwnerOperator": "Current owner/operator (s)",
	"PreviousOwnerOperator": "Previous owner/operator (s)", "CurrentBelievedFlagOfShip": "Current believed flag of ship",
	"PreviousFlag": "Previous flags", "TypeOfShip": "Type of ship", "TonnageOfShip": "Tonnage of ship",
	"LengthOfShip": "Length of ship", "YearBuilt": "Year Built", "HullIdentificationNumber": "Hull identification number (HIN)",
}

// groups are the elements whose children make one value together: they
// become rows of their own (names, addresses) or paired columns.
var groups = map[string]map[string]string{
	"Name": {"Name1": "Name 1", "Name2": "Name 2", "Name3": "Name 3", "Name4": "Name 4", "Name5": "Name 5", "Name6": "Name 6",
		"NameType": colNameType, "AliasStrength": "Alias strength"},
	"NonLatinName": {"NameNonLatinScript": "Name non-latin script", "NonLatinScriptType": "Non-latin script type",
		"NonLatinScriptLanguage": "Non-latin script language"},
	"Address": {"AddressLine1": "Address Line 1", "AddressLine2": "Address Line 2", "AddressLine3": "Address Line 3",
		"AddressLine4": "Address Line 4", "AddressLine5": "Address Line 5", "AddressLine6": "Address Line 6",
		"AddressPostalCode": "Address Postal Code", "AddressCountry": "Address Country"},
	"Passport":           {"PassportNumber": "Passport number", "PassportAdditionalInformation": "Passport additional information"},
	"NationalIdentifier": {"NationalIdentifierNumber": "National Identifier number", "NationalIdentifierAdditionalInformation": "National Identifier additional information"},
}

// designationRows turns a Designation into rows as the CSV has them: one
// per name, each with the designation's other values ("|" between
// several); its addresses and non-Latin names spread over the rows
// (rows past the names repeat the first name, which merging keeps once).
func designationRows(n *xmlnode.Node) []row {
	base := row{}
	found := map[string][]row{}
	var walk func(n *xmlnode.Node)
	walk = func(n *xmlnode.Node) {
		for _, k := range n.Kids {
			if cols, ok := groups[k.Name]; ok {
				found[k.Name] = append(found[k.Name], groupRow(k, cols))
				continue
			}
			if len(k.Kids) > 0 {
				walk(k)
				continue
			}
			if col, ok := columns[k.Name]; ok {
				if v := strings.Join(strings.Fields(k.Data), " "); v != "" {
					base[col] = joinValue(base[col], v)
				}
			}
		}
	}
	walk(n)
	for _, doc := range []string{"Passport", "NationalIdentifier"} {
		for _, g := range found[doc] {
			for _, col := range groups[doc] {
				base[col] += "|" + g[col] // keep the pairs aligned, empty values too
			}
		}
		for _, col := range groups[doc] {
			base[col] = strings.TrimPrefix(base[col], "|")
		}
	}
	names, addrs, nonLatin := found["Name"], found["Address"], found["NonLatinName"]
	count := max(len(names), len(addrs), len(nonLatin), 1)
	rows := make([]row, count)
	for i := range rows {
		r := row{}
		for k, v := range base {
			r[k] = v
		}
		for j, part := range [][]row{names, addrs, nonLatin} {
			switch {
			case i < len(part):
				copyInto(r, part[i])
			case j == 0 && len(part) > 0:
				copyInto(r, part[0]) // rows past the names repeat the first
			}
		}
		rows[i] = r
	}
	return rows
}

// groupRow reads the children of a group element into columns.
func groupRow(n *xmlnode.Node, cols map[string]string) row {
	r := row{}
	var walk func(n *xmlnode.Node)
	walk = func(n *xmlnode.Node) {
		for _, k := range n.Kids {
			if col, ok := cols[k.Name]; ok {
				if v := strings.Join(strings.Fields(k.Data), " "); v != "" {
					r[col] = joinValue(r[col], v)
				}
			}
			walk(k)
		}
	}
	walk(n)
	return r
}

func copyInto(dst, src row) {
	for k, v := range src {
		dst[k] = v
	}
}

func joinValue(old, v string) string {
	if old == "" {
		return v
	}
	return old + "|" + v
}

// leaf returns the text of the first descendant element named name.
func leaf(n *xmlnode.Node, name string) string {
	for _, k := range n.Kids {
		if k.Name == name {
			return k.Data
		}
		if v := leaf(k, name); v != "" {
			return v
		}
	}
	return ""
}
