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
	m.WatchStore(db)

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
	// A closed database fails the figures read from it, not the scrape.
	db.Close()
	closed = true
	if out := scrape(t, srv.URL); !strings.Contains(out, `vigil_store_up{query="alerts"} 0`) || !strings.Contains(out, "vigil_lists_in_force 3") {
		t.Errorf("store closed:\n%s", out)
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
