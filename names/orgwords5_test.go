package names

import (
	"slices"
	"strings"
	"testing"
)

// TestLegalFormsFifthPass checks the legal forms of Belarus, Ukraine,
// Kazakhstan and Thailand written out, on public companies' names, and
// names that must keep their words.
func TestLegalFormsFifthPass(t *testing.T) {
	for _, tc := range []struct {
		in   string
		kind Kind
		want string
	}{
		// Belarusian: Naftan OJSC, Eurotorg LLC.
		{"Адкрытае акцыянернае таварыства «Нафтан»", Organization, "jsc naftan"},
		{"Таварыства з абмежаванай адказнасцю «Еўраторг»", Organization, "llc euratorg"},
		{"ТАА «Еўраторг»", Organization, "llc euratorg"},
		// Ukrainian: PJSC Ukrnafta, PrJSC Kyivstar.
		{"Публічне акціонерне товариство «Укрнафта»", Organization, "jsc ukrnafta"},
		{"Приватне акціонерне товариство «Київстар»", Organization, "jsc kiyivstar"},
		// Kazakh: Kazakhtelecom JSC.
		{"«Қазақтелеком» акционерлік қоғамы", Organization, "qazaqtelekom jsc"},
		// Thai: Banpu PCL, written around the name, as one form; and as
		// the lists write Thai companies in RTGS.
		{"บริษัท บ้านปู จำกัด (มหาชน)", Organization, "ltd banpu mahatn"},
		{"Borisat Pun Siam Chamkat", Organization, "ltd pun siam"},
		{"Hang Hun Suan Chamkat Siam Trading", Organization, "lp siam trading"},
		// Must not: a form before and another after the name are two;
		// ТАА in an untyped name and Thai forms in a person's name stay.
		{"ООО Ромашка АО", Organization, "llc romashka jsc"},
		{"Taa Ali", Any, "taa ali"},
		{"Borisat Chamkat", Person, "borisat chamkat"},
		{"Hang Hun", Organization, "hang hun"},
	} {
		var got []string
		for _, tk := range Analyze(tc.in, tc.kind) {
			got = append(got, tk.Text)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("Analyze(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

// TestOrgWordKeysFifthPass checks the Thai words and the Russian
// spellings of English organisation words, and words that look like them
// but are not.
func TestOrgWordKeysFifthPass(t *testing.T) {
	for _, tc := range []struct {
		word, key string
		want      bool
	}{
		{"ТРЕЙДИНГ", "=trading", true}, // Роснефть Трейдинг, Rosneft Trading
		{"Трейд", "=trading", true},
		{"Интернешнл", "=international", true}, // Газпром Интернешнл
		{"ЭНЕРДЖИ", "=energy", true},
		{"Менеджмента", "=management", true}, // another case ending
		{"ХОЛДИНГС", "=holding", true},
		{"ธนาคาร", "=bank", true},
		{"มหาชน", "=public", true},
		// Must not: personal names and words that begin alike.
		{"Трейси", "=trading", false},    // Tracy
		{"Марин", "=marine", false},      // Marin, a surname
		{"Сервантес", "=service", false}, // Cervantes
		{"Групповой", "=group", false},
	} {
		has := slices.Contains(OrgWordKeys(Fold(tc.word)), tc.key)
		if has != tc.want {
			t.Errorf("%q has %s: %v, want %v (%v)", tc.word, tc.key, has, tc.want, OrgWordKeys(Fold(tc.word)))
		}
	}
}

// TestHanEnglishWords checks that 香港 in a company's name is read as
// the Latin names write it, wherever it stands.
func TestHanEnglishWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"中國銀行(香港)有限公司", "zhong guo yinxing hong kong ltd"}, // Bank of China (Hong Kong) Limited
		{"香港中華煤氣有限公司", "hong kong zhong hua mei qi ltd"},    // The Hong Kong and China Gas Company
		{"香", "xiang"},
	} {
		var got []string
		for _, tk := range Analyze(tc.in, Organization) {
			got = append(got, tk.Text)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("Analyze(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}
