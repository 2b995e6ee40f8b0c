package crosscheck_test

import (
	"context"
	"slices"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/lab/crosscheck"
	"github.com/vigil-screening/vigil/screen"
)

// BenchmarkArabicScript screens the Arabic-script person names and
// network labels of the yardstick against the engine of Latin names, one
// name per op: the cost of the Arabic-script rules (docs/accuracy.md,
// "Issue 10, fourth pass: Arabic script and network names").
func BenchmarkArabicScript(b *testing.B) {
	lists, nets := realData(b)
	latin, err := screen.New(crosscheck.StripScripts(slices.Concat(lists, nets)), screen.Config{})
	if err != nil {
		b.Fatal(err)
	}
	cs := byScript(byKind(crosscheck.ScriptCases(lists, crosscheck.ScriptLists), entity.KindPerson), "Arab", true)
	cs = append(cs, byScript(crosscheck.ScriptCases(nets, listNames(nets)), "Arab", true)...)
	ctx := context.Background()
	opts := vigil.Options{Threshold: 0.5}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := latin.Screen(ctx, cs[i%len(cs)].Subject, opts); err != nil {
			b.Fatal(err)
		}
	}
}
