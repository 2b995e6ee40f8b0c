package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/review"
)

// The tally counts what counting the alerts counts, whatever changes
// them: screenings, reviews, statements run behind the store's back (the
// triggers see those too), with deltas folded or not; and Verify names a
// tally changed by hand.
func TestAlertTally(t *testing.T) {
	run := func(t *testing.T, dsn, dir string) {
		now := time.Date(2026, 12, 7, 10, 30, 0, 0, time.UTC)
		db, err := Open(context.Background(), dsn, dir, WithClock(func() time.Time { return now }))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		ctx := context.Background()
		sam := auth.Principal{Username: "sam", Roles: []auth.Role{auth.RoleScreener}}
		ana := auth.Principal{Username: "ana", Roles: []auth.Role{auth.RoleAnalyst}}
		sue := auth.Principal{Username: "sue", Roles: []auth.Role{auth.RoleSupervisor}}
		check := func(when string) {
			t.Helper()
			got, err := db.AlertStats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := &AlertStats{ByStatus: map[review.Status]int{}}
			rows, err := db.sql.Query(`SELECT status, COUNT(*) FROM alerts GROUP BY status`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var s string
				var n int
				if err := rows.Scan(&s, &n); err != nil {
					t.Fatal(err)
				}
				want.ByStatus[review.Status(s)] = n
			}
			rows.Close()
			for _, c := range []struct {
				n   *int
				age time.Duration
			}{{&want.OverDay, 24 * time.Hour}, {&want.OverWeek, 7 * 24 * time.Hour}, {&want.OverMonth, 30 * 24 * time.Hour}} {
				if err := db.sql.QueryRow(`SELECT COUNT(*) FROM alerts WHERE status <> 'closed' AND created_at < $1`, fmtTime(now.Add(-c.age))).Scan(c.n); err != nil {
					t.Fatal(err)
				}
			}
			if fmt.Sprint(*got) != fmt.Sprint(*want) {
				t.Fatalf("%s: tally %+v, counting %+v", when, *got, *want)
			}
			v, err := db.Verify(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range v.State.Differences {
				if d.Table == "alert_tally" {
					t.Fatalf("%s: verify: %s", when, d)
				}
			}
		}
		check("empty")
		// Alerts raised on many days (the clock moves back and forth).
		rng := rand.New(rand.NewPCG(3, 4))
		var ids []int64
		for i := range 60 {
			now = time.Date(2026, 12, 7, 10, 30, 0, 0, time.UTC).Add(-time.Duration(rng.IntN(40*24*60)) * time.Minute)
			s := testScreening(fmt.Sprintf("T-%02d", i), "Ayman al Zawahiri", testHit(testRecord("us_ofac_sdn", fmt.Sprint(6000+i%7), "AL-ZAWAHIRI, Ayman"), 0.95))
			r, err := db.RecordScreenings(ctx, sam, []Screening{s})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r[0].Alerts...)
		}
		// Right at a cutoff: a day to the microsecond before the clock.
		now = time.Date(2026, 12, 6, 10, 30, 0, 0, time.UTC)
		r, err := db.RecordScreenings(ctx, sam, []Screening{testScreening("T-edge", "Ayman al Zawahiri", testHit(testRecord("us_ofac_sdn", "7000", "AL-ZAWAHIRI, Ayman"), 0.95))})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r[0].Alerts...)
		now = time.Date(2026, 12, 7, 10, 30, 0, 0, time.UTC)
		check("raised")
		// Reviews: some into review, some closed, one reopened.
		for i, id := range ids[:20] {
			a, err := db.MoveAlert(ctx, ana, AlertChange{AlertID: id, Version: 1}, review.StatusInReview)
			if err != nil {
				t.Fatal(err)
			}
			if i%2 == 0 {
				if a, err = db.DecideAlert(ctx, ana, AlertChange{AlertID: id, Version: a.Version, Reason: "not him"}, review.FalsePositive); err != nil {
					t.Fatal(err)
				}
			}
			if i == 4 {
				if _, err = db.MoveAlert(ctx, sue, AlertChange{AlertID: id, Version: a.Version, Reason: "look again"}, review.StatusInReview); err != nil {
					t.Fatal(err)
				}
			}
		}
		check("reviewed")
		if err := db.foldTally(ctx); err != nil {
			t.Fatal(err)
		}
		check("folded")
		// Behind the store's back: the triggers count these too.
		for _, q := range []string{
			fmt.Sprintf(`UPDATE alerts SET status = 'escalated' WHERE id IN (%d, %d)`, ids[30], ids[31]),
			fmt.Sprintf(`UPDATE alerts SET created_at = '2026-11-01T00:00:00.000000Z' WHERE id = %d`, ids[32]),
			fmt.Sprintf(`DELETE FROM alert_records WHERE alert_id = %d`, ids[33]),
			fmt.Sprintf(`DELETE FROM alerts WHERE id = %d`, ids[33]),
			fmt.Sprintf(`UPDATE alerts SET score = 0.99 WHERE id = %d`, ids[34]),
		} {
			if _, err := db.sql.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		check("changed by hand")
		if err := db.foldTally(ctx); err != nil {
			t.Fatal(err)
		}
		check("folded again")
		// A tally changed by hand shows in Verify.
		var day string
		if err := db.sql.QueryRow(`SELECT MIN(day) FROM alert_tally WHERE status = 'open'`).Scan(&day); err != nil {
			t.Fatal(err)
		}
		if _, err := db.sql.Exec(`UPDATE alert_tally SET n = n + 5 WHERE status = 'open' AND day = $1`, day); err != nil {
			t.Fatal(err)
		}
		v, err := db.Verify(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range v.State.Differences {
			if d.Table == "alert_tally" { // the changes above to alerts show too
				got = append(got, fmt.Sprintf("%s %s/%s %s", d.Problem, d.Table, d.Row, d.Column))
			}
		}
		if want := fmt.Sprintf("%s alert_tally/open/%s n", audit.Changed, day); strings.Join(got, ";") != want {
			t.Fatalf("tally tampered: %q, want %q", got, want)
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, "", t.TempDir()) })
	t.Run("postgres", func(t *testing.T) { run(t, pgtest.DSN(t, "vigil_tally"), "") })
}

// TestFoldTallyConcurrent: on PostgreSQL, folds running at once with
// writers logging deltas fold each delta exactly once: the tally plus
// the deltas left always add up to what was logged.
func TestFoldTallyConcurrent(t *testing.T) {
	dsn := pgtest.DSN(t, "vigil_test")
	ctx := context.Background()
	db, err := Open(ctx, dsn, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const writers, perWriter, folders = 4, 150, 3
	stop := make(chan struct{})
	errs := make(chan error, writers+folders)
	var folding sync.WaitGroup
	for range folders {
		folding.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := db.foldTally(ctx); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var writing sync.WaitGroup
	for w := range writers {
		writing.Go(func() {
			for i := range perWriter {
				n := 1
				if i%3 == 2 {
					n = -1 // a change of status logs -1 for the old one
				}
				day := fmt.Sprintf("2026-12-0%d", 1+(w+i)%3)
				if _, err := db.sql.ExecContext(ctx, `INSERT INTO alert_tally_delta (status, day, n) VALUES ('open', $1, $2)`, day, n); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	writing.Wait()
	close(stop)
	folding.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := db.foldTally(ctx); err != nil {
		t.Fatal(err)
	}
	var got int
	if err := db.sql.QueryRowContext(ctx, `SELECT COALESCE(SUM(n), 0) FROM alert_tally`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	want := writers * (perWriter - 2*(perWriter/3)) // +1 twice and -1 once in three
	if got != want {
		t.Fatalf("tally %d after concurrent folds, want %d", got, want)
	}
}

// TestAlertTallyDownUp: alerts changed while migration 90 is undone (an
// older binary run against the database) are counted once it is applied
// again: the tally is rebuilt from the alerts, not kept from before.
func TestAlertTallyDownUp(t *testing.T) {
	run := func(t *testing.T, dsn, dir string) {
		ctx := context.Background()
		sam := auth.Principal{Username: "sam", Roles: []auth.Role{auth.RoleScreener}}
		db, err := Open(ctx, dsn, dir)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 4 {
			s := testScreening(fmt.Sprintf("D-%d", i), "Ayman al Zawahiri", testHit(testRecord("us_ofac_sdn", fmt.Sprint(6000+i), "AL-ZAWAHIRI, Ayman"), 0.95))
			if _, err := db.RecordScreenings(ctx, sam, []Screening{s}); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		if _, err := MigrateDownTo(ctx, dsn, dir, 89); err != nil {
			t.Fatal(err)
		}
		raw, _, err := connect(ctx, dsn, dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(`UPDATE alerts SET status = 'closed' WHERE id IN (SELECT MIN(id) FROM alerts)`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		if _, err := Migrate(ctx, dsn, dir); err != nil {
			t.Fatal(err)
		}
		db, err = Open(ctx, dsn, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		st, err := db.AlertStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(st.ByStatus); got != "map[closed:1 open:3]" {
			t.Fatalf("tally after down and up: %s, want map[closed:1 open:3]", got)
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, "", t.TempDir()) })
	t.Run("postgres", func(t *testing.T) { run(t, pgtest.DSN(t, "vigil_tally"), "") })
}
