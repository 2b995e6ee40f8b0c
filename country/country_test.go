package country

import (
	"slices"
	"testing"
)

// TestCode lists country strings found in the real files (UN NATIONALITY,
// COUNTRY and ISSUING_COUNTRY values, OFAC remarks and add.csv, Canada
// Country, OFSI 2018 CSV columns, eval CSV nationality) with their codes.
func TestCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Korea, North", "KP"},
		{"Korea, South", "KR"},
		{"North Korea", "KP"},
		{"Democratic People's Republic of Korea", "KP"},
		{"Democratic People’s Republic of Korea", "KP"},
		{"DPRK", "KP"},
		{"RPDC", "KP"},
		{"Iran (Islamic Republic of)", "IR"},
		{"Iran / unknown", "IR"},
		{"Russian Federation", "RU"},
		{"Russia / Russie", "RU"},
		{"Syrian Arab Republic", "SY"},
		{"Syria / Syrie", "SY"},
		{"Venezuela (Bolivarian Republic of)", "VE"},
		{"Bolivia (Plurinational State of)", "BO"},
		{"United Republic of Tanzania", "TZ"},
		{"Lao People's Democratic Republic", "LA"},
		{"Viet Nam", "VN"},
		{"Burma", "MM"},
		{"Burma / Birmanie", "MM"},
		{"South Sudan / Soudan du sud", "SS"},
		{"Cote d Ivoire", "CI"},
		{"Côte d'Ivoire", "CI"},
		{"Ivory Coast", "CI"},
		{"Congo, Democratic Republic of the", "CD"},
		{"Democratic Republic of the Congo", "CD"},
		{"Democratic Republic of the Congo (as of June 2016)", "CD"},
		{"Congo, Republic of the", "CG"},
		{"Republic of the Congo", "CG"},
		{"Congo", "CG"},
		{"The Gambia", "GM"},
		{"Bahamas, The", "BS"},
		{"Palestinian", "PS"},
		{"possibly Palestinian", "PS"},
		{"State of Palestine", "PS"},
		{"Palestinian Territories", "PS"},
		{"West Bank", "PS"},
		{"Region: Gaza", "PS"},
		{"Kosovo", "XK"},
		{"Region: Crimea", "UA"},
		{"Region: Northern Mali", "ML"},
		{"USSR (until 1991)", "SU"},
		{"former Soviet Union", "SU"},
		{"former Yugoslavia", "YU"},
		{"Czechoslovakia", "CS"},
		{"Netherlands Antilles", "AN"},
		{"UK", "GB"},
		{"United Kingdom of Great Britain and Northern Ireland", "GB"},
		{"United Kingdom of Great Britain and Northern\nIreland", "GB"},
		{"USA", "US"},
		{"United States of America", "US"},
		{"United States. Also believed to hold Syrian nationality", "US"},
		{"Hong Kong", "HK"},
		{"China, Hong Kong Special Administrative Region", "HK"},
		{"Taiwan", "TW"},
		{"Macau", "MO"},
		{"Türkiye", "TR"},
		{"TURKIYE", "TR"},
		{"Libyan Arab Jamahiriya", "LY"},
		{"Libya (in custody)", "LY"},
		{"Macedonia, The Former Yugoslav Republic of", "MK"},
		{"Virgin Islands, British", "VG"},
		{"Sultanate of Oman", "OM"},
		{"Union of the Comoros", "KM"},
		{"The Netherlands", "NL"},
		{"Branch Office 11: Iran", "IR"},
		{"Bahrain (citizenship revoked in Jan. 2015)", "BH"},
		{"Kuwaiti citizenship withdrawn in 2002", "KW"},
		{"Sudanese by birth", "SD"},
		{"Possibly Ethiopian", "ET"},
		{"Indonesian passport", "ID"},
		{"Tunisian passport", "TN"},
		{"Ukrainian SSR", "UA"},
		{"  russian  ", "RU"},
		{"Russian", "RU"},
		{"Iranian", "IR"},
		{"Syrian", "SY"},
		{"Iraqi", "IQ"},
		{"Afghan", "AF"},
		{"Pakistani", "PK"},
		{"Yemeni", "YE"},
		{"Saudi Arabian", "SA"},
		{"North Korean", "KP"},
		{"Chinese", "CN"},
		{"British", "GB"},
		{"American", "US"},
		{"Filipino", "PH"},
		{"RU", "RU"},
		{"RUS", "RU"},
		{"PRK", "KP"},
		{"Aland Islands", "AX"},
	}
	for _, tt := range tests {
		got, ok := Code(tt.in)
		if !ok || got != tt.want {
			t.Errorf("Code(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestCode_NotACountry(t *testing.T) {
	for _, in := range []string{
		"", "  ", "-0-", "na", "no", "us", "undetermined", "Korean", "Africa",
		"Region: Kafia Kingi", "Tartous", "\xff\xfe", "XX", "ZZZ",
	} {
		if got, ok := Code(in); ok {
			t.Errorf("Code(%q) = %q, want no country", in, got)
		}
	}
}

func TestCodes(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"(1) Afghan (2) Pakistani", []string{"AF", "PK"}},
		{"(1) Russian (2) USSR (until 1991)", []string{"RU", "SU"}},
		{"(1) Afghanistan (2) Afghanistan (3) Pakistan", []string{"AF", "PK"}},
		{"(1)-(5) Tunisia (6)-(7) Algeria", []string{"TN", "DZ"}},
		{"a) Syrian Arab Republic b) State of Palestine", []string{"SY", "PS"}},
		{"a) French, b) Tunisian", []string{"FR", "TN"}},
		{"1) Saudi Arabia 2) Qatar", []string{"SA", "QA"}},
		{"Sudan/or South Sudan", []string{"SD", "SS"}},
		{"DRC and Belgian nationalities", []string{"CD", "BE"}},
		{"Bosnia and Herzegovina (Branch)", []string{"BA"}},
		{"Trinidad and Tobago", []string{"TT"}},
		{"Korea, North", []string{"KP"}},
		{"Virgin Islands, British", []string{"VG"}},
		{"undetermined", nil},
	}
	for _, tt := range tests {
		if got := Codes(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Codes(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestTable checks the ISO table: 249 countries, each of whose names and
// codes resolves back to itself (no spelling in aliases.go overrides one).
func TestTable(t *testing.T) {
	if len(iso) != 249 {
		t.Fatalf("ISO table has %d entries, want 249", len(iso))
	}
	for _, e := range iso {
		for _, s := range append([]string{e.name, e.alpha2, e.alpha3}, e.other...) {
			if got, ok := Code(s); !ok || got != e.alpha2 {
				t.Errorf("Code(%q) = %q, %v; want %q", s, got, ok, e.alpha2)
			}
		}
		if Name(e.alpha2) != e.name || Alpha3(e.alpha2) != e.alpha3 {
			t.Errorf("%s: Name %q Alpha3 %q", e.alpha2, Name(e.alpha2), Alpha3(e.alpha2))
		}
	}
	for code, want := range map[string]string{"KP": "North Korea", "gb": "United Kingdom", "XK": "Kosovo", "SU": "Soviet Union", "QQ": ""} {
		if got := Name(code); got != want {
			t.Errorf("Name(%q) = %q, want %q", code, got, want)
		}
	}
	if got := Successors("su"); len(got) != 15 || !slices.Contains(got, "UA") {
		t.Errorf("Successors(SU) = %v", got)
	}
	if Successors("RU") != nil {
		t.Errorf("Successors(RU) should be nil")
	}
}
