package ofac_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
)

// The expected values below were read by hand from the raw rows of
// sdn.csv, alt.csv, add.csv and sdn_comments.csv (grep "^ID," on each file).

func namesOf(e *entity.Entity, typ entity.NameType) []string {
	var out []string
	for _, n := range e.Names {
		if n.Type == typ {
			out = append(out, n.Full)
		}
	}
	return out
}

func datesOf(ds []entity.Date) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func docsOf(e *entity.Entity) []string {
	var out []string
	for _, d := range e.Documents {
		out = append(out, string(d.Type)+" "+d.Number+" "+d.Country)
	}
	return out
}

func linksOf(e *entity.Entity) []string {
	var out []string
	for _, r := range e.Relations() {
		out = append(out, string(r.Type)+" "+r.TargetName+" -> "+r.TargetID)
	}
	return out
}

func cryptoOf(e *entity.Entity) []string {
	var out []string
	for _, c := range e.Crypto() {
		out = append(out, c.Currency+" "+c.Address)
	}
	return out
}

// check fails the test when got and want differ.
func check(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}

func TestRead_SpotChecksSDN202107(t *testing.T) {
	_, byID := readAll(t, testdata.Path(t, "lists", "current", "ofac-sdn-2021-07"))
	get := func(t *testing.T, id string) *entity.Entity {
		t.Helper()
		e := byID[id]
		if e == nil {
			t.Fatalf("record %s missing", id)
		}
		return e
	}

	t.Run("13086 LEONTYEV", func(t *testing.T) {
		e := get(t, "13086")
		check(t, "kind", e.Kind, entity.KindPerson)
		check(t, "primary", e.Names[0], entity.Name{Full: "LEONTYEV, Vladislav Vladimirovich", Type: entity.NamePrimary,
			Parts: []entity.NamePart{{Type: entity.PartFamily, Value: "LEONTYEV"}, {Type: entity.PartGiven, Value: "Vladislav Vladimirovich"}}})
		check(t, "aliases", namesOf(e, entity.NameAlias), []string{"LEONTIEV, Vladislav", "LEONTIEV, Vlantislav",
			"LEONTYEV, Vyacheslav", "LEONTYEV, Vadim", "LEONTYEV, Vadik", "LEONTJEVAS, Vladislavas"})
		check(t, "weak aliases", namesOf(e, entity.NameWeakAlias), []string{"BELOBRYSYY", "BELYY", "VADIK BELEY", "VADIM BELYY", "VADIK BELYY"})
		check(t, "dob", datesOf(e.BirthDates), []string{"1971-07-05"})
		check(t, "pob", e.BirthPlaces(), []string{"Nizhny Novgorod, Russia"})
		check(t, "nationality", e.Nationalities, []string{"RU"})
		check(t, "gender", e.Genders, []entity.Gender{entity.GenderMale})
		check(t, "documents", docsOf(e), []string{"passport 515731854 RU", "passport 2200319927 RU",
			"passport AK0517906 GR", "passport H2214925 GH", "passport 326106 ", "passport 1602418 ",
			"passport 20382107 ", "national_id 60229551 AE"})
		check(t, "addresses", e.Addresses(), []entity.Address{
			{Full: "Al Fattan Marina Tower, #901, Dubai Marina, Dubai, United Arab Emirates", Street: "Al Fattan Marina Tower, #901, Dubai Marina", City: "Dubai", Country: "AE"},
			{Full: "Nizhny Novgorod 6th District, #1A, Russia", Street: "Nizhny Novgorod 6th District, #1A", Country: "RU"},
			{Full: "Mikrorayon 6, 1/A-81, Avtozavodsky District, Nizhny Novgorod, Russia", Street: "Mikrorayon 6, 1/A-81, Avtozavodsky District", City: "Nizhny Novgorod", Country: "RU"},
		})
		check(t, "countries", e.Countries, []string{"AE", "RU"})
		check(t, "links", linksOf(e), []string{"linked_to THIEVES-IN-LAW -> 23223"})
		check(t, "programs", e.Programs(), []string{"TCO"})
		if !strings.HasPrefix(e.Remarks(), "DOB 05 Jul 1971; POB Nizhny Novgorod") || !strings.HasSuffix(e.Remarks(), "Linked To: THIEVES-IN-LAW.") {
			t.Errorf("remarks not kept whole: %q", e.Remarks())
		}
	})

	t.Run("15036 ARTAVIL vessel", func(t *testing.T) {
		e := get(t, "15036")
		check(t, "kind", e.Kind, entity.KindVessel)
		check(t, "vessel", *e.Vessel, entity.Vessel{IMO: "9187629", MMSI: "572469210", CallSign: "T2EU4",
			Flag: "IR", Type: "Crude/Oil Products Tanker", Tonnage: "99,144"})
		check(t, "former names", namesOf(e, entity.NameFormer), []string{"ABADAN", "SHONA", "ALPHA"})
		check(t, "addresses (one empty row)", len(e.Addresses()), 0)
		check(t, "links", linksOf(e), []string{"linked_to NATIONAL IRANIAN TANKER COMPANY -> 15117"})
	})

	t.Run("29703 ANDREYEV crypto, comments", func(t *testing.T) {
		e := get(t, "29703")
		c := cryptoOf(e)
		check(t, "crypto count", len(c), 17)
		check(t, "crypto first", c[0], "XBT 1Fz29BQp82pE3vXXcsZoMNQ3KSHfMzfMe3")
		check(t, "crypto from comments", c[12:], []string{"ETH 0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c",
			"LTC LWnbjLYUfqeokfbWM4FcU7uk2FP2DSxuWS", "LTC LaYUy1DGfVSuSF5KbPhbLrm8kRotqiwUJn",
			"ZEC t1WSKwCDL1QYRRUrCCknEs5tDLhtGVYu9KM", "BSV 12sjrrhoFEsedNRhtgwvvRqjFTh8fZTDX9"})
		check(t, "email", e.Emails(), []string{"antonandreyv@gmail.com"})
		check(t, "phone", e.Phones(), []string{"79315403678"})
		check(t, "documents", docsOf(e), []string{"passport 4005504207 RU"})
	})

	t.Run("28264 LI Jiadong remarks continue in comments", func(t *testing.T) {
		e := get(t, "28264")
		check(t, "phones", e.Phones(), []string{"8613314257947", "8618004121000"})
		check(t, "documents", docsOf(e), []string{"national_id 210302198701102136 CN"})
		check(t, "weak aliases", namesOf(e, entity.NameWeakAlias), []string{"blackjack1987", "khaleesi"})
		check(t, "links", linksOf(e), []string{"linked_to LAZARUS GROUP -> 27307"})
		check(t, "crypto count", len(e.Crypto()), 12)
		if !strings.Contains(e.Remarks(), "; Phone Number 8613314257947;") {
			t.Errorf("comment not joined to remarks: %q", e.Remarks())
		}
	})

	t.Run("12300 CIFUENTES VILLA comments, Mexican documents", func(t *testing.T) {
		e := get(t, "12300")
		links := linksOf(e)
		check(t, "last sdn.csv link completed by comments", links[len(links)-15], "linked_to PROMO RAIZ S.A.S. -> 12396")
		check(t, "links after comments", len(links), 15+countLinks(e.Remarks()[:strings.Index(e.Remarks(), "Linked To: PROMO RAI")]))
		check(t, "documents", docsOf(e)[4:8], []string{"tax_id CIVJ650513LJA MX", "tax_id OUSV-640707 MX",
			"national_id CIVJ650513HNEFLR06 MX", "national_id OUVS640707HTSSLR07 MX"})
	})

	t.Run("15496 NISHIGUCHI DOB range", func(t *testing.T) {
		e := get(t, "15496")
		check(t, "dob", e.BirthDates, []entity.Date{{Year: 1929, ToYear: 1930}})
		check(t, "links", linksOf(e), []string{"linked_to SUMIYOSHI-KAI -> 15495"})
		check(t, "countries", e.Countries, []string{"JP"})
	})

	t.Run("7782 SAHINPASIC DOB circa", func(t *testing.T) {
		e := get(t, "7782")
		check(t, "dob", e.BirthDates, []entity.Date{{Year: 1951, Circa: true}})
		check(t, "pob", e.BirthPlaces(), []string{"Foca, Bosnia-Herzegovina"})
	})

	t.Run("12057 NAQDI several DOB forms, programs, title", func(t *testing.T) {
		e := get(t, "12057")
		check(t, "dob", datesOf(e.BirthDates), []string{"1951/1953", "1960/1962", "1961-04", "1953"})
		check(t, "pob", e.BirthPlaces(), []string{"Najaf, Iraq", "Tehran, Iran"})
		check(t, "programs", e.Programs(), []string{"SDGT", "NPWMD", "IRGC", "IFSR", "IRAN-HR", "IRAN-EO13876"})
		check(t, "titles", len(e.Titles()), 1)
		check(t, "aliases", len(namesOf(e, entity.NameAlias)), 7)
	})

	t.Run("10933 RAMAK organisation website email", func(t *testing.T) {
		e := get(t, "10933")
		check(t, "kind", e.Kind, entity.KindOrganization)
		check(t, "website", e.Websites(), []string{"www.ramakdutyfree.net"})
		check(t, "email", e.Emails(), []string{"dam.d.free@net.sy"})
		check(t, "addresses", len(e.Addresses()), 10)
		check(t, "countries", e.Countries, []string{"SY"})
		check(t, "aliases", len(namesOf(e, entity.NameAlias)), 5)
		check(t, "no name parts for organisations", e.Names[0].Parts, []entity.NamePart(nil))
	})

	t.Run("18150 MSN 391 aircraft", func(t *testing.T) {
		e := get(t, "18150")
		check(t, "kind", e.Kind, entity.KindAircraft)
		check(t, "aircraft", *e.Aircraft(), entity.Aircraft{TailNumber: "EP-MMH", Model: "Airbus A340-642", SerialNumber: "391"})
		check(t, "programs", e.Programs(), []string{"SDGT", "NPWMD", "IFSR"})
		check(t, "links", linksOf(e), []string{"linked_to MAHAN AIR -> 12927"})
	})

	t.Run("2686 NASRALLAH alt DOBs", func(t *testing.T) {
		e := get(t, "2686")
		check(t, "dob", datesOf(e.BirthDates), []string{"1960-08-31", "1953-08-31", "1955-08-31", "1958-08-31"})
		check(t, "documents", docsOf(e), []string{"passport 042833 LB"})
		check(t, "titles", e.Titles(), []string{"Secretary General of Hizballah"})
		check(t, "links", linksOf(e), []string{"linked_to HIZBALLAH -> " + idOfName(t, byID, "HIZBALLAH")})
	})

	t.Run("20130 ambiguous link stays unresolved", func(t *testing.T) {
		e := get(t, "20130")
		check(t, "links", linksOf(e), []string{"linked_to MINISTRY OF STATE SECURITY -> "})
	})
}

// countLinks counts "Linked To:" items in remarks text.
func countLinks(s string) int { return strings.Count(s, "Linked To:") }

// idOfName finds the one record with this primary name.
func idOfName(t *testing.T, byID map[string]*entity.Entity, name string) string {
	t.Helper()
	var ids []string
	for id, e := range byID {
		if e.PrimaryName() == name {
			ids = append(ids, id)
		}
	}
	if len(ids) != 1 {
		t.Fatalf("%d records named %q", len(ids), name)
	}
	return ids[0]
}

func TestRead_SpotChecksOtherEditions(t *testing.T) {
	t.Run("cons 17014 remarks continue in cons_comments", func(t *testing.T) {
		_, byID := readAll(t, testdata.Path(t, "lists", "current", "ofac-cons-2025-12"))
		e := byID["17014"]
		if e == nil {
			t.Fatal("record 17014 missing")
		}
		check(t, "list", e.List, "us_ofac_cons")
		check(t, "programs", e.Programs(), []string{"UKRAINE-EO13662", "RUSSIA-EO14024"})
		check(t, "documents", docsOf(e), []string{"other RUAGRUMM ", "registration 52750822 RU", "registration 1027700342890 RU"})
		check(t, "weak aliases", namesOf(e, entity.NameWeakAlias), []string{"RUSAG"})
		check(t, "aliases", len(namesOf(e, entity.NameAlias)), 4)
		check(t, "website", e.Websites(), []string{"http://www.rshb.ru"})
		check(t, "addresses", len(e.Addresses()), 2)
	})
	t.Run("2019-01 last record, file without final newline", func(t *testing.T) {
		list, byID := readAll(t, testdata.Path(t, "lists", "editions", "ofac-sdn-2019-01"))
		e := list[len(list)-1]
		check(t, "last id", e.ID, "26235")
		check(t, "documents", docsOf(e), []string{"passport 717637093 RU", "national_id 781005202108 "})
		check(t, "links", linksOf(e), []string{"linked_to USA REALLY -> 26234"})
		check(t, "dob", datesOf(e.BirthDates), []string{"1975-06-14"})
		check(t, "linked record", byID["26234"].Websites(), []string{"www.usareally.com"})
	})
}
