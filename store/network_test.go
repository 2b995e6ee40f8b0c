package store_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/store"
)

func edgeIn(from, to, rel, source string) store.EdgeInput {
	return store.EdgeInput{From: from, To: to, Relation: rel, Confidence: "0.9", Source: source, StatedOn: "2026-11-30"}
}

// Edges and values asserted through the store verify; rewritten,
// inserted, deleted or retracted in the database, they are found.
func TestNetwork_Bound(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		alice := mustUser(t, db, "alice", "analyst")
		a, err := db.AssertEdges(ctx, alice, []store.EdgeInput{
			edgeIn("subject:1", "us_ofac_sdn/123", "family_of", "case 7"),
			{From: "os_x/C", To: "subject:2", Relation: "owns", Share: "60", Confidence: "1", Source: "import:o.csv:2"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Added) != 2 || len(a.Existing) != 0 || a.Added[0].AssertedBy != "alice" {
			t.Fatalf("asserted %+v", a)
		}
		// The same statement again (an import run twice): nothing written.
		again, err := db.AssertEdges(ctx, alice, []store.EdgeInput{edgeIn("subject:1", "us_ofac_sdn/123", "family_of", "case 7"),
			edgeIn("subject:1", "us_ofac_sdn/123", "family_of", "case 8")})
		if err != nil || len(again.Added) != 1 || len(again.Existing) != 1 || again.Existing[0].ID != a.Added[0].ID {
			t.Fatalf("again: %+v %v", again, err)
		}
		if _, err := db.RetractEdge(ctx, alice, again.Added[0].ID, "wrong person"); err != nil {
			t.Fatal(err)
		}
		_, err = db.RetractEdge(ctx, alice, again.Added[0].ID, "twice")
		wantCode(t, "retract twice", err, apperr.Conflict)
		_, err = db.RetractEdge(ctx, alice, 999, "none")
		wantCode(t, "retract unknown", err, apperr.NotFound)
		if n, e, _, err := db.AssertValues(ctx, alice, []store.ValueInput{
			{Subject: "1", Kind: "phone", Value: "+44 20 7946 0000", Normalized: "442079460000", Source: "api"},
			{Subject: "2", Kind: "phone", Value: "0044 20 7946 0000", Normalized: "442079460000", Source: "api"},
		}); err != nil || n != 2 || e != 0 {
			t.Fatalf("values %d %d %v", n, e, err)
		}
		var live []int64
		db.EachEdge(ctx, func(e *store.Edge) error { live = append(live, e.ID); return nil })
		if len(live) != 2 {
			t.Fatalf("edges in force %v", live)
		}
		if v := mustVerify(t, db); v.Finding != nil || len(v.State.Differences) != 0 {
			t.Fatalf("untouched: %v\n%s", v.Finding, diffs(v.State))
		}
		id := a.Added[1].ID
		exec(t, db, `UPDATE network_edges SET share = '40' WHERE id = `+strconv.FormatInt(id, 10),
			`UPDATE network_edges SET retracted_at = 'x', retracted_by = 'mallory', retract_reason = 'gone' WHERE id = `+strconv.FormatInt(a.Added[0].ID, 10),
			`INSERT INTO network_edges (from_node, to_node, relation, confidence, source, asserted_by, created_at) VALUES ('subject:9', 'x/y', 'paid', '1', 'forged', 'alice', 'x')`,
			`DELETE FROM network_values WHERE subject = '2'`)
		got := names(mustVerify(t, db).State)
		for _, w := range []string{
			want(audit.Changed, "network_edges", id, "share"), want(audit.Changed, "network_edges", a.Added[0].ID, "retracted_by"),
			want(audit.Extra, "network_edges", again.Added[0].ID+1, ""), want(audit.Missing, "network_values", 2, ""),
		} {
			if !slices.Contains(got, w) {
				t.Errorf("differences %v lack %q", got, w)
			}
		}
	})
}

// A bad edge among good ones writes nothing: what was stored stays.
func TestNetwork_AllOrNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		alice := mustUser(t, db, "alice", "analyst")
		if _, err := db.AssertEdges(ctx, alice, []store.EdgeInput{edgeIn("subject:1", "x/1", "paid", "s")}); err != nil {
			t.Fatal(err)
		}
		_, err := db.AssertEdges(ctx, alice, []store.EdgeInput{edgeIn("subject:1", "x/2", "paid", "s"), edgeIn("subject:1", "x/3", "paid", "s\x00")})
		if err == nil || !strings.Contains(err.Error(), "edge 2") {
			t.Fatalf("error %v", err)
		}
		_, err = db.AssertEdges(ctx, alice, []store.EdgeInput{{From: "subject:1", To: "x/4"}})
		wantCode(t, "incomplete edge", err, apperr.Invalid)
		es, _ := db.EdgesOf(ctx, "subject:1")
		if len(es) != 1 || es[0].To != "x/1" {
			t.Fatalf("edges %+v", es)
		}
		if v := mustVerify(t, db); v.Finding != nil || len(v.State.Differences) != 0 {
			t.Fatalf("%v\n%s", v.Finding, diffs(v.State))
		}
	})
}
