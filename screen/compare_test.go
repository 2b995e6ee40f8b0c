package screen_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/screen"
)

// compareCases pair a name in its own script with a Latin form; b stands
// for the listed record. The names are from the UK (OFSI) list and the
// os_sa_wiki_peps_v2 network (Wikidata Q623802, Q1317).
var compareCases = []struct {
	a, b     string
	min, max float64
}{
	{"משה כהן", "Moshe Cohen", 0.85, 1},
	{"נעם פדרמן", "Noam FEDERMAN", 0.85, 1}, // OFSI 16489
	{"ウラジーミル・プーチン", "Vladimir Putin", 0.85, 1},
	{"アデル・ジュベイル", "Adel al-Jubeir", 0.85, 1},
	{"ウサマ・ビン・ラーデン", "Osama bin Laden", 0.85, 1},
	{"김정은", "Kim Jong Un", 0.9, 1},
	// Must not match.
	{"משה כהן", "Moshe Levi", 0, 0.8},
	{"ウラジーミル・プーチン", "Vladimir Lenin", 0, 0.8},
	{"은정 김", "Kim Jong Un", 0, 0.8},
	{"Kathryn Barr", "Ayman al-Zawahiri", 0, 0.01},
}

// TestCompareWithoutLists checks that Compare meets a name's other
// scripts with no lists loaded, as "vigil compare" without --lists does.
func TestCompareWithoutLists(t *testing.T) {
	eng, err := screen.New(nil, screen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range compareCases {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			h, err := eng.Compare(context.Background(), vigil.Subject{Name: tc.a}, vigil.Subject{Name: tc.b})
			if err != nil {
				t.Fatal(err)
			}
			if h.Score < tc.min || h.Score >= tc.max {
				t.Errorf("Compare(%q, %q) = %.3f, want in [%.2f, %.2f)", tc.a, tc.b, h.Score, tc.min, tc.max)
			}
		})
	}
}

// TestCompareConcurrent checks that concurrent Compare calls, each with
// its own temporary vocabulary, give the answers of serial ones.
func TestCompareConcurrent(t *testing.T) {
	eng, err := screen.New(nil, screen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want := make([]string, len(compareCases))
	for i, tc := range compareCases {
		h, err := eng.Compare(ctx, vigil.Subject{Name: tc.a}, vigil.Subject{Name: tc.b})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = fmt.Sprint(h)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				k := (g + i) % len(compareCases)
				tc := compareCases[k]
				h, err := eng.Compare(ctx, vigil.Subject{Name: tc.a}, vigil.Subject{Name: tc.b})
				if err != nil {
					t.Error(err)
					return
				}
				if got := fmt.Sprint(h); got != want[k] {
					t.Errorf("%q/%q concurrently: got %s, want %s", tc.a, tc.b, got, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
}
