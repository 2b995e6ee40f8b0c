package screen_test

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
)

// TestOrgWordsFifthPass compares public companies' names written in
// their own script with their Latin names, against the real lists'
// vocabulary: the Russian spelling of an English word, a Belarusian,
// Ukrainian or Thai legal form written out, 香港 for Hong Kong; and pairs
// of other companies that share those words and must not alert.
func TestOrgWordsFifthPass(t *testing.T) {
	eng := realEngine(t)
	for _, tc := range []struct {
		a, b  string
		alert bool
	}{
		{"АО «Роснефть Трейдинг»", "ROSNEFT TRADING JSC", true},
		{"ООО «Газпром Интернешнл»", "GAZPROM INTERNATIONAL LLC", true},
		{"Адкрытае акцыянернае таварыства «Нафтан»", "OAO NAFTAN", true},
		{"Публічне акціонерне товариство «Укрнафта»", "UKRNAFTA PJSC", true},
		{"บริษัท บ้านปู จำกัด (มหาชน)", "BANPU PUBLIC COMPANY LIMITED", true},
		{"华为技术(香港)有限公司", "HUAWEI TECHNOLOGIES (HONG KONG) CO., LIMITED", true},
		// Must not: the shared words, forms or place do not make another
		// company the same.
		{"АО «Роснефть Трейдинг»", "LUKOIL TRADING JSC", false},
		{"ООО «Газпром Интернешнл»", "SIBUR INTERNATIONAL LLC", false},
		{"Адкрытае акцыянернае таварыства «Нафтан»", "OAO GRODNO AZOT", false},
		{"บริษัท บ้านปู จำกัด (มหาชน)", "BANGCHAK CORPORATION PUBLIC COMPANY LIMITED", false},
		{"香港中華煤氣有限公司", "HONG KONG ELECTRIC COMPANY LIMITED", false},
	} {
		h, err := eng.Compare(context.Background(),
			vigil.Subject{ID: "a", Kind: entity.KindOrganization, Name: tc.a},
			vigil.Subject{ID: "b", Kind: entity.KindOrganization, Name: tc.b})
		if err != nil {
			t.Fatal(err)
		}
		if got := h.Score >= screen.DefaultThreshold; got != tc.alert {
			t.Errorf("%q vs %q: %.3f, alert %v, want %v (%+v)", tc.a, tc.b, h.Score, got, tc.alert, h.Explanation.Parts)
		}
	}
}
