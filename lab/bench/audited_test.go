package bench

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/internal/pgtest"
)

// TestRunAudited runs the audited bench on the UN list, on SQLite and (when
// configured) PostgreSQL: every acknowledged screening has its audit entry
// (auditedRound checks the count), and the report names every mode.
// VIGIL_AUDITED_REQUESTS raises the requests a round, for profiling.
func TestRunAudited(t *testing.T) {
	requests := 300
	if n, err := strconv.Atoi(os.Getenv("VIGIL_AUDITED_REQUESTS")); err == nil {
		requests = n
	}
	cfg := Config{Lists: unLists(t), Runs: 2, Requests: requests, Clients: 8, Linger: -1}
	if pgtest.Base() != "" {
		cfg.DSN = pgtest.DSN(t, "benchaud")
	}
	rep, err := RunAudited(context.Background(), cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	want := 2
	if cfg.DSN != "" {
		want = 3
	}
	if len(rep.Modes) != want {
		t.Fatalf("%d modes, want %d", len(rep.Modes), want)
	}
	for i, m := range rep.Modes {
		if len(m.Rounds) != 2 {
			t.Errorf("%s: %d rounds", m.Name, len(m.Rounds))
		}
		for _, r := range m.Rounds {
			if r.Rate <= 0 || r.P99 < r.P50 || r.Allocs <= 0 {
				t.Errorf("%s: round %+v", m.Name, r)
			}
			if (i == 0) != (r.Entries == 0) || (i > 0 && r.Entries != int64(requests)) {
				t.Errorf("%s: %d audit entries for %d requests", m.Name, r.Entries, requests)
			}
		}
	}
	text := rep.Text()
	if !strings.Contains(text, "sqlite / unaudited") {
		t.Errorf("no ratio in\n%s", text)
	}
	t.Log("\n" + text)
}
