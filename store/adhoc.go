package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/vigil-screening/vigil/audit"
)

// knownHead is the audit chain's head as this process last saw it commit.
// It is a guess, never trusted: the PostgreSQL ad hoc path (recordAdHoc)
// seals entries after it and commits them only if the head in the
// database is still exactly that one, in the same statement.
type knownHead struct {
	mu   sync.Mutex // held by recordAdHoc from reading the head to committing
	head audit.Head
}

// note records a head that a transaction of this process committed.
func (k *knownHead) note(h audit.Head) {
	k.mu.Lock()
	if h.Seq > k.head.Seq || k.head.Hash == "" {
		k.head = h
	}
	k.mu.Unlock()
}

// adHocAppend appends sealed entries and moves the head from (seq $3,
// hash $4) to (seq $1, hash $2) in one autocommitted statement: if another
// transaction moved the head first (another process, or a transaction of
// this one that is not an ad hoc group), the UPDATE matches no row (under
// READ COMMITTED PostgreSQL re-checks the condition against the row the
// other transaction committed), the INSERT then inserts nothing, and the
// statement reports 0.
const adHocAppend = `WITH moved AS (
	UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1 AND seq = $3 AND hash = $4 RETURNING id
), appended AS (
	INSERT INTO audit_log (seq, at, actor, action, object, details, prev_hash, hash)
	SELECT e.* FROM unnest($5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS e
	WHERE EXISTS (SELECT 1 FROM moved)
	RETURNING 1
)
SELECT (SELECT count(*) FROM moved), (SELECT count(*) FROM appended)`

// adHocAppendKeyed is adHocAppend for a group whose requests were
// authenticated from their keys' last lookups (KeyCheck): it moves the
// head and appends only if every key's row ($13–$20, one element a key)
// is still the one its requests were authenticated with, as read by the
// statement (which starts after every request of the group arrived). Its
// third column is the number of rows that still match.
const adHocAppendKeyed = `WITH keys AS (
	SELECT count(*) AS n
	FROM unnest($13::text[], $14::bigint[], $15::text[], $16::text[], $17::boolean[], $18::text[], $19::text[], $20::text[])
		AS w(id, user_id, username, roles, disabled, hash, revoked, kind)
	JOIN api_keys k ON k.id = w.id AND k.secret_hash = w.hash AND k.revoked_at = w.revoked AND k.kind = w.kind
	JOIN users u ON u.id = k.user_id AND u.id = w.user_id AND u.username = w.username AND u.roles = w.roles AND u.disabled = w.disabled
), moved AS (
	UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1 AND seq = $3 AND hash = $4
		AND (SELECT n FROM keys) = cardinality($13::text[]) RETURNING id
), appended AS (
	INSERT INTO audit_log (seq, at, actor, action, object, details, prev_hash, hash)
	SELECT e.* FROM unnest($5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS e
	WHERE EXISTS (SELECT 1 FROM moved)
	RETURNING 1
)
SELECT (SELECT count(*) FROM moved), (SELECT count(*) FROM appended), (SELECT n FROM keys)`

// adHocOnly reports whether every job is an ad hoc screening without an
// idempotency key: its transaction holds nothing but its audit entry.
func adHocOnly(jobs []job) bool {
	for _, j := range jobs {
		if j.s.SubjectID != "" || j.s.IdempotencyKey != "" {
			return false
		}
	}
	return true
}

// recordAdHoc records a group of ad hoc screenings (adHocOnly) on
// PostgreSQL in one round trip instead of four (BEGIN, the head, the
// append, COMMIT): the entries are sealed after the head this process
// last committed and written by adHocAppend, which commits them only if
// that still is the head. The entries, their hashes and the chain are
// exactly those the transaction of recordJobs writes; as there, nothing
// is acknowledged before the statement has committed. ok is false when
// the caller must record the group the ordinary way: the head is not
// known or has moved (it is then learnt again by that transaction), or
// the statement failed and its entries are not in the trail
// (auditLanded). err is not nil when the statement failed and whether
// it committed cannot be known: the group must then fail, not be
// recorded again.
func (db *DB) recordAdHoc(ctx context.Context, jobs []job) (rs []*ScreeningResult, ok bool, err error) {
	k := &db.head
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.head.Hash == "" {
		return nil, false, nil
	}
	from := k.head
	n := len(jobs)
	var (
		seqs                                       = make([]int64, n)
		ats, actors, actions, objects, det, ph, hs = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	)
	now := db.now().UTC()
	at := fmtTime(now)
	rs = make([]*ScreeningResult, n)
	prev := from.Hash
	for i, j := range jobs {
		rs[i] = &ScreeningResult{}
		e := &audit.Entry{Seq: from.Seq + 1 + int64(i), At: now, Actor: actorName(j.actor), Action: audit.ActionScreenAdHoc, Object: "screening/ad_hoc"}
		e.Details = j.details
		if e.Details == nil {
			var err error
			if e.Details, err = adHocEntryDetails(j.s, j.request); err != nil {
				return nil, false, nil
			}
		}
		if err := e.Seal(prev); err != nil {
			return nil, false, nil
		}
		prev = e.Hash
		seqs[i], ats[i], actors[i], actions[i], objects[i], det[i], ph[i], hs[i] = e.Seq, at, e.Actor, string(e.Action), e.Object, string(e.Details), e.PrevHash, e.Hash
	}
	to := audit.Head{Seq: from.Seq + int64(n), Hash: prev}
	conn, pid, err := db.pgConn(ctx)
	if err != nil {
		return nil, false, nil
	}
	defer conn.Close()
	var moved, appended int
	keys := keysOf(jobs)
	if keys == nil {
		err = conn.QueryRowContext(ctx, adHocAppend, to.Seq, to.Hash, from.Seq, from.Hash, seqs, ats, actors, actions, objects, det, ph, hs).Scan(&moved, &appended)
	} else {
		var matched int
		db.keys.queries.Add(int64(len(keys.ids))) // the statement looks them up
		err = conn.QueryRowContext(ctx, adHocAppendKeyed, to.Seq, to.Hash, from.Seq, from.Hash, seqs, ats, actors, actions, objects, det, ph, hs,
			keys.ids, keys.users, keys.usernames, keys.roles, keys.disabled, keys.hashes, keys.revoked, keys.kind).Scan(&moved, &appended, &matched)
		if err == nil && matched != len(keys.ids) {
			// A key changed: the head has not moved (it is still known);
			// the ordinary path looks the keys up and answers each job.
			return nil, false, nil
		}
	}
	confirm := func() {
		if keys != nil {
			for _, c := range keys.checks {
				c.confirmed.Store(true)
			}
		}
	}
	var pgErr *pgconn.PgError
	if err != nil && !errors.As(err, &pgErr) {
		// The statement commits itself, so an error that is not the
		// server's answer (a connection lost after the server ran it)
		// does not say that it did not: recording the group again would
		// write every entry twice. Look, once its backend can no longer
		// run it. (An error the server sent ended the statement: nothing
		// was written, and its connection is left alone.)
		if landed, lerr := db.auditLanded(ctx, to, pid); lerr != nil || landed {
			if landed { // and so its keys were confirmed
				k.head = to
				confirm()
				return rs, true, nil
			}
			// Not known: recording the group again could write it twice,
			// so it fails (nothing is acknowledged).
			k.head = audit.Head{}
			return nil, false, fmt.Errorf("audit: ad hoc group: %w (%w: %w)", err, errOutcomeUnknown, lerr)
		}
	}
	if err != nil || moved != 1 || appended != n {
		// Stale (or failed): forget the head; the ordinary transaction
		// that records this group reads the real one and notes it.
		k.head = audit.Head{}
		return nil, false, nil
	}
	k.head = to
	confirm()
	return rs, true, nil
}

// pgConn takes a connection of the pool and the PID of its PostgreSQL
// backend (0 if the driver does not tell it).
func (db *DB) pgConn(ctx context.Context) (*sql.Conn, uint32, error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, 0, err
	}
	var pid uint32
	err = conn.Raw(func(dc any) error {
		if c, ok := dc.(interface{ Conn() *pgx.Conn }); ok {
			pid = c.Conn().PgConn().PID()
		}
		return nil
	})
	if err != nil {
		conn.Close()
		return nil, 0, err
	}
	return conn, pid, nil
}

// auditLanded reports whether the entries of a transaction or an ad hoc
// statement whose commit failed (as far as the client knows) were
// committed after all: whether the last of them, to, is in the trail.
//
// The answer must not change after it is given, or a group recorded
// again because of it would be in the trail twice. So it first makes
// sure that the work that failed can no longer commit:
//   - a transaction holds the head's row lock from its append to its
//     end (flushAudit), so waiting for that lock waits until it has
//     committed or rolled back;
//   - an ad hoc statement (recordAdHoc) holds nothing before it runs: if
//     its bytes were still on their way, the server could run it after
//     the lock was free. Its backend (pid, when not 0) is therefore
//     terminated, and the check waits until it is gone: a backend that
//     has ended commits nothing more.
//
// Then it reads the trail, in a statement of its own so that under READ
// COMMITTED it sees what committed meanwhile.
//
// The connection that lost the reply was often lost with others (a
// network cut, a proxy or a server restarting its connections), so the
// check's own connection may be lost too. A check that fails because the
// database could not be reached (Unreachable) is therefore made again,
// whole, after 10 ms, then waits doubling up to 400 ms, for about
// db.landedRetry in all (a second: eight attempts; a first retry soon,
// as the ad hoc path holds the head, and the next group, meanwhile):
// making it again is safe, as every attempt first makes sure
// the failed work can no longer commit (the backend ended stays ended,
// the lock is waited for again) and reads the trail only then. Only a
// check that ran to its end answers; past the budget, or on any other
// error, the outcome stays unknown.
func (db *DB) auditLanded(ctx context.Context, to audit.Head, pid uint32) (bool, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), landedTimeout)
	defer cancel()
	start := time.Now()
	wait := landedRetryFirst
	for attempt := 1; ; attempt++ {
		if db.landedTry != nil {
			db.landedTry(attempt)
		}
		landed, err := db.lookLanded(ctx, to, pid)
		if err == nil {
			if db.landedHook != nil {
				db.landedHook()
			}
			return landed, nil
		}
		if ctx.Err() != nil || !Unreachable(err) || time.Since(start) >= db.landedRetry {
			return false, fmt.Errorf("audit: look for entry %d (%d attempts in %v): %w", to.Seq, attempt, time.Since(start).Round(time.Millisecond), err)
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return false, fmt.Errorf("audit: look for entry %d (%d attempts): %w", to.Seq, attempt, err)
		}
		wait = min(2*wait, landedRetryCap)
	}
}

// lookLanded is one attempt of auditLanded.
func (db *DB) lookLanded(ctx context.Context, to audit.Head, pid uint32) (bool, error) {
	if pid != 0 {
		if err := db.endBackend(ctx, pid); err != nil {
			return false, err
		}
	}
	t, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer t.Rollback()
	var seq int64
	if err := t.QueryRowContext(ctx, `SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE`).Scan(&seq); err != nil {
		return false, err
	}
	var landed bool
	if err := t.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit_log WHERE seq = $1 AND hash = $2)`, to.Seq, to.Hash).Scan(&landed); err != nil {
		return false, err
	}
	if err := t.Commit(); err != nil {
		return false, err
	}
	return landed, nil
}

// landedTimeout bounds auditLanded: past it the work is reported as
// failed and not recorded again (its callers see an error, which never
// acknowledges anything).
const landedTimeout = 30 * time.Second

// defaultLandedRetry is how long auditLanded goes on making again a check
// whose connection was lost (DB.landedRetry), its waits doubling from
// landedRetryFirst up to landedRetryCap.
const (
	defaultLandedRetry = time.Second
	landedRetryFirst   = 10 * time.Millisecond
	landedRetryCap     = 400 * time.Millisecond
)

// endBackend terminates the PostgreSQL backend pid (a connection of this
// store whose statement's outcome is unknown) and waits until it has
// ended. (A pid is only reused once the kernel's pid counter wraps, far
// beyond the seconds this takes.)
func (db *DB) endBackend(ctx context.Context, pid uint32) error {
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		var alive bool
		// Only a backend of this database and this role: behind a
		// connection pooler the pid may name another client's backend,
		// which must never be ended (docs/storage.md: connect directly).
		err := db.sql.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
			WHERE pid = $1 AND datname = current_database() AND usename = current_user)`, int64(pid)).Scan(&alive)
		if err != nil {
			return fmt.Errorf("audit: end backend %d: %w", pid, err)
		}
		if !alive {
			return nil
		}
		if _, err := db.sql.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE pid = $1 AND datname = current_database() AND usename = current_user`, int64(pid)); err != nil {
			return fmt.Errorf("audit: end backend %d: %w", pid, err)
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return fmt.Errorf("audit: end backend %d: %w", pid, ctx.Err())
		}
	}
}
