package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/subject"
)

// vigil screen and vigil compare read JSON Lines through the same reader:
// a line longer than subject.MaxLine is skipped in both, with an error
// naming the file and the line, and the lines after it are read. (compare
// used to stop at it.)
func TestOverLongLine_ScreenAndCompare(t *testing.T) {
	long := `{"name": "` + strings.Repeat("x", subject.MaxLine) + `"}`
	lists := unListsDir(t)

	subjects := writeTemp(t, "subjects.jsonl", `{"id": "a", "name": "Aiman Muhammed Rabi al-Zawahiri"}`+"\n"+
		long+"\n"+`{"id": "c", "name": "Aiman al-Zawahiri"}`+"\n")
	stdout, stderr, err := runVigil(t, "screen", "--lists", lists, "--in", subjects)
	if exitCode(err) != exitPartial { // line 2 is malformed: partly done
		t.Fatalf("screen: %v (exit %d, want %d)\n%s", err, exitCode(err), exitPartial, stderr)
	}
	rs := decodeResults(t, stdout)
	if len(rs) != 3 || rs[0].ID != "a" || rs[1].ID != "2" || !strings.Contains(rs[1].Error, "subjects.jsonl:2: line longer than 4194304 bytes") ||
		rs[2].ID != "c" || len(rs[2].Hits) == 0 {
		t.Errorf("screen results = %+v, want a, a line-2 error, c with hits", rs)
	}

	pairs := writeTemp(t, "pairs.jsonl", `{"id": "p1", "a": {"name": "Ann Lee"}, "b": {"name": "Lee, Ann"}}`+"\n"+
		`{"id": "p2", "a": `+long+`, "b": {"name": "y"}}`+"\n"+`{"id": "p3", "a": {"name": "Ann Lee"}, "b": {"name": "Bob Ray"}}`+"\n")
	stdout, stderr, err = runVigil(t, "compare", "--in", pairs)
	if exitCode(err) != exitPartial {
		t.Fatalf("compare: %v (exit %d, want %d)\n%s", err, exitCode(err), exitPartial, stderr)
	}
	type comparison struct {
		ID    string  `json:"id"`
		Score float64 `json:"score"`
		Error string  `json:"error"`
	}
	var cs []comparison
	for line := range strings.Lines(stdout) {
		var c comparison
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("compare output %q: %v", line, err)
		}
		cs = append(cs, c)
	}
	if len(cs) != 3 || cs[0].ID != "p1" || cs[0].Score < 0.9 || cs[1].ID != "2" ||
		!strings.Contains(cs[1].Error, "pairs.jsonl:2: line longer than 4194304 bytes") || cs[2].ID != "p3" || cs[2].Error != "" {
		t.Errorf("compare results = %+v, want p1, a line-2 error, p3", cs)
	}
	if !strings.Contains(stderr, "compared 3 pairs, 1 malformed") {
		t.Errorf("compare summary:\n%s", stderr)
	}
}
