package synth

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/names"
)

func TestSplitParticle(t *testing.T) {
	tests := []struct{ in, particle, rest string }{
		{"al-ZAWAHIRI", "al-", "ZAWAHIRI"},
		{"Abd al-Ghafur", "abd al-", "Ghafur"},
		{"bin Laden", "bin ", "Laden"},
		{"van der Berg", "van der ", "Berg"},
		{"Petrov", "", "Petrov"},
		{"Sieiro de Noriega", "", "Sieiro de Noriega"},
		{"al-", "", "al-"},
		{"de la", "de ", "la"},
		{"", "", ""},
	}
	for _, tt := range tests {
		p, r := splitParticle(tt.in)
		if p != tt.particle || r != tt.rest {
			t.Errorf("splitParticle(%q) = %q, %q; want %q, %q", tt.in, p, r, tt.particle, tt.rest)
		}
	}
}

func TestSplitPerson(t *testing.T) {
	tests := []struct {
		name          entity.Name
		given, family string
		middle        []string
		ok            bool
	}{
		{entity.Name{Full: "ZAWAHIRI, Ayman al-"}, "Ayman", "al-Zawahiri", nil, true},
		{entity.Name{Full: "LADEN, Usama bin Muhammad bin Awad bin"}, "Usama", "bin Laden", []string{"Muhammad", "Awad"}, true},
		{entity.Name{Full: "Jennifer L. McClellan"}, "Jennifer", "McClellan", nil, true},
		{entity.Name{Full: "ERIC BADEGE"}, "Eric", "Badege", nil, true},
		{entity.Name{Full: "O'NEILL, SEAN"}, "Sean", "O'Neill", nil, true},
		{entity.Name{Full: "x", Parts: []entity.NamePart{{Type: entity.PartGiven, Value: "Andrey"},
			{Type: entity.PartPatronymic, Value: "Andreevich"}, {Type: entity.PartFamily, Value: "ZADACHIN"}}},
			"Andrey", "Zadachin", []string{"Andreevich"}, true},
		{entity.Name{Full: "QUYDIR, al Hmeid Mahmud"}, "Hmeid", "Quydir", []string{"Mahmud"}, true},
		{entity.Name{Full: "BERG, van"}, "", "", nil, false},
		{entity.Name{Full: "Madonna"}, "", "", nil, false},
		{entity.Name{Full: "Agent 007"}, "", "", nil, false},
		{entity.Name{Full: "ПУТИН, Владимир"}, "", "", nil, false},
		{entity.Name{Full: "A, B, C"}, "", "", nil, false},
		{entity.Name{Full: "\xff\xfe Smith"}, "", "", nil, false},
	}
	for _, tt := range tests {
		g, m, f, ok := splitPerson(tt.name)
		if ok != tt.ok || g != tt.given || f != tt.family || strings.Join(m, "|") != strings.Join(tt.middle, "|") {
			t.Errorf("splitPerson(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tt.name.Full, g, m, f, ok, tt.given, tt.middle, tt.family, tt.ok)
		}
	}
}

func TestCutLegal(t *testing.T) {
	tests := []struct{ in, rest, legal string }{
		{"Acme Trading Co. Ltd.", "Acme Trading", "Co. Ltd."},
		{"Banco Mercantil S.A. de C.V.", "Banco Mercantil", "S.A. de C.V."},
		{"Vector L.L.C.", "Vector", "L.L.C."},
		{"Gazprom Neft Ojsc", "Gazprom Neft", "Ojsc"},
		{"Limited", "Limited", ""},
		{"Islamic Relief Agency", "Islamic Relief Agency", ""},
	}
	for _, tt := range tests {
		rest, legal := cutLegal(orgWords(tt.in))
		if strings.Join(rest, " ") != tidyAll(tt.rest) || legal != tidyAll(tt.legal) {
			t.Errorf("cutLegal(%q) = %q, %q; want %q, %q", tt.in, rest, legal, tt.rest, tt.legal)
		}
	}
}

func TestContentWord(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"Trading", true}, {"Novatek", true}, {"Ooo", false}, {"Limited", false}, {"of", false},
		{"And", false}, {"Co", false}, {"5", false}, {"S.a.", false},
	}
	for _, tt := range tests {
		if got := contentWord(tt.w); got != tt.want {
			t.Errorf("contentWord(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

func TestTypo(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	for _, w := range []string{"Zawahiri", "Abbas", "Pérez-García", "Novatek", "Aaaaaa"} {
		for range 200 {
			got := typo(rnd, w)
			if got == w || !utf8.ValidString(got) {
				t.Fatalf("typo(%q) = %q: unchanged or invalid", w, got)
			}
			if []rune(got)[0] != []rune(w)[0] {
				t.Fatalf("typo(%q) = %q changed the first letter", w, got)
			}
			if isASCII(w) && names.DistanceAtMost(w, got, 1) != 1 {
				t.Fatalf("typo(%q) = %q is not one edit away", w, got)
			}
		}
	}
	for _, w := range []string{"", "Ali", "Omar"} {
		if got := typo(rnd, w); got != w {
			t.Errorf("typo(%q) = %q, want it unchanged", w, got)
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func TestRespell(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	for _, w := range []string{"Yousef", "SHAKHOV", "Zzz", "Ã", "İstanbul", "x"} {
		for range 50 {
			if got := respell(rnd, w); got == w || !utf8.ValidString(got) {
				t.Fatalf("respell(%q) = %q: unchanged or invalid", w, got)
			}
		}
	}
}
