package names_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// scriptCases pair a name in its own script with the Latin form a list
// writes for it. The names are the reviewer's examples and names the UK
// (OFSI) list gives in both scripts (Group IDs in the comments), plus
// one name each for rules no list name exercises.
var scriptCases = []struct {
	name, in, fold, latin string
}{
	// Hebrew: matres lectionis, final forms, kaf/khaf, pe/fe, he.
	{"hebrew final he and kaf he", "משה כהן", "msha kehn", "Moshe Cohen"},
	{"hebrew final vav after he", "בנימין נתניהו", "bnimin ntnihu", "Binyamin Netanyahu"},
	{"hebrew vav before final yod", "עדן לוי", "adn lvi", "Eden LEVI"},                // 16485
	{"hebrew vav as o", "ינון לוי", "ynon lvi", "Ynon LEVI"},                          // 16367
	{"hebrew initial pe", "נעם פדרמן", "nm fdrmn", "Noam FEDERMAN"},                   // 16489
	{"hebrew double yod", "אילי פדרמן", "aili fdrmn", "Eli FEDERMAN"},                 // 16366
	{"hebrew ayin and aleph unwritten", "עילאי פדרמן", "aili fdrmn", "Ilay FEDERMAN"}, // 16366
	{"hebrew gershayim in an acronym", "להב\"ה", "lhva", "LEHAVA"},                    // 16488
	{"hebrew bet after vowel letter", "אברהם", "avrhm", "Avraham"},
	{"hebrew final khaf", "ברוך", "brokh", "Barukh"},
	{"hebrew geresh", "ג'מאל", "jml", "Jamal"},
	{"hebrew points and dagesh", "פִּנְחָס", "pinhas", "Pinhas"},
	{"hebrew arabic name", "חליד בן עבד אל-עזיז אל סעוד", "hlid bn abd al aziz al sod", "Khalid bin Abdulaziz al Saud"},
	// Japanese kana.
	{"kana interpunct and long vowel", "ウラジーミル・プーチン", "urajimir puchin", "Vladimir Putin"},
	{"kana foreign sounds", "ティ ディ ファ フィ ウィ ヴァ シェ ジェ ツァ デュ", "ti di fa fi wi va she je tsa dyu", ""},
	{"kana small tsu", "ハッサン", "hassan", "Hassan"},
	{"kana final epenthetic vowel", "アフマド・ザキー・ヤマーニー", "afumad zaki yamani", "Ahmad Zaki Yamani"},
	{"hiragana keeps its final vowel", "まこと", "makoto", "Makoto"},
	// Persian.
	{"persian ye zhe and split suffix", "محمود احمدی نژاد", "mhmud ahmdinzhad", "Mahmoud Ahmadinejad"},
	{"persian zadeh", "حسن حسن زاده", "hsn hsnzadah", "Hasan HASSANZADEH"}, // 15632
	{"persian pe che gaf", "پرویز چهارمحالی گشتاسبی", "pruiz chharmhali gshtasbi", "Parwiz Cheharmahali Gashtasbi"},
	// Korean.
	{"hangul with a space", "김 정은", "kim jongun", "Kim Jong Un"},
	{"hangul two syllables stay one word", "은정 김", "unjong kim", ""},
	{"hangul joined", "김정은", "kim jongun", "Kim Jong Un"},
	{"hangul eo as o", "노광철", "no kwangchol", "NO KWANG CHOL"}, // 16818
	{"hangul eu as u", "신금철", "sin kumchol", "SIN KUM CHOL"},   // 16817
	{"hangul ri", "리송진", "ri songjin", "RI SONG JIN"},          // 16820
	{"hangul b", "김영복", "kim yongbok", "KIM YONG BOK"},         // 16816
	{"hangul family name yi", "이정수", "yi jongsu", "Lee Jong Su"},
	{"hangul organisation one word", "조선광선은행", "josonkwangsonunhaeng", ""},
}

func TestFoldScripts(t *testing.T) {
	for _, tc := range scriptCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := names.Fold(tc.in); got != tc.fold {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.fold)
			}
		})
	}
}

// TestScriptSkeletons checks that each name meets its Latin form where the
// matcher looks: part for part by consonant skeleton, in order.
func TestScriptSkeletons(t *testing.T) {
	for _, tc := range scriptCases {
		if tc.latin == "" || strings.Contains(tc.name, "kana") && tc.name != "kana small tsu" && tc.name != "kana final epenthetic vowel" {
			continue // katakana transcribes l as r, v as u, di as ji: see the report
		}
		t.Run(tc.name, func(t *testing.T) {
			got, want := skeletons(tc.fold), skeletons(names.Fold(tc.latin))
			if tc.name == "kana final epenthetic vowel" {
				want[0] = "fmd" // アフマド: katakana writes h before m as fu
			}
			if tc.name == "hebrew arabic name" {
				got = skeletons(strings.ReplaceAll(tc.fold, "abd al aziz", "abdalaziz"))
				want = skeletons("khalid bin abdalaziz al saud")
				want[0] = "hld" // ח is h; Khalid is ח'אליד
			}
			if strings.HasPrefix(tc.name, "hangul") {
				// The given name is one part here and two in the Latin
				// form: the matcher meets them as parts written together.
				got, want = skeletons(strings.Join(got[1:], "")), skeletons(strings.Join(want[1:], ""))
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("skeletons of %q = %v, of %q = %v", tc.fold, got, tc.latin, want)
			}
		})
	}
}

func skeletons(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, names.Skeleton(w))
	}
	return out
}

// TestScriptNamesMatch compares each name with its Latin form as the
// screening engine does, with the Latin form listed.
func TestScriptNamesMatch(t *testing.T) {
	tests := []struct {
		q, listed string
		min       float32
	}{
		{"משה כהן", "Moshe Cohen", 0.85},
		{"עדן לוי", "Eden LEVI", 0.85},
		{"נעם פדרמן", "Noam FEDERMAN", 0.85},
		{"ינון לוי", "Yinon LEVY", 0.85},
		{"בנימין נתניהו", "Benjamin Netanyahu", 0.4}, // Benjamin's j is no Hebrew letter
		{"محمود احمدی نژاد", "Mahmoud Ahmadinejad", 0.85},
		{"محمود احمدی نژاد", "Mahmoud Ahmadi Nejad", 0.85},
		{"ولی ارلنی زاده", "Vali ARLANIZADEH", 0.4}, // Persian و is v, Afghan w
		{"김 정은", "Kim Jong Un", 0.95},               // 정은 stays one word, met as joined
		// Katakana: r for l, ji for di, chi for ti, u for v, added final
		// vowels (names of os_sa_wiki_peps_v2 Q623802, Q1139461, Q1317).
		{"ウラジーミル・プーチン", "Vladimir Putin", 0.85},
		{"アデル・ジュベイル", "Adel al-Jubeir", 0.85},
		{"ウサマ・ビン・ラーデン", "Osama bin Laden", 0.85},
		{"サーレム・ビン・ラーディン", "Salem bin Laden", 0.8},
		{"김정은", "Kim Jong-un", 0.95},
		{"김정은", "Kim Jongun", 0.99},
		{"이정수", "Lee Jong Su", 0.9},
		{"신금철", "SIN KUM CHOL", 0.9},
		{"ハッサン", "Hassan", 0.99},
	}
	for _, tc := range tests {
		t.Run(tc.q+"/"+tc.listed, func(t *testing.T) {
			if got := score(tc.q, tc.listed); got < tc.min {
				t.Errorf("score(%q, %q) = %.3f, want at least %.2f", tc.q, tc.listed, got, tc.min)
			}
		})
	}
}

// TestScriptNamesDoNotMatch checks that the looser readings do not make
// different names meet.
func TestScriptNamesDoNotMatch(t *testing.T) {
	tests := []struct{ q, listed string }{
		{"משה כהן", "Moshe Levi"},
		{"עדן לוי", "Adam Cohen"},
		{"김 정은", "Kim Jong Il"},
		{"김정은", "Pak Jong Un"},
		{"김은정", "Kim Jong Un"},
		{"은정 김", "Kim Jong Un"}, // a given name written apart from the family name
		{"ウラジーミル・プーチン", "Vladimir Pushkin"},
		{"ウラジーミル・プーチン", "Vladimir Lenin"},
		{"アデル・ジュベイル", "Adel Zubair"},
		{"ウサマ・ビン・ラーデン", "Osama bin Saud"},
		{"이경수", "Ra Kyong Su"},
		{"محمود احمدی نژاد", "Mahmoud Ahmadi"},
	}
	for _, tc := range tests {
		t.Run(tc.q+"/"+tc.listed, func(t *testing.T) {
			if got := score(tc.q, tc.listed); got >= 0.8 {
				t.Errorf("score(%q, %q) = %.3f, want below 0.80", tc.q, tc.listed, got)
			}
		})
	}
}

// score compares q with listed as the engine does, with listed (and a
// few other names, so that weights are not all equal) in the vocabulary.
func score(q, listed string) float32 {
	v := match.NewVocab()
	lt := names.Analyze(listed, names.Person)
	v.AddName(lt)
	for _, other := range []string{"John Smith", "Maria Garcia", "Ali Hassan", "Kim Il Sung"} {
		v.AddName(names.Analyze(other, names.Person))
	}
	v.Freeze()
	ln := v.Prepare(listed, lt, false)
	qn := v.Prepare(q, names.Analyze(q, names.Person), false)
	var r match.Result
	match.Compare(&qn, &ln, &r)
	return r.Score
}

// TestFoldScriptsHostile checks that broken and hostile text in these
// scripts folds without panic, to valid output.
func TestFoldScriptsHostile(t *testing.T) {
	for _, s := range []string{
		"׳", "'", "״", "\"א", "א\"", "ּ", "ְְְ", "אּּּ׳׳׳", "ך", "װױײ", "ן'",
		"ッ", "ッッッ", "ーーー", "ァ", "ャ", "ヴ", "ヷヸヹヺ", "ッー", "・・", "ｱｲｳ", "ｶﾞｻﾞﾝ", "ﾞﾟ",
		"각", "힣", "\xed\x9f\xbf", "ژ", " زاده", "زاده زاده", "ا زاده", "نژاد\u200c", "\xff\xfe",
		strings.Repeat("ש", 5000), strings.Repeat("ッ", 5000), strings.Repeat("가", 5000),
		// Brahmic, Thai, Myanmar, Khmer, Ge'ez: marks without a letter,
		// a leading vowel at the end, a subscript with nothing under it.
		"्", "््", "ि", "ं", "क़़", "เ", "เเเ", "์", "ก์์", "်", "ြ", "ကြ်", "္", "្", "ក្", "ៃ", "፡", "ሀ፡ሀ",
		strings.Repeat("क्", 2000), strings.Repeat("เก", 2000), strings.Repeat("ကြ", 2000), strings.Repeat("ሕ", 2000),
	} {
		got := names.Fold(s)
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Errorf("Fold(%q) = %q: stray spaces", s, got)
		}
		for _, c := range []byte(got) {
			if c >= 0x80 {
				t.Errorf("Fold(%q) = %q: not ASCII", s, got)
				break
			}
		}
	}
}

func FuzzFoldScripts(f *testing.F) {
	for _, tc := range scriptCases {
		f.Add(tc.in)
	}
	for _, s := range []string{"ג'", "להב\"ה", "ッッ", "ｶﾞ", "حسن زاده", "פִּ", "이"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := names.Fold(s)
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q: stray spaces", s, got)
		}
		if len(got) > 8*len(s)+8 {
			t.Fatalf("Fold(%q) is %d bytes long", s, len(got))
		}
	})
}
