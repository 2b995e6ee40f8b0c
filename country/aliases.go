package country

// entry is one ISO 3166-1 country.
type entry struct {
	alpha2, alpha3, name string
	other                []string
}

// former holds states that no longer exist, under their ISO 3166-3 former
// alpha-2 codes, with the states that followed them.
var former = []struct {
	code, name string
	successors []string
	spellings  []string
}{
	{"SU", "Soviet Union", []string{"AM", "AZ", "BY", "EE", "GE", "KZ", "KG", "LV", "LT", "MD", "RU", "TJ", "TM", "UA", "UZ"},
		[]string{"USSR", "U.S.S.R.", "Union of Soviet Socialist Republics", "Soviet Union", "former Soviet Union", "SSR", "Autonomous SSR"}},
	{"YU", "Yugoslavia", []string{"BA", "HR", "ME", "MK", "RS", "SI", "XK"},
		[]string{"Yugoslavia", "former Yugoslavia", "Federal Republic of Yugoslavia", "Socialist Federal Republic of Yugoslavia", "Serbia and Montenegro"}},
	{"CS", "Czechoslovakia", []string{"CZ", "SK"},
		[]string{"Czechoslovakia", "Czechoslovak Socialist Republic"}},
	{"DD", "East Germany", []string{"DE"},
		[]string{"East Germany", "German Democratic Republic", "GDR"}},
	{"AN", "Netherlands Antilles", []string{"CW", "SX", "BQ"},
		[]string{"Netherlands Antilles"}},
}

// extra maps further spellings, historic names and demonyms that the lists
// write to alpha-2 codes. Keys are written naturally; they are normalised
// when the table is built.
var extra = map[string]string{
	// Kosovo (user-assigned code) and disputed or occupied regions.
	"Kosovo": "XK", "Republic of Kosovo": "XK", "Kosovar": "XK",
	"Crimea": "UA", "Northern Mali": "ML", "Crimea region of Ukraine": "UA", "Sevastopol": "UA", "Donbas": "UA",
	"Palestinian": "PS", "Palestinians": "PS", "Palestine": "PS", "State of Palestine": "PS",
	"Palestinian Territories": "PS", "Palestinian Territory": "PS", "Occupied Palestinian Territory": "PS",
	"West Bank": "PS", "Gaza": "PS", "Gaza Strip": "PS", "West Bank and Gaza": "PS",
	"Taiwan": "TW", "Republic of China": "TW", "Chinese Taipei": "TW",
	"Hong Kong": "HK", "Hong Kong SAR": "HK", "Hong Kong Special Administrative Region": "HK",
	"China, Hong Kong Special Administrative Region": "HK", "Hong Kong, China": "HK",
	"Macau": "MO", "Macao SAR": "MO", "Macao Special Administrative Region": "MO",
	"China, Macao Special Administrative Region": "MO",

	// Names the lists write for present countries.
	"Korea, North": "KP", "North Korea": "KP", "DPRK": "KP", "D.P.R.K.": "KP", "RPDC": "KP",
	"Korea, Democratic People's Republic of": "KP", "Democratic People's Republic of Korea": "KP",
	"Korea, South": "KR", "South Korea": "KR", "Republic of Korea": "KR", "ROK": "KR",
	"Iran": "IR", "Iran (Islamic Republic of)": "IR", "Islamic Republic of Iran": "IR", "Persia": "IR",
	"Russia": "RU", "Russian Federation": "RU", "RSFSR": "RU", "Russie": "RU",
	"Syria": "SY", "Syrian Arab Republic": "SY", "Syrie": "SY",
	"Venezuela": "VE", "Venezuela (Bolivarian Republic of)": "VE", "Bolivarian Republic of Venezuela": "VE",
	"Bolivia": "BO", "Bolivia (Plurinational State of)": "BO",
	"Tanzania": "TZ", "United Republic of Tanzania": "TZ", "Tanzania, United Republic of": "TZ",
	"Laos": "LA", "Lao People's Democratic Republic": "LA", "Lao PDR": "LA",
	"Vietnam": "VN", "Viet Nam": "VN", "Socialist Republic of Vietnam": "VN",
	"Burma": "MM", "Myanmar": "MM", "Birmanie": "MM", "Myanmar (Burma)": "MM",
	"Cote d'Ivoire": "CI", "Côte d'Ivoire": "CI", "Ivory Coast": "CI",
	"Congo, Democratic Republic of the": "CD", "Democratic Republic of the Congo": "CD",
	"Democratic Republic of Congo": "CD", "DR Congo": "CD", "DRC": "CD", "Zaire": "CD",
	"Congo, The Democratic Republic of the": "CD", "Congo-Kinshasa": "CD",
	"Congo": "CG", "Republic of the Congo": "CG", "Congo, Republic of the": "CG",
	"Republic of Congo": "CG", "Congo-Brazzaville": "CG",
	"The Gambia": "GM", "Gambia, The": "GM", "Bahamas, The": "BS", "The Bahamas": "BS",
	"UK": "GB", "U.K.": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB",
	"Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
	"United Kingdom of Great Britain and Northern Ireland": "GB",
	"USA": "US", "U.S.A.": "US", "U.S.": "US", "United States of America": "US", "America": "US",
	"UAE": "AE", "U.A.E.": "AE", "Emirates": "AE",
	"The Netherlands": "NL", "Holland": "NL", "Netherlands, The": "NL",
	"Czechia": "CZ", "Czech Republic": "CZ", "Slovak Republic": "SK", "Kyrgyz Republic": "KG",
	"Cape Verde": "CV", "Cabo Verde": "CV", "East Timor": "TL", "Timor-Leste": "TL",
	"Swaziland": "SZ", "Eswatini": "SZ", "Macedonia": "MK", "North Macedonia": "MK",
	"Macedonia, The Former Yugoslav Republic of": "MK", "The former Yugoslav Republic of Macedonia": "MK",
	"Turkey": "TR", "Türkiye": "TR", "Turkiye": "TR", "Vatican": "VA", "Vatican City": "VA", "Holy See": "VA",
	"Libya": "LY", "Libyan Arab Jamahiriya": "LY", "Moldova": "MD", "Republic of Moldova": "MD",
	"Brunei": "BN", "Brunei Darussalam": "BN", "Micronesia": "FM", "Sultanate of Oman": "OM",
	"Union of the Comoros": "KM", "Man, Isle of": "IM", "Isle of Man": "IM",
	"Virgin Islands, British": "VG", "British Virgin Islands": "VG", "BVI": "VG",
	"Virgin Islands, U.S.": "VI", "US Virgin Islands": "VI", "Saint Kitts and Nevis": "KN",
	"St. Kitts and Nevis": "KN", "Saint Vincent and the Grenadines": "VC", "St. Lucia": "LC",
	"Sao Tome and Principe": "ST", "Falkland Islands": "FK", "Reunion": "RE", "Curacao": "CW",
	"Trinadad and Tobago": "TT", "Afganistan": "AF",
	"Ukrainian SSR": "UA", "Ukranian SSR": "UA", "Ukrainian USSR": "UA", "Kazakh SSR": "KZ",
	"Kazakh Soviet Socialist Republic": "KZ", "Byelorussian SSR": "BY", "Belorussia": "BY",
	"Uzbek SSR": "UZ", "Georgian SSR": "GE", "Armenian SSR": "AM", "Azerbaijan SSR": "AZ",

	// Demonyms written as nationality values.
	"Afghan": "AF", "Afgan": "AF", "Albanian": "AL", "Algerian": "DZ", "American": "US",
	"Andorran": "AD", "Angolan": "AO", "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM",
	"Australian": "AU", "Austrian": "AT", "Azerbaijani": "AZ", "Azeri": "AZ", "Bahraini": "BH",
	"Bangladeshi": "BD", "Belarusian": "BY", "Belgian": "BE", "Beninese": "BJ", "Bolivian": "BO",
	"Bosnian": "BA", "Brazilian": "BR", "British": "GB", "Bruneian": "BN", "Bulgarian": "BG",
	"Burkinabe": "BF", "Burmese": "MM", "Burundian": "BI", "Cambodian": "KH", "Cameroonian": "CM",
	"Canadian": "CA", "Central African": "CF", "Chadian": "TD", "Chilean": "CL", "Chinese": "CN",
	"Colombian": "CO", "Comorian": "KM", "Congolese": "CD", "Costa Rican": "CR", "Croatian": "HR",
	"Cuban": "CU", "Cypriot": "CY", "Czech": "CZ", "Danish": "DK", "Djiboutian": "DJ",
	"Dominican": "DO", "Dutch": "NL", "Ecuadorian": "EC", "Egyptian": "EG", "Emirati": "AE",
	"Eritrean": "ER", "Estonian": "EE", "Ethiopian": "ET", "Filipino": "PH", "Philippine": "PH",
	"Finnish": "FI", "French": "FR", "Gabonese": "GA", "Gambian": "GM", "Georgian": "GE",
	"German": "DE", "Ghanaian": "GH", "Greek": "GR", "Guatemalan": "GT", "Guinean": "GN",
	"Haitian": "HT", "Honduran": "HN", "Hungarian": "HU", "Icelandic": "IS", "Indian": "IN",
	"Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ", "Irish": "IE", "Israeli": "IL",
	"Italian": "IT", "Ivorian": "CI", "Jamaican": "JM", "Japanese": "JP", "Jordanian": "JO",
	"Kazakh": "KZ", "Kazakhstani": "KZ", "Kenyan": "KE", "Kuwaiti": "KW", "Kyrgyz": "KG",
	"Lao": "LA", "Laotian": "LA", "Latvian": "LV", "Lebanese": "LB", "Liberian": "LR",
	"Libyan": "LY", "Lithuanian": "LT", "Luxembourgish": "LU", "Macedonian": "MK", "Malagasy": "MG",
	"Malawian": "MW", "Malaysian": "MY", "Maldivian": "MV", "Malian": "ML", "Maltese": "MT",
	"Mauritanian": "MR", "Mauritian": "MU", "Mexican": "MX", "Moldovan": "MD", "Mongolian": "MN",
	"Montenegrin": "ME", "Moroccan": "MA", "Mozambican": "MZ", "Namibian": "NA", "Nepalese": "NP",
	"Nepali": "NP", "New Zealander": "NZ", "Nicaraguan": "NI", "Nigerien": "NE", "Nigerian": "NG",
	"North Korean": "KP", "Norwegian": "NO", "Omani": "OM", "Pakistani": "PK", "Panamanian": "PA",
	"Paraguayan": "PY", "Peruvian": "PE", "Polish": "PL", "Portuguese": "PT", "Qatari": "QA",
	"Qatarian": "QA", "Romanian": "RO", "Russian": "RU", "Rwandan": "RW", "Saudi": "SA",
	"Saudi Arabian": "SA", "Senegalese": "SN", "Serbian": "RS", "Sierra Leonean": "SL",
	"Singaporean": "SG", "Slovak": "SK", "Slovenian": "SI", "Somali": "SO", "South African": "ZA",
	"South Korean": "KR", "South Sudanese": "SS", "Spanish": "ES", "Sri Lankan": "LK",
	"Sudanese": "SD", "Swedish": "SE", "Swiss": "CH", "Syrian": "SY", "Taiwanese": "TW",
	"Tajik": "TJ", "Tajikistani": "TJ", "Tanzanian": "TZ", "Thai": "TH", "Togolese": "TG",
	"Trinidadian": "TT", "Tunisian": "TN", "Turkish": "TR", "Turkmen": "TM", "Ugandan": "UG",
	"Ukrainian": "UA", "Uruguayan": "UY", "Uzbek": "UZ", "Venezuelan": "VE", "Vietnamese": "VN",
	"Yemeni": "YE", "Zambian": "ZM", "Zimbabwean": "ZW",
}

// The lookup tables, built once at package initialisation and never written
// again.
var (
	names      = map[string]string{} // alpha-2 → English short name
	alpha3     = map[string]string{} // alpha-2 → alpha-3
	byAlpha3   = map[string]string{} // alpha-3 → alpha-2
	byName     = map[string]string{} // normalised name → alpha-2
	successors = map[string][]string{}
)

func init() {
	for _, e := range iso {
		names[e.alpha2] = e.name
		alpha3[e.alpha2] = e.alpha3
		byAlpha3[e.alpha3] = e.alpha2
		byName[key(e.name)] = e.alpha2
		for _, o := range e.other {
			byName[key(o)] = e.alpha2
		}
	}
	names["XK"] = "Kosovo"
	for _, f := range former {
		names[f.code] = f.name
		successors[f.code] = f.successors
		for _, s := range f.spellings {
			byName[key(s)] = f.code
		}
	}
	for name, code := range extra {
		byName[key(name)] = code
	}
}
