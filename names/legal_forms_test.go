package names_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/names"
)

// TestLegalFormsWrittenOut checks legal forms written out in full and
// glued to the name against their short forms.
func TestLegalFormsWrittenOut(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nord Trans Gesellschaft mit beschränkter Haftung", "nord trans gmbh"},
		{"NordTransGmbH", "nordtrans gmbh"},
		{"NORDTRANSGMBH", "nordtrans gmbh"},
		{"Acme Sociedad Anónima", "acme sa"},
		{"Acme SA", "acme sa"},
		{"Ромашка Общество с ограниченной ответственностью", "romashka llc"},
		{"ООО Ромашка", "llc romashka"},
		{"Акционерное общество Ромашка", "jsc romashka"},
		{"华为技术有限公司", "hua wei jishu ltd"},
		{"深圳贸易股份有限公司", "shen zhen maoyi ltd"},
		{"トヨタ株式会社", "toyota ltd"},
		{"株式会社", "ltd"},
		{"삼성 주식회사", "samsong ltd"},
		{"Товариство з обмеженою відповідальністю Альфа", "llc alfa"},
		{"Alfa Spółka z ograniczoną odpowiedzialnością", "alfa llc"},
		{"Alfa Korlátolt Felelősségű Társaság", "alfa llc"},
		{"Alfa Limited", "alfa ltd"},
		{"AlfaLimited", "alfa ltd"},
		{"Alfa Trading LLC", "alfa trading llc"},
		{"AlfaTradingLLC", "alfatrading llc"},
		// Must not: words that end like a form, a form with too little
		// before it, ordinary words one edit from a short form.
		{"Unlimited Horizons", "unlimited horizons"},
		{"Euro Trading", "euro trading"},
		{"Earl Holdings", "earl holdings"},
		{"Altd", "altd"},
	}
	for _, tc := range tests {
		var got []string
		for _, tok := range names.Analyze(tc.in, names.Organization) {
			got = append(got, tok.Text)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("Analyze(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
	// A person's name is never split.
	if got := names.Analyze("Doo Hwan Chun", names.Any); got[0].Class != names.Plain {
		t.Errorf("Doo in an untyped name read as %v", got[0].Class)
	}
}
