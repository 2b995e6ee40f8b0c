package metrics_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/metrics"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

func TestMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	m.RequestStarted()
	m.RequestDone("POST", "/v1/screen", 200, 3*time.Millisecond)
	m.RequestStarted()
	m.RequestDone("GET", "unmatched", 404, time.Millisecond)
	m.RequestStarted() // still in flight
	m.Screened("batch", 10, 3)
	m.AlertsRaised(2)
	m.AuthFailed("api_key")
	m.AuthFailed("api_key")

	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var loading error = errors.New("loading")
	editions := []snapshot.Meta{
		{Source: "un_sc", Edition: "2026-02-27", Hash: "66b392a40908abcdef", Records: 1003, LoadedAt: now.Add(-time.Hour)},
		{Source: "us_csl", Edition: "2026-02", Records: 4225, LoadedAt: now.Add(-time.Hour)},
		{Source: "own", Edition: "v7", Records: 12, LoadedAt: now.Add(-2 * time.Hour)},
	}
	m.WatchLists(func(context.Context) ([]snapshot.Meta, error) {
		if loading != nil {
			return nil, loading
		}
		return editions, nil
	}, func() time.Time { return now })
	db, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	t.Cleanup(func() {
		if !closed {
			db.Close()
		}
	})
	clock := now
	m.WatchStore(db, metrics.StoreOptions{Every: time.Minute, Now: func() time.Time { return clock }})

	srv := httptest.NewServer(metrics.Handler(reg))
	defer srv.Close()
	if out := scrape(t, srv.URL); !strings.Contains(out, "\nvigil_lists_in_force 0\n") || strings.Contains(out, "vigil_list_records{") {
		t.Errorf("while loading:\n%s", out)
	}
	loading = nil
	want := `
# HELP vigil_list_edition_age_seconds Age of the edition in force of each list: since its edition date, or since it was imported when it has no date.
# TYPE vigil_list_edition_age_seconds gauge
vigil_list_edition_age_seconds{source="own"} 7200
vigil_list_edition_age_seconds{source="un_sc"} 172800
vigil_list_edition_age_seconds{source="us_csl"} 2.4192e+06
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "vigil_list_edition_age_seconds"); err != nil {
		t.Error(err)
	}
	out := scrape(t, srv.URL)
	for _, want := range []string{
		"\nvigil_lists_in_force 3\n",
		`vigil_list_records{source="un_sc"} 1003`,
		`vigil_list_edition_info{edition="2026-02-27",hash="66b392a40908",source="un_sc"} 1`,
		`vigil_http_request_duration_seconds_count{code="404",method="GET",route="unmatched"} 1`,
		`vigil_http_request_duration_seconds_bucket{code="200",method="POST",route="/v1/screen",le="0.0025"} 0`,
		`vigil_http_request_duration_seconds_bucket{code="200",method="POST",route="/v1/screen",le="0.005"} 1`,
		"\nvigil_http_requests_in_flight 1\n",
		`vigil_screened_subjects_with_hits_total{kind="batch"} 3`,
		`vigil_screened_subjects_total{kind="recorded"} 0`,
		"\nvigil_alerts_raised_total 2\n",
		`vigil_auth_failures_total{credential="api_key"} 2`,
		`vigil_store_up{query="jobs"} 1`,
		`vigil_store_up{query="alerts"} 1`,
		`go_sql_max_open_connections{db_name="sqlite"}`,
		"go_goroutines",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("want %s in the exposition", want)
		}
	}
	// A closed database fails the figures read from it, not the scrape:
	// once the snapshot read before is older than its period.
	db.Close()
	closed = true
	if out := scrape(t, srv.URL); !strings.Contains(out, `vigil_store_up{query="alerts"} 1`) {
		t.Errorf("store closed, within the period of the last read:\n%s", out)
	}
	clock = clock.Add(time.Minute)
	if out := scrape(t, srv.URL); !strings.Contains(out, `vigil_store_up{query="alerts"} 0`) || !strings.Contains(out, "vigil_lists_in_force 3") {
		t.Errorf("store closed:\n%s", out)
	}
}

// The figures read from the database are served from a snapshot read at
// most once per period: scrapes within it run no query (a change in the
// database meanwhile is not seen, and the snapshot's age grows), the
// first scrape after it reads them again. On a real SQLite file and
// PostgreSQL, scraped over HTTP on 127.0.0.1.
func TestMetrics_StoreSnapshot(t *testing.T) {
	for _, c := range []struct{ name, dsn string }{{"sqlite", ""}, {"postgres", "pg"}} {
		t.Run(c.name, func(t *testing.T) {
			dsn := c.dsn
			if dsn != "" {
				dsn = pgtest.DSN(t, "metrics")
			}
			db, err := store.Open(context.Background(), dsn, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			reg := prometheus.NewRegistry()
			m := metrics.New(reg)
			clock := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
			m.WatchStore(db, metrics.StoreOptions{Every: 30 * time.Second, Now: func() time.Time { return clock }})
			srv := httptest.NewServer(metrics.Handler(reg))
			defer srv.Close()
			pending := func(out string) string {
				for _, l := range strings.Split(out, "\n") {
					if strings.HasPrefix(l, `vigil_network_vets{status="pending"} `) {
						return strings.TrimPrefix(l, `vigil_network_vets{status="pending"} `)
					}
				}
				t.Fatalf("no pending vets in the scrape:\n%s", out)
				return ""
			}
			if out := scrape(t, srv.URL); pending(out) != "0" || !strings.Contains(out, "\nvigil_store_figures_age_seconds 0\n") {
				t.Fatalf("first scrape:\n%s", out)
			}
			edge := store.EdgeInput{From: "subject:1", To: "us_ofac_sdn/123", Relation: "family_of", Confidence: "1", Source: "case 7"}
			if _, err := db.AssertEdges(context.Background(), store.System, []store.EdgeInput{edge}); err != nil {
				t.Fatal(err)
			}
			for _, step := range []time.Duration{0, 10 * time.Second, 19 * time.Second} {
				clock = clock.Add(step)
				if out := scrape(t, srv.URL); pending(out) != "0" {
					t.Fatalf("a scrape %v into the period read the database again: %s pending", clock.Sub(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)), pending(out))
				}
			}
			if out := scrape(t, srv.URL); !strings.Contains(out, "\nvigil_store_figures_age_seconds 29\n") {
				t.Fatalf("the snapshot's age:\n%s", out)
			}
			clock = clock.Add(time.Second) // the period is over
			if out := scrape(t, srv.URL); pending(out) != "1" || !strings.Contains(out, "\nvigil_store_figures_age_seconds 0\n") {
				t.Fatalf("the first scrape after the period:\n%s", out)
			}
		})
	}
}

func scrape(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("scrape: %d %v", resp.StatusCode, err)
	}
	return string(b)
}
