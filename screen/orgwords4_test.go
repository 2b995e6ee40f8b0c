package screen_test

import (
	"context"
	"testing"
)

// TestOrgWordsFourthPass checks, with the weights of every current list,
// the rules of the fourth pass on organisations written in their own
// script (docs/accuracy.md, "Issue 10, fourth pass"): function words,
// organisation words of the new groups and their low weight, legal forms
// written as words, place adjectives read as the place, and international
// words met by their endings. Real organisations' names; each rule has a
// pair that must not match.
func TestOrgWordsFourthPass(t *testing.T) {
	eng := realEngine(t)
	for _, tc := range []struct {
		a, b     string
		min, max float64
	}{
		// Place adjectives: the place without -ск, or its English name.
		{"Казанский банк", "KAZAN BANK", 0.8, 1},
		{"Московский банк", "MOSCOW BANK", 0.8, 1},
		{"Московский банк", "KAZAN BANK", 0, 0.8},
		{"Тамбовский завод", "TAMBOV PLANT", 0.8, 1},
		{"Тамбовский завод", "TAMBOVSK PLANT", 0.8, 1},
		{"Тамбовский завод", "TOMSK PLANT", 0, 0.8},
		// International words by their endings; a legal form written as
		// a word.
		{"Корпорация Иркут", "IRKUT CORPORATION", 0.8, 1},
		{"Корпорация Иркут", "IRKUT COOPERATION", 0, 0.8},
		{"Стратегические информационные технологии", "STRATEGIC INFORMATION TECHNOLOGIES", 0.8, 1},
		{"Стратегические информационные технологии", "PRACTICAL INFORMATION TECHNOLOGIES", 0, 0.8},
		// Function words and organisation words of another script.
		{"Банк развития и реконструкции", "BANK FOR DEVELOPMENT AND RECONSTRUCTION", 0.8, 1},
		{"Банк развития и реконструкции", "BANK FOR DEVELOPMENT AND CONSTRUCTION", 0, 0.8},
		{"شركة النفط الوطنية", "NATIONAL OIL COMPANY", 0.8, 1},
		{"شركة النفط الوطنية", "NATIONAL GAS COMPANY", 0, 0.8},
		{"深圳数控设备有限公司", "SHENZHEN CNC EQUIPMENT CO., LTD", 0.8, 1},
		{"深圳数控设备有限公司", "SUZHOU CNC EQUIPMENT CO., LTD", 0, 0.8},
		// Countries named by an Arabic nisba or a Russian adjective.
		{"الجيش الليبي", "LIBYAN ARMY", 0.8, 1},
		{"الجيش الليبي", "SYRIAN ARMY", 0, 0.8},
		{"Белорусский государственный университет", "BELARUSIAN STATE UNIVERSITY", 0.8, 1},
		{"Белорусский государственный университет", "RUSSIAN STATE UNIVERSITY", 0, 0.8},
	} {
		h, err := eng.Compare(context.Background(), orgNamed(tc.a), orgNamed(tc.b))
		if err != nil {
			t.Fatal(err)
		}
		if h.Score < tc.min || h.Score > tc.max {
			t.Errorf("%q v. %q scores %.3f, want %.2f..%.2f (%+v)", tc.a, tc.b, h.Score, tc.min, tc.max, h.Explanation.Parts)
		}
	}
}
