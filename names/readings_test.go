package names_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/names"
)

// bestScore is score (see script_test.go) over every reading of q.
func bestScore(q, listed string) float32 {
	best := score(q, listed)
	for _, r := range names.Readings(q, names.Person) {
		best = max(best, score(r, listed))
	}
	return best
}

// TestArabicScriptRules checks the rules for names in Arabic script with
// public figures' names that are not in the yardstick of lab/crosscheck.
func TestArabicScriptRules(t *testing.T) {
	match := []namePair{
		{"جواد ظريف", "Javad Zarif"},                       // Persian reading: ظ z, و v, in a name with no Persian letter
		{"على رضا", "Ali Reza"},                            // ض z
		{"ولي الله", "Valiullah"},                          // initial و v; X Allah joined
		{"نور الدين زنكي", "Nureddin Zengi"},               // the article assimilated in the joined Latin form
		{"صلاح الدين", "Salahuddin"},                       //
		{"محمد ولد عبد العزيز", "Mohamed Ould Abdel Aziz"}, // ولد is the particle Ould
		{"فاطمه", "Fatima"},                                // silent final he read a
		{"فاطمه", "Fatemeh"},                               // and in the Persian reading -eh
		{"سعيدي", "Saeedi"},                                // a final ي meets a final i
		{"مرتضى", "Morteza"},                               // ت before ض (z in Persian) makes no "tz"
	}
	noMatch := []namePair{
		{"سعود", "Saeedi"}, // a consonant at the end does not meet a nisba -i
		{"جواد ظريف", "Javad Latif"},
		{"نور الدين", "Nur Dinov"},
		{"ولي الله", "Wali Khan"},
	}
	checkPairs(t, match, noMatch)
}

type namePair struct{ q, listed string }

// checkPairs checks that each pair of match scores at least 0.80 and each
// of noMatch below, through the best reading of the query.
func checkPairs(t *testing.T, match, noMatch []namePair) {
	t.Helper()
	for _, tc := range match {
		if got := bestScore(tc.q, tc.listed); got < 0.8 {
			t.Errorf("%q v. %q: %.3f, want at least 0.80", tc.q, tc.listed, got)
		}
	}
	for _, tc := range noMatch {
		if got := bestScore(tc.q, tc.listed); got >= 0.8 {
			t.Errorf("%q v. %q: %.3f, want below 0.80", tc.q, tc.listed, got)
		}
	}
}

func TestPersianReading(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"ولي", "ڤلی", true},         // ي in its Persian form
		{"حسن", "حسن\u200c", true},   // no letter to change: marked Persian
		{"درویش", "درڤیش", true},     // و before ی
		{"موسى", "موسی", true},       // و between consonants stays
		{"داود", "داڤد\u200c", true}, // و after ا inside a word
		{"اویس", "اڤیس", true},       // before ی: Oveys
		{"Ali Reza", "", false},      // no Arabic letter
		{"משה", "", false},           // Hebrew
	}
	for _, tc := range tests {
		got, ok := names.PersianReading(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("PersianReading(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	if r := names.Readings("Vladimir Putin", names.Any); len(r) != 0 {
		t.Errorf("a Latin name has readings %q", r)
	}
	if f := names.Fold("منتظري"); !strings.Contains(f, "ntaz") {
		t.Errorf("Fold(منتظري) = %q: ت before ظ must not make tz", f)
	}
}

func TestPlaceReading(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Арзамасский машиностроительный завод", "Арзамас машиностроительный завод"},
		{"Омский институт", "Омск институт"},
		{"Севастопольский порт", "Севастополь порт"},
		{"Красноярская ГЭС", "Красноярск ГЭС"},
	}
	for _, tc := range tests {
		if got, ok := names.PlaceReading(tc.in); got != tc.want || !ok {
			t.Errorf("PlaceReading(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := names.PlaceReading("Газпром"); ok {
		t.Error("a name without a place adjective has a place reading")
	}
	for _, r := range names.Readings("Александр Маковский", names.Person) {
		if strings.Contains(r, "ск ") || strings.HasSuffix(r, "ск") {
			t.Errorf("a person's surname read as a place: %q", r)
		}
	}
}
