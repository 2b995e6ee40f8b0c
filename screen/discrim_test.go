package screen_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
)

// discrimCases are pairs of names, a the subject and b standing for the
// listed record, compared with the weights of all current lists. The
// must-not-match cases differ by one character or syllable of a Chinese,
// Korean or Japanese name, a series marker or number, a country inserted
// into an organisation's name, another father's name in a long Arabic
// name, or a listed family name the subject lacks; the must-match cases
// are the same names with a typo, a dropped middle name, reordered or in
// another romanisation.
var discrimCases = []struct {
	why      string
	a, b     vigil.Subject
	min, max float64
	adjusts  string // an adjustment the explanation must give, or ""
}{
	// One different character or syllable.
	{"one Chinese character", personNamed("李明华"), personNamed("李明新"), 0, 0.6, ""},
	{"one Chinese character, same reading", personNamed("王小明"), personNamed("王小平"), 0, 0.8, ""},
	{"one Hangul vowel", personNamed("김정은"), personNamed("김정운"), 0, 0.8, "different character"},
	{"one Hangul syllable", personNamed("이성진"), personNamed("리송진"), 0, 0.8, "different character"},
	{"a syllable of the given name", personNamed("张建平"), personNamed("ZHANG, Jiang Ping"), 0, 0.8, ""},
	{"a given name syllable missing", personNamed("韩瑜"), personNamed("Han Yu-ro"), 0, 0.8, "syllable"},
	{"Yongho is not Yong", personNamed("김영호"), personNamed("KIM YONG CHOL"), 0, 0.8, ""},
	// ... but other romanisations and the same characters meet.
	{"Hangul and McCune-Reischauer", personNamed("최영호"), personNamed("Yong Ho CHOE"), 0.9, 1, ""},
	{"Hangul and popular spelling", personNamed("최영호"), personNamed("Choi Young Ho"), 0.9, 1, ""},
	{"Hangul and Revised Romanisation", personNamed("이성진"), personNamed("Lee Seong Jin"), 0.85, 1, ""},
	{"initial sound law", personNamed("이성진"), personNamed("리성진"), 0.9, 1, ""},
	{"traditional and simplified", personNamed("張偉"), personNamed("张伟"), 0.95, 1, ""},
	{"pinyin", personNamed("张伟"), personNamed("ZHANG Wei"), 0.95, 1, ""},
	{"Wade-Giles", personNamed("张伟"), personNamed("CHANG Wei"), 0.85, 1, ""},
	// Numbers and series markers.
	{"series marker on the listed side", vesselNamed("OCEAN STAR"), vesselNamed("OCEAN STAR II"), 0, 0.8, "number"},
	{"series marker on the subject's side", vesselNamed("OCEAN STAR II"), vesselNamed("OCEAN STAR"), 0, 0.8, ""},
	{"another number", vesselNamed("OCEAN STAR 2"), vesselNamed("OCEAN STAR 3"), 0, 0.8, ""},
	{"another series marker", vesselNamed("OCEAN STAR II"), vesselNamed("OCEAN STAR III"), 0, 0.8, ""},
	{"same series marker", vesselNamed("OCEAN STAR II"), vesselNamed("Ocean Star II"), 1, 1, ""},
	// A country or city inserted into an organisation's name.
	{"inserted country", orgNamed("Dandong Hongxiang Industrial Development China Co Ltd"), orgNamed("DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD"), 0, 0.8, ""},
	{"inserted country, frequent on the lists", orgNamed("Kala Naft Iran"), orgNamed("KALA NAFT"), 0, 0.7, ""},
	{"inserted city", orgNamed("Mahan Air Tehran"), orgNamed("MAHAN AIR"), 0, 0.8, ""},
	{"country dropped", orgNamed("Bank Melli"), orgNamed("BANK MELLI IRAN"), 0.8, 1, ""},
	{"organisation typo", orgNamed("Rosnef Trading SA"), orgNamed("ROSNEFT TRADING S.A."), 0.8, 1, ""},
	// Another father's name in a five-part Arabic name.
	{"another father's name", personNamed("Ahmad Muhammad Ali Hasan al-Tikriti"), personNamed("Ahmad Mahmud Ali Hasan al-Tikriti"), 0, 0.75, "another name in the place"},
	{"another grandfather's name", personNamed("Ahmad Mahmud Ibrahim Hasan al-Tikriti"), personNamed("Ahmad Mahmud Ali Hasan al-Tikriti"), 0, 0.75, "another name in the place"},
	{"father's name dropped", personNamed("Ahmad Ali Hasan al-Tikriti"), personNamed("Ahmad Mahmud Ali Hasan al-Tikriti"), 0.8, 1, ""},
	{"father's name misspelt", personNamed("Ahmad Mahmoud Ali Hasan al-Tikriti"), personNamed("Ahmad Mahmud Ali Hasan al-Tikriti"), 0.9, 1, ""},
	// A listed family name the subject lacks; a common given name standing
	// in for it.
	{"given names only", personNamed("Michael William"), personNamed("JOHNSON, William Michael"), 0, 0.8, "family name"},
	{"given name for the family name", personNamed("Michael Williams"), personNamed("JOHNSON, William Michael"), 0, 0.8, "family name"},
	{"first of two family names", personNamed("Francisco Gomez"), personNamed("RANGEL GOMEZ, Francisco Jose"), 0, 0.8, "family name"},
	{"a dropped middle name", personNamed("William Johnson"), personNamed("JOHNSON, William Michael"), 0.8, 1, ""},
	{"dropped middle names", personNamed("Ayman al-Zawahiri"), personNamed("AL-ZAWAHIRI, Ayman Muhammad Rabi"), 0.8, 1, ""},
	{"second family name dropped", personNamed("Francisco Rangel"), personNamed("RANGEL GOMEZ, Francisco Jose"), 0.8, 1, ""},
	{"reordered", personNamed("ZAWAHIRI Ayman al"), personNamed("AL-ZAWAHIRI, Ayman"), 0.95, 1, ""},
	{"typo", personNamed("Aymen al-Zawahri"), personNamed("AL-ZAWAHIRI, Ayman"), 0.8, 1, ""},
}

func personNamed(name string) vigil.Subject {
	return vigil.Subject{Name: name, Kind: entity.KindPerson}
}
func vesselNamed(name string) vigil.Subject {
	return vigil.Subject{Name: name, Kind: entity.KindVessel}
}
func orgNamed(name string) vigil.Subject {
	return vigil.Subject{Name: name, Kind: entity.KindOrganization}
}

func TestDiscrimination(t *testing.T) {
	eng := realEngine(t)
	for _, tc := range discrimCases {
		h, err := eng.Compare(context.Background(), tc.a, tc.b)
		if err != nil {
			t.Fatal(err)
		}
		if h.Score < tc.min || h.Score > tc.max {
			t.Errorf("%s: %q v. %q scores %.3f, want %.2f..%.2f (%+v)", tc.why, tc.a.Name, tc.b.Name, h.Score, tc.min, tc.max, h.Explanation)
		}
		if tc.adjusts != "" && !hasAdjustmentContaining(h.Explanation, tc.adjusts) {
			t.Errorf("%s: %q v. %q: no adjustment %q in %+v", tc.why, tc.a.Name, tc.b.Name, tc.adjusts, h.Explanation.Adjustments)
		}
	}
}

func hasAdjustmentContaining(ex vigil.Explanation, s string) bool {
	for _, a := range ex.Adjustments {
		if strings.Contains(a.Reason, s) && a.Effect < 0 {
			return true
		}
	}
	return false
}

// TestIdentityHold checks the identity hold on real records: a subject
// with a full date of birth and nationality that the record contradicts
// (OS US Congress Q58323131, Dean Phillips, born 1969, US) or cannot
// confirm (BIS DPL "JUAN MARVIN GARCIA", no date or nationality) does not
// alert on a common or partial name, says why, and the same name alone,
// or with an agreeing date, still alerts.
func TestIdentityHold(t *testing.T) {
	eng := realEngine(t)
	quiet := []vigil.Subject{
		{Name: "Dean Phillips", Kind: entity.KindPerson, DateOfBirth: mustDate("1965-11-06"), Nationality: "BW"},
		{Name: "Juan García", Kind: entity.KindPerson, DateOfBirth: mustDate("1976-06-11"), Nationality: "ES"},
		{Name: "Linda Cohen", Kind: entity.KindPerson, DateOfBirth: mustDate("2000-04-16"), Nationality: "NG"},
		// Every part met only as another spelling (OFSI "Jong Su RI":
		// "jongsu" joined, "yi" a variant of "ri"): inexact, whatever
		// float32 rounding makes of the score of 0.95 (see isClose).
		{Name: "정수 이", Kind: entity.KindPerson, DateOfBirth: mustDate("1970-03-02"), Nationality: "CN"},
	}
	for _, s := range quiet {
		hits, err := eng.Screen(context.Background(), s, vigil.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) > 0 {
			t.Errorf("%s alerts: %s/%s %q %.3f", s.Name, hits[0].List, hits[0].SourceID, hits[0].MatchedName, hits[0].Score)
		}
		low, err := eng.Screen(context.Background(), s, vigil.Options{Threshold: 0.6})
		if err != nil {
			t.Fatal(err)
		}
		if !hasQualifier(low, "identity") {
			t.Errorf("%s: no hit explains the identity hold", s.Name)
		}
	}
	loud := []vigil.Subject{
		{Name: "Dean Phillips", Kind: entity.KindPerson},
		{Name: "Dean Phillips", Kind: entity.KindPerson, DateOfBirth: mustDate("1969-01-01"), Nationality: "US"},
		{Name: "Juan García", Kind: entity.KindPerson},
		// A close match of a rare name alerts whatever the attributes.
		{Name: "Ayman Muhammad Rabi al-Zawahiri", Kind: entity.KindPerson, DateOfBirth: mustDate("1955-06-19"), Nationality: "DE"},
		// A partial birth date that agrees.
		{Name: "Ayman al-Zawahiri", Kind: entity.KindPerson, DateOfBirth: mustDate("1951"), Nationality: "EG"},
	}
	for _, s := range loud {
		hits, err := eng.Screen(context.Background(), s, vigil.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Errorf("%+v: no alert", s)
		}
	}
}

func hasQualifier(hits []vigil.Hit, attr string) bool {
	for _, h := range hits {
		for _, q := range h.Explanation.Qualifiers {
			if q.Attribute == attr && q.Effect < 0 {
				return true
			}
		}
	}
	return false
}
