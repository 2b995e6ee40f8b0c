package screen_test

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/screen/evalset"
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
			if _, err := eng.Screen(ctx, cases[i%len(cases)].Subject, screen.Options{}); err != nil {
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
