package un_test

import (
	"reflect"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
)

// TestRead_Records checks records of the February 2026 edition against
// what the raw XML says (read by eye and with Python).
func TestRead_Records(t *testing.T) {
	got, _ := readAll(t, testdata.Path(t, "lists", "current", "un-2026-02", "consolidated.xml"))
	get := func(t *testing.T, id string) *entity.Entity {
		t.Helper()
		e := got[id]
		if e == nil {
			t.Fatalf("record %s not read", id)
		}
		return e
	}
	eq := func(t *testing.T, what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	t.Run("Zawahiri", func(t *testing.T) {
		e := get(t, "111923")
		eq(t, "kind", e.Kind, entity.KindPerson)
		eq(t, "other ids", e.OtherIDs(), []entity.Identifier{{Scheme: "un_reference", Value: "QDi.006"}})
		eq(t, "primary", e.Names[0], entity.Name{Full: "AIMAN MUHAMMED RABI AL-ZAWAHIRI", Type: entity.NamePrimary, Parts: []entity.NamePart{
			{Type: entity.PartGiven, Value: "AIMAN"}, {Type: entity.PartMiddle, Value: "MUHAMMED"},
			{Type: entity.PartMiddle, Value: "RABI"}, {Type: entity.PartFamily, Value: "AL-ZAWAHIRI"}}})
		eq(t, "original script", e.Names[1], entity.Name{Full: "أيمن محمد ربيع الظواهري", Type: entity.NameOriginalScript, Script: "Arab"})
		eq(t, "names", len(e.Names), 2+13+2)
		eq(t, "weak alias", e.Names[len(e.Names)-1], entity.Name{Full: "Abu Mohammed", Type: entity.NameWeakAlias})
		eq(t, "titles", e.Titles(), []string{"Doctor", "Dr."})
		eq(t, "nationalities", e.Nationalities, []string{"EG"})
		eq(t, "birth", e.BirthDates, []entity.Date{{Year: 1951, Month: 6, Day: 19}})
		eq(t, "birth place", e.BirthPlaces(), []string{"Giza, Egypt"})
		eq(t, "documents", e.Documents, []entity.Document{
			{Type: entity.DocPassport, Number: "1084010", Country: "EG"},
			{Type: entity.DocPassport, Number: "19820215"}})
		eq(t, "programs", e.Programs(), []string{"Al-Qaida"})
		eq(t, "listed", e.ListedOn(), []entity.Date{{Year: 2001, Month: 1, Day: 25}})
		eq(t, "amended", len(e.AmendedOn()), 7)
		eq(t, "last amended", e.AmendedOn()[6], entity.Date{Year: 2025, Month: 3, Day: 11})
		eq(t, "addresses", len(e.Addresses()), 0)
	})
	t.Run("BetweenRange", func(t *testing.T) {
		e := get(t, "6908021") // BOSCO TAGANDA
		eq(t, "primary", e.PrimaryName(), "BOSCO TAGANDA")
		eq(t, "birth", e.BirthDates, []entity.Date{{Year: 1973, ToYear: 1974}})
		eq(t, "nationalities", e.Nationalities, []string{"CD"})
		eq(t, "genders", e.Genders, []entity.Gender{entity.GenderMale})
		eq(t, "amended", len(e.AmendedOn()), 3)
	})
	t.Run("Approximately", func(t *testing.T) {
		e := get(t, "6908006") // LEOPOLD MUJYAMBERE
		eq(t, "birth", e.BirthDates, []entity.Date{{Year: 1962, Month: 3, Day: 17}, {Year: 1966, Circa: true}})
		eq(t, "positions", e.Positions(), []string{"FDLR-FOCA Chief of Staff", "FDLR-FOCA Interim Deputy Commander"})
	})
	t.Run("MonthFromNote", func(t *testing.T) {
		e := get(t, "6907996") // INNOCENT KAINA, DOB note "Nov. 1973"
		eq(t, "birth", e.BirthDates, []entity.Date{{Year: 1973, Month: 11}})
		eq(t, "birth place", e.BirthPlaces(), []string{"Bunagana, Rutshuru territory, Democratic Republic of the Congo"})
		eq(t, "addresses", e.Addresses(), []entity.Address{{Full: "Uganda, as of early 2016", Country: "UG"}})
		eq(t, "countries", e.Countries, []string{"UG"})
		eq(t, "aliases", e.Names[1:], []entity.Name{{Full: "Colonel Innocent KAINA", Type: entity.NameAlias}, {Full: "India Queen", Type: entity.NameWeakAlias}})
	})
	t.Run("Cyrillic", func(t *testing.T) {
		e := get(t, "2960872") // DOKU KHAMATOVICH UMAROV
		eq(t, "original", e.Names[1], entity.Name{Full: "Умаров Доку Хаматович", Type: entity.NameOriginalScript, Script: "Cyrl"})
		eq(t, "nationalities", e.Nationalities, []string{"RU", "SU"})
		eq(t, "documents", e.Documents, []entity.Document{{Type: entity.DocPassport, Number: "96 03 464086", Country: "RU", Note: "Passport; issued 2003-06-01"}})
		eq(t, "birth dates", len(e.BirthDates), 4)
	})
	t.Run("CountryOfIssue", func(t *testing.T) {
		e := get(t, "690789") // IBRAIMA CAMARÁ
		eq(t, "primary", e.PrimaryName(), "IBRAIMA CAMARÁ")
		eq(t, "documents", e.Documents, []entity.Document{{Type: entity.DocPassport, Number: "AAID00437", Country: "GW",
			Note: "issued 2010-02-18; issued in Guinea-Bissau; Expiration date 18 Feb. 2013"}})
	})
	t.Run("EntityWithAliases", func(t *testing.T) {
		e := get(t, "6908402") // ADF
		eq(t, "kind", e.Kind, entity.KindOrganization)
		eq(t, "names", e.Names, []entity.Name{
			{Full: "ADF", Type: entity.NamePrimary},
			{Full: "Allied Democratic Forces", Type: entity.NameAlias},
			{Full: "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda", Type: entity.NameFormer},
			{Full: "ADF/NALU", Type: entity.NameFormer},
			{Full: "NALU", Type: entity.NameFormer}})
		eq(t, "addresses", e.Addresses(), []entity.Address{{Full: "North Kivu, Democratic Republic of the Congo", Region: "North Kivu", Country: "CD"}})
		eq(t, "other ids", e.OtherIDs(), []entity.Identifier{{Scheme: "un_reference", Value: "CDe.001"}})
		eq(t, "programs", e.Programs(), []string{"DRC"})
	})
	t.Run("EmptyAliasSkipped", func(t *testing.T) {
		e := get(t, "6907993") // ERIC BADEGE: <ALIAS_NAME/> only
		eq(t, "names", e.Names, []entity.Name{{Full: "ERIC BADEGE", Type: entity.NamePrimary, Parts: []entity.NamePart{
			{Type: entity.PartGiven, Value: "ERIC"}, {Type: entity.PartFamily, Value: "BADEGE"}}}})
		eq(t, "birth", e.BirthDates, []entity.Date{{Year: 1971}})
		eq(t, "birth places", len(e.BirthPlaces()), 0)
	})
}

// TestRead_Scripts counts the detected scripts of the original-script
// names of the 2026-02 edition; Python counted by Unicode block 366 with
// Arabic letters, 11 Cyrillic and 1 Latin.
func TestRead_Scripts(t *testing.T) {
	got, _ := readAll(t, testdata.Path(t, "lists", "current", "un-2026-02", "consolidated.xml"))
	scripts := map[string]int{}
	for _, e := range got {
		for _, n := range e.Names {
			if n.Type == entity.NameOriginalScript {
				scripts[n.Script]++
			}
		}
	}
	if want := map[string]int{"Arab": 366, "Cyrl": 11, "Latn": 1}; !reflect.DeepEqual(scripts, want) {
		t.Errorf("scripts = %v, want %v", scripts, want)
	}
}
