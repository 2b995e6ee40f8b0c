package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// The job queue is River's (package jobs); its tables are part of
// Vigil's schema, created by Vigil's migrations like every other table,
// so that `vigil db status` counts them and Open refuses a database that
// lacks them.
//
// Migration 20 applies River's own migrations of its "main" line up to
// riverSchemaVersion, the version the River release in go.mod needs. A
// later release of River that adds migrations gets a Vigil migration of
// its own that raises the target: the version stays pinned, so upgrading
// the module never changes the schema unseen. River runs each of its
// migrations in a transaction of its own (one of them adds an enum value
// on PostgreSQL that the next uses, which one transaction cannot do), so
// this migration runs outside goose's transaction; River records what it
// applied in its table river_migration, and running it again after a crash
// applies only the rest.
const riverSchemaVersion = 8

func jobQueueSchema(dialect string) *goose.Migration {
	up := func(ctx context.Context, db *sql.DB) error {
		m, err := riverMigrator(db, dialect)
		if err != nil {
			return err
		}
		if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, &rivermigrate.MigrateOpts{TargetVersion: riverSchemaVersion}); err != nil {
			return fmt.Errorf("migration 20 (job queue): %w", err)
		}
		return nil
	}
	down := func(ctx context.Context, db *sql.DB) error {
		m, err := riverMigrator(db, dialect)
		if err != nil {
			return err
		}
		_, err = m.Migrate(ctx, rivermigrate.DirectionDown, &rivermigrate.MigrateOpts{TargetVersion: -1})
		return err
	}
	return goose.NewGoMigration(20, &goose.GoFunc{RunDB: up}, &goose.GoFunc{RunDB: down})
}

func riverMigrator(db *sql.DB, dialect string) (*rivermigrate.Migrator[*sql.Tx], error) {
	var drv riverdriver.Driver[*sql.Tx]
	if dialect == dialectPostgres {
		drv = riverdatabasesql.New(db)
	} else {
		drv = riversqlite.New(db)
	}
	return rivermigrate.New(drv, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
}
