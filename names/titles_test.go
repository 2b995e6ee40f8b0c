package names_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/names"
)

func TestTitles(t *testing.T) {
	tests := []struct {
		in     string
		kind   names.Kind
		titles string // the titles read, "/" between
		parts  string // the remaining tokens
	}{
		{"Генерал Сергей Шойгу", names.Person, "general", "sergey shoygu"},
		{"Général Khalifa Haftar", names.Person, "general", "khalifa haftar"},
		{"Doktor Ayman al-Zawahiri", names.Any, "doktor", "ayman al zawahiri"},
		{"Minister Sergey Lavrov", names.Person, "minister", "sergey lavrov"},
		{"Sheikh Hasina", names.Person, "sheikh", "hasina"},
		{"His Excellency Prime Minister Hun Sen", names.Person, "his excellency/prime minister", "hun sen"},
		{"Mullah Mohammed Omar", names.Any, "mullah", "mohammed omar"},
		{"Ayatollah Ali Khamenei", names.Person, "ayatollah", "ali khamenei"},
		{"Herr Doktor Müller", names.Person, "herr/doktor", "muller"},
		{"Shri Narendra Modi", names.Person, "shri", "narendra modi"},
		{"Tan Sri Muhyiddin Yassin", names.Person, "tan sri", "muhyiddin yassin"},
		// Must not: an organisation's words, a title that is the whole
		// name, a rank word in an untyped name, a title after the name.
		{"General Motors", names.Organization, "", "general motors"},
		{"General Motors", names.Any, "", "general motors"},
		{"Minister Trading LLC", names.Any, "", "minister trading llc"},
		{"Sheikh", names.Person, "", "sheikh"},
		{"Erik Prince", names.Person, "", "erik prince"},
		{"Mohammed Sheikh", names.Person, "", "mohammed sheikh"},
		{"Sultan Bashiruddin Mahmood", names.Person, "", "sultan bashiruddin mahmood"},
		{"Hafiz Muhammad Saeed", names.Person, "", "hafiz muhammad saeed"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			toks := names.Analyze(tc.in, tc.kind)
			if got := strings.Join(names.TitleTokens(toks), "/"); got != tc.titles {
				t.Errorf("titles of %q = %q, want %q", tc.in, got, tc.titles)
			}
			var parts []string
			for _, tok := range toks {
				if tok.Class != names.Title {
					parts = append(parts, tok.Text)
				}
			}
			if got := strings.Join(parts, " "); got != tc.parts {
				t.Errorf("parts of %q = %q, want %q", tc.in, got, tc.parts)
			}
		})
	}
}
