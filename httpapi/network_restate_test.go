package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/httpapi"
)

// A statement asserted again (same ends, relation and source) with other
// dates is refused with a 409 naming each field that differs, both
// values and the recorded edge; nothing is written, the recorded
// statement stays as it was, and the same statement asserted again is
// still "existing". Before, it was answered "existing" and the new dates
// were dropped without a word.
func TestNetworkRestatedEdge(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		const record = "un_sc/111923"
		e.call(t, http.StatusOK, "ann", "POST", "/v1/subjects/R-1/screen", `{"name": "Berit Lindqvist", "type": "person"}`, nil)
		e.call(t, http.StatusOK, "ann", "POST", "/v1/subjects/R-2/screen", `{"name": "Jonas Ekdahl", "type": "person"}`, nil)
		stated := `{"from": "subject:R-1", "to": "` + record + `", "relation": "employed by", "source": "register 7", "start": "2019-03-01", "date": "2026-10-01"}`
		e.call(t, http.StatusCreated, "ann", "POST", "/v1/network/edges", `{"edges": [`+stated+`]}`, nil)
		var again struct {
			Added    []struct{} `json:"added"`
			Existing []struct {
				Start string `json:"start"`
			} `json:"existing"`
		}
		e.call(t, http.StatusOK, "ann", "POST", "/v1/network/edges", `{"edges": [`+stated+`]}`, &again)
		if len(again.Added) != 0 || len(again.Existing) != 1 {
			t.Fatalf("the same statement again: %+v", again)
		}
		restated := strings.NewReplacer(`"2019-03-01"`, `"2020-01-01", "end": "2024-06-30"`).Replace(stated)
		other := `{"from": "subject:R-2", "to": "subject:R-1", "relation": "paid", "source": "bank 3"}`
		code, raw := e.send(t, "ann", "POST", "/v1/network/edges", `{"edges": [`+other+`, `+restated+`]}`)
		for _, want := range []string{`"conflict"`, "edge 2:", `start \"2019-03-01\" recorded, \"2020-01-01\" given`,
			`end \"\" recorded, \"2024-06-30\" given`, "retract edge 1"} {
			if code != http.StatusConflict || !strings.Contains(string(raw), want) {
				t.Fatalf("restated with other dates: %d %s, want 409 with %s", code, raw, want)
			}
		}
		// Nothing of the request was written: the other edge neither.
		var edges struct {
			Asserted []struct {
				Start string `json:"start"`
				End   string `json:"end"`
			} `json:"asserted"`
		}
		e.call(t, http.StatusOK, "sue", "GET", "/v1/network/edges?node=subject:R-1", "", &edges)
		if len(edges.Asserted) != 1 || edges.Asserted[0].Start != "2019-03-01" || edges.Asserted[0].End != "" {
			t.Fatalf("the recorded statement changed, or the other edge was written: %+v", edges)
		}
		// The same in a CSV import, naming the line.
		csv := "from,to,relation,source,start,date\nsubject:R-1," + record + ",employed by,register 7,2019-03-01,2026-10-02\n"
		code, raw = e.send(t, "ann", "POST", "/v1/network/import?name=links.csv", csv, "Content-Type", "text/csv")
		if code != http.StatusConflict || !strings.Contains(string(raw), `links.csv:2:`) || !strings.Contains(string(raw), `date \"2026-10-01\" recorded, \"2026-10-02\" given`) {
			t.Fatalf("import restating a date: %d %s", code, raw)
		}
	})
}
