package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Counts read for monitoring (the /metrics endpoint, which reads them at
// most once per its period): cheap GROUP BY queries.

// AlertCounts returns how many alerts are in each status, from the
// tally (tally.go) alone: not the dashboard's AlertStats, whose three
// counts by age read the alerts themselves. Like AlertStats, it folds
// the tally's deltas when they have grown many.
func (db *DB) AlertCounts(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	var deltas int
	err := db.readTx(ctx, func(t *sql.Tx) error {
		rows, n, err := readTally(ctx, t)
		for _, r := range rows {
			out[string(r.status)] += int64(r.n)
		}
		deltas = n
		return err
	})
	if err != nil {
		return nil, err
	}
	if deltas > foldAt {
		if err := db.foldTally(ctx); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// JobCounts returns how many background jobs are in each state
// (available, scheduled, running, retryable, completed, discarded,
// cancelled), all kinds together: the depth of the job queue.
func (db *DB) JobCounts(ctx context.Context) (map[string]int64, error) {
	return db.countBy(ctx, "job counts", `SELECT state, COUNT(*) FROM river_job GROUP BY state`)
}

func (db *DB) countBy(ctx context.Context, what, query string) (map[string]int64, error) {
	rows, err := db.sql.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out[k] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
