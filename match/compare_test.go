package match_test

import (
	"testing"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// listed are real names from the OFAC SDN, UN and UK lists; they give the
// vocabulary its rarity weights (MUHAMMAD and ALI common, ZAWAHIRI rare).
var listed = []string{
	"AL ZAWAHIRI, Dr. Ayman", "Ayman Muhammad Rabi al-Zawahiri", "AL-TIKRITI, Saddam Hussein",
	"Vladimir Vladimirovich PUTIN", "'ALI, Muhammad", "MUHAMMAD, 'Ali Hajj", "AL-MAJID, Ali Hassan",
	"'Ali Hassan 'Ali AL-'AJMI", "AL-RAWI, Amin Muhammad", "ABDUL RAHMAN, Yasin", "MUHAMMAD, Ali",
	"HASSAN, Ali", "HUSSEIN, Ali", "KHAN, Muhammad", "AHMAD, Muhammad", "ALI, Ahmad", "RAHMAN, Abdul",
	"MOHAMMED, Ahmed Ali", "ABDULLAH, Ali", "AL-BAGHDADI, Abu Bakr", "Majid bin Abdulaziz Al Saud", "Shining Path",
	"Yahya AL HAKIM", "Uday Saddam Hussein AL-TIKRITI",
}

var orgs = []string{"OOO STROYTRANSGAZ", "GAZPROM PAO", "ACME L.L.C.", "DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD", "BANCO NACIONAL DE CUBA"}

func newVocab() *match.Vocab {
	v := match.NewVocab()
	for _, n := range listed {
		v.AddName(names.Analyze(n, names.Person))
	}
	for _, n := range orgs {
		v.AddName(names.Analyze(n, names.Organization))
	}
	v.Freeze()
	return v
}

func compare(v *match.Vocab, q, l string, kind names.Kind) (float32, *match.Result) {
	qn := v.Prepare(q, names.Analyze(q, kind), false)
	ln := v.Prepare(l, names.Analyze(l, kind), false)
	var r match.Result
	match.Compare(&qn, &ln, &r)
	return r.Score, &r
}

func TestCompareMatches(t *testing.T) {
	v := newVocab()
	tests := []struct {
		name     string
		query    string
		listed   string
		kind     names.Kind
		min, max float32
	}{
		{"identical", "Ayman al-Zawahiri", "Ayman al-Zawahiri", names.Person, 1, 1},
		{"comma form and order", "ZAWAHIRI, Ayman", "Ayman al-Zawahiri", names.Person, 0.97, 1},
		{"particle glued", "Ayman Alzawahiri", "AL ZAWAHIRI, Dr. Ayman", names.Person, 0.9, 1},
		{"title dropped", "Ayman al-Zawahiri", "AL ZAWAHIRI, Dr. Ayman", names.Person, 0.97, 1},
		{"transliteration variants", "Mohammed Ali", "'ALI, Muhammad", names.Person, 0.9, 1},
		{"cyrillic", "Владимир Путин", "Vladimir PUTIN", names.Person, 1, 1},
		{"cyrillic with patronymic listed", "Владимир Путин", "Vladimir Vladimirovich PUTIN", names.Person, 0.85, 1},
		{"arabic script", "صدام حسين التكريتي", "AL-TIKRITI, Saddam Hussein", names.Person, 0.85, 1},
		{"dropped middle names", "Ayman al-Zawahiri", "Ayman Muhammad Rabi al-Zawahiri", names.Person, 0.8, 0.99},
		{"one typo", "Ayman al-Zawahri", "Ayman al-Zawahiri", names.Person, 0.85, 0.99},
		{"two typos", "Aymen al-Zawahri", "Ayman al-Zawahiri", names.Person, 0.8, 0.99},
		{"initial", "A. ZAWAHIRI", "Ayman al-Zawahiri", names.Person, 0.75, 0.95},
		{"doubled and dropped letters", "Alli Hasssan", "HASSAN, Ali", names.Person, 0.9, 0.95},
		{"swap in a short part", "Amri Hassan", "HASSAN, Amir", names.Person, 0.8, 0.95},
		{"vowel change in a short part", "Olug Hassan", "HASSAN, Oleg", names.Person, 0.8, 0.95},
		{"split and joined", "Yasin Abdulrahman", "ABDUL RAHMAN, Yasin", names.Person, 0.9, 1},
		{"legal forms LLC OOO", "Stroytransgaz LLC", "OOO STROYTRANSGAZ", names.Organization, 1, 1},
		{"legal form dotted", "ACME Limited Liability Company", "ACME L.L.C.", names.Organization, 1, 1},
		{"legal form dropped", "GAZPROM", "GAZPROM PAO", names.Organization, 0.9, 0.99},
		{"org word order", "CUBA BANCO NACIONAL DE", "BANCO NACIONAL DE CUBA", names.Organization, 1, 1},
		{"neighbouring key in a short part", "Muhammad Kyan", "KHAN, Muhammad", names.Person, 0.8, 0.95},
		{"three parts joined around a particle", "Majid bin Abd al-Aziz al Saud", "Majid bin Abdulaziz Al Saud", names.Person, 0.9, 1},
		{"two words run together", "ShiningPath", "Shining Path", names.Organization, 0.9, 1},
		{"arabic short names", "عدي صدام حسين التكريتي", "Uday Saddam Hussein AL-TIKRITI", names.Person, 0.85, 1},
		{"arabic one-consonant skeleton", "يحيى الحاكم", "Yahya AL HAKIM", names.Person, 0.85, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := compare(v, tt.query, tt.listed, tt.kind)
			if got < tt.min || got > tt.max {
				t.Errorf("Compare(%q, %q) = %.3f, want %.2f..%.2f", tt.query, tt.listed, got, tt.min, tt.max)
			}
		})
	}
}

func TestCompareDoesNotMatch(t *testing.T) {
	v := newVocab()
	tests := []struct {
		name, query, listed string
		max                 float32
	}{
		// Two different people sharing the common given names Ali Hassan.
		{"shared common given names", "Ali Hassan al-Ajmi", "AL-MAJID, Ali Hassan", 0.7},
		{"shared given name, family fragment", "Muhammad al-Rawi Khalil", "AL-RAWI, Amin Muhammad", 0.75},
		{"one common name of two", "Muhammad Khan", "AHMAD, Muhammad", 0.6},
		{"hassan is not hussein", "Ali Hassan", "HUSSEIN, Ali", 0.8},
		{"latin skeleton alone", "William Wolf", "Alpha Lam", 0.3},
		{"consonant change in a short part", "Ding Huan", "Ling Huan", 0.6},
		{"neighbouring key as the first letter", "Kim Huan", "Lim Huan", 0.65},
		{"michelle is not michael", "Michelle Hassan", "Michael Hassan", 0.8},
		{"unrelated", "Kathryn Barr", "Ayman al-Zawahiri", 0},
		{"particles alone", "al bin abu", "AL-BAGHDADI, Abu Bakr", 0},
		{"joined by skeleton only", "Sunwing Path", "Shining Path", 0.6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := compare(v, tt.query, tt.listed, names.Person); got > tt.max {
				t.Errorf("Compare(%q, %q) = %.3f, want at most %.2f", tt.query, tt.listed, got, tt.max)
			}
		})
	}
}

func TestCompareRarityWeights(t *testing.T) {
	v := newVocab()
	// Missing the rare family name costs more than missing a common given name.
	missRare, _ := compare(v, "Ayman", "Ayman al-Zawahiri", names.Person)
	missCommon, _ := compare(v, "Zawahiri", "Muhammad al-Zawahiri", names.Person)
	if missRare >= missCommon {
		t.Errorf("missing ZAWAHIRI scored %.3f, missing MUHAMMAD %.3f: want the rare miss lower", missRare, missCommon)
	}
	// An extra query part costs more than an extra listed part.
	extraQuery, _ := compare(v, "Ayman Rabi al-Zawahiri", "Ayman al-Zawahiri", names.Person)
	extraListed, _ := compare(v, "Ayman al-Zawahiri", "Ayman Rabi al-Zawahiri", names.Person)
	if extraQuery >= extraListed {
		t.Errorf("extra query part scored %.3f, extra listed part %.3f: want the query's cost higher", extraQuery, extraListed)
	}
}

func TestCompareExplains(t *testing.T) {
	v := newVocab()
	_, r := compare(v, "Mohammed Alzawahiri", "Muhammad AL ZAWAHIRI", names.Person)
	hows := map[match.How]bool{}
	for i := 0; i < r.N; i++ {
		hows[r.Pairs[i].How] = true
	}
	for _, want := range []match.How{match.Variant, match.Joined} {
		if !hows[want] {
			t.Errorf("alignment %+v lacks a %v pair", r.Pairs[:r.N], want)
		}
	}
}

func BenchmarkCompare(b *testing.B) {
	v := newVocab()
	q := v.Prepare("", names.Analyze("Aymen Mohammed al-Zawahri", names.Person), false)
	l := v.Prepare("", names.Analyze("Ayman Muhammad Rabi AL-ZAWAHIRI", names.Person), false)
	var r match.Result
	b.ReportAllocs()
	for b.Loop() {
		match.Compare(&q, &l, &r)
	}
}

// How reports legal forms: the same form spelt alike is exact, spelt
// otherwise (or read as a form on one side only) a legal-form
// equivalence, two different forms another legal form.
func TestHowLegalForms(t *testing.T) {
	v := newVocab()
	tests := []struct {
		query, listed string
		qkind, lkind  names.Kind
		sim           float32
		how           string
	}{
		{"GAZPROM AD", "GAZPROM JSC", names.Organization, names.Organization, 1, "legal_form"},
		{"GAZPROM OOO", "GAZPROM Limited Liability Company", names.Organization, names.Organization, 1, "legal_form"},
		{"GAZPROM AD", "GAZPROM AD", names.Any, names.Organization, 1, "legal_form"},
		{"GAZPROM JSC", "GAZPROM JSC", names.Organization, names.Organization, 1, "exact"},
		{"GAZPROM LLC", "GAZPROM JSC", names.Organization, names.Organization, 0.5, "other_legal_form"},
	}
	for _, tt := range tests {
		qn := v.Prepare(tt.query, names.Analyze(tt.query, tt.qkind), false)
		ln := v.Prepare(tt.listed, names.Analyze(tt.listed, tt.lkind), false)
		var r match.Result
		match.Compare(&qn, &ln, &r)
		var got []string
		for _, p := range r.Pairs[:r.N] {
			if p.Q >= 0 && p.L >= 0 && qn.Parts[p.Q].Text != "gazprom" {
				got = append(got, p.How.String())
				if p.Sim != tt.sim || p.How.String() != tt.how {
					t.Errorf("%q v %q: legal part %.2f %s, want %.2f %s", tt.query, tt.listed, p.Sim, p.How, tt.sim, tt.how)
				}
			}
		}
		if len(got) != 1 {
			t.Errorf("%q v %q: %d legal pairs %v, want 1", tt.query, tt.listed, len(got), got)
		}
	}
}
