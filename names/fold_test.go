package names_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/names"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"accents and comma form", "PÉREZ-GARCÍA, José", "perez garcia jose"},
		{"apostrophes dropped", "'Ali Hassan 'Ali AL-'AJMI", "ali hassan ali al ajmi"},
		{"typographic apostrophe", "Sa’id", "said"},
		{"special latin letters", "Łukasz Søren Straße Þór", "lukasz soren strasse thor"},
		{"russian", "Владимир Путин", "vladimir putin"},
		{"russian kh zh ts shch yu ya y", "Хачатурян Жуков Цой Щукин Юрий Яковлев Сергей", "khachaturyan zhukov tsoy shchukin yuriy yakovlev sergey"},
		{"ukrainian", "Олександр Ющенко Їжак Євген", "oleksandr yushchenko yizhak yevgen"},
		{"serbian", "Ђорђе Љубић", "djordje ljubic"},
		{"greek with accents", "Αλέξης Τσίπρας", "alexis tsipras"},
		{"arabic article split", "صدام حسين التكريتي", "sdam hsin al tkriti"},
		{"persian letters", "پرویز", "pruiz"},
		{"arabic ain at word start", "علي عمر", "ali amr"},
		{"arabic allah one word", "عبد الله", "abd allah"},
		{"arabic abd joined to the article", "عبدالخالق عبدالله", "abd al khalq abd allah"},
		{"persian letters read s and z", "نجیب ثاقب فضل", "njib saqb fzl"},
		{"arabic particles and ain after the article", "ماجد بن عبدالعزيز آل سعود", "majd bin abd al aziz al sud"},
		{"arabic h after d or t", "طه حسن زاده", "tah hsnzadah"},
		{"arabic waw and ya", "يوسف نواف", "yusf nwaf"},
		{"hebrew", "בנימין נתניהו", "bnimin ntnihu"},
		{"armenian", "Սերժ Սարգսյան", "serzh sargsyan"},
		{"georgian", "მიხეილ სააკაშვილი", "mikheil saakashvili"},
		{"hangul family name split", "김정은", "kim jongun"},
		{"chinese personal name", "李方伟", "li fangwei"},
		{"chinese company", "有限公司", "you xian gong si"},
		{"katakana hepburn", "シンゾウ アベ", "shinzou abe"},
		{"hiragana digraph and small tsu", "きょうこ はっとり", "kyouko hattori"},
		{"fullwidth", "ＡＢＣ", "abc"},
		{"digits kept", "Unit 8200", "unit 8200"},
		{"only punctuation", "--- ,,, ...", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := names.Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldHostile(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"invalid utf8", "Ab\xff\xfeCd"},
		{"binary garbage", "\x00\x01\x02\x1b[31m\x7f"},
		{"huge name", strings.Repeat("Muhammad ", 200000)},
		{"huge single rune run", strings.Repeat("ж", 1<<20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := names.Fold(tt.in)
			if !utf8.ValidString(got) {
				t.Errorf("Fold gave invalid UTF-8 %q", got)
			}
			// Folding never grows a name beyond a small multiple of the cap.
			if len(got) > 4*names.MaxInput {
				t.Errorf("Fold gave %d bytes, want at most %d", len(got), 4*names.MaxInput)
			}
		})
	}
	if got := names.Fold("Ab\xffCd"); got != "ab cd" {
		t.Errorf("invalid byte: got %q, want %q", got, "ab cd")
	}
}

func TestSkeleton(t *testing.T) {
	// Spellings of one name share a skeleton.
	same := [][]string{
		{"mohammed", "muhammad", "mohamed", "mohammad", "mhmd"},
		{"yusuf", "youssef", "yousef", "ysf"},
		{"sergey", "sergei"},
		{"aleksandr", "alexander"},
		{"hussein", "husayn", "hsyn"},
		{"saddam", "sdam"},
		{"tikriti", "tkryty"},
		{"zawahiri", "zawahri", "zwahry"},
	}
	for _, group := range same {
		want := names.Skeleton(group[0])
		for _, s := range group[1:] {
			if got := names.Skeleton(s); got != want {
				t.Errorf("Skeleton(%q) = %q, want %q like %q", s, got, want, group[0])
			}
		}
	}
	// Different names keep different skeletons.
	differ := [][2]string{{"mohammed", "ahmad"}, {"ali", "omar"}, {"putin", "petrov"}}
	for _, d := range differ {
		if names.Skeleton(d[0]) == names.Skeleton(d[1]) {
			t.Errorf("Skeleton(%q) == Skeleton(%q) = %q, want different", d[0], d[1], names.Skeleton(d[0]))
		}
	}
}

func TestVariant(t *testing.T) {
	for _, v := range []string{"mohammed", "mohamed", "muhammad", "mohd"} {
		if got := names.Variant(v); got != "muhammad" {
			t.Errorf("Variant(%q) = %q, want muhammad", v, got)
		}
	}
	if got := names.Variant("zawahiri"); got != "" {
		t.Errorf("Variant(zawahiri) = %q, want none", got)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"zawahiri", "zawahri", 1}, {"gmbh", "gbmh", 1},
		{"kitten", "sitting", 3}, {"", "abcd", 4},
	}
	for _, tt := range tests {
		for k := 0; k <= 4; k++ {
			want := min(tt.want, k+1)
			if got := names.DistanceAtMost(tt.a, tt.b, k); got != want {
				t.Errorf("DistanceAtMost(%q, %q, %d) = %d, want %d", tt.a, tt.b, k, got, want)
			}
		}
	}
}

func TestLatinArticle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Adnan AS-SAHNI", "adnan al sahni"},
		{"Abd Ur-Rehman", "abd al rehman"},
		{"Ayman az-Zawahiri", "ayman al zawahiri"},
		{"Muhammad ash-Shaykh", "muhammad al shaykh"},
		{"Nur ad-Din", "nur al din"},
		{"Abu Bakr as Siddiq", "abu bakr as siddiq"}, // no hyphen: kept
		{"Ali as-Bakr", "ali as bakr"},               // not the next word's consonant
		{"Jean-Pierre Es-Sayed", "jean pierre al sayed"},
		{"Mary-Ann Smith", "mary ann smith"},
		{"X-Ray", "x ray"},
	}
	for _, tc := range tests {
		if got := strings.Join(tokenTexts(names.Analyze(tc.in, names.Person)), " "); got != tc.want {
			t.Errorf("Analyze(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func tokenTexts(toks []names.Token) []string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Text)
	}
	return out
}
