// Package store is Vigil's system of record: list snapshots, subjects and
// screenings, alerts and their review, the audit chain, users and API
// keys. One API, two databases: SQLite (a single file, the default) and
// PostgreSQL (for several processes sharing one database). Both run the
// same SQL through database/sql. Migrations are embedded; Open creates
// the schema of a new database at once, but applies the migrations an
// existing database lacks only when asked (WithMigrate, Migrate): see
// migrate.go.
//
// The store keeps the rules it is given (the four-eyes policy, the alert
// threshold of each screening) and checks no roles: that is the service
// layer's.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
)

const (
	dialectSQLite   = "sqlite"
	dialectPostgres = "postgres"
)

// DB is an open Vigil database. It is safe for concurrent use.
type DB struct {
	sql     *sql.DB
	dialect string
	policy  review.Policy
	now     func() time.Time
	migrate bool     // apply pending migrations at Open
	stmts   sync.Map // query → *sql.Stmt, see stmt.go
	group   *groupCommit
	keys    keyLookups
	linger  time.Duration // see WithLinger
	head    knownHead     // the audit chain's head as last seen, see adhoc.go
	// landedRetry is how long auditLanded makes its check again when the
	// database could not be reached (defaultLandedRetry; 0 checks once).
	landedRetry time.Duration
	// landedHook, when set (by tests), runs as auditLanded has answered;
	// landedTry before each attempt of its check (from 1).
	landedHook func()
	landedTry  func(attempt int)

	newQueue QueueFunc // see WithQueue
	queue    Queue
}

// Option configures Open.
type Option func(*DB)

// WithPolicy sets the four-eyes policy (default review.DefaultPolicy).
func WithPolicy(p review.Policy) Option { return func(db *DB) { db.policy = p } }

// WithMigrate makes Open apply the migrations the database lacks (serve
// --migrate). Without it, Open refuses a database with pending
// migrations (ErrPendingMigrations).
func WithMigrate() Option { return func(db *DB) { db.migrate = true } }

// WithLinger sets how long a writer holding a group of screenings waits
// for screenings announced but still being computed (see group.go;
// default DefaultLinger, 0 never waits).
func WithLinger(d time.Duration) Option { return func(db *DB) { db.linger = d } }

// WithClock sets the clock, for tests.
func WithClock(now func() time.Time) Option { return func(db *DB) { db.now = now } }

// Open opens the database named by dsn: empty means SQLite in
// dataDir/vigil.db, "postgres://..." or "postgresql://..." PostgreSQL. A
// new, empty database gets the schema at once. A database whose schema
// is older than this version of Vigil is refused with
// ErrPendingMigrations unless WithMigrate is given (see Migrate); one
// that is newer is refused too.
func Open(ctx context.Context, dsn, dataDir string, opts ...Option) (*DB, error) {
	db := &DB{policy: review.DefaultPolicy(), now: time.Now, linger: DefaultLinger, landedRetry: defaultLandedRetry}
	for _, o := range opts {
		o(db)
	}
	var err error
	if db.sql, db.dialect, err = connect(ctx, dsn, dataDir); err != nil {
		return nil, err
	}
	if err := checkSchema(ctx, db.sql, db.dialect, db.migrate); err != nil {
		db.sql.Close()
		return nil, err
	}
	if db.newQueue != nil {
		if db.queue, err = db.newQueue(db.sql, db.dialect); err != nil {
			db.sql.Close()
			return nil, fmt.Errorf("job queue: %w", err)
		}
	}
	// SQLite has one writer at a time anyway; PostgreSQL overlaps the
	// work of a few transactions while one holds the audit chain's head.
	writers := 1
	if db.dialect == dialectPostgres {
		writers = 2
	}
	db.group = startGroupCommit(db, writers)
	return db, nil
}

// connect opens and pings the database named by dsn.
func connect(ctx context.Context, dsn, dataDir string) (*sql.DB, string, error) {
	var (
		db      *sql.DB
		dialect string
		err     error
	)
	switch {
	case dsn == "":
		dialect = dialectSQLite
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return nil, "", fmt.Errorf("data folder: %w", err)
		}
		db, err = openSQLite(filepath.Join(dataDir, "vigil.db"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		dialect = dialectPostgres
		db, err = sql.Open("pgx", dsn)
		if err == nil {
			db.SetMaxOpenConns(20)
			db.SetMaxIdleConns(20)
		}
	default:
		return nil, "", apperr.New(apperr.Invalid, "database %q: want empty (SQLite) or a postgres:// URL", redact(dsn))
	}
	if err != nil {
		return nil, "", fmt.Errorf("open database: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, "", fmt.Errorf("open %s database: %w", dialect, err)
	}
	return db, dialect, nil
}

// openSQLite opens the file in WAL mode with a busy timeout. Write
// transactions begin IMMEDIATE, so two writers queue on the lock instead
// of failing when one upgrades a read to a write.
func openSQLite(path string) (*sql.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Statement journals (a multi-row INSERT inside a transaction keeps
	// one, to undo just that statement) in memory, not in a temporary
	// file written page by page: a third of the CPU time of appending
	// audit entries was those writes.
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	// As many idle connections as open ones: database/sql keeps two by
	// default, so under concurrent requests connections were closed and
	// reopened (pragmas, WAL index mapping) for nearly every query.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	return db, nil
}

// redact hides a password in a URL.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparseable)"
	}
	return u.Redacted()
}

// Close closes the database.
func (db *DB) Close() error {
	db.group.stop()
	db.closeStmts()
	return db.sql.Close()
}

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect }

// SQL returns the underlying handle, for tests and maintenance.
func (db *DB) SQL() *sql.DB { return db.sql }

// tx is one transaction with the time fixed at its start.
type tx struct {
	*sql.Tx
	db      *DB
	now     time.Time
	pending []*audit.Entry // audit entries to append before commit
	// requests are the request ids of pending entries written for a
	// request that carried one (see reserveAudit).
	requests map[*audit.Entry]string
	jobs     []Job                     // jobs to enqueue before commit
	hooks    *[]webhookRef             // the enabled webhooks, once read
	records  map[*entity.Entity]string // list records encoded as JSON, see recordJSON
	head     audit.Head                // the chain's head after flushAudit, if it appended
}

// errOutcomeUnknown marks the error of work whose commit failed and of
// which it cannot be told whether it committed all the same: it must not
// be done again (it might then be in the trail twice), nor acknowledged.
var errOutcomeUnknown = errors.New("whether it committed is unknown")

// inTx runs fn in a transaction, committing when fn returns nil.
func (db *DB) inTx(ctx context.Context, fn func(tx *tx) error) error {
	// A request authenticated from its key's last lookup writes nothing
	// before a lookup that started after it arrived confirms the key
	// (store/keycheck.go; the group commit has confirmed its own).
	if err := keyCheckFrom(ctx).Confirm(ctx); err != nil {
		return err
	}
	t, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	x := &tx{Tx: t, db: db, now: db.now().UTC()}
	err = fn(x)
	if err == nil {
		err = x.flushJobs(ctx)
	}
	if err == nil {
		err = x.flushAudit(ctx)
	}
	if err != nil {
		t.Rollback()
		return err
	}
	if err := t.Commit(); err != nil {
		// On PostgreSQL a COMMIT whose reply was lost (the connection
		// dropped) may have committed all the same: retrying the work
		// (the group commit re-records each screening alone) would then
		// write every entry twice. The transaction's last entry says.
		if x.head.Seq == 0 || db.dialect != dialectPostgres {
			return fmt.Errorf("commit: %w", err)
		}
		landed, lerr := db.auditLanded(ctx, x.head, 0)
		if lerr != nil {
			return fmt.Errorf("commit: %w (%w: %w)", err, errOutcomeUnknown, lerr)
		}
		if !landed {
			return fmt.Errorf("commit: %w", err)
		}
	}
	if x.head.Seq > 0 {
		db.head.note(x.head)
	}
	return nil
}

func fmtTime(t time.Time) string { return t.UTC().Format(audit.TimeFormat) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(audit.TimeFormat, s)
	return t
}

// notFound turns sql.ErrNoRows into an apperr.NotFound about what.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.New(apperr.NotFound, format, args...)
	}
	return err
}
