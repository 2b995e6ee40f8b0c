package audit

import (
	"slices"
	"testing"
)

func testState() *State {
	return NewState(Table{Name: "alerts", Fixed: []string{"list", "hit"}, Mutable: []string{"status", "version"}},
		Table{Name: "notes", Fixed: []string{"text"}})
}

func TestStateCompare(t *testing.T) {
	s := testState()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Write(1, "alerts", "1", Values{"list": "un_sc", "hit": "sha256:aa", "status": "open", "version": "1"}))
	must(s.Write(2, "alerts", "2", Values{"list": "un_sc", "hit": "sha256:bb", "status": "open", "version": "1"}))
	must(s.Update(3, "alerts", "1", Values{"status": "closed", "version": "2"}))
	must(s.Legacy("alerts", "3"))
	must(s.Update(4, "alerts", "3", Values{"status": "in_review"}))
	must(s.Write(5, "notes", "7", Values{"text": "sha256:cc"}))
	must(s.Write(6, "notes", "8", Values{"text": "sha256:dd"}))
	if ok, err := s.Delete("notes", "8"); !ok || err != nil {
		t.Fatalf("delete: %v %v", ok, err)
	}
	if err := s.Write(7, "alerts", "4", Values{"list": "x"}); err == nil {
		t.Error("a write without every column was accepted")
	}
	if err := s.Update(7, "alerts", "1", Values{"list": "x"}); err == nil {
		t.Error("an update of a fixed column was accepted")
	}
	if err := s.Write(7, "nowhere", "1", Values{}); err == nil {
		t.Error("a write to an unknown table was accepted")
	}

	// Alert 1 as the trail says; alert 2 with another hit and status.
	m, _ := s.Compare("alerts", "1", Values{"list": "un_sc", "hit": "sha256:aa", "status": "closed", "version": "2"})
	if !m.Known || m.Legacy || m.FixedSeq != 0 || len(m.Changed) != 0 {
		t.Fatalf("alert 1: %+v", m)
	}
	stored := Values{"list": "un_sc", "hit": "sha256:ee", "status": "closed", "version": "1"}
	m, _ = s.Compare("alerts", "2", stored)
	if m.FixedSeq != 2 || len(m.Changed) != 1 || m.Changed[0].Column != "status" || m.Changed[0].Found != "closed" || m.Changed[0].Want != "open" {
		t.Fatalf("alert 2: %+v", m)
	}
	d := s.DiffFixed("alerts", "2", 2, stored, Values{"list": "un_sc", "hit": "sha256:bb"})
	if len(d) != 1 || d[0].Column != "hit" || d[0].Found != "sha256:ee" || d[0].Want != "sha256:bb" || d[0].Seq != 2 {
		t.Fatalf("fixed columns of alert 2: %+v", d)
	}
	// A legacy row: only what a later entry set is checked.
	m, _ = s.Compare("alerts", "3", Values{"list": "anything", "hit": "", "status": "open", "version": "9"})
	if !m.Known || !m.Legacy || m.FixedSeq != 0 || len(m.Changed) != 1 || m.Changed[0].Column != "status" {
		t.Fatalf("legacy alert 3: %+v", m)
	}
	if m, _ := s.Compare("alerts", "5", Values{}); m.Known {
		t.Fatalf("unknown alert 5: %+v", m)
	}
	var missing []string
	s.Missing(func(table, key string, seq int64) { missing = append(missing, table+"/"+key) })
	if !slices.Equal(missing, []string{"notes/7"}) {
		t.Fatalf("missing = %v", missing)
	}
}

func TestStateReport(t *testing.T) {
	r := NewStateReport(2)
	if !r.Consistent || r.Summary() != "state consistent: no differences in 0 rows" {
		t.Fatalf("empty report: %s", r.Summary())
	}
	for i := range 3 {
		r.Add(Difference{Problem: Changed, Table: "alerts", Row: "1", Column: "status", Found: "closed", Want: "open", Seq: int64(i)})
	}
	r.AddUnchecked("alerts")
	r.AddUnknownAction("alert.frobnicate")
	if r.Consistent || r.Total != 3 || len(r.Differences) != 2 {
		t.Fatalf("report: %+v", r)
	}
	want := "state differs from the trail: 3 differences in 0 rows compared; 1 row not checked because their entries predate the binding (alerts 1); 1 entry of actions this version cannot replay (alert.frobnicate 1)"
	if r.Summary() != want {
		t.Errorf("summary:\n%s\nwant\n%s", r.Summary(), want)
	}
	if s := r.Differences[1].String(); s != `changed alerts/1 status: the table has "closed", the trail implies "open" (entry 1)` {
		t.Errorf("difference: %s", s)
	}
}
