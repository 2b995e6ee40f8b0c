package csl

import (
	"strings"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
)

// docTypes maps the CSL "ids" types that are identity or registration
// documents to document types.
var docTypes = map[string]entity.DocType{
	"Passport":                             entity.DocPassport,
	"Diplomatic Passport":                  entity.DocPassport,
	"British National Overseas Passport":   entity.DocPassport,
	"Travel Document Number":               entity.DocPassport,
	"National ID No.":                      entity.DocNationalID,
	"Cedula No.":                           entity.DocNationalID,
	"D.N.I.":                               entity.DocNationalID,
	"C.U.R.P.":                             entity.DocNationalID,
	"Identification Number":                entity.DocNationalID,
	"National Foreign ID Number":           entity.DocNationalID,
	"Personal ID Card":                     entity.DocNationalID,
	"Moroccan Personal ID No.":             entity.DocNationalID,
	"Bosnian Personal ID No.":              entity.DocNationalID,
	"Electoral Registry No.":               entity.DocNationalID,
	"Credencial electoral":                 entity.DocNationalID,
	"SSN":                                  entity.DocNationalID,
	"Tax ID No.":                           entity.DocTaxID,
	"NIT #":                                entity.DocTaxID,
	"R.F.C.":                               entity.DocTaxID,
	"RFC":                                  entity.DocTaxID,
	"RUC #":                                entity.DocTaxID,
	"US FEIN":                              entity.DocTaxID,
	"C.U.I.T.":                             entity.DocTaxID,
	"Italian Fiscal Code":                  entity.DocTaxID,
	"Paraguayan tax identification number": entity.DocTaxID,
	"Registration ID":                      entity.DocRegistration,
	"Registration Number":                  entity.DocRegistration,
	"Business Registration Document #":     entity.DocRegistration,
	"Business Registration Number":         entity.DocRegistration,
	"Company Number":                       entity.DocRegistration,
	"C.R. No.":                             entity.DocRegistration,
	"Unified Social Credit Code (USCC)":    entity.DocRegistration,
	"Legal Entity Number":                  entity.DocRegistration,
	"LE Number":                            entity.DocRegistration,
	"Certificate of Incorporation Number":  entity.DocRegistration,
	"Public Registration Number":           entity.DocRegistration,
	"Registered Charity No.":               entity.DocRegistration,
	"Government Gazette Number":            entity.DocRegistration,
	"Driver's License No.":                 entity.DocDriving,
	"Immigration No.":                      entity.DocOther,
	"VisaNumberID":                         entity.DocOther,
}

// otherIDSchemes maps identifier types kept as OtherIDs to their scheme.
var otherIDSchemes = map[string]string{
	"ISIN":          "isin",
	"SWIFT/BIC":     "swift_bic",
	"Equity Ticker": "equity_ticker",
	"BIK (RU)":      "bik",
}

// addID files one "Type, Value[, CC]" entry of the ids column into the
// record. It returns the entry as a remark when it is no identifier Vigil
// models (sanctions notes such as "Secondary sanctions risk:").
func addID(e *entity.Entity, s string) string {
	typ, val, _ := strings.Cut(s, ", ")
	typ, val = strings.TrimSpace(typ), strings.TrimSpace(val)
	cc := ""
	if i := strings.LastIndex(val, ", "); i >= 0 && len(val)-i == 4 {
		if c, ok := country.Code(val[i+2:]); ok {
			cc, val = c, val[:i]
		}
	}
	if dt, ok := docTypes[typ]; ok {
		note := ""
		if dt == entity.DocOther {
			note = typ
		}
		e.Documents = append(e.Documents, entity.Document{Type: dt, Number: val, Country: cc, Note: note})
		return ""
	}
	if scheme, ok := otherIDSchemes[typ]; ok {
		e.EnsureMore().OtherIDs = append(e.OtherIDs(), entity.Identifier{Scheme: scheme, Value: val})
		return ""
	}
	switch {
	case typ == "Website":
		e.EnsureMore().Websites = append(e.Websites(), val)
	case typ == "Email Address":
		e.EnsureMore().Emails = append(e.Emails(), val)
	case typ == "Phone Number":
		e.EnsureMore().Phones = append(e.Phones(), val)
	case typ == "Gender" && strings.EqualFold(val, "male"):
		e.Genders = append(e.Genders, entity.GenderMale)
	case typ == "Gender" && strings.EqualFold(val, "female"):
		e.Genders = append(e.Genders, entity.GenderFemale)
	case strings.HasPrefix(typ, "Digital Currency Address - "):
		e.EnsureMore().Crypto = append(e.Crypto(), entity.CryptoAddress{
			Currency: strings.TrimPrefix(typ, "Digital Currency Address - "), Address: val})
	case typ == "Vessel Registration Identification" && strings.HasPrefix(val, "IMO "):
		vesselOf(e).IMO = strings.TrimPrefix(val, "IMO ")
	case typ == "MMSI":
		vesselOf(e).MMSI = val
	default:
		return s
	}
	return ""
}

func vesselOf(e *entity.Entity) *entity.Vessel {
	if e.Vessel == nil {
		e.Vessel = &entity.Vessel{}
	}
	return e.Vessel
}
