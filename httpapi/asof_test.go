package httpapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// POST /v1/screen?as_of= and GET /v1/reports/late-matches over real HTTP,
// with the UN edition stored today: as of today Zawahiri is a hit and the
// answer names the edition; before today there is nothing to screen
// against, and the error names today.
func TestAsOf_HTTP(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		if _, err := e.svc.ImportLists(context.Background(), store.System, testdata.Path(t, "lists", "current", "un-2026-02"), source.Checks{}); err != nil {
			t.Fatal(err)
		}
		today := time.Now().UTC().Format(time.DateOnly)
		var res struct {
			ID       string `json:"id"`
			AsOf     string `json:"as_of"`
			Editions []struct {
				Source  string `json:"source"`
				Edition string `json:"edition"`
			} `json:"editions"`
			Hits []struct {
				SourceID string `json:"source_id"`
			} `json:"hits"`
		}
		e.call(t, http.StatusOK, "sam", "POST", "/v1/screen?as_of="+today, `{"name": "`+zawahiri+`"}`, &res)
		if res.AsOf != today || len(res.Editions) != 1 || res.Editions[0].Source != "un_sc" || res.Editions[0].Edition != "2026-02-27" ||
			len(res.Hits) == 0 || res.Hits[0].SourceID != "111923" {
			t.Errorf("as of today: %+v; want a hit on 111923 against un_sc 2026-02-27", res)
		}
		for _, tc := range []struct {
			path, body, field, msg string
			code                   int
		}{
			{"/v1/screen?as_of=2020-01-01", `{"name": "x"}`, "as_of", "accepted on " + today, 400},
			{"/v1/screen?as_of=01/02/2020", `{"name": "x"}`, "as_of", "YYYY-MM-DD", 400},
			{"/v1/screen?as_of=", `{"name": "x"}`, "as_of", "YYYY-MM-DD", 400},
			{"/v1/screen?as_of=" + today, `{"subjects": [{"name": "x"}]}`, "subjects", "one subject", 400},
		} {
			code, raw := e.send(t, "sam", "POST", tc.path, tc.body)
			if code != tc.code || !strings.Contains(string(raw), `"field":"`+tc.field+`"`) || !strings.Contains(string(raw), tc.msg) {
				t.Errorf("POST %s %s = %d %s; want %d on %s saying %q", tc.path, tc.body, code, raw, tc.code, tc.field, tc.msg)
			}
		}

		var page struct {
			Matches []any `json:"matches"`
			Next    int64 `json:"next"`
		}
		e.call(t, http.StatusOK, "sam", "POST", "/v1/subjects/C-1/screen", `{"name": "Marguerite Oyelaran-Fitzwilliam"}`, nil)
		e.call(t, http.StatusOK, "aud", "GET", "/v1/reports/late-matches?since=2020-01-01&limit=10", "", &page)
		if page.Matches == nil || len(page.Matches) != 0 || page.Next != 0 {
			t.Errorf("late matches of a clean population: %+v; want an empty list", page)
		}
		for _, q := range []string{"limit=0", "limit=1001", "after=-1", "since=yesterday", "as_of=2020-01-01", "sort=name"} {
			if code, raw := e.send(t, "sue", "GET", "/v1/reports/late-matches?"+q, ""); code != 400 {
				t.Errorf("late matches ?%s = %d %s; want 400", q, code, raw)
			}
		}
		if code, _ := e.send(t, "ann", "GET", "/v1/reports/late-matches", ""); code != http.StatusForbidden {
			t.Errorf("analyst running the report = %d; want 403", code)
		}
	})
}
