package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/httpapi"
)

// The network routes on a real server, store and UN list: an edge
// asserted raises a network alert, exposure is served on its own and
// with a recorded screening, bad input is a 400 naming what is wrong,
// and the roles are enforced.
func TestNetworkRoutes(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		const record = "un_sc/111923"
		for _, id := range []string{"N-1", "N-2"} {
			e.call(t, http.StatusOK, "ann", "POST", "/v1/subjects/"+id+"/screen", `{"name": "Berit Lindqvist `+id+`", "type": "person"}`, nil)
		}
		var res struct {
			Added []struct {
				ID int64 `json:"id"`
			} `json:"added"`
			Alerts []int64 `json:"alerts"`
		}
		e.call(t, http.StatusCreated, "ann", "POST", "/v1/network/edges", `{"edges": [
			{"from": "subject:N-1", "to": "`+record+`", "relation": "facilitated travel", "confidence": 0.7, "source": "border report 5", "date": "2026-11-02"},
			{"from": "subject:N-2", "to": "subject:N-1", "relation": "paid"}]}`, &res)
		if len(res.Added) != 2 || len(res.Alerts) != 2 {
			t.Fatalf("assert: %+v", res)
		}
		// Again: nothing new, 200.
		e.call(t, http.StatusOK, "ann", "POST", "/v1/network/edges", `{"edges": [{"from": "subject:N-2", "to": "subject:N-1", "relation": "paid"}]}`, nil)
		for _, bad := range []struct{ body, want string }{
			{`{"edges": [{"from": "subject:N-1", "to": "subject:N-1", "relation": "paid"}]}`, "itself"},
			{`{"edges": [{"from": "subject:N-1", "to": "un_sc/0", "relation": "paid"}]}`, "no record"},
			{`{"edges": [{"from": "subject:N-1", "to": "subject:N-7", "relation": "paid"}]}`, "N-7"},
			{`{"edges": [{"from": "subject:N-1", "to": "` + record + `", "relation": "owns", "share": 101}]}`, "share"},
			{`{"edges": [{"from": "subject:N-1", "to": "` + record + `", "relation": "nemesis"}]}`, "edges[0].relation"},
			{`{"edges": []}`, "edges"},
			{`{"edges": [{"from": "subject:N-1", "too": "x"}]}`, "too"},
		} {
			code, raw := e.send(t, "ann", "POST", "/v1/network/edges", bad.body)
			if code != http.StatusBadRequest || !strings.Contains(string(raw), bad.want) {
				t.Errorf("%s: %d %s, want 400 naming %q", bad.body, code, raw, bad.want)
			}
		}
		var x struct {
			Total int `json:"total"`
			Paths []struct {
				Steps []struct {
					Source string `json:"source"`
					Type   string `json:"type"`
				} `json:"steps"`
			} `json:"paths"`
		}
		e.call(t, http.StatusOK, "sue", "GET", "/v1/network/exposure?node=subject:N-2&hops=3", "", &x)
		if x.Total != 1 || len(x.Paths[0].Steps) != 2 || x.Paths[0].Steps[1].Source != "border report 5" {
			t.Fatalf("exposure %+v", x)
		}
		var n struct {
			Subjects int `json:"subjects"`
		}
		e.call(t, http.StatusOK, "aud", "GET", "/v1/network/neighbourhood?node="+url.QueryEscape(record), "", &n)
		if n.Subjects != 2 {
			t.Fatalf("neighbourhood %+v", n)
		}
		var withX struct {
			ScreeningID int64 `json:"screening_id"`
			Exposure    struct {
				Total int `json:"total"`
			} `json:"exposure"`
		}
		e.call(t, http.StatusOK, "ann", "POST", "/v1/subjects/N-2/screen?exposure=2", `{"name": "Berit Lindqvist N-2", "type": "person"}`, &withX)
		if withX.ScreeningID == 0 || withX.Exposure.Total != 1 {
			t.Fatalf("screening with exposure %+v", withX)
		}
		// The network alert is an alert like any, of kind network.
		var a struct {
			Kind string          `json:"kind"`
			Hit  json.RawMessage `json:"hit"`
		}
		e.call(t, http.StatusOK, "ann", "GET", "/v1/alerts/"+strconv.FormatInt(res.Alerts[0], 10), "", &a)
		if a.Kind != "network" || !strings.Contains(string(a.Hit), "border report 5") {
			t.Fatalf("alert %s %s", a.Kind, a.Hit)
		}
		// Import: a bad line names the file, the line and the field.
		code, raw := e.send(t, "ann", "POST", "/v1/network/import?name=links.csv", "from,to,relation,share\nsubject:N-1,"+record+",owns,150\n",
			"Content-Type", "text/csv")
		if code != http.StatusBadRequest || !strings.Contains(string(raw), "links.csv:2: share") {
			t.Fatalf("import: %d %s", code, raw)
		}
		var imp struct {
			Added int `json:"added"`
		}
		e.call(t, http.StatusOK, "ann", "POST", "/v1/network/import?name=phones.csv", "subject,kind,value\nN-1,email,b@x.example\nN-2,email,B@X.example\n", &imp)
		if imp.Added != 2 {
			t.Fatalf("values import %+v", imp)
		}
		var c struct {
			Components int `json:"components"`
			Clusters   []struct {
				Size int `json:"size"`
				Hubs []struct {
					Node struct{ ID string } `json:"node"`
				} `json:"hubs"`
			} `json:"clusters"`
		}
		e.call(t, http.StatusOK, "sue", "GET", "/v1/network/clusters?types=paid,facilitated_travel,shares_email", "", &c)
		if c.Components < 1 || c.Clusters[0].Size != 3 || c.Clusters[0].Hubs[0].Node.ID != "subject:N-1" {
			t.Fatalf("clusters %+v", c)
		}
		e.call(t, http.StatusOK, "sue", "GET", "/v1/network/ownership?node="+url.QueryEscape(record)+"&as_of=2026-12-01", "", nil)
		e.call(t, http.StatusOK, "sue", "GET", "/v1/network/fifty-percent", "", nil)
		e.call(t, http.StatusOK, "ann", "POST", "/v1/network/edges/"+strconv.FormatInt(res.Added[1].ID, 10)+"/retract", `{"reason": "wrong payer"}`, nil)
		e.call(t, http.StatusConflict, "ann", "POST", "/v1/network/edges/"+strconv.FormatInt(res.Added[1].ID, 10)+"/retract", `{"reason": "again"}`, nil)
		var edges struct {
			Asserted []struct {
				RetractedBy string `json:"retracted_by"`
			} `json:"asserted"`
		}
		e.call(t, http.StatusOK, "aud", "GET", "/v1/network/edges?node=subject:N-2", "", &edges)
		if len(edges.Asserted) != 1 || edges.Asserted[0].RetractedBy != "ann" {
			t.Fatalf("edges %+v", edges)
		}
		e.call(t, http.StatusOK, "ann", "POST", "/v1/network/vet", "", nil)
		code, raw = e.send(t, "aud", "GET", "/v1/network/export?node=subject:N-1&format=ftm", "")
		if code != http.StatusOK || !strings.Contains(string(raw), `"schema":"UnknownLink"`) || !strings.Contains(string(raw), "border report 5") {
			t.Fatalf("export ftm: %d %s", code, raw)
		}
		code, raw = e.send(t, "aud", "GET", "/v1/network/export?node=subject:N-1", "")
		if code != http.StatusOK || !strings.Contains(string(raw), "<graphml") {
			t.Fatalf("export graphml: %d %s", code, raw)
		}
		e.call(t, http.StatusBadRequest, "aud", "GET", "/v1/network/export?node=subject:N-1&format=pdf", "", nil)
		// Roles and bad queries.
		e.call(t, http.StatusForbidden, "sam", "GET", "/v1/network/exposure?node=subject:N-2", "", nil)
		e.call(t, http.StatusForbidden, "aud", "POST", "/v1/network/edges", `{"edges": [{"from": "subject:N-2", "to": "subject:N-1", "relation": "paid"}]}`, nil)
		e.call(t, http.StatusBadRequest, "sue", "GET", "/v1/network/exposure?node=subject:N-2&hops=5", "", nil)
		e.call(t, http.StatusBadRequest, "sue", "GET", "/v1/network/exposure?node=subject:N-2&hop=2", "", nil)
		e.call(t, http.StatusBadRequest, "sue", "GET", "/v1/network/exposure", "", nil)
		e.call(t, http.StatusNotFound, "sue", "GET", "/v1/network/exposure?node=subject:nobody", "", nil)
		e.call(t, http.StatusBadRequest, "sue", "GET", "/v1/network/ownership?node=subject:N-1&as_of=yesterday", "", nil)
		var v struct {
			Intact     bool `json:"intact"`
			Consistent bool `json:"consistent"`
		}
		e.call(t, http.StatusOK, "aud", "GET", "/v1/audit/verify", "", &v)
		if !v.Intact || !v.Consistent {
			t.Fatalf("verify: %+v", v)
		}
	})
}
