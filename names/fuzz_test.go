package names_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/names"
)

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"ZAWAHIRI, Ayman al-", "Владимир Путин", "صدام حسين التكريتي", "김정은", "きょうこ っ", "S.A. DE C.V.", "\xff", "", "ー", "っ", "عبدالله بن عبدالعزيز طه زاده", "عبدال", "ال", "LIMITED LIABILITY COMOANY", "JOINT STOCKCOMMERCIAL BANK",
		"नरेन्द्र मोदी", "ประยุทธ์ จันทร์โอชา", "အောင်ဆန်းစုကြည်", "አቢይ አሕመድ", "ហ៊ុន សែន", "மு. கருணாநிதி", "্", "ෆ", "เ", "်", "្",
		"NordTransGmbH", "Twenty-One Trading", "21st", "Генерал Иванов", "His Excellency", "朝鲜贸易银行",
		"弗拉基米尔·普京", "\u2060艾曼·扎瓦赫里", "阿布·", "·拉登", "岸田文雄", "高山 清司", "々", "الملك سلمان بن عبدالعزيز", "سمو",
		"เวชชาชีวะ", "ทักษิณ ชินวัตร", "ศรีสุวรรณ", "บริบูรณ์", "Chan-o-cha", "a-b-c", "x-y-z-w", "- -a- -", "בִּנְיָמִין נְתַנְיָהוּ", "יִצְחָק", "משה", "ש\u05c1\u05b8", "Vance Vogel", "v", "ว\u0e31\u0e4c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := names.Fold(s)
		if !utf8.ValidString(folded) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, folded)
		}
		if strings.HasPrefix(folded, " ") || strings.HasSuffix(folded, " ") || strings.Contains(folded, "  ") {
			t.Fatalf("Fold(%q) = %q: stray spaces", s, folded)
		}
		for _, kind := range []names.Kind{names.Any, names.Person, names.Organization} {
			for _, r := range names.Readings(s, kind) {
				if len(names.Analyze(r, kind)) > names.MaxTokens {
					t.Fatalf("reading %q of %q: too many tokens", r, s)
				}
			}
			toks := names.Analyze(s, kind)
			if len(toks) > names.MaxTokens {
				t.Fatalf("Analyze(%q) gave %d tokens", s, len(toks))
			}
			for _, tok := range toks {
				if tok.Text == "" {
					t.Fatalf("Analyze(%q) gave an empty token", s)
				}
				names.Skeleton(tok.Text)
			}
		}
	})
}
