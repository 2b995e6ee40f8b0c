package ofac_test

import (
	"reflect"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/ofac"
)

func TestParseRemarks(t *testing.T) {
	tests := []struct {
		name    string
		kind    entity.Kind
		remarks string
		want    entity.Entity
	}{
		{"empty", entity.KindPerson, "", entity.Entity{}},
		{"dates", entity.KindPerson,
			"DOB 05 Jul 1971; alt. DOB 1965; alt. DOB Jul 1971; DOB circa 1965; DOB 1960 to 1962; DOB 01 Nov 1940; alt. DOB 01 Oct 1940; DOB between 1950 and 1952; DOB circa 1979-1982; DOB Mar 1962 to Feb 1963; DOB circa 07 Jul 1966.",
			entity.Entity{BirthDates: []entity.Date{
				{Year: 1971, Month: 7, Day: 5}, {Year: 1965}, {Year: 1971, Month: 7}, {Year: 1965, Circa: true},
				{Year: 1960, ToYear: 1962}, {Year: 1940, Month: 11, Day: 1}, {Year: 1940, Month: 10, Day: 1},
				{Year: 1950, ToYear: 1952}, {Year: 1979, ToYear: 1982, Circa: true},
				{Year: 1962, Month: 3, ToYear: 1963, ToMonth: 2}, {Year: 1966, Month: 7, Day: 7, Circa: true}}}},
		{"bad dates ignored", entity.KindPerson, "DOB 32 Jul 1971; DOB Foo 1971; DOB 1962 to 1960; DOB 19; DOB; DOB 1 2 3 4",
			entity.Entity{}},
		{"person facts", entity.KindPerson,
			"POB Tehran, Iran; nationality Iran; alt. nationality Germany; citizen Mexico; Gender Female; a.k.a. 'ABU X'; f.k.a. 'OLD'; n.k.a. 'NEW'",
			entity.Entity{Nationalities: []string{"IR", "DE"},
				Genders: []entity.Gender{entity.GenderFemale},
				Names:   []entity.Name{{Full: "ABU X", Type: entity.NameWeakAlias}, {Full: "OLD", Type: entity.NameFormer}, {Full: "NEW", Type: entity.NameAlias}}, More: &entity.More{BirthPlaces: []string{"Tehran, Iran"}, Citizenships: []string{"MX"}},
			}},
		{"documents", entity.KindPerson,
			"Passport K754050 issued 26 May 1999 expires 25 May 2004; alt. Passport A1 (Utopia); National ID No. 123 (Spain); Cedula No. 16247821 (Colombia); Tax ID No. 100036386 (Serbia); RFC CIVJ650513LJA (Mexico); NIT # 800146749-7 (Colombia); C.U.R.P. # HESU430525HBCRMR13 (Mexico); D.N.I. 78.865.882 (Spain); SSN 123-45-6789 (United States); Business Registration Document # 93000004034 (United States); Driver's License No. 180839 (Mexico); Unified Social Credit Code (USCC) 91222401MA0Y31E659 (China)",
			entity.Entity{Documents: []entity.Document{
				{Type: entity.DocPassport, Number: "K754050", Note: "issued 26 May 1999 expires 25 May 2004"},
				{Type: entity.DocPassport, Number: "A1", Note: "(Utopia)"},
				{Type: entity.DocNationalID, Number: "123", Country: "ES"},
				{Type: entity.DocNationalID, Number: "16247821", Country: "CO"},
				{Type: entity.DocTaxID, Number: "100036386", Country: "RS"},
				{Type: entity.DocTaxID, Number: "CIVJ650513LJA", Country: "MX"},
				{Type: entity.DocTaxID, Number: "800146749-7", Country: "CO"},
				{Type: entity.DocNationalID, Number: "HESU430525HBCRMR13", Country: "MX"},
				{Type: entity.DocNationalID, Number: "78.865.882", Country: "ES"},
				{Type: entity.DocNationalID, Number: "123-45-6789", Country: "US"},
				{Type: entity.DocRegistration, Number: "93000004034", Country: "US"},
				{Type: entity.DocDriving, Number: "180839", Country: "MX"},
				{Type: entity.DocRegistration, Number: "91222401MA0Y31E659", Country: "CN"},
			}}},
		{"contacts and crypto", entity.KindOrganization,
			"Website www.x.com; Website:  www.y.org; Email Address a@b.c; Phone Number 123; Telephone: 456; Digital Currency Address - XBT 1abc; alt. Digital Currency Address - USDT TXyz; Digital Currency Address - XBT; Digital Currency Address - ETH 0x1 extra",
			entity.Entity{
				More: &entity.More{Websites: []string{"www.x.com", "www.y.org"}, Emails: []string{"a@b.c"}, Phones: []string{"123", "456"}, Crypto: []entity.CryptoAddress{{Currency: "XBT", Address: "1abc"}, {Currency: "USDT", Address: "TXyz"}}},
			}},
		{"vessel", entity.KindVessel, "Vessel Registration Identification IMO 9187629; MMSI 572469210; Former Vessel Flag Malta.",
			entity.Entity{Vessel: &entity.Vessel{IMO: "9187629", MMSI: "572469210"}}},
		{"company IMO", entity.KindOrganization, "Company Number IMO 5055293; Identification Number IMO 5342883",
			entity.Entity{More: &entity.More{OtherIDs: []entity.Identifier{{Scheme: "imo", Value: "5055293"}, {Scheme: "imo", Value: "5342883"}}}}},
		{"aircraft", entity.KindAircraft, "Aircraft Model IL-76TD; Aircraft Manufacturer's Serial Number (MSN) 1023409321; Aircraft Tail Number RA-76842; Aircraft Operator Iran Air; Aircraft Manufacture Date 1992",
			entity.Entity{More: &entity.More{Aircraft: &entity.Aircraft{Model: "IL-76TD", SerialNumber: "1023409321", TailNumber: "RA-76842", Operator: "Iran Air"}}}},
		{"links", entity.KindPerson, "Linked To: HIZBALLAH; Linked To: PETROLEOS DE VENEZUELA, S.A.",
			entity.Entity{More: &entity.More{Relations: []entity.Relation{
				{Type: entity.RelLinkedTo, TargetName: "HIZBALLAH", Outgoing: true, Source: "us_ofac_sdn remarks"},
				{Type: entity.RelLinkedTo, TargetName: "PETROLEOS DE VENEZUELA, S.A", Outgoing: true, Source: "us_ofac_sdn remarks"}}},
			}},
		{"unknown items kept out", entity.KindPerson, "Secondary sanctions risk: section 1(b); ICTY indictee; DOBx 1960; Passportless; ;;",
			entity.Entity{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := entity.Entity{List: "us_ofac_sdn", Kind: tt.kind}
			ofac.ParseRemarks(&e, tt.remarks)
			tt.want.List, tt.want.Kind = e.List, e.Kind
			if !reflect.DeepEqual(e, tt.want) {
				t.Errorf("ParseRemarks(%q):\n got  %+v\n want %+v", tt.remarks, e, tt.want)
			}
		})
	}
}
