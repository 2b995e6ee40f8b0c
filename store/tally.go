package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/review"
)

// The dashboard's alert counts come from a tally, not from the alerts: at
// 100,000 alerts counting them by state read every entry of an index on
// each view. alert_tally holds the alerts by status and day raised (UTC,
// YYYY-MM-DD); triggers on alerts (migration 90) log every insert, delete
// and change of status as delta rows in alert_tally_delta, in the
// transaction that makes the change, so the tally plus its deltas is
// exact at any snapshot. Deltas are only ever inserted, so writers never
// wait on each other for a counter row (a counter updated in place would
// be held from an alert's change to its commit, and two reviews moving
// alerts of the same day in opposite directions could deadlock). A read
// that finds more than foldAt deltas folds them into the tally (one
// statement on PostgreSQL, so no delta committed meanwhile is lost).
// Verify compares the tally with the alerts (tallyDifferences).

// foldAt is the number of deltas over which a read folds them.
const foldAt = 1000

// AlertStats counts alerts by state, and the alerts not closed by age.
type AlertStats struct {
	ByStatus map[review.Status]int
	// Waiting counts the alerts not closed raised over a day, a week and
	// a month ago (each count includes the older ones).
	OverDay, OverWeek, OverMonth int
}

// waiting are the statuses of alerts not closed.
var waiting = []review.Status{review.StatusOpen, review.StatusInReview, review.StatusEscalated}

// tallyRow is the count of alerts of one status raised on one day.
type tallyRow struct {
	status review.Status
	day    string
	n      int
}

// AlertStats counts the alerts: by status from the tally; by age from the
// tally for the days before the cutoff's and from the alerts raised on
// the cutoff's day before it (one day's range of an index).
func (db *DB) AlertStats(ctx context.Context) (*AlertStats, error) {
	st := &AlertStats{ByStatus: map[review.Status]int{}}
	now := db.now()
	var deltas int
	err := db.readTx(ctx, func(t *sql.Tx) error {
		rows, n, err := readTally(ctx, t)
		if err != nil {
			return err
		}
		deltas = n
		for _, r := range rows {
			st.ByStatus[r.status] += r.n
		}
		for _, c := range []struct {
			n   *int
			age time.Duration
		}{{&st.OverDay, 24 * time.Hour}, {&st.OverWeek, 7 * 24 * time.Hour}, {&st.OverMonth, 30 * 24 * time.Hour}} {
			cut := fmtTime(now.Add(-c.age))
			day := cut[:10]
			for _, r := range rows {
				if r.day < day && isWaiting(r.status) {
					*c.n += r.n
				}
			}
			var part int
			err := t.QueryRowContext(ctx, `SELECT COUNT(*) FROM alerts WHERE status IN ('open', 'in_review', 'escalated')
				AND created_at >= $1 AND created_at < $2`, day, cut).Scan(&part)
			if err != nil {
				return fmt.Errorf("alert stats: %w", err)
			}
			*c.n += part
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if deltas > foldAt {
		if err := db.foldTally(ctx); err != nil {
			return nil, err
		}
	}
	return st, nil
}

func isWaiting(s review.Status) bool {
	for _, w := range waiting {
		if s == w {
			return true
		}
	}
	return false
}

// readTally reads the tally with its deltas added, and how many deltas
// there were.
func readTally(ctx context.Context, t *sql.Tx) ([]tallyRow, int, error) {
	rows, err := t.QueryContext(ctx, `SELECT status, day, SUM(n), SUM(d) FROM (
		SELECT status, day, n, 0 AS d FROM alert_tally UNION ALL SELECT status, day, n, 1 AS d FROM alert_tally_delta) t
		GROUP BY status, day ORDER BY status, day`)
	if err != nil {
		return nil, 0, fmt.Errorf("alert tally: %w", err)
	}
	defer rows.Close()
	var out []tallyRow
	deltas := 0
	for rows.Next() {
		var r tallyRow
		var s string
		var d int
		if err := rows.Scan(&s, &r.day, &r.n, &d); err != nil {
			return nil, 0, fmt.Errorf("alert tally: %w", err)
		}
		r.status, deltas = review.Status(s), deltas+d
		if r.n != 0 {
			out = append(out, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("alert tally: %w", err)
	}
	return out, deltas, nil
}

// foldTally adds the deltas to the tally and deletes them. On PostgreSQL
// one statement does both, so it folds exactly the deltas it deletes
// even as others are committed; two folds at once fold each delta once
// (the second waits for the rows the first deletes, then skips them).
// On SQLite the transaction holds the only write lock.
func (db *DB) foldTally(ctx context.Context) error {
	t, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("fold alert tally: %w", err)
	}
	defer t.Rollback()
	stmts := []string{
		`INSERT INTO alert_tally (status, day, n) SELECT status, day, SUM(n) FROM alert_tally_delta WHERE true GROUP BY status, day
			ON CONFLICT (status, day) DO UPDATE SET n = alert_tally.n + excluded.n`,
		`DELETE FROM alert_tally_delta`,
		`DELETE FROM alert_tally WHERE n = 0`,
	}
	if db.dialect == dialectPostgres {
		stmts[0] = `WITH moved AS (DELETE FROM alert_tally_delta RETURNING status, day, n)
			INSERT INTO alert_tally (status, day, n) SELECT status, day, SUM(n) FROM moved GROUP BY status, day ORDER BY status, day
			ON CONFLICT (status, day) DO UPDATE SET n = alert_tally.n + excluded.n`
		stmts = append(stmts[:1], stmts[2])
	}
	for _, q := range stmts {
		if _, err := t.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("fold alert tally: %w", err)
		}
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("fold alert tally: %w", err)
	}
	return nil
}

// readTx runs fn in a read-only transaction: one snapshot on PostgreSQL
// (repeatable read), SQLite's read transaction.
func (db *DB) readTx(ctx context.Context, fn func(*sql.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect == dialectPostgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	t, err := db.sql.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	defer t.Rollback()
	if err := fn(t); err != nil {
		return err
	}
	return t.Commit()
}

// compareTally reports each status and day whose tally (with its deltas)
// differs from the count of the alerts: the dashboard would show a wrong
// count. The tally is not in the trail; the alerts it counts are.
func compareTally(ctx context.Context, t *sql.Tx, rep *audit.StateReport) error {
	tally, _, err := readTally(ctx, t)
	if err != nil {
		return err
	}
	rows, err := t.QueryContext(ctx, `SELECT status, substr(created_at, 1, 10), COUNT(*) FROM alerts GROUP BY status, substr(created_at, 1, 10)`)
	if err != nil {
		return fmt.Errorf("alert tally: %w", err)
	}
	defer rows.Close()
	counted := map[string]int{}
	for rows.Next() {
		var s, day string
		var n int
		if err := rows.Scan(&s, &day, &n); err != nil {
			return fmt.Errorf("alert tally: %w", err)
		}
		counted[rowKey(s, day)] = n
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("alert tally: %w", err)
	}
	found := map[string]int{}
	for _, r := range tally {
		found[rowKey(string(r.status), r.day)] = r.n
	}
	keys := slices.Sorted(maps.Keys(counted))
	for k := range found {
		if _, ok := counted[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if found[k] != counted[k] {
			rep.Add(audit.Difference{Problem: audit.Changed, Table: "alert_tally", Row: k, Column: "n",
				Found: strconv.Itoa(found[k]), Want: strconv.Itoa(counted[k]) + " (the alerts counted)"})
		}
	}
	return nil
}
