package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/internal/cutproxy"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/requestid"
)

// TestRandomCuts records screenings from 16 goroutines (ad hoc and
// recorded ones, alternately) through a proxy that closes one connection
// at random every few milliseconds, and sorts every request by its
// answer and by what the trail holds of it. It checks, in every round,
// the guarantees: an acknowledged request has its entry in the trail
// once, no request has two, a request that failed for sure has none, and
// the chain verifies. It reports how many requests were answered
// "outcome unknown" (a 503), and how many of those had landed, with the
// check after a lost reply made once (as before its retries) and with
// its retries, alternated in the same run.
//
// A measurement, not a check run by default: VIGIL_RANDOM_CUTS=rounds
// (each round one pass of both), VIGIL_RANDOM_CUTS_SECONDS (per pass,
// default 10), VIGIL_RANDOM_CUTS_GAP (mean time between cuts, default
// 10ms).
func TestRandomCuts(t *testing.T) {
	rounds, _ := strconv.Atoi(os.Getenv("VIGIL_RANDOM_CUTS"))
	if rounds <= 0 {
		t.Skip("a measurement: set VIGIL_RANDOM_CUTS=rounds")
	}
	secs, _ := strconv.Atoi(os.Getenv("VIGIL_RANDOM_CUTS_SECONDS"))
	if secs <= 0 {
		secs = 10
	}
	gap, _ := time.ParseDuration(os.Getenv("VIGIL_RANDOM_CUTS_GAP"))
	if gap <= 0 {
		gap = 10 * time.Millisecond
	}
	u, err := url.Parse(pgtest.DSN(t, "vigil_test"))
	if err != nil {
		t.Fatal(err)
	}
	c := cutproxy.Start(t, u.Host)
	u.Host = c.Addr()
	ctx := context.Background()
	db, err := Open(ctx, u.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	modes := []struct {
		name  string
		retry time.Duration
	}{{"once", 0}, {"retried", defaultLandedRetry}}
	type tally struct{ requests, acked, unknown, unknownLanded, failed, failedLanded int }
	totals := map[string]*tally{}
	for r := range rounds {
		for i := range modes {
			m := modes[(i+r)%2] // A B, B A, ...: neither always first
			db.landedRetry = m.retry
			var retries atomic.Int64
			db.landedTry = func(attempt int) {
				if attempt > 1 {
					retries.Add(1)
				}
			}
			start := time.Now()
			tl := cutRound(t, db, c, fmt.Sprintf("r%d-%s", r, m.name), time.Duration(secs)*time.Second, gap)
			db.landedTry = nil
			t.Logf("round %d %-7s: %5d requests (%4.0f/s), %5d acknowledged, %3d outcome unknown (%d of them in the trail), %3d failed (%d in the trail); %d checks made again: unknown %.2f%%",
				r, m.name, tl.requests, float64(tl.requests)/time.Since(start).Seconds(), tl.acked, tl.unknown, tl.unknownLanded, tl.failed, tl.failedLanded,
				retries.Load(), 100*float64(tl.unknown)/float64(tl.requests))
			if totals[m.name] == nil {
				totals[m.name] = &tally{}
			}
			tot := totals[m.name]
			tot.requests += tl.requests
			tot.acked += tl.acked
			tot.unknown += tl.unknown
			tot.unknownLanded += tl.unknownLanded
			tot.failed += tl.failed
			tot.failedLanded += tl.failedLanded
		}
	}
	for _, m := range modes {
		tot := totals[m.name]
		t.Logf("all %-7s: %6d requests, %3d outcome unknown (%.2f%%, %d in the trail), %d failed",
			m.name, tot.requests, tot.unknown, 100*float64(tot.unknown)/float64(tot.requests), tot.unknownLanded, tot.failed)
	}
}

// cutRound is one pass of TestRandomCuts; it fails the test if a
// guarantee is broken.
func cutRound(t *testing.T, db *DB, c *cutproxy.Proxy, tag string, d time.Duration, gap time.Duration) (tl struct{ requests, acked, unknown, unknownLanded, failed, failedLanded int }) {
	t.Helper()
	ctx := context.Background()
	var from int64
	if err := db.sql.QueryRowContext(ctx, `SELECT seq FROM audit_head WHERE id = 1`).Scan(&from); err != nil {
		t.Fatal(err)
	}
	actor, s, _ := adHocPair()
	type answer struct {
		err error
	}
	var (
		mu      sync.Mutex
		answers = map[string]answer{}
		wg      sync.WaitGroup
	)
	stop := make(chan struct{})
	cutterDone := make(chan struct{})
	go func() {
		defer close(cutterDone)
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Duration(rand.Int64N(2 * int64(gap)))):
				c.CutOne()
			}
		}
	}()
	deadline := time.Now().Add(d)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				id := fmt.Sprintf("cut-%s-%d-%d", tag, g, i)
				sc := *s
				if i%2 == 1 {
					sc.SubjectID = "S-" + id
				}
				_, err := db.RecordScreening(requestid.With(ctx, id), actor, sc)
				mu.Lock()
				answers[id] = answer{err}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(stop)
	<-cutterDone
	// What the trail holds, read once the database can be reached.
	var rows map[string]int
	for try := 0; ; try++ {
		var err error
		if rows, err = requestsInTrail(ctx, db, from); err == nil {
			break
		} else if try == 10 {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for id, a := range answers {
		n := rows[id]
		tl.requests++
		switch {
		case n > 1:
			t.Errorf("%s: %d entries", id, n)
		case a.err == nil:
			tl.acked++
			if n != 1 {
				t.Errorf("%s acknowledged, %d entries", id, n)
			}
		case errors.Is(a.err, errOutcomeUnknown):
			tl.unknown++
			tl.unknownLanded += n
		default:
			tl.failed++
			tl.failedLanded += n
			if n != 0 {
				t.Errorf("%s failed (%v) but has its entry", id, a.err)
			}
		}
	}
	var f *audit.Finding
	var err error
	for try := 0; ; try++ {
		if f, _, err = db.VerifyAudit(ctx); err == nil {
			break
		} else if try == 10 {
			t.Fatal(err)
		}
	}
	if f != nil {
		t.Fatalf("verify: %+v", f)
	}
	return tl
}

// requestsInTrail counts the entries after seq from by request id.
func requestsInTrail(ctx context.Context, db *DB, from int64) (map[string]int, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT details::json->>'request_id' FROM audit_log WHERE seq > $1`, from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id *string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		if id != nil {
			out[*id]++
		}
	}
	return out, rows.Err()
}
