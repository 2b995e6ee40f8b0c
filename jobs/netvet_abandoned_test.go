package jobs_test

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// vetOwed sets up a service over db with the UN list loaded and a network
// vet owed by an edge (written with its job, which nothing has run) and
// returns them.
func vetOwed(t *testing.T, db *store.DB) (*service.Service, int64) {
	t.Helper()
	svc := service.New(service.Config{Store: db, Logger: slog.New(slog.DiscardHandler)})
	if _, err := svc.ImportLists(ctx, operator, testdata.Path(t, "lists", "current", "un-2026-02"), source.Checks{}); err != nil {
		t.Fatal(err)
	}
	if err := svc.LoadStored(ctx); err != nil {
		t.Fatal(err)
	}
	ana := principal(t, db, "ana", auth.RoleAnalyst)
	if _, err := svc.RecordScreening(ctx, ana, "S-1", vigil.Subject{Name: "Berit Lindqvist", Kind: entity.KindPerson}, ""); err != nil {
		t.Fatal(err)
	}
	res, err := db.AssertEdges(ctx, ana, []store.EdgeInput{{From: "subject:S-1", To: "un_sc/111923", Relation: "associate_of",
		Confidence: "1", Source: "case 7"}})
	if err != nil || res.Vet == 0 {
		t.Fatalf("assert: %v (vet %d)", err, res.Vet)
	}
	return svc, res.Vet
}

// vetJob returns the id and state of the latest job of vet.
func vetJob(t *testing.T, db *store.DB, vet int64) (id int64, state string) {
	t.Helper()
	q := `SELECT id, state FROM river_job WHERE kind = 'network_vet' AND json_extract(args, '$.vet_id') = $1 ORDER BY id DESC LIMIT 1`
	if db.Dialect() == "postgres" {
		q = `SELECT id, state::text FROM river_job WHERE kind = 'network_vet' AND (args->>'vet_id')::bigint = $1 ORDER BY id DESC LIMIT 1`
	}
	if err := db.SQL().QueryRowContext(ctx, q, vet).Scan(&id, &state); err != nil {
		t.Fatal(err)
	}
	return id, state
}

// verifyIntact runs vigil audit verify's check and fails on any finding.
func verifyIntact(t *testing.T, db *store.DB) {
	t.Helper()
	ver, err := db.Verify(ctx, 100)
	if err != nil || ver.Finding != nil || len(ver.State.Differences) != 0 || len(ver.State.UnknownActions) != 0 {
		t.Fatalf("verify: %v %v %+v %v", err, ver.Finding, ver.State.Differences, ver.State.UnknownActions)
	}
}

// A network vet whose job is discarded behind Vigil's back (here by hand,
// as River's API or an operator's SQL would; no worker ran) ends failed
// when a server starts, audited as the worker's failures are, instead of
// being queued for ten attempts more; it is retried like any failed vet,
// and the discarded job, no longer its latest, does not fail it again.
// Before, the vet stayed pending and the start queued it again.
func TestNetworkVet_DiscardedBehindOurBack(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		svc, vet := vetOwed(t, db)
		job, _ := vetJob(t, db, vet)
		now := `strftime('%Y-%m-%d %H:%M:%f', 'now')`
		if db.Dialect() == "postgres" {
			now = `now()`
		}
		if _, err := db.SQL().ExecContext(ctx, `UPDATE river_job SET state = 'discarded', attempt = 3, attempted_at = `+now+`, finalized_at = `+now+`
			WHERE id = $1`, job); err != nil {
			t.Fatal(err)
		}
		// What a server's start does.
		if n, err := svc.QueuePendingNetworkVets(ctx, service.System); err != nil || n != 0 {
			t.Fatalf("a start queued %d vets (%v); the vet whose job was discarded is failed, not queued again", n, err)
		}
		v, err := db.NetworkVetByID(ctx, vet)
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != store.NetVetFailed || v.Attempts != 3 || !strings.Contains(v.Error, fmt.Sprintf("job %d was discarded", job)) || v.FinishedAt.IsZero() {
			t.Fatalf("after its job was discarded: %+v", v)
		}
		failed := auditOf(t, db, "network.vet_failed")
		if len(failed) != 1 || failed[0].Object != fmt.Sprintf("network_vet/%d", vet) || !strings.Contains(string(failed[0].Details), `"attempts":3`) {
			t.Fatalf("failure entries: %+v", failed)
		}
		verifyIntact(t, db)
		// Once is enough.
		if ids, err := db.FailAbandonedNetworkVets(ctx); err != nil || len(ids) != 0 {
			t.Fatalf("failed again: %v %v", ids, err)
		}

		// Retried, its new job is its latest: the discarded one fails it
		// no more, and the runner raises its alert.
		sue := principal(t, db, "sue", auth.RoleSupervisor)
		if _, err := svc.RetryNetworkVet(ctx, sue, vet); err != nil {
			t.Fatal(err)
		}
		if ids, err := db.FailAbandonedNetworkVets(ctx); err != nil || len(ids) != 0 {
			t.Fatalf("a retried vet failed by its old job: %v %v", ids, err)
		}
		startRunner(t, jobs.Config{Store: db, Service: svc, Logger: slog.New(slog.DiscardHandler), ReconcileEvery: 20 * time.Millisecond})
		waitFor(t, "the retried vet to be done", func() bool {
			v, err = db.NetworkVetByID(ctx, vet)
			if err != nil {
				t.Fatal(err)
			}
			return v.Status == store.NetVetDone
		})
		if len(v.Alerts) != 1 {
			t.Fatalf("the retried vet: %+v", v)
		}
		if n := len(auditOf(t, db, "network.vet_failed")); n != 1 {
			t.Fatalf("%d failure entries, want 1", n)
		}
		verifyIntact(t, db)
	})
}

// A network vet whose job's process died during its last attempt: the
// job stays running until River's rescuer (of a runner started later)
// takes it for stuck and, its attempts run out, discards it; no worker
// runs, yet the vet ends failed, audited, found by the runner's periodic
// look. Before, it stayed pending.
func TestNetworkVet_RescuedStuckJob(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		svc, vet := vetOwed(t, db)
		job, _ := vetJob(t, db, vet)
		ago := `strftime('%Y-%m-%d %H:%M:%f', 'now', '-2 hours')`
		if db.Dialect() == "postgres" {
			ago = `now() - interval '2 hours'`
		}
		// As the dead process left it: running its last attempt.
		if _, err := db.SQL().ExecContext(ctx, `UPDATE river_job SET state = 'running', attempt = max_attempts, attempted_at = `+ago+`
			WHERE id = $1`, job); err != nil {
			t.Fatal(err)
		}
		startRunner(t, jobs.Config{Store: db, Service: svc, Logger: slog.New(slog.DiscardHandler),
			RescueAfter: 2 * time.Second, ReconcileEvery: 50 * time.Millisecond})
		var v *store.NetworkVet
		waitFor(t, "the vet to fail", func() bool {
			var err error
			if v, err = db.NetworkVetByID(ctx, vet); err != nil {
				t.Fatal(err)
			}
			return v.Status != store.NetVetPending
		})
		if _, state := vetJob(t, db, vet); state != "discarded" {
			t.Fatalf("the stuck job is %s, want discarded by the rescuer", state)
		}
		if v.Status != store.NetVetFailed || v.Attempts != 10 || !strings.Contains(v.Error, "discarded") ||
			!strings.Contains(v.Error, "Stuck job rescued") {
			t.Fatalf("after the rescuer discarded its job: %+v", v)
		}
		if failed := auditOf(t, db, "network.vet_failed"); len(failed) != 1 || failed[0].Object != fmt.Sprintf("network_vet/%d", vet) {
			t.Fatalf("failure entries: %+v", failed)
		}
		verifyIntact(t, db)
	})
}

// Only a pending vet whose latest job was given up is failed: of four
// vets, one whose job was discarded and one whose job was cancelled are
// failed; one whose cancelled job was followed by a new one, and one done
// though its job was discarded, are left as they are.
func TestNetworkVet_AbandonedOnlyLatest(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		svc, first := vetOwed(t, db)
		ana := principal(t, db, "al", auth.RoleAnalyst)
		vets := []int64{first}
		for i, target := range []string{"un_sc/111924", "un_sc/111925", "un_sc/111926"} {
			res, err := db.AssertEdges(ctx, ana, []store.EdgeInput{{From: "subject:S-1", To: target, Relation: "associate_of",
				Confidence: "1", Source: fmt.Sprintf("case %d", 8+i)}})
			if err != nil || res.Vet == 0 {
				t.Fatalf("assert: %v (vet %d)", err, res.Vet)
			}
			vets = append(vets, res.Vet)
		}
		now := `strftime('%Y-%m-%d %H:%M:%f', 'now')`
		if db.Dialect() == "postgres" {
			now = `now()`
		}
		give := func(vet int64, state string) {
			job, _ := vetJob(t, db, vet)
			if _, err := db.SQL().ExecContext(ctx, `UPDATE river_job SET state = '`+state+`', finalized_at = `+now+` WHERE id = $1`, job); err != nil {
				t.Fatal(err)
			}
		}
		give(vets[0], "discarded")
		give(vets[1], "cancelled")
		give(vets[2], "cancelled")
		if err := db.Enqueue(ctx, store.NetworkVetJob{VetID: vets[2]}); err != nil { // a newer job
			t.Fatal(err)
		}
		if _, err := db.FinishNetworkVet(ctx, store.System, vets[3], nil); err != nil {
			t.Fatal(err)
		}
		give(vets[3], "discarded")
		ids, err := svc.FailAbandonedNetworkVets(ctx, service.System)
		if err != nil || len(ids) != 2 || ids[0] != vets[0] || ids[1] != vets[1] {
			t.Fatalf("failed %v (%v), want %v", ids, err, vets[:2])
		}
		for i, want := range []string{store.NetVetFailed, store.NetVetFailed, store.NetVetPending, store.NetVetDone} {
			v, err := db.NetworkVetByID(ctx, vets[i])
			if err != nil || v.Status != want {
				t.Fatalf("vet %d: %+v (%v), want %s", vets[i], v, err, want)
			}
		}
		if v, _ := db.NetworkVetByID(ctx, vets[1]); !strings.Contains(v.Error, "cancelled") {
			t.Fatalf("the error of a vet whose job was cancelled: %q", v.Error)
		}
		if n := len(auditOf(t, db, "network.vet_failed")); n != 2 {
			t.Fatalf("%d failure entries, want 2", n)
		}
		verifyIntact(t, db)
	})
}
