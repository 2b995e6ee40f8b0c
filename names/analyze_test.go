package names_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/names"
)

func texts(toks []names.Token) string {
	var parts []string
	for _, t := range toks {
		parts = append(parts, t.Text+"/"+t.Class.String())
	}
	return strings.Join(parts, " ")
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name string
		in   string
		kind names.Kind
		want string
	}{
		{"person with particle and title", "AL ZAWAHIRI, Dr. Ayman", names.Person,
			"al/particle zawahiri/plain dr/honorific ayman/plain"},
		{"initials", "Faisal J. M. AL-KHALIDI", names.Person,
			"faisal/plain j/initial m/initial al/particle khalidi/plain"},
		{"sheikh and bin", "Sheikh Usama bin Ladin", names.Person,
			"sheikh/title usama/plain bin/particle ladin/plain"},
		{"LLC dotted", "ACME L.L.C.", names.Organization, "acme/plain llc/legal"},
		{"LLC spelt out", "Acme Limited Liability Company", names.Organization, "acme/plain llc/legal"},
		{"OOO latin", "OOO Stroytransgaz", names.Organization, "llc/legal stroytransgaz/plain"},
		{"OOO cyrillic", "ООО Стройтрансгаз", names.Organization, "llc/legal stroytransgaz/plain"},
		{"obshchestvo", "Obshchestvo s Ogranichennoy Otvetstvennostyu Stroytransgaz", names.Organization, "llc/legal stroytransgaz/plain"},
		{"co ltd", "Dandong Hongxiang Co., Ltd.", names.Organization, "dandong/plain hongxiang/plain ltd/legal"},
		{"limited", "S-CAPE LIMITED", names.Organization, "s/plain cape/plain ltd/legal"},
		{"JSC forms", "OAO Gazprom", names.Organization, "jsc/legal gazprom/plain"},
		{"AO cyrillic", "АО Почта", names.Organization, "jsc/legal pochta/plain"},
		{"PJSC spelt out", "Public Joint Stock Company Rosneft", names.Organization, "jsc/legal rosneft/plain"},
		{"GmbH", "Reyco GmbH", names.Organization, "reyco/plain gmbh/legal"},
		{"SA de CV", "RESTAURANT FOLKLOR Y CANTINA, S.A. DE C.V.", names.Organization,
			"restaurant/plain folklor/plain y/stop cantina/plain sa/legal"},
		{"letter before legal form", "GRUPO W, S.A.", names.Organization, "grupo/plain w/plain sa/legal"},
		{"inc corp", "Acme Corp", names.Organization, "acme/plain inc/legal"},
		{"plc", "Acme Public Limited Company", names.Organization, "acme/plain plc/legal"},
		{"misspelt legal form", "REYCO GBMH.", names.Organization, "reyco/plain gmbh/legal"},
		{"misspelt limited", "LIMIETD", names.Organization, "ltd/legal"},
		{"misspelt legal phrase", "PRIVATE LIMIETD", names.Organization, "ltd/legal"},
		{"misspelt phrase that starts with a form", "LIMITED LIABILITY COMOANY UNIMATIC", names.Organization, "llc/legal unimatic/plain"},
		{"path is no legal form", "Shining Path", names.Organization, "shining/plain path/plain"},
		{"misspelt long legal phrase", "Fedderal State Unitary Enterprise Bazalt", names.Organization, "fsue/legal bazalt/plain"},
		{"legal phrase with a dropped space", "JOINT STOCKCOMMERCIAL BANK NOVIKOMBANK", names.Organization, "jscb/legal novikombank/plain"},
		{"legal form in pieces", "MANARA S.AA.S.", names.Organization, "manara/plain sa/legal"},
		{"misspelt stop word", "MARANGE (PRIVATU) LIMITED", names.Organization, "marange/plain ltd/legal"},
		{"misspelt stop word alone", "MARANGE PRIVATU", names.Organization, "marange/plain privatu/stop"},
		{"short word not corrected", "FRIENDS TRAVEL INN", names.Organization, "friends/plain travel/plain inn/plain"},
		{"stop words", "The Bank of Kunlun", names.Organization, "the/stop bank/plain of/stop kunlun/plain"},
		{"ambiguous form in unknown kind", "Pat Sa", names.Any, "pat/plain sa/plain"},
		{"clear form in unknown kind", "Kuang-Su Corporation", names.Any, "kuang/plain su/plain inc/legal"},
		{"empty", "", names.Person, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(names.Analyze(tt.in, tt.kind)); got != tt.want {
				t.Errorf("Analyze(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAnalyzeUnvowelled(t *testing.T) {
	toks := names.Analyze("صدام حسين", names.Person)
	if len(toks) != 2 || !toks[0].Unvowelled || !toks[1].Unvowelled {
		t.Errorf("Arabic tokens not marked unvowelled: %+v", toks)
	}
	if toks := names.Analyze("Saddam Hussein", names.Person); toks[0].Unvowelled {
		t.Errorf("Latin tokens marked unvowelled: %+v", toks)
	}
}

func TestAnalyzeCapsTokens(t *testing.T) {
	toks := names.Analyze(strings.Repeat("ab ", 1000), names.Person)
	if len(toks) != names.MaxTokens {
		t.Errorf("got %d tokens, want %d", len(toks), names.MaxTokens)
	}
	if !reflect.DeepEqual(names.Analyze("\xff\xfe", names.Person), []names.Token(nil)) {
		t.Errorf("invalid UTF-8 alone should give no tokens")
	}
}

func TestNaturalOrder(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ZAWAHIRI, Ayman al-", "Ayman al- ZAWAHIRI"},
		{"AL-ZAWAHIRI, Ayman", "Ayman AL-ZAWAHIRI"},
		{"PUTIN, Vladimir Vladimirovich", "Vladimir Vladimirovich PUTIN"},
		{"I&S HOLDING COMPANY, S.A.", "I&S HOLDING COMPANY, S.A."},
		{"Ayman al-Zawahiri", "Ayman al-Zawahiri"},
		{"A, B, C", "A, B, C"},
		{", Ayman", ", Ayman"},
	}
	for _, tt := range tests {
		if got := names.NaturalOrder(tt.in); got != tt.want {
			t.Errorf("NaturalOrder(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
