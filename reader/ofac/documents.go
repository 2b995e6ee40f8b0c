package ofac

import (
	"strings"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
)

// docLabels are the document labels of OFAC remarks and their types.
// Longer labels sharing a prefix with shorter ones come first.
var docLabels = []struct {
	label string
	typ   entity.DocType
}{
	{"Diplomatic Passport", entity.DocPassport},
	{"Passport", entity.DocPassport},
	{"National Foreign ID Number", entity.DocNationalID},
	{"National ID No.", entity.DocNationalID},
	{"Identification Number", entity.DocNationalID},
	{"Personal ID Card", entity.DocNationalID},
	{"Cedula No.", entity.DocNationalID},
	{"C.U.R.P. #", entity.DocNationalID},
	{"C.U.R.P.", entity.DocNationalID},
	{"C.U.I.P.", entity.DocNationalID},
	{"C.U.I.", entity.DocNationalID},
	{"D.N.I.", entity.DocNationalID},
	{"NIE", entity.DocNationalID},
	{"SSN", entity.DocNationalID},
	{"Birth Certificate Number", entity.DocNationalID},
	{"Residency Number", entity.DocNationalID},
	{"Kenyan ID No.", entity.DocNationalID},
	{"Refugee ID Card", entity.DocNationalID},
	{"Travel Document Number", entity.DocNationalID},
	{"Electoral Registry No.", entity.DocNationalID},
	{"Driver's License No.", entity.DocDriving},
	{"Tax ID No.", entity.DocTaxID},
	{"RFC", entity.DocTaxID},
	{"R.F.C.", entity.DocTaxID},
	{"NIT #", entity.DocTaxID},
	{"RUC #", entity.DocTaxID},
	{"RIF #", entity.DocTaxID},
	{"C.U.I.T.", entity.DocTaxID},
	{"V.A.T. Number", entity.DocTaxID},
	{"Italian Fiscal Code", entity.DocTaxID},
	{"Business Registration Document #", entity.DocRegistration},
	{"Business Registration Number", entity.DocRegistration},
	{"Registration Number", entity.DocRegistration},
	{"Registration ID", entity.DocRegistration},
	{"Company Number", entity.DocRegistration},
	{"Commercial Registry Number", entity.DocRegistration},
	{"Government Gazette Number", entity.DocRegistration},
	{"Folio Mercantil No.", entity.DocRegistration},
	{"Matricula Mercantil No", entity.DocRegistration},
	{"C.R. No.", entity.DocRegistration},
	{"Legal Entity Number", entity.DocRegistration},
	{"Chamber of Commerce Number", entity.DocRegistration},
	{"Trade License No.", entity.DocRegistration},
	{"Public Registration Number", entity.DocRegistration},
	{"Central Registration System Number", entity.DocRegistration},
	{"Istanbul Chamber of Comm. No.", entity.DocRegistration},
	{"Unified Social Credit Code (USCC)", entity.DocRegistration},
	{"Economic Register Number (CBLS)", entity.DocRegistration},
	{"Certificate of Incorporation Number", entity.DocRegistration},
	{"D-U-N-S Number", entity.DocOther},
	{"SWIFT/BIC", entity.DocOther},
}

// addDocument parses an item such as "Passport 515731854 (Russia) issued
// 2010" when it starts with a known document label. The label's "alt." has
// already been removed. Company and identification numbers that are IMO
// numbers ("Company Number IMO 5055293") are kept as IMO identifiers.
func addDocument(e *entity.Entity, item string) {
	for _, l := range docLabels {
		rest, ok := cutLabel(item, l.label)
		if !ok || rest == "" {
			continue
		}
		if imo, ok := cutLabel(rest, "IMO"); ok && imo != "" {
			addIMO(e, imo)
			return
		}
		d := parseDocValue(rest)
		d.Type = l.typ
		if d.Number != "" {
			e.Documents = append(e.Documents, d)
		}
		return
	}
}

// addIMO keeps an IMO number: a vessel's own, or a company's IMO number.
func addIMO(e *entity.Entity, imo string) {
	if e.Kind == entity.KindVessel {
		if v := vessel(e); v.IMO == "" {
			v.IMO = imo
			return
		}
	}
	e.EnsureMore().OtherIDs = append(e.OtherIDs(), entity.Identifier{Scheme: "imo", Value: imo})
}

// parseDocValue splits "NUMBER (Country) note" or "NUMBER issued ... expires ...".
// A parenthesis that names no known country goes to the note.
func parseDocValue(s string) entity.Document {
	var d entity.Document
	if i := strings.Index(s, " ("); i >= 0 {
		if j := strings.Index(s[i:], ")"); j >= 0 {
			inside := s[i+2 : i+j]
			d.Number = strings.TrimSpace(s[:i])
			d.Note = strings.TrimSpace(s[i+j+1:])
			if code, ok := country.Code(inside); ok {
				d.Country = code
			} else {
				d.Note = strings.TrimSpace("(" + inside + ") " + d.Note)
			}
			return d
		}
	}
	d.Number = s
	for _, kw := range []string{" issued ", " expires "} {
		if i := strings.Index(d.Number, kw); i >= 0 {
			d.Note = strings.TrimSpace(d.Number[i:] + " " + d.Note)
			d.Number = strings.TrimSpace(d.Number[:i])
		}
	}
	return d
}
