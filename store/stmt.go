package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Statements are prepared once per DB and reused in every transaction:
// parsing SQL was 40% of the CPU time of recording screenings on SQLite.
// database/sql keeps one prepared copy per connection; Tx.StmtContext
// reuses it. The *tx methods below shadow *sql.Tx's, so all store code
// goes through the cache.

func (db *DB) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := db.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := db.sql.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if prev, loaded := db.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

func (tx *tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	st, err := tx.db.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return tx.Tx.StmtContext(ctx, st), nil
}

// ExecContext runs a prepared statement in the transaction.
func (tx *tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs a prepared query in the transaction.
func (tx *tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs a prepared single-row query in the transaction.
// A prepare error surfaces from Scan, as with *sql.Tx.
func (tx *tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := tx.stmt(ctx, query)
	if err != nil {
		return tx.Tx.QueryRowContext(ctx, query, args...) // reports the same error
	}
	return st.QueryRowContext(ctx, args...)
}

func (db *DB) closeStmts() {
	db.stmts.Range(func(k, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
}
