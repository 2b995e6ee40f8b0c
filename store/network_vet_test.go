package store_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

// Edges written write their network vet in the same transaction; two
// processes finishing it at once (the service after the commit, the job
// queued with it) raise its alerts once: the second waits for the first
// and gets the alerts the first raised. A vet is done once; a write that
// adds nothing owes nothing.
func TestNetworkVet_FinishedOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ana := mustUser(t, db, "ana", auth.RoleAnalyst)
		sam := mustUser(t, db, "sam", auth.RoleScreener)
		mustRecord(t, db, sam, screening("C-1", "Berit Lindqvist"))
		mustRecord(t, db, sam, screening("C-2", "Jonas Ekdahl"))
		rec := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman")
		a, err := db.AssertEdges(ctx, ana, []store.EdgeInput{edgeIn("subject:C-1", "us_ofac_sdn/6366", "family_of", "case 7"),
			edgeIn("subject:C-2", "subject:C-1", "paid", "case 7")})
		if err != nil || a.Vet == 0 {
			t.Fatalf("assert: %+v %v", a, err)
		}
		v, err := db.NetworkVetByID(ctx, a.Vet)
		if err != nil || v.Status != store.NetVetPending || v.Kind != store.NetVetLinks || !slices.Equal(v.Subjects, []string{"C-1", "C-2"}) {
			t.Fatalf("vet %+v %v", v, err)
		}
		path, _ := json.Marshal(map[string]any{"kind": "network", "hops": 1})
		alerts := []store.NetworkAlert{{SubjectID: "C-1", Record: rec, Score: 0.9, Path: path}, {SubjectID: "C-2", Record: rec, Score: 0.8, Path: path}}
		var wg sync.WaitGroup
		res := make([]*store.RaisedNetwork, 4)
		errs := make([]error, 4)
		for i := range res {
			wg.Go(func() { res[i], errs[i] = db.FinishNetworkVet(ctx, store.System, a.Vet, alerts) })
		}
		wg.Wait()
		first := 0
		for i := range res {
			if errs[i] != nil {
				t.Fatalf("finish %d: %v", i, errs[i])
			}
			if !res[i].AlreadyDone {
				first++
			}
			if len(res[i].Alerts) != 2 || !slices.Equal(res[i].Alerts, res[0].Alerts) {
				t.Fatalf("finish %d: %+v, want the two alerts of the first", i, res[i])
			}
		}
		if first != 1 || count(t, db, `SELECT COUNT(*) FROM alerts WHERE kind = 'network'`) != 2 {
			t.Fatalf("%d finished the vet, %d network alerts", first, count(t, db, `SELECT COUNT(*) FROM alerts WHERE kind = 'network'`))
		}
		if v, _ := db.NetworkVetByID(ctx, a.Vet); v.Status != store.NetVetDone || len(v.Alerts) != 2 {
			t.Fatalf("vet after: %+v", v)
		}
		again, err := db.AssertEdges(ctx, ana, []store.EdgeInput{edgeIn("subject:C-2", "subject:C-1", "paid", "case 7")})
		if err != nil || again.Vet != 0 {
			t.Fatalf("nothing added, yet a vet: %+v %v", again, err)
		}
		if n, _ := db.QueuePendingNetworkVets(ctx); n != 0 {
			t.Fatalf("%d vets pending", n)
		}
		rep, err := db.Verify(ctx, 100)
		if err != nil || rep.Finding != nil || len(rep.State.Differences) != 0 {
			t.Fatalf("verify: %v %v %+v", err, rep.Finding, rep.State.Differences)
		}
	})
}

// A network vet is in the audit chain, each step in the transaction of
// its row: the entry that wrote it (which change owed it: its subjects,
// or the edition), and how it ended (done, with the number and digest of
// its alerts; failed for good, with its attempts and error; retried by
// an operator). The trail binds the row: its fixed columns and its state
// rewritten, a row deleted or forged are each a difference that audit
// verify names. Vets written before the binding (no entry) are not
// checked: rows with ids below the first vet an entry wrote.
func TestNetworkVet_Audited(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ana := mustUser(t, db, "ana", auth.RoleAnalyst)
		sue := mustUser(t, db, "sue", auth.RoleSupervisor)
		sam := mustUser(t, db, "sam", auth.RoleScreener)
		mustRecord(t, db, sam, screening("C-1", "Berit Lindqvist"))
		mustRecord(t, db, sam, screening("C-2", "Jonas Ekdahl"))
		// A vet from before the binding: a row without an entry.
		exec(t, db, `INSERT INTO network_vets (kind, subjects, status, actor, created_at) VALUES ('links', '["C-9"]', 'done', 'old', '2026-01-01T00:00:00.000000Z')`)
		if v := mustVerify(t, db); v.Finding != nil || len(v.State.Differences) != 0 {
			t.Fatalf("a vet from before the binding: %v\n%s", v.Finding, diffs(v.State))
		}

		a, err := db.AssertEdges(ctx, ana, []store.EdgeInput{edgeIn("subject:C-1", "us_ofac_sdn/6366", "family_of", "case 7")})
		if err != nil || a.Vet == 0 {
			t.Fatalf("assert: %+v %v", a, err)
		}
		object := "network_vet/" + strconv.FormatInt(a.Vet, 10)
		owed := trailOf(t, db, object)
		if len(owed) != 1 || owed[0].Action != audit.ActionNetworkVetOwed || owed[0].Actor != "ana" ||
			!strings.Contains(string(owed[0].Details), `"kind":"links"`) || !strings.Contains(string(owed[0].Details), `"subjects":1`) {
			t.Fatalf("the entries of the vet written: %+v", owed)
		}
		// The entry is the one after the edge's: same transaction, same time.
		edge := trailOf(t, db, "edge/"+strconv.FormatInt(a.Added[0].ID, 10))
		if len(edge) != 1 || edge[0].Seq+1 != owed[0].Seq || !edge[0].At.Equal(owed[0].At) {
			t.Fatalf("the edge's entry %+v, the vet's %+v", edge, owed)
		}
		path, _ := json.Marshal(map[string]any{"kind": "network", "hops": 1})
		rec := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman")
		if _, err := db.FinishNetworkVet(ctx, store.System, a.Vet, []store.NetworkAlert{{SubjectID: "C-1", Record: rec, Score: 0.9, Path: path}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FinishNetworkVet(ctx, store.System, a.Vet, nil); err != nil { // done already: no entry
			t.Fatal(err)
		}
		done := trailOf(t, db, object)
		if len(done) != 2 || done[1].Action != audit.ActionNetworkVetDone || done[1].Actor != "system" || !strings.Contains(string(done[1].Details), `"alerts":1`) {
			t.Fatalf("the entries of the vet done: %+v", done)
		}

		// A second vet fails for good, then is retried.
		b, err := db.AssertEdges(ctx, ana, []store.EdgeInput{edgeIn("subject:C-2", "subject:C-1", "paid", "case 7")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.NetworkVetFailed(ctx, store.System, b.Vet, 3, "graph unreadable", false); err != nil { // not the last: no entry
			t.Fatal(err)
		}
		if failed, err := db.NetworkVetFailed(ctx, store.System, b.Vet, 10, "graph unreadable", true); err != nil || !failed {
			t.Fatalf("fail: %v %v", failed, err)
		}
		if _, err := db.RetryNetworkVet(ctx, sue, b.Vet); err != nil {
			t.Fatal(err)
		}
		var acts []audit.Action
		for _, e := range trailOf(t, db, "network_vet/"+strconv.FormatInt(b.Vet, 10)) {
			acts = append(acts, e.Action)
		}
		if !slices.Equal(acts, []audit.Action{audit.ActionNetworkVetOwed, audit.ActionNetworkVetFailed, audit.ActionNetworkVetRetry}) {
			t.Fatalf("the second vet's entries: %v", acts)
		}
		v := mustVerify(t, db)
		if v.Finding != nil || len(v.State.Differences) != 0 || len(v.State.UnknownActions) != 0 {
			t.Fatalf("untouched: %v %v\n%s", v.Finding, v.State.UnknownActions, diffs(v.State))
		}

		// Rewritten, deleted, forged.
		id := strconv.FormatInt(a.Vet, 10)
		exec(t, db, `UPDATE network_vets SET status = 'failed' WHERE id = `+id,
			`UPDATE network_vets SET edition = 'forged' WHERE id = `+strconv.FormatInt(b.Vet, 10),
			`UPDATE network_vets SET attempts = 7, error = 'progress' WHERE id = `+strconv.FormatInt(b.Vet, 10), // not bound
			`INSERT INTO network_vets (kind, status, actor, created_at) VALUES ('lists', 'done', 'mallory', 'x')`)
		got := names(mustVerify(t, db).State)
		for _, w := range []string{want(audit.Changed, "network_vets", a.Vet, "status"), want(audit.Changed, "network_vets", b.Vet, "edition"),
			want(audit.Extra, "network_vets", b.Vet+1, "")} {
			if !slices.Contains(got, w) {
				t.Errorf("differences %v lack %q", got, w)
			}
		}
		if len(got) != 3 {
			t.Errorf("differences %v, want the three above", got)
		}
		exec(t, db, `DELETE FROM network_vets WHERE id = `+id)
		if got := names(mustVerify(t, db).State); !slices.Contains(got, want(audit.Missing, "network_vets", a.Vet, "")) {
			t.Errorf("a vet deleted: differences %v", got)
		}
	})
}

// trailOf returns the trail's entries about object, oldest first.
func trailOf(t *testing.T, db *store.DB, object string) []audit.Entry {
	t.Helper()
	rows, err := db.SQL().QueryContext(ctx, `SELECT seq, at, actor, action, object, details FROM audit_log WHERE object = $1 ORDER BY seq`, object)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		var at, details string
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Object, &details); err != nil {
			t.Fatal(err)
		}
		if e.At, err = time.Parse(audit.TimeFormat, at); err != nil {
			t.Fatal(err)
		}
		e.Details = json.RawMessage(details)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
