package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Multi-row INSERTs. Recording a batch of screenings row by row cost five
// statements per subject; enrolment (docs/monitoring.md) writes them a
// table at a time instead:
//
//   - on PostgreSQL, one statement per table for the whole batch: the
//     rows go as one array per column, unnested (INSERT ... SELECT * FROM
//     unnest($1::text[], ...)), so the statement's text is the same for
//     any number of rows and it is prepared once, and the batch costs one
//     round trip per table instead of one per row;
//   - on SQLite (no round trips: the driver runs in the process), chunks
//     of at most sqliteChunk rows of VALUES, with anonymous parameters
//     ("?"): the driver looks up the name of every numbered parameter
//     ("$1") in a list as long as the statement's parameters, so the one
//     INSERT of 1,000 audit entries of 8 columns spent most of its time
//     binding. Chunk sizes are powers of two, so a handful of statement
//     texts serve every batch size.

// sqliteChunk is the most rows of one multi-row INSERT on SQLite.
const sqliteChunk = 64

// bulkInsert is a multi-row INSERT into one table.
type bulkInsert struct {
	table string
	cols  []string
	// types are the columns' PostgreSQL types: "text", "bigint" or
	// "double precision" (the arrays unnest takes).
	types []string
	// suffix follows the rows: ON CONFLICT ..., RETURNING ...
	suffix string
}

// insert writes rows (each len(b.cols) values of the types b.types
// names: string, int64 or float64) and, when scan is not nil, calls it
// for every row the RETURNING clause gives, in no particular order.
func (tx *tx) insert(ctx context.Context, b *bulkInsert, rows [][]any, scan func(*sql.Rows) error) error {
	if len(rows) == 0 {
		return nil
	}
	if tx.db.dialect == dialectPostgres {
		args, err := b.columns(rows)
		if err != nil {
			return err
		}
		return tx.bulkRun(ctx, "insert "+b.table, b.unnest(0), args, scan)
	}
	for len(rows) > 0 {
		n := chunk(len(rows))
		args := make([]any, 0, n*len(b.cols))
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		if err := tx.bulkRun(ctx, "insert "+b.table, b.values(n), args, scan); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// chunk is the number of rows of the next SQLite statement for n rows to
// go: the largest power of two up to n and sqliteChunk.
func chunk(n int) int {
	c := sqliteChunk
	for c > n {
		c /= 2
	}
	return c
}

// bulkRun runs a statement and scans the rows it returns, if scan is not
// nil; errors name what it does.
func (tx *tx) bulkRun(ctx context.Context, what, query string, args []any, scan func(*sql.Rows) error) error {
	if scan == nil {
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// values is the SQLite INSERT of n rows of VALUES, with anonymous
// parameters.
func (b *bulkInsert) values(n int) string {
	var q strings.Builder
	fmt.Fprintf(&q, "INSERT INTO %s (%s) VALUES ", b.table, strings.Join(b.cols, ", "))
	row := "(" + strings.Repeat("?, ", len(b.cols)-1) + "?)"
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(row)
	}
	if b.suffix != "" {
		q.WriteString(" " + b.suffix)
	}
	return q.String()
}

// unnest is the PostgreSQL INSERT of any number of rows given as one
// array per column, its parameters numbered from first+1.
func (b *bulkInsert) unnest(first int) string {
	var q strings.Builder
	fmt.Fprintf(&q, "INSERT INTO %s (%s) SELECT * FROM unnest(", b.table, strings.Join(b.cols, ", "))
	for j, t := range b.types {
		if j > 0 {
			q.WriteString(", ")
		}
		fmt.Fprintf(&q, "$%d::%s[]", first+j+1, t)
	}
	q.WriteByte(')')
	if b.suffix != "" {
		q.WriteString(" " + b.suffix)
	}
	return q.String()
}

// columns turns rows into one typed slice per column, for unnest.
func (b *bulkInsert) columns(rows [][]any) ([]any, error) {
	out := make([]any, len(b.cols))
	for j, t := range b.types {
		var err error
		switch t {
		case "bigint":
			out[j], err = column[int64](rows, j)
		case "double precision":
			out[j], err = column[float64](rows, j)
		default:
			out[j], err = column[string](rows, j)
		}
		if err != nil {
			return nil, fmt.Errorf("insert %s (%s): %w", b.table, b.cols[j], err)
		}
	}
	return out, nil
}

func column[T any](rows [][]any, j int) ([]T, error) {
	c := make([]T, len(rows))
	for i, r := range rows {
		v, ok := r[j].(T)
		if !ok {
			return nil, fmt.Errorf("row %d: %T, want %T", i, r[j], v)
		}
		c[i] = v
	}
	return c, nil
}
