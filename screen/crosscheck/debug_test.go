// Diagnostic tests for finding out why held-out cases miss. Each is
// skipped unless its environment variable is set.

package crosscheck_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/screen/crosscheck"
	"github.com/vigil-screening/vigil/screen/evalset"
)

// TestDebugPairs prints the explanation of name pairs given in
// CROSSCHECK_PAIRS ("query|listed;query|listed").
func TestDebugPairs(t *testing.T) {
	spec := os.Getenv("CROSSCHECK_PAIRS")
	if spec == "" {
		t.Skip("set CROSSCHECK_PAIRS")
	}
	lists, _ := realData(t)
	eng, err := screen.New(lists, screen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range strings.Split(spec, ";") {
		q, l, _ := strings.Cut(p, "|")
		h, err := eng.Compare(context.Background(), screen.Subject{Name: q}, screen.Subject{Name: l})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%q v %q: %.3f", q, l, h.Score)
		for _, pm := range h.Explanation.Parts {
			t.Logf("   %-14q %-14q %.3f w=%.3f %s", pm.Query, pm.Listed, pm.Similarity, pm.Weight, pm.How)
		}
	}
}

// TestDebugMisses prints the script cases of CROSSCHECK_SCRIPT that
// miss, with the Latin names of the expected record.
func TestDebugMisses(t *testing.T) {
	sc := os.Getenv("CROSSCHECK_SCRIPT")
	if sc == "" {
		t.Skip("set CROSSCHECK_SCRIPT")
	}
	lists, nets := realData(t)
	lists = append(lists, nets...)
	eng, err := screen.New(crosscheck.StripScripts(lists), screen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]*entity.Entity{}
	for _, e := range lists {
		byKey[e.Key()] = e
	}
	var cs []evalset.Case
	for _, c := range crosscheck.ScriptCases(lists, append(listNames(nets), crosscheck.ScriptLists...)) {
		if strings.HasPrefix(c.Treatment, sc+" ") && string(c.Subject.Kind) == os.Getenv("CROSSCHECK_KIND") {
			cs = append(cs, c)
		}
	}
	outs, _ := evalset.Run(context.Background(), eng, cs)
	for _, o := range outs {
		if o.Found >= screen.DefaultThreshold {
			continue
		}
		var latin []string
		for _, n := range byKey[o.Case.ExpectedList+"/"+o.Case.ExpectedID].Names {
			if !crosscheck.NonLatin(n.Full) {
				latin = append(latin, n.Full)
			}
		}
		t.Logf("%.3f %s | %s", o.Found, o.Case.Subject.Name, strings.Join(latin, " | "))
	}
}

// TestDebugScreen screens the names in CROSSCHECK_NAMES ("name;name"),
// of kind $CROSSCHECK_KIND, against every list, scoring
// $CROSSCHECK_CANDIDATES names per query (0: the default).
func TestDebugScreen(t *testing.T) {
	spec := os.Getenv("CROSSCHECK_NAMES")
	if spec == "" {
		t.Skip("set CROSSCHECK_NAMES")
	}
	lists, _ := realData(t)
	eng, err := screen.New(lists, screen.Config{Candidates: candidates()})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range strings.Split(spec, ";") {
		hits, err := eng.Screen(context.Background(), screen.Subject{Name: n, Kind: entity.Kind(os.Getenv("CROSSCHECK_KIND"))}, screen.Options{Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%q:", n)
		for _, h := range hits {
			t.Logf("   %.3f %s/%s %q", h.Score, h.List, h.SourceID, h.MatchedName)
		}
	}
}

func candidates() int {
	n, _ := strconv.Atoi(os.Getenv("CROSSCHECK_CANDIDATES"))
	return n
}
