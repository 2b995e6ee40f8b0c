package store_test

import (
	"encoding/json"
	"slices"
	"sync"
	"testing"

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
