package screen_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
)

func TestDebug(t *testing.T) {
	eng := realEngine(t)
	for _, line := range strings.Split(os.Getenv("DEBUGQ"), ";") {
		kind, q, _ := strings.Cut(line, ":")
		want := ""
		if i := strings.Index(q, "@"); i >= 0 {
			q, want = q[:i], q[i+1:]
		}
		for _, id := range strings.Split(want, ",") {
			if id == "" {
				continue
			}
			e := eng.Entity("us_ofac_sdn", id)
			if e != nil {
				b, _ := json.Marshal(e.Names)
				t.Logf("want %s kind=%q names=%s dob=%v", id, e.Kind, b, e.BirthDates)
			}
		}
		hits, _ := eng.Screen(context.Background(), screen.Subject{Name: q, Kind: entity.Kind(kind)}, screen.Options{Threshold: 0.3, Limit: 3})
		for _, h := range hits {
			b, _ := json.Marshal(h.Explanation)
			t.Logf("%q -> %s/%s %q %.3f %s", q, h.List, h.SourceID, h.MatchedName, h.Score, b)
		}
	}
}
