package names_test

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

func BenchmarkAnalyze(b *testing.B) {
	for _, s := range []string{"ZAWAHIRI, Ayman al-", "Владимир Владимирович Путин", "صدام حسين التكريتي", "OOO STROYTRANSGAZ L.L.C."} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				names.Analyze(s, names.Any)
			}
		})
	}
}
