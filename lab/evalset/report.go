package evalset

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Stats are the figures of a set of outcomes at one threshold.
type Stats struct {
	Positives, Negatives int
	Recalled, Top1       int // positives whose expected record scored ≥ threshold / was the best hit
	FalseAlerts          int // negatives with any hit ≥ threshold
	Errors               int
}

// Measure computes the figures at threshold t.
func Measure(outs []Outcome, t float64) Stats {
	var s Stats
	for _, o := range outs {
		if o.Err != nil {
			s.Errors++
		}
		if o.Case.Positive() {
			s.Positives++
			if o.Found >= t {
				s.Recalled++
			}
			if o.TopIsExpected && o.Top >= t {
				s.Top1++
			}
			continue
		}
		s.Negatives++
		if o.Top >= t {
			s.FalseAlerts++
		}
	}
	return s
}

func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f%%", 100*float64(n)/float64(d))
}

// Print writes the report of one file: figures at threshold, a sweep and
// the misses by treatment with up to examples examples each.
func Print(w io.Writer, name string, outs []Outcome, took Timing, threshold float64, examples int) {
	s := Measure(outs, threshold)
	fmt.Fprintf(w, "== %s: %d cases in %v (%.0f screenings/s wall)", name, len(outs), took.Wall.Round(time.Millisecond), float64(len(outs))/took.Wall.Seconds())
	if took.CPU > 0 && len(outs) > 0 {
		per := took.CPU / time.Duration(len(outs))
		fmt.Fprintf(w, "; CPU %v per screening (%.0f/s per core)", per.Round(time.Microsecond), 1/per.Seconds())
	}
	fmt.Fprintln(w)
	if s.Errors > 0 {
		fmt.Fprintf(w, "errors: %d (first: %v)\n", s.Errors, firstErr(outs))
	}
	if s.Positives > 0 {
		fmt.Fprintf(w, "at threshold %.2f: recall %s (%d/%d), top-1 %s\n", threshold, pct(s.Recalled, s.Positives), s.Recalled, s.Positives, pct(s.Top1, s.Positives))
	}
	if s.Negatives > 0 {
		fmt.Fprintf(w, "at threshold %.2f: false alerts %s (%d/%d)\n", threshold, pct(s.FalseAlerts, s.Negatives), s.FalseAlerts, s.Negatives)
	}
	fmt.Fprintf(w, "threshold  recall   top-1    false-alerts\n")
	for t := Floor; t <= 0.951; t += 0.05 {
		m := Measure(outs, t)
		fmt.Fprintf(w, "%.2f       %-8s %-8s %s\n", t, pct(m.Recalled, m.Positives), pct(m.Top1, m.Positives), pct(m.FalseAlerts, m.Negatives))
	}
	printByTreatment(w, outs, threshold, examples)
}

func firstErr(outs []Outcome) error {
	for _, o := range outs {
		if o.Err != nil {
			return o.Err
		}
	}
	return nil
}

// printByTreatment prints recall per treatment and examples of misses
// (positives) or false alerts (negatives).
func printByTreatment(w io.Writer, outs []Outcome, t float64, examples int) {
	type group struct {
		n, missed int
		ex        []string
	}
	groups := map[string]*group{}
	for _, o := range outs {
		key := o.Case.Treatment
		if !o.Case.Positive() {
			key = "negative"
		}
		if key == "" {
			key = "(none)"
		}
		g := groups[key]
		if g == nil {
			g = &group{}
			groups[key] = g
		}
		g.n++
		miss := o.Case.Positive() && o.Found < t || !o.Case.Positive() && o.Top >= t
		if !miss {
			continue
		}
		g.missed++
		if len(g.ex) < examples {
			g.ex = append(g.ex, describe(o))
		}
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "by treatment (misses at %.2f):\n", t)
	for _, k := range keys {
		g := groups[k]
		fmt.Fprintf(w, "  %-22s %5d cases  %4d missed  (%s ok)\n", k, g.n, g.missed, pct(g.n-g.missed, g.n))
		for _, e := range g.ex {
			fmt.Fprintf(w, "      %s\n", e)
		}
	}
}

func describe(o Outcome) string {
	s := o.Case.Subject
	name := s.Name
	if name == "" {
		name = strings.Join(strings.Fields(s.FirstName+" "+s.MiddleName+" "+s.LastName), " ")
	}
	d := fmt.Sprintf("%s %q dob=%s", s.ID, name, s.DateOfBirth)
	if o.Case.Positive() {
		d += fmt.Sprintf(" want %s/%s (score %.3f)", o.Case.ExpectedList, o.Case.ExpectedID, o.Found)
	}
	if o.TopHit != nil {
		d += fmt.Sprintf("; top %s/%s %q %.3f", o.TopHit.List, o.TopHit.SourceID, o.TopHit.MatchedName, o.Top)
	}
	return d
}
