package evalset

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/internal/cputime"
)

// Outcome is the result of screening one case.
type Outcome struct {
	Case Case
	// Found is the score of the expected record (0 when not reported);
	// Top is the best score of any hit; TopIsExpected says whether the
	// best hit is the expected record (or lists it under Also).
	Found         float64
	Top           float64
	TopIsExpected bool
	TopHit        *vigil.Hit
	Err           error
}

// Floor is the lowest threshold measured: cases are screened once at it
// and every higher threshold is derived from the scores.
const Floor = 0.5

// Timing is the time a run took: wall-clock, and CPU time of the process
// (all cores together) while it ran.
type Timing struct {
	Wall, CPU time.Duration
}

// Screener screens one subject; *screen.Engine is one.
type Screener interface {
	Screen(ctx context.Context, s vigil.Subject, opts vigil.Options) ([]vigil.Hit, error)
}

// Run screens every case on all CPUs and returns the outcomes in order
// and the time taken.
func Run(ctx context.Context, s Screener, cases []Case) ([]Outcome, Timing) {
	out := make([]Outcome, len(cases))
	start, startCPU := time.Now(), cputime.Process()
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(cases); i += workers {
				out[i] = screenCase(ctx, s, cases[i])
			}
		}(w)
	}
	wg.Wait()
	return out, Timing{Wall: time.Since(start), CPU: cputime.Process() - startCPU}
}

func screenCase(ctx context.Context, s Screener, c Case) Outcome {
	o := Outcome{Case: c}
	hits, err := s.Screen(ctx, c.Subject, vigil.Options{Threshold: Floor, Limit: 10})
	if err != nil {
		o.Err = fmt.Errorf("case %s: %w", c.Subject.ID, err)
		return o
	}
	for i := range hits {
		h := &hits[i]
		if i == 0 {
			o.Top, o.TopHit = h.Score, h
			o.TopIsExpected = isExpected(h, c)
		}
		if isExpected(h, c) && h.Score > o.Found {
			o.Found = h.Score
		}
	}
	return o
}

func isExpected(h *vigil.Hit, c Case) bool {
	if !c.Positive() {
		return false
	}
	if h.List == c.ExpectedList && h.SourceID == c.ExpectedID {
		return true
	}
	for _, r := range h.Also {
		if r.List == c.ExpectedList && r.SourceID == c.ExpectedID {
			return true
		}
	}
	return false
}
