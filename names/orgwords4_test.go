package names

import (
	"slices"
	"strings"
	"testing"
)

func TestNativeStopWords(t *testing.T) {
	classOf := func(s, word string, kind Kind) Class {
		for _, tk := range Analyze(s, kind) {
			if tk.Text == word {
				return tk.Class
			}
		}
		t.Fatalf("%q: no token %q", s, word)
		return 0
	}
	for _, tc := range []struct {
		name, word string
		kind       Kind
		want       Class
	}{
		{"Банк развития и реконструкции", "i", Organization, Stop},
		{"Агентство по страхованию", "po", Organization, Stop},
		{"القاعدة في جزيرة العرب", "fi", Organization, Stop},
		{"وزارت دفاع و پشتیبانی", "w", Organization, Stop},
		// Latin names and persons keep them as parts.
		{"PO TRADING", "po", Organization, Plain},
		{"FI GROUP HOLDINGS", "fi", Organization, Plain},
		{"Ли По", "po", Person, Plain},
	} {
		if got := classOf(tc.name, tc.word, tc.kind); got != tc.want {
			t.Errorf("%q: %q is %v, want %v", tc.name, tc.word, got, tc.want)
		}
	}
}

func TestOrgWordKeysFourthPass(t *testing.T) {
	has := func(word, key string) bool {
		for _, tk := range Analyze(word, Organization) {
			if slices.Contains(OrgWordKeys(tk.Text), key) {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		word, key string
		want      bool
	}{
		{"المخابرات", "=intelligence", true},
		{"مخابرات", "=communications", true}, // Persian: a word in two groups
		{"приборостроения", "=instrument", true},
		{"приборостроению", "=instrument", true},
		{"MISSILES", "=missile", true},
		{"SYSTEMS", "=systems", true},
		{"المحدودة", "=ltd", true},
		{"HONGKONG", "=hongkong", true}, // 香港 is read "hong kong" (see hanEnglishWords)
		{"数控", "=cnc", true},
		{"Калашников", "=machinery", false},
		{"BUSINESS", "=busines", false}, // a double s is no plural
		{"GLASS", "=glas", false},
	} {
		if got := has(tc.word, tc.key); got != tc.want {
			t.Errorf("%q has %s: %v, want %v (%v)", tc.word, tc.key, got, tc.want, OrgWordKeys(Fold(tc.word)))
		}
	}
}

// keyPair is two names that share a key of one kind (same) or not.
type keyPair struct {
	a, b string
	same bool
}

// checkSharedKeys checks that the first folded words with a key of a
// pair's names have the same key exactly when the pair says so.
func checkSharedKeys(t *testing.T, kind string, key func(string) (string, bool), pairs []keyPair) {
	t.Helper()
	first := func(s string) string {
		for _, w := range strings.Fields(Fold(s)) {
			if k, ok := key(w); ok {
				return k
			}
		}
		return ""
	}
	for _, tc := range pairs {
		ka, kb := first(tc.a), first(tc.b)
		if got := ka != "" && ka == kb; got != tc.same {
			t.Errorf("%s: %q (%s) and %q (%s) share a key: %v, want %v", kind, tc.a, ka, tc.b, kb, got, tc.same)
		}
	}
}

func TestCognateKey(t *testing.T) {
	checkSharedKeys(t, "cognate", CognateKey, []keyPair{
		{"корпорация", "corporation", true},
		{"реконструкции", "reconstruction", true},
		{"технологический", "technological", true},
		{"тактическое", "tactical", true},
		{"инновационный", "innovation", true},
		{"электроника", "electronics", true},
		{"идентификации", "identification", true},
		{"корпорация", "cooperation", false},
		{"реконструкции", "construction", false},
		{"тактическое", "practical", false},
		{"инновационный", "information", false},
	})
	// Words without a derivational ending, or too short, have none.
	for _, w := range []string{"kalashnikov", "concern", "arctic", "ivanov", "kompaniya"} {
		if k, ok := CognateKey(w); ok {
			t.Errorf("%q has the cognate key %s", w, k)
		}
	}
}

func TestPlaceStemReading(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"Тамбовский пороховой завод", "Тамбов пороховой завод", true},
		{"Казанский банк", "Казан банк", true},
		{"Московский банк", "Moscow банк", true},
		{"Волжское пароходство", "Волг пароходство", true},
		{"Омский институт", "", false},          // Омск: PlaceReading's
		{"Севастопольский порт", "", false},     // Севастополь: PlaceReading's
		{"Машиностроительный завод", "", false}, // no place adjective
	} {
		got, ok := PlaceStemReading(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("PlaceStemReading(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestCountryKey(t *testing.T) {
	checkSharedKeys(t, "country", CountryKey, []keyPair{
		{"الليبي", "LIBYAN", true},
		{"التونسية", "TUNISIAN", true},
		{"المصري", "EGYPT", true},
		{"российской", "RUSSIAN", true},
		{"الليبي", "SYRIAN", false},
		{"российской", "BELARUSIAN", false},
	})
}

func TestKazakhPartnership(t *testing.T) {
	for _, s := range []string{
		"ТОВАРИЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"АСТАНА МОТОРС\"",
		"\"АСТАНА МОТОРС\" ЖАУАПКЕРШІЛІГІ ШЕКТЕУЛІ СЕРІКТЕСТІГІ",
	} {
		var legal []string
		for _, tk := range Analyze(s, Organization) {
			if tk.Class == Legal {
				legal = append(legal, tk.Text)
			}
		}
		if !slices.Equal(legal, []string{"llc"}) {
			t.Errorf("%q: legal forms %v, want [llc]", s, legal)
		}
	}
}
