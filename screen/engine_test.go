package screen_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
)

// found reports whether list/id is among hits, as a hit or under Also,
// and returns the hit that carries it.
func found(hits []vigil.Hit, list, id string) (vigil.Hit, bool) {
	for _, h := range hits {
		if h.List == list && h.SourceID == id {
			return h, true
		}
		if slices.Contains(h.Also, vigil.Ref{List: list, SourceID: id}) {
			return h, true
		}
	}
	return vigil.Hit{}, false
}

func TestScreenRealNames(t *testing.T) {
	eng := realEngine(t)
	tests := []struct {
		name     string
		subject  vigil.Subject
		list, id string
	}{
		{"cyrillic", vigil.Subject{Name: "Владимир Путин"}, "gb_hmt_ofsi", "14196"},
		{"arabic name in cyrillic, assimilated article", vigil.Subject{Name: "Айман аз-Завахири"}, "us_ofac_sdn", "2676"},
		{"arabic script", vigil.Subject{Name: "صدام حسين التكريتي"}, "us_ofac_sdn", "7843"},
		{"comma form", vigil.Subject{Name: "ZAWAHIRI, Ayman"}, "us_ofac_sdn", "2676"},
		{"natural order, particle", vigil.Subject{Name: "Ayman al-Zawahiri", DateOfBirth: mustDate("1951-06-19")}, "us_ofac_sdn", "2676"},
		{"first and last given apart", vigil.Subject{FirstName: "Ayman", LastName: "Al Zawahiri", Kind: entity.KindPerson}, "us_ofac_sdn", "2676"},
		{"transliteration variant", vigil.Subject{Name: "Saddam Husayn al-Tikriti"}, "us_ofac_sdn", "7843"},
		{"two typos", vigil.Subject{Name: "Aymen al-Zawahri"}, "us_ofac_sdn", "2676"},
		{"hangul", vigil.Subject{Name: "김정은"}, "us_ofac_sdn", "20157"},
		{"arabic script against latin", vigil.Subject{Name: "أسامة بن لادن"}, "us_ofac_sdn", "6365"},
		{"cyrillic kh and y", vigil.Subject{Name: "Рамзан Кадыров"}, "us_ofac_sdn", "23343"},
		{"cyrillic zh", vigil.Subject{Name: "Евгений Пригожин"}, "us_ofac_sdn", "21171"},
		{"belarusian", vigil.Subject{Name: "Аляксандр Лукашэнка"}, "us_ofac_sdn", "9760"},
		{"chinese", vigil.Subject{Name: "李方伟"}, "us_ofac_sdn", "11447"},
		{"organisation with legal form", vigil.Subject{Name: "Banco Nacional de Cuba S.A.", Kind: entity.KindOrganization}, "us_ofac_sdn", "306"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := eng.Screen(context.Background(), tt.subject, vigil.Options{})
			if err != nil {
				t.Fatal(err)
			}
			h, ok := found(hits, tt.list, tt.id)
			if !ok {
				t.Fatalf("%s/%s not among %d hits: %+v", tt.list, tt.id, len(hits), hits)
			}
			if h.Score < screen.DefaultThreshold || len(h.Explanation.Parts) == 0 {
				t.Errorf("hit %+v: want a score ≥ %.2f with explained parts", h, screen.DefaultThreshold)
			}
		})
	}
}

func TestScreenBirthYearSinksNameOnlyHit(t *testing.T) {
	eng := realEngine(t)
	// The name matches exactly; the birth year is 30 years off every
	// listed date of Ayman al-Zawahiri (1951).
	hits, err := eng.Screen(context.Background(), vigil.Subject{Name: "Ayman al-Zawahiri", DateOfBirth: mustDate("1981-06-19")}, vigil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h, ok := found(hits, "us_ofac_sdn", "2676"); ok {
		t.Errorf("hit %+v survived a birth year 30 years apart", h)
	}
	hits, err = eng.Screen(context.Background(), vigil.Subject{Name: "Ayman al-Zawahiri", DateOfBirth: mustDate("1981-06-19")}, vigil.Options{Threshold: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	h, ok := found(hits, "us_ofac_sdn", "2676")
	if !ok {
		t.Fatal("no hit at all at threshold 0.01")
	}
	var dob *vigil.Qualifier
	for i, q := range h.Explanation.Qualifiers {
		if q.Attribute == "date_of_birth" {
			dob = &h.Explanation.Qualifiers[i]
		}
	}
	if dob == nil || dob.Verdict != vigil.Contradict || dob.Effect > -0.3 {
		t.Errorf("date qualifier %+v, want a strong contradiction", dob)
	}
}

func TestScreenMergesSameIdentity(t *testing.T) {
	eng := realEngine(t)
	hits, err := eng.Screen(context.Background(), vigil.Subject{Name: "Saddam Hussein al-Tikriti"}, vigil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 {
		t.Fatal("no hits")
	}
	top := hits[0]
	refs := append([]vigil.Ref{{List: top.List, SourceID: top.SourceID}}, top.Also...)
	lists := map[string]bool{}
	for _, r := range refs {
		if lists[r.List] {
			t.Errorf("list %s twice in one identity: %+v", r.List, refs)
		}
		lists[r.List] = true
	}
	// Saddam Hussein is on the OFAC SDN, UN and UK lists at least.
	for _, want := range []vigil.Ref{{List: "us_ofac_sdn", SourceID: "7843"}, {List: "un_sc", SourceID: "6908048"}, {List: "gb_hmt_ofsi", SourceID: "7612"}} {
		if !slices.Contains(refs, want) {
			t.Errorf("top hit %+v lacks %v", refs, want)
		}
	}
	// His son Qusay (another identity) is not folded into him.
	for _, r := range refs {
		if e := eng.Entity(r.List, r.SourceID); e == nil {
			t.Errorf("Entity(%s, %s) = nil", r.List, r.SourceID)
		}
	}
}

func TestScreenOptions(t *testing.T) {
	eng := realEngine(t)
	ctx := context.Background()
	s := vigil.Subject{Name: "Muhammad Ali"}
	hits, err := eng.Screen(ctx, s, vigil.Options{Limit: 3, Threshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 3 {
		t.Errorf("Limit 3: got %d hits", len(hits))
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hits not best first: %.3f after %.3f", hits[i].Score, hits[i-1].Score)
		}
	}
	hits, err = eng.Screen(ctx, s, vigil.Options{Lists: []string{"un_sc"}, Threshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.List != "un_sc" {
			t.Errorf("Lists [un_sc]: got a hit on %s", h.List)
		}
	}
}

func TestScreenErrors(t *testing.T) {
	eng := realEngine(t)
	ctx := context.Background()
	if _, err := eng.Screen(ctx, vigil.Subject{ID: "s1"}, vigil.Options{}); err == nil {
		t.Error("no name: want an error")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := eng.Screen(cancelled, vigil.Subject{Name: "Ayman"}, vigil.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
}

func TestCompare(t *testing.T) {
	eng := realEngine(t)
	ctx := context.Background()
	h, err := eng.Compare(ctx, vigil.Subject{Name: "Mohammed Alzawahiri", DateOfBirth: mustDate("1951")},
		vigil.Subject{ID: "b", Name: "ZAWAHIRI, Muhammad al-", DateOfBirth: mustDate("1951-06-19")})
	if err != nil {
		t.Fatal(err)
	}
	if h.Score < 0.9 || len(h.Explanation.Qualifiers) != 1 || h.Explanation.Qualifiers[0].Verdict != vigil.Agree {
		t.Errorf("Compare = %+v, want a high score with an agreeing birth date", h)
	}
	h, err = eng.Compare(ctx, vigil.Subject{Name: "Kathryn Barr"}, vigil.Subject{Name: "Ayman al-Zawahiri"})
	if err != nil {
		t.Fatal(err)
	}
	if h.Score != 0 {
		t.Errorf("unrelated names scored %.3f", h.Score)
	}
}

func TestScreenConcurrent(t *testing.T) {
	eng := realEngine(t)
	ctx := context.Background()
	queries := []string{"Владимир Путин", "Ayman al-Zawahiri", "Muhammad Ali", "Banco Nacional de Cuba", "Kim Jong Un", "Kathryn Barr"}
	want := map[string]string{}
	for _, q := range queries {
		hits, err := eng.Screen(ctx, vigil.Subject{Name: q}, vigil.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want[q] = fmt.Sprint(hits)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				q := queries[(g+i)%len(queries)]
				hits, err := eng.Screen(ctx, vigil.Subject{Name: q}, vigil.Options{})
				if err != nil {
					t.Error(err)
					return
				}
				if got := fmt.Sprint(hits); got != want[q] {
					t.Errorf("%q concurrently: got %s, want %s", q, got, want[q])
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

// Among records of equal score, a merged identity is reported under its
// original designation: the UN record leads Zawahiri's hit, with the
// Australian, UK, CSL and OFAC records under Also.
func TestScreenPrimaryIsTheOriginalDesignation(t *testing.T) {
	eng := realEngine(t)
	hits, err := eng.Screen(context.Background(), vigil.Subject{Name: "Ayman al-Zawahiri", DateOfBirth: mustDate("1951-06-19")}, vigil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].List != "un_sc" || hits[0].SourceID != "111923" {
		t.Fatalf("best hit %+v, want un_sc/111923", hits)
	}
	if !slices.Contains(hits[0].Also, vigil.Ref{List: "us_ofac_sdn", SourceID: "2676"}) {
		t.Errorf("OFAC 2676 not under Also: %+v", hits[0].Also)
	}
}
