package crosscheck_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/lab/crosscheck"
)

func TestScript(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ayman al-Zawahiri", "Latn"},
		{"Владимир Путин", "Cyrl"},
		{"صدام حسين", "Arab"},
		{"李方伟", "Hani"},
		{"김정은", "Hang"},
		{"Putin (Путин)", "Latn"},
		{"123 - ()", ""},
	}
	for _, tt := range tests {
		if got := crosscheck.Script(tt.in); got != tt.want {
			t.Errorf("Script(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNoise(t *testing.T) {
	words := strings.Fields("Ayman Muhammad al-Zawahiri")
	tests := []struct {
		name  string
		fn    func([]string, bool, uint64) ([]string, bool)
		check func(in, out string) bool
	}{
		{"keyboard: one letter changed, length kept", crosscheck.KeyboardSlip, func(in, out string) bool {
			return len(in) == len(out) && differences(in, out) == 1
		}},
		{"space: one space more or less", crosscheck.SpaceSlip, func(in, out string) bool {
			return strings.ReplaceAll(in, " ", "") == strings.ReplaceAll(out, " ", "") && in != out
		}},
		{"comma: family first", crosscheck.CommaOrder, func(_, out string) bool {
			return out == "AL-ZAWAHIRI, Ayman Muhammad"
		}},
		{"particle: al- dropped", crosscheck.ParticleChange, func(_, out string) bool {
			return out == "Ayman Muhammad Zawahiri"
		}},
		{"romanise: one word respelled", crosscheck.Romanisation, func(in, out string) bool {
			return in != out && len(strings.Fields(in)) == len(strings.Fields(out))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for h := uint64(0); h < 50; h++ {
				out, ok := tt.fn(words, true, h*2654435761)
				if !ok {
					t.Fatalf("h=%d: noise did not apply", h)
				}
				in, got := strings.Join(words, " "), strings.Join(out, " ")
				if !tt.check(in, got) {
					t.Fatalf("h=%d: %q became %q", h, in, got)
				}
				again, _ := tt.fn(words, true, h*2654435761)
				if strings.Join(again, " ") != got {
					t.Fatalf("h=%d: not deterministic: %q then %q", h, got, strings.Join(again, " "))
				}
			}
		})
	}
}

func differences(a, b string) int {
	n := 0
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

func TestNoiseDoesNotApply(t *testing.T) {
	if _, ok := crosscheck.CommaOrder([]string{"ACME", "TRADING"}, false, 1); ok {
		t.Error("comma order applied to an organisation")
	}
	if _, ok := crosscheck.ParticleChange([]string{"Ivan", "Petrov"}, true, 1); ok {
		t.Error("particle change applied to a name without particles")
	}
	if _, ok := crosscheck.KeyboardSlip([]string{"Li", "Wu"}, true, 1); ok {
		t.Error("keyboard slip applied to a name without a part of four letters")
	}
}

func TestCases(t *testing.T) {
	ents := []*entity.Entity{
		{List: "un_sc", ID: "1", Kind: entity.KindPerson, Names: []entity.Name{
			{Full: "Saddam Hussein AL-TIKRITI", Type: entity.NamePrimary},
			{Full: "صدام حسين التكريتي", Type: entity.NameOriginalScript},
			{Full: "صدام حسين التكريتي", Type: entity.NameAlias}}},
		{List: "un_sc", ID: "2", Kind: entity.KindPerson, Names: []entity.Name{{Full: "Владимир Путин", Type: entity.NamePrimary}}},
		{List: "us_ofac_sdn", ID: "3", Kind: entity.KindPerson, Names: []entity.Name{
			{Full: "Ivan PETROV", Type: entity.NamePrimary}, {Full: "Иван Петров", Type: entity.NameAlias}}},
	}
	sc := crosscheck.ScriptCases(ents, []string{"un_sc"})
	// Record 2 has no Latin name and record 3 is on another list; record
	// 1's script name counts once.
	if len(sc) != 1 || sc[0].ExpectedID != "1" || sc[0].Treatment != "Arab un_sc" || sc[0].Subject.Name != "صدام حسين التكريتي" {
		t.Fatalf("ScriptCases = %+v", sc)
	}
	stripped := crosscheck.StripScripts(ents)
	if len(stripped) != 2 || len(stripped[0].Names) != 1 || len(ents[0].Names) != 3 {
		t.Fatalf("StripScripts kept %d records (want 2), first with %d names (want 1); original has %d (want 3)",
			len(stripped), len(stripped[0].Names), len(ents[0].Names))
	}
	persons, orgs := crosscheck.NoiseCases(ents, []string{"un_sc", "us_ofac_sdn"})
	if len(persons) != 2 || len(orgs) != 0 {
		t.Fatalf("NoiseCases = %d persons, %d orgs, want 2 and 0", len(persons), len(orgs))
	}
	for _, c := range persons {
		if crosscheck.NonLatin(c.Subject.Name) || c.Subject.Name == "" {
			t.Errorf("noise case %q is not a Latin name", c.Subject.Name)
		}
	}
}

func TestNegativesAreNotListed(t *testing.T) {
	ents := []*entity.Entity{
		{List: "a", ID: "1", Kind: entity.KindPerson, Names: []entity.Name{{Full: "Ivan PETROV"}}},
		{List: "a", ID: "2", Kind: entity.KindPerson, Names: []entity.Name{{Full: "Olga SMIRNOVA"}}},
		{List: "a", ID: "3", Kind: entity.KindPerson, Names: []entity.Name{{Full: "Ioan KOZLOV"}}},
	}
	seen := map[string]bool{}
	for _, c := range crosscheck.RecombinedNegatives(ents, 100) {
		name := strings.ToLower(c.Subject.Name)
		if seen[name] {
			t.Errorf("negative %q twice", name)
		}
		seen[name] = true
		for _, listed := range []string{"ivan petrov", "olga smirnova", "ioan kozlov"} {
			if name == listed {
				t.Errorf("negative %q is a listed name or a spelling of one", c.Subject.Name)
			}
		}
		if c.Positive() {
			t.Errorf("negative %q expects a record", c.Subject.Name)
		}
	}
	if len(crosscheck.RecombinedNegatives(ents, 100)) == 0 {
		t.Error("no recombined negatives")
	}
}
