package xlsxrows_test

import (
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/cputime"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader/xlsxrows"
)

// BenchmarkRows reads every row of the real workbooks: the cost of the
// workbook alone, without a list reader's work on the rows.
func BenchmarkRows(b *testing.B) {
	for _, tt := range []struct{ name, dir, file string }{
		{"OFSI", "uk-ofsi-2025-04", "ConList.xlsx"},
		{"DFAT", "au-dfat-2024-11", "regulation8_consolidated.xlsx"},
	} {
		b.Run(tt.name, func(b *testing.B) {
			path := testdata.Path(b, "lists", "current", tt.dir, tt.file)
			start := cputime.Process()
			for b.Loop() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				sh, err := xlsxrows.Open(f, path, 3, func([]string) bool { return true })
				if err != nil {
					b.Fatal(err)
				}
				for {
					_, _, err := sh.Next()
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				sh.Close()
				f.Close()
			}
			b.ReportMetric(float64(cputime.Process()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}
