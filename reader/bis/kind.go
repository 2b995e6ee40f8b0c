package bis

import (
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// orgWords are legal forms and business words (dots removed: "S.A." is
// "SA"); a name holding one as a word names an organization, as does a
// name of a single word ("ELECTROCOM", "SYNAPTIX.NET"). Checked by hand
// against every name of the November 2023 file: 2 of its 547 orders are
// still taken for persons ("AVIASTAR - TU", "KZ RESULTS"), and no person
// for an organization.
var orgWords = map[string]bool{
	"LTD": true, "LIMITED": true, "INC": true, "INCORPORATED": true, "CORP": true,
	"CORPORATION": true, "CO": true, "COMPANY": true, "LLC": true, "LLP": true,
	"PLC": true, "GMBH": true, "AG": true, "SA": true, "SL": true, "SRL": true,
	"BV": true, "AB": true, "OOO": true, "ZAO": true, "OAO": true, "JSC": true,
	"PJSC": true, "FZE": true, "FZCO": true, "FZC": true, "PTE": true, "PVT": true,
	"SDN": true, "BHD": true, "KG": true, "ANSTALT": true,
	"TRADING": true, "TRADE": true, "INDUSTRIES": true, "INDUSTRY": true,
	"INDUSTRIAL": true, "INTERNATIONAL": true, "INTERNACIONAL": true,
	"GROUP": true, "ENTERPRISES": true, "ENTERPRISE": true, "TECHNOLOGY": true,
	"TECHNOLOGIES": true, "TECHNIK": true, "SYSTEMS": true, "SERVICES": true,
	"SERVICE": true, "ELECTRONICS": true, "AVIATION": true, "AIR": true,
	"AIRLINES": true, "AIRLINE": true, "AIRWAYS": true, "SHIPPING": true,
	"LOGISTICS": true, "CARGO": true, "EXPORT": true, "EXPORTS": true,
	"IMPORT": true, "IMPORTS": true, "GLOBAL": true, "HOLDINGS": true,
	"HOLDING": true, "ENGINEERING": true, "SUPPLY": true, "SUPPLIES": true,
	"EQUIPMENT": true, "PARTS": true, "SOLUTIONS": true, "LABORATORIES": true,
	"INSTITUTE": true, "UNIVERSITY": true, "FREIGHT": true, "TRANSPORTATION": true,
	"TRANSPORT": true, "AEROSPACE": true, "ZONE": true, "FIRM": true,
	"AGENCY": true, "MINISTRY": true, "METALS": true, "COMPUTERS": true,
	"CONTRACTING": true, "VERTRIEBS": true, "COMMERCIO": true,
}

// guessKind classifies a DPL name as a person or an organization.
func guessKind(name string) entity.Kind {
	words := strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool {
		return r == ' ' || r == ',' || r == '(' || r == ')' || r == '/' || r == '&' || r == '"'
	})
	if len(words) == 1 {
		return entity.KindOrganization
	}
	for _, w := range words {
		if orgWords[strings.ReplaceAll(w, ".", "")] {
			return entity.KindOrganization
		}
	}
	return entity.KindPerson
}
