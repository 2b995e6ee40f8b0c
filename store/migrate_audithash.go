package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
)

// auditHashIndex is migration 91: audit_log loses the unique index on
// hash. Every entry's hash went into a B-tree in random order, so a
// commit of n entries wrote up to n scattered index pages besides the
// few right-hand pages of the other indexes (on SQLite about half of the
// pages a group commit writes to the WAL and syncs). No query needs it:
// entries are read by seq, at, object, actor or action; only a verify
// that has found a break looks an entry up by hash (locateAudit), once,
// and reads the table for it. The chain does not rest on it either: a
// hash is the SHA-256 of an entry that names its seq, and verify walks
// seq by seq.
//
// PostgreSQL drops the constraint; SQLite cannot drop a UNIQUE column's
// index, so the table is rebuilt without it (one copy of the trail, in
// the migration's transaction: all or nothing).
func auditHashIndex(dialect string) *goose.Migration {
	// The constraint is found by what it is (UNIQUE on hash alone), not
	// by the name PostgreSQL gave it at creation: a database restored or
	// made by hand may name it otherwise.
	up := []string{`DO $$
DECLARE c name;
BEGIN
	FOR c IN SELECT con.conname FROM pg_constraint con
		JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
		WHERE con.conrelid = 'audit_log'::regclass AND con.contype = 'u'
			AND cardinality(con.conkey) = 1 AND a.attname = 'hash'
	LOOP
		EXECUTE format('ALTER TABLE audit_log DROP CONSTRAINT %I', c);
	END LOOP;
END $$`}
	down := []string{`ALTER TABLE audit_log ADD CONSTRAINT audit_log_hash_key UNIQUE (hash)`}
	if dialect == dialectSQLite {
		up = rebuildAuditLog("")
		down = rebuildAuditLog(" UNIQUE")
	}
	run := func(stmts []string) func(context.Context, *sql.Tx) error {
		return func(ctx context.Context, tx *sql.Tx) error {
			for _, s := range stmts {
				if _, err := tx.ExecContext(ctx, s); err != nil {
					return fmt.Errorf("migration 91 (audit hash index): %w", err)
				}
			}
			return nil
		}
	}
	return goose.NewGoMigration(91, &goose.GoFunc{RunTx: run(up)}, &goose.GoFunc{RunTx: run(down)})
}

// rebuildAuditLog is SQLite's way to change a column constraint: a new
// table, the rows copied, the old one dropped, the new one renamed and
// the indexes made again (migrations 1 and 60).
func rebuildAuditLog(hash string) []string {
	return []string{
		`CREATE TABLE audit_log_new (
			seq BIGINT PRIMARY KEY,
			at TEXT NOT NULL,
			actor TEXT NOT NULL,
			action TEXT NOT NULL,
			object TEXT NOT NULL,
			details TEXT NOT NULL,
			prev_hash TEXT NOT NULL,
			hash TEXT NOT NULL` + hash + `
		)`,
		`INSERT INTO audit_log_new (seq, at, actor, action, object, details, prev_hash, hash)
			SELECT seq, at, actor, action, object, details, prev_hash, hash FROM audit_log ORDER BY seq`,
		`DROP TABLE audit_log`,
		`ALTER TABLE audit_log_new RENAME TO audit_log`,
		`CREATE INDEX audit_log_at ON audit_log (at)`,
		`CREATE INDEX audit_log_object ON audit_log (object, seq)`,
		`CREATE INDEX audit_log_actor ON audit_log (actor, seq)`,
		`CREATE INDEX audit_log_action ON audit_log (action, seq)`,
	}
}
