package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/vigil-screening/vigil/screen"
)

func TestScratchMiss(t *testing.T) {
	n := 100000
	rnd := rand.New(rand.NewPCG(randomSeed, uint64(n)))
	g, _ := NewGenerator(realSeed(t))
	recs, _ := g.Generate(n, rnd)
	qs := append(Noisy(recs, 15000, rnd), g.Unrelated(5000, rnd)...)
	eng, _ := screen.New(recs, screen.Config{})
	cls := map[string]int{}
	shown := map[string]int{}
	for _, q := range qs {
		if q.Want == "" {
			continue
		}
		hits, _ := eng.Screen(context.Background(), q.Subject, screen.Options{})
		found := false
		for _, h := range hits {
			found = found || h.SourceID == q.Want
		}
		if found {
			continue
		}
		all, _ := eng.Screen(context.Background(), q.Subject, screen.Options{Threshold: 0.01, Limit: 1000})
		c := "not a candidate"
		var score float64
		for i, h := range all {
			if h.SourceID == q.Want {
				score = h.Score
				c = "below threshold"
				if h.Score >= screen.DefaultThreshold {
					c = fmt.Sprintf("ranked beyond limit (%d)", i)
				}
			}
		}
		if len(c) > 18 && c[:6] == "ranked" {
			c = "ranked beyond limit"
		}
		cls[q.Treatment+": "+c]++
		if shown[q.Treatment+c] < 3 && (q.Treatment == "none" || q.Treatment == "typo" || q.Treatment == "drop_middle") {
			shown[q.Treatment+c]++
			top := ""
			if len(all) > 0 {
				top = fmt.Sprintf("%.3f %s", all[0].Score, all[0].MatchedName)
			}
			fmt.Printf("%s | %s | %q dob=%s -> want %.3f %q; top %s; hits %d\n", q.Treatment, c, q.Subject.Name+q.Subject.LastName, q.Subject.DateOfBirth, score, recs[idx(q.Want)].Names[0].Full, top, len(hits))
		}
	}
	for k, v := range cls {
		fmt.Println(k, v)
	}
}

func idx(id string) int {
	var i int
	fmt.Sscanf(id, "syn-%d", &i)
	return i - 1
}
