package store

import (
	"context"
	"fmt"
)

// Counts read for monitoring (the /metrics endpoint): cheap GROUP BY
// queries, read at each scrape.

// AlertCounts returns how many alerts are in each status, from the
// tally (tally.go).
func (db *DB) AlertCounts(ctx context.Context) (map[string]int64, error) {
	st, err := db.AlertStats(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(st.ByStatus))
	for s, n := range st.ByStatus {
		out[string(s)] = int64(n)
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
