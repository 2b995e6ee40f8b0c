package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
)

// alertTallySchema is migration 90, in Go because its triggers are
// written differently on each database: the tally of alerts by status
// and day raised (alert_tally, see tally.go), filled from the alerts
// there are, and kept by triggers on alerts that log every change of
// status or creation day as a delta row (alert_tally_delta) in the
// transaction that makes it, whichever code or statement does.
func alertTallySchema(dialect string) *goose.Migration {
	id := typesFor[dialect].ID
	up := []string{
		`CREATE TABLE alert_tally (
			status TEXT NOT NULL,
			day TEXT NOT NULL,
			n BIGINT NOT NULL,
			PRIMARY KEY (status, day)
		)`,
		`CREATE TABLE alert_tally_delta (
			id ` + id + `,
			status TEXT NOT NULL,
			day TEXT NOT NULL,
			n BIGINT NOT NULL
		)`,
		`INSERT INTO alert_tally (status, day, n)
			SELECT status, substr(created_at, 1, 10), COUNT(*) FROM alerts GROUP BY status, substr(created_at, 1, 10)`,
	}
	down := []string{`DROP TABLE alert_tally_delta`, `DROP TABLE alert_tally`}
	if dialect == dialectPostgres {
		up = append(up,
			`CREATE FUNCTION alert_tally_log() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND substr(OLD.created_at, 1, 10) = substr(NEW.created_at, 1, 10) THEN
					RETURN NULL;
				END IF;
				IF TG_OP IN ('UPDATE', 'DELETE') THEN
					INSERT INTO alert_tally_delta (status, day, n) VALUES (OLD.status, substr(OLD.created_at, 1, 10), -1);
				END IF;
				IF TG_OP IN ('UPDATE', 'INSERT') THEN
					INSERT INTO alert_tally_delta (status, day, n) VALUES (NEW.status, substr(NEW.created_at, 1, 10), 1);
				END IF;
				RETURN NULL;
			END $$`,
			`CREATE TRIGGER alert_tally_log AFTER INSERT OR DELETE OR UPDATE OF status, created_at ON alerts
				FOR EACH ROW EXECUTE FUNCTION alert_tally_log()`,
			// Truncating alerts (tests, maintenance) leaves no row to count.
			`CREATE FUNCTION alert_tally_clear() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				DELETE FROM alert_tally;
				DELETE FROM alert_tally_delta;
				RETURN NULL;
			END $$`,
			`CREATE TRIGGER alert_tally_clear AFTER TRUNCATE ON alerts FOR EACH STATEMENT EXECUTE FUNCTION alert_tally_clear()`,
		)
		down = append([]string{`DROP TRIGGER alert_tally_clear ON alerts`, `DROP FUNCTION alert_tally_clear()`,
			`DROP TRIGGER alert_tally_log ON alerts`, `DROP FUNCTION alert_tally_log()`}, down...)
	} else {
		up = append(up,
			`CREATE TRIGGER alert_tally_insert AFTER INSERT ON alerts BEGIN
				INSERT INTO alert_tally_delta (status, day, n) VALUES (NEW.status, substr(NEW.created_at, 1, 10), 1);
			END`,
			`CREATE TRIGGER alert_tally_delete AFTER DELETE ON alerts BEGIN
				INSERT INTO alert_tally_delta (status, day, n) VALUES (OLD.status, substr(OLD.created_at, 1, 10), -1);
			END`,
			`CREATE TRIGGER alert_tally_update AFTER UPDATE OF status, created_at ON alerts
				WHEN OLD.status <> NEW.status OR substr(OLD.created_at, 1, 10) <> substr(NEW.created_at, 1, 10) BEGIN
				INSERT INTO alert_tally_delta (status, day, n) VALUES (OLD.status, substr(OLD.created_at, 1, 10), -1);
				INSERT INTO alert_tally_delta (status, day, n) VALUES (NEW.status, substr(NEW.created_at, 1, 10), 1);
			END`,
		)
		down = append([]string{`DROP TRIGGER alert_tally_update`, `DROP TRIGGER alert_tally_delete`, `DROP TRIGGER alert_tally_insert`}, down...)
	}
	run := func(stmts []string) func(context.Context, *sql.Tx) error {
		return func(ctx context.Context, tx *sql.Tx) error {
			for _, s := range stmts {
				if _, err := tx.ExecContext(ctx, s); err != nil {
					return fmt.Errorf("migration 90 (alert tally): %w", err)
				}
			}
			return nil
		}
	}
	return goose.NewGoMigration(90, &goose.GoFunc{RunTx: run(up)}, &goose.GoFunc{RunTx: run(down)})
}
