package screen_test

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/lab/evalset"
	"github.com/vigil-screening/vigil/screen"
)

func benchCases(b *testing.B, file string) []evalset.Case {
	b.Helper()
	cases, err := evalset.ReadFile(testdata.Path(b, "eval", file))
	if err != nil {
		b.Fatal(err)
	}
	return cases
}

// BenchmarkScreenPerson screens the dev person positives, one per op.
func BenchmarkScreenPerson(b *testing.B) {
	benchScreen(b, "dev-positives-persons.csv")
}

// BenchmarkScreenNegative screens innocent people, one per op.
func BenchmarkScreenNegative(b *testing.B) {
	benchScreen(b, "dev-negatives.csv")
}

// BenchmarkScreenOrg screens the dev organisation positives, one per op.
func BenchmarkScreenOrg(b *testing.B) {
	benchScreen(b, "dev-positives-orgs.csv")
}

func benchScreen(b *testing.B, file string) {
	eng := realEngine(b)
	cases := benchCases(b, file)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := eng.Screen(ctx, cases[i%len(cases)].Subject, vigil.Options{}); err != nil {
				b.Error(err)
				return
			}
			i += 7
		}
	})
}

// BenchmarkIndexAllLists builds the engine over every current list.
func BenchmarkIndexAllLists(b *testing.B) {
	ents := allLists(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := screen.New(ents, screen.Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewSynthetic1M indexes one million synthetic person records
// (names from random syllables, so nearly every name part is distinct:
// harder than real lists). Run with -benchtime=1x.
func BenchmarkNewSynthetic1M(b *testing.B) {
	ents := syntheticEntities(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := screen.New(ents, screen.Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

func syntheticEntities(n int) []*entity.Entity {
	r := rand.New(rand.NewPCG(1, 2))
	syl := []string{"ka", "lo", "mi", "ra", "de", "su", "an", "vo", "ti", "ne", "bar", "kov", "sha", "ul", "en", "dra", "mo", "zi", "hal", "pe"}
	word := func() string {
		w := ""
		for k := 2 + r.IntN(3); k > 0; k-- {
			w += syl[r.IntN(len(syl))]
		}
		return w
	}
	ents := make([]*entity.Entity, n)
	for i := range ents {
		ents[i] = &entity.Entity{List: "synthetic", ID: strconv.Itoa(i), Kind: entity.KindPerson,
			Names:      []entity.Name{{Full: word() + " " + word() + " " + word(), Type: entity.NamePrimary}},
			BirthDates: []entity.Date{entity.MakeDate(1940+r.IntN(60), 0, 0)}}
	}
	return ents
}
