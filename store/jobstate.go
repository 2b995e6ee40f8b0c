package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The job queue's state, read from River's table river_job (its schema is
// pinned by migration 20, see migrate_jobs.go).

// JobState is what the job queue holds: how many jobs of each kind are in
// each state, and the latest failures.
type JobState struct {
	Counts   []JobCount   `json:"counts"`
	Failures []JobFailure `json:"recent_failures"`
	// NetworkVets counts the network vets by state (pending, done,
	// failed); FailedNetworkVets are those whose job gave up, each
	// waiting for an operator to retry it.
	NetworkVets       map[string]int64 `json:"network_vets,omitempty"`
	FailedNetworkVets []*NetworkVet    `json:"failed_network_vets,omitempty"`
}

// JobCount is how many jobs of one kind are in one state: available,
// scheduled, running, retryable (failed, to be tried again), completed,
// discarded (failed every attempt) or cancelled.
type JobCount struct {
	Kind  string `json:"kind"`
	State string `json:"state"`
	Count int64  `json:"count"`
}

// JobFailure is a job whose last attempt failed.
type JobFailure struct {
	ID          int64     `json:"id"`
	Kind        string    `json:"kind"`
	State       string    `json:"state"`
	Attempt     int       `json:"attempt"`
	MaxAttempts int       `json:"max_attempts"`
	Args        string    `json:"args"`
	Error       string    `json:"error"`
	AttemptedAt time.Time `json:"attempted_at"`
	// NextAt is when a retryable job is tried again.
	NextAt time.Time `json:"next_at,omitempty"`
}

// JobState returns the counts of jobs by kind and state, and the latest
// limit jobs whose last attempt failed, newest first.
func (db *DB) JobState(ctx context.Context, limit int) (*JobState, error) {
	if limit <= 0 || limit > 1000 {
		limit = 20
	}
	out := &JobState{Counts: []JobCount{}, Failures: []JobFailure{}}
	rows, err := db.sql.QueryContext(ctx, `SELECT kind, state, COUNT(*) FROM river_job GROUP BY kind, state ORDER BY kind, state`)
	if err != nil {
		return nil, fmt.Errorf("job counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c JobCount
		if err := rows.Scan(&c.Kind, &c.State, &c.Count); err != nil {
			return nil, fmt.Errorf("job counts: %w", err)
		}
		out.Counts = append(out.Counts, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("job counts: %w", err)
	}
	out.Failures, err = db.jobFailures(ctx, limit)
	return out, err
}

func (db *DB) jobFailures(ctx context.Context, limit int) ([]JobFailure, error) {
	// The last entry of the errors array: jsonb[] on PostgreSQL, a JSON
	// array in a blob on SQLite.
	q := `SELECT id, kind, state, attempt, max_attempts, json(args), json_extract(errors, '$[#-1].error'), attempted_at, scheduled_at
		FROM river_job WHERE errors IS NOT NULL AND state IN ('retryable', 'discarded', 'available', 'running', 'scheduled')
		ORDER BY attempted_at DESC, id DESC LIMIT $1`
	if db.dialect == dialectPostgres {
		q = `SELECT id, kind, state::text, attempt, max_attempts, args::text, errors[array_length(errors, 1)]->>'error', attempted_at, scheduled_at
			FROM river_job WHERE errors IS NOT NULL AND state IN ('retryable', 'discarded', 'available', 'running', 'scheduled')
			ORDER BY attempted_at DESC NULLS LAST, id DESC LIMIT $1`
	}
	rows, err := db.sql.QueryContext(ctx, q, limit)
	if err != nil {
		return nil, fmt.Errorf("job failures: %w", err)
	}
	defer rows.Close()
	out := []JobFailure{}
	for rows.Next() {
		var f JobFailure
		var msg sql.NullString
		var at, next sql.NullTime
		if err := rows.Scan(&f.ID, &f.Kind, &f.State, &f.Attempt, &f.MaxAttempts, &f.Args, &msg, &at, &next); err != nil {
			return nil, fmt.Errorf("job failures: %w", err)
		}
		f.Error, f.AttemptedAt = msg.String, at.Time.UTC()
		if f.State == "retryable" {
			f.NextAt = next.Time.UTC()
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
