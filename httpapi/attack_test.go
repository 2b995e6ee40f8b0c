package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/httpapi"
)

// A network CSV larger than the body limit is a 413 saying so, like
// every other body, not a 400 blaming "line 0" of the file after listing
// the lines read before the cut.
func TestNetworkImportTooLarge(t *testing.T) {
	eachStore(t, httpapi.Config{MaxBody: 4096}, func(t *testing.T, e *sor) {
		var b strings.Builder
		b.WriteString("from,to,relation,source\n")
		for i := 0; b.Len() < 20_000; i++ {
			b.WriteString("subject:A-1,subject:A-2,associate_of,s\n") // the same edge again and again
		}
		code, raw := e.send(t, "ann", "POST", "/v1/network/import", b.String(), "Content-Type", "text/csv")
		if code != http.StatusRequestEntityTooLarge || !strings.Contains(string(raw), "too_large") {
			t.Fatalf("import of %d bytes over a 4096-byte limit: %d %s", b.Len(), code, raw)
		}
	})
}

// An asserted edge with an impossible date is refused, naming the field,
// on the JSON route as in a CSV import (it was stored as given).
func TestNetworkEdgeBadDate(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		for _, id := range []string{"D-1", "D-2"} {
			e.call(t, http.StatusOK, "ann", "POST", "/v1/subjects/"+id+"/screen", `{"name": "Berit Lindqvist `+id+`", "type": "person"}`, nil)
		}
		for _, bad := range []struct{ field, date string }{{"start", "2026-13-45"}, {"end", "yesterday"}, {"date", "2026-02-30"}} {
			body := `{"edges": [{"from": "subject:D-1", "to": "subject:D-2", "relation": "paid", "` + bad.field + `": "` + bad.date + `"}]}`
			code, raw := e.send(t, "ann", "POST", "/v1/network/edges", body)
			if code != http.StatusBadRequest || !strings.Contains(string(raw), bad.field) {
				t.Errorf("%s: %d %s, want 400 naming %s", body, code, raw, bad.field)
			}
		}
		csv := "from,to,relation,start\nsubject:D-1,subject:D-2,paid,2026-13-45\n"
		if code, raw := e.send(t, "ann", "POST", "/v1/network/import", csv, "Content-Type", "text/csv"); code != http.StatusBadRequest || !strings.Contains(string(raw), "start") {
			t.Errorf("CSV with start 2026-13-45: %d %s", code, raw)
		}
		e.call(t, http.StatusCreated, "ann", "POST", "/v1/network/edges", `{"edges": [{"from": "subject:D-1", "to": "subject:D-2", "relation": "paid", "start": "2024-02-29", "end": "2025"}]}`, nil)
	})
}

// Control characters (a terminal escape, a line break forging a line of
// the CLI's text output) are refused in what an edge or a value states,
// on the JSON route, in a CSV import, and in the import's ?name=; a note
// may still span lines.
func TestNetworkControlCharacters(t *testing.T) {
	eachStore(t, httpapi.Config{}, func(t *testing.T, e *sor) {
		for _, id := range []string{"C-1", "C-2"} {
			e.call(t, http.StatusOK, "ann", "POST", "/v1/subjects/"+id+"/screen", `{"name": "Berit Lindqvist `+id+`", "type": "person"}`, nil)
		}
		for _, bad := range []struct{ field, body string }{
			{"source", `{"edges": [{"from": "subject:C-1", "to": "subject:C-2", "relation": "paid", "source": "a\u001b[2Jb"}]}`},
			{"source", `{"edges": [{"from": "subject:C-1", "to": "subject:C-2", "relation": "paid", "source": "a\nforged line"}]}`},
			{"note", `{"edges": [{"from": "subject:C-1", "to": "subject:C-2", "relation": "paid", "note": "x\u001b]0;title\u0007"}]}`},
		} {
			if code, raw := e.send(t, "ann", "POST", "/v1/network/edges", bad.body); code != http.StatusBadRequest || !strings.Contains(string(raw), bad.field) {
				t.Errorf("%s: %d %s, want 400 naming %s", bad.body, code, raw, bad.field)
			}
		}
		for _, csv := range []string{
			"from,to,relation,source\nsubject:C-1,subject:C-2,paid,\"a\nforged\"\n",
			"from,to,relation,note\nsubject:C-1,subject:C-2,paid,x\x1b[2J\n",
			"subject,kind,value,source\nC-1,phone,+41 44 000 11 22,\"a\nb\"\n",
		} {
			if code, raw := e.send(t, "ann", "POST", "/v1/network/import", csv, "Content-Type", "text/csv"); code != http.StatusBadRequest {
				t.Errorf("%q: %d %s, want 400", csv, code, raw)
			}
		}
		if code, raw := e.send(t, "ann", "POST", "/v1/network/import?name=%0Aforged", "subject,kind,value\nC-1,phone,+41 44 000 11 22\n", "Content-Type", "text/csv"); code != http.StatusBadRequest || !strings.Contains(string(raw), "name") {
			t.Errorf("?name= with a line break: %d %s", code, raw)
		}
		e.call(t, http.StatusCreated, "ann", "POST", "/v1/network/edges", `{"edges": [{"from": "subject:C-1", "to": "subject:C-2", "relation": "paid", "note": "first line\nsecond line\tand a tab"}]}`, nil)
	})
}
