package jobs_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/jobs"
)

// Stop does not wait for a look for abandoned network vets held up in
// the database (here a vet's row locked by another transaction) past its
// grace: the look is cancelled. Before, Stop waited for it as long as
// the lock was held (up to its own 30 s limit), whatever the grace.
func TestRunnerStopCancelsReconcile(t *testing.T) {
	db := openDB(t, pgtest.DSN(t, "vigil_jobs"), "")
	svc, vet := vetOwed(t, db)
	job, _ := vetJob(t, db, vet)
	if _, err := db.SQL().ExecContext(ctx, `UPDATE river_job SET state = 'discarded', finalized_at = now() WHERE id = $1`, job); err != nil {
		t.Fatal(err)
	}
	lock, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback()
	if _, err := lock.ExecContext(ctx, `UPDATE network_vets SET error = error WHERE id = $1`, vet); err != nil {
		t.Fatal(err)
	}
	r, err := jobs.New(jobs.Config{Store: db, Service: svc, Logger: slog.New(slog.DiscardHandler), PollInterval: 50 * time.Millisecond,
		ReconcileEvery: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the look to wait for the vet's lock", func() bool {
		var n int
		if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE network_vets%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	})
	stopped := make(chan error, 1)
	start := time.Now()
	go func() { stopped <- r.Stop(200 * time.Millisecond) }()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		lock.Rollback()
		<-stopped
		t.Fatalf("Stop(200ms) waited %v for the look to get the lock", time.Since(start))
	}
}
