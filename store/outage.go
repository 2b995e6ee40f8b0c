package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"github.com/vigil-screening/vigil/apperr"
)

// Unreachable reports whether err says the database cannot be reached
// or used at all (a connection refused, cut or closed, a server shutting
// down, a SQLite file that cannot be opened, read or written), as
// opposed to a fault of one query. Such an error is an outage: the
// request may succeed once the database is back.
func Unreachable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.Canceled) {
		return false // the caller went away
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // shutdown, cannot connect now
			strings.HasPrefix(pe.Code, "53"): // insufficient resources (disk full, too many connections)
			return true
		}
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case 5, 6, 8, 10, 11, 13, 14, 26: // BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB
			return true
		}
		return false
	}
	if pgconn.Timeout(err) && !errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "sql: database is closed") || strings.Contains(msg, "conn closed")
}

// Outage turns an error that says the database is unreachable into an
// apperr.Unavailable carrying it as the cause; other errors are returned
// unchanged.
func Outage(err error) error {
	if err == nil || apperr.CodeOf(err) != apperr.Internal || !Unreachable(err) {
		return err
	}
	return &apperr.Error{Code: apperr.Unavailable, Message: "the database is unreachable; try again shortly", Err: err}
}

// Ping checks within a few seconds that the database answers a query; it
// returns an apperr.Unavailable naming the cause when it does not.
func (db *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	var one int
	err := db.sql.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
	if err == nil {
		return nil
	}
	return &apperr.Error{Code: apperr.Unavailable, Message: "the database is unreachable", Err: err}
}
