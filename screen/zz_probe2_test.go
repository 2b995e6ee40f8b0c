package screen

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/source"
)

func TestZZProbeWeights(t *testing.T) {
	toks := strings.Fields(os.Getenv("PROBE_TOKS"))
	if len(toks) == 0 {
		t.Skip()
	}
	snaps, err := source.LoadDir(context.Background(), "/work/shared/data/lists/current")
	if err != nil {
		t.Fatal(err)
	}
	var ents []*entity.Entity
	for _, s := range snaps {
		ents = append(ents, s.Entities...)
	}
	eng, _ := New(ents, Config{})
	v := eng.ix.Vocab()
	fmt.Printf("maxW %.2f names %d\n", v.Weight(-1), eng.ix.Len())
	for _, tk := range toks {
		id := v.Lookup(tk)
		df := 0
		if id >= 0 {
			df = v.DF(id)
		}
		fmt.Printf("%-12s df=%5d w=%.2f (%.2f maxW)\n", tk, df, v.Weight(id), v.Weight(id)/v.Weight(-1))
	}
}
