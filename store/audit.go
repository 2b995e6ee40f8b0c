package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/requestid"
)

// appendAudit queues one entry for the chain; inTx writes the queue just
// before commit (flushAudit), so the chain head stays locked only for the
// end of the transaction however long the transaction is.
func (tx *tx) appendAudit(ctx context.Context, actor auth.Principal, action audit.Action, object string, details any) error {
	return tx.fillAudit(tx.reserveAudit(ctx, actor, action, object), details)
}

// reserveAudit queues an entry whose details fillAudit gives later in the
// transaction. A recorded screening's entry is reserved first so that it
// comes before the merges its hits cause: the replay of the trail then
// meets every alert before any change to it.
//
// The request id ctx carries (requestid.From: the HTTP request that caused
// the entry) goes into the entry's details as request_id, under the hash
// like every other detail.
func (tx *tx) reserveAudit(ctx context.Context, actor auth.Principal, action audit.Action, object string) *audit.Entry {
	e := &audit.Entry{At: tx.now, Actor: actorName(actor), Action: action, Object: object}
	tx.pending = append(tx.pending, e)
	if id := requestid.From(ctx); id != "" {
		if tx.requests == nil {
			tx.requests = map[*audit.Entry]string{}
		}
		tx.requests[e] = id
	}
	return e
}

// fillAudit sets the details of a queued entry, in canonical form.
func (tx *tx) fillAudit(e *audit.Entry, details any) error {
	return fillDetails(e, details, tx.requests[e])
}

// fillDetails sets e's details, in canonical form, with the request id
// (if any) among them.
func fillDetails(e *audit.Entry, details any, requestID string) error {
	raw, err := json.Marshal(details)
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	if requestID != "" {
		raw = withRequestID(raw, requestID)
	}
	if e.Details, err = audit.CanonicalDetails(raw); err != nil {
		return err
	}
	return nil
}

// flushAudit appends the queued entries. Advancing the head row locks it
// until the transaction ends (a row lock on PostgreSQL; SQLite's write
// lock), so appends are serialised across processes.
func (tx *tx) flushAudit(ctx context.Context) error {
	n := int64(len(tx.pending))
	if n == 0 {
		return nil
	}
	var last int64
	var prev string
	err := tx.QueryRowContext(ctx, `UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash`, n).Scan(&last, &prev)
	if err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	rows := make([][]any, len(tx.pending))
	for i, e := range tx.pending {
		if e.Details == nil {
			return fmt.Errorf("audit %s %s: entry reserved but never filled", e.Action, e.Object)
		}
		e.Seq = last - n + 1 + int64(i)
		if err := e.Seal(prev); err != nil {
			return err
		}
		prev = e.Hash
		rows[i] = []any{e.Seq, fmtTime(e.At), e.Actor, string(e.Action), e.Object, string(e.Details), e.PrevHash, e.Hash}
	}
	if err := tx.writeAudit(ctx, rows, prev); err != nil {
		return err
	}
	tx.head = audit.Head{Seq: last, Hash: prev}
	return nil
}

var auditInsert = &bulkInsert{table: "audit_log",
	cols:  []string{"seq", "at", "actor", "action", "object", "details", "prev_hash", "hash"},
	types: []string{"bigint", "text", "text", "text", "text", "text", "text", "text"}}

// writeAudit inserts the entries (bulk.go) and moves the head's hash to
// the last one. The head stays locked until commit, so on PostgreSQL both
// go in one statement (a data-modifying WITH): one round trip while
// every other writer waits. SQLite has no such WITH and no round trips.
func (tx *tx) writeAudit(ctx context.Context, rows [][]any, hash string) error {
	if tx.db.dialect == dialectPostgres {
		args, err := auditInsert.columns(rows)
		if err != nil {
			return err
		}
		q := fmt.Sprintf("WITH appended AS (%s) UPDATE audit_head SET hash = $%d WHERE id = 1", auditInsert.unnest(0), len(args)+1)
		if _, err := tx.ExecContext(ctx, q, append(args, hash)...); err != nil {
			return fmt.Errorf("audit append: %w", err)
		}
		return nil
	}
	if err := tx.insert(ctx, auditInsert, rows, nil); err != nil {
		return fmt.Errorf("audit append: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, hash); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	return nil
}

// withRequestID adds "request_id" to a JSON object's keys (the object's
// own request_id, should it have one, wins: canonical form keeps the last
// of duplicate keys). A value that is not an object is left alone.
func withRequestID(raw []byte, id string) []byte {
	if len(raw) < 2 || raw[0] != '{' {
		return raw
	}
	key, _ := json.Marshal(id)
	out := make([]byte, 0, len(raw)+len(key)+16)
	out = append(out, `{"`+requestid.Key+`":`...)
	out = append(out, key...)
	if !bytes.Equal(raw, []byte("{}")) {
		out = append(out, ',')
	}
	return append(out, raw[1:]...)
}

func actorName(p auth.Principal) string {
	if p.Username == "" {
		return "system"
	}
	return p.Username
}

// System is the actor of work no user asked for (list imports at start).
var System = auth.System()

// Audit appends one entry on its own, for events that change nothing else
// in the store (an ad hoc screening through another path, a list view...).
func (db *DB) Audit(ctx context.Context, actor auth.Principal, action audit.Action, object string, details any) error {
	return db.inTx(ctx, func(tx *tx) error {
		return tx.appendAudit(ctx, actor, action, object, details)
	})
}

// VerifyAudit walks the whole chain in sequence order. It returns the
// first break as a *audit.Finding (nil when the chain is intact) and the
// number of entries checked.
func (db *DB) VerifyAudit(ctx context.Context) (*audit.Finding, int64, error) {
	v := &audit.Verifier{Locate: db.locateAudit(ctx)}
	var headSeq int64
	var headHash string
	if err := db.sql.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return nil, 0, fmt.Errorf("audit head: %w", err)
	}
	var found *audit.Finding
	err := db.scanAudit(ctx, db.sql, `SELECT seq, at, actor, action, object, details, prev_hash, hash FROM audit_log WHERE seq <= $1 ORDER BY seq`,
		[]any{headSeq}, func(e *audit.Entry) (bool, error) {
			f, err := v.Next(e)
			found = f
			return f == nil, err
		})
	if err != nil || found != nil {
		return found, v.Checked(), err
	}
	var beyond int64
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE seq > $1`, headSeq).Scan(&beyond); err != nil {
		return nil, v.Checked(), fmt.Errorf("audit verify: %w", err)
	}
	return v.End(headSeq+beyond, headHash), v.Checked(), nil
}

// locateAudit returns a function that finds the stored entry with a hash
// (nil when none), for audit.Verifier to tell moved entries from altered
// ones. It reads outside any snapshot: entries do not change legitimately.
func (db *DB) locateAudit(ctx context.Context) func(string) (*audit.Entry, error) {
	return func(hash string) (*audit.Entry, error) {
		var found *audit.Entry
		err := db.scanAudit(ctx, db.sql, `SELECT seq, at, actor, action, object, details, prev_hash, hash FROM audit_log WHERE hash = $1 ORDER BY seq LIMIT 1`,
			[]any{hash}, func(e *audit.Entry) (bool, error) {
				found = e
				return false, nil
			})
		return found, err
	}
}

// ExportAudit writes the entries with from <= at < to as JSON Lines, in
// sequence order. A zero from or to leaves that side open.
func (db *DB) ExportAudit(ctx context.Context, w io.Writer, from, to time.Time) (int64, error) {
	lo, hi := "", "9999"
	if !from.IsZero() {
		lo = fmtTime(from)
	}
	if !to.IsZero() {
		hi = fmtTime(to)
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	var n int64
	err := db.scanAudit(ctx, db.sql, `SELECT seq, at, actor, action, object, details, prev_hash, hash FROM audit_log
		WHERE at >= $1 AND at < $2 ORDER BY seq`, []any{lo, hi}, func(e *audit.Entry) (bool, error) {
		n++
		return true, enc.Encode(e)
	})
	if err != nil {
		return n, err
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("audit export: %w", err)
	}
	return n, nil
}

// queryer is a database or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// scanAudit calls fn for each entry the query returns until fn returns false.
func (db *DB) scanAudit(ctx context.Context, q queryer, query string, args []any, fn func(*audit.Entry) (bool, error)) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("audit read: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e audit.Entry
		var at, action, details string
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &action, &e.Object, &details, &e.PrevHash, &e.Hash); err != nil {
			return fmt.Errorf("audit read: %w", err)
		}
		e.At, e.Action, e.Details = parseTime(at), audit.Action(action), json.RawMessage(details)
		more, err := fn(&e)
		if err != nil || !more {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("audit read: %w", err)
	}
	return nil
}

// AuditHead returns the chain's head: the last sequence number written
// and its hash (0 and audit.GenesisHash for an empty chain).
func (db *DB) AuditHead(ctx context.Context) (audit.Head, error) {
	var h audit.Head
	if err := db.sql.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&h.Seq, &h.Hash); err != nil {
		return h, fmt.Errorf("audit head: %w", err)
	}
	return h, nil
}

// CheckAuditAnchor checks that the chain still holds the entry of a head
// kept outside the database, unchanged. Run it after VerifyAudit: with an
// intact chain, a matching anchor proves that entry and all before it.
// This catches what VerifyAudit cannot see from inside the database: the
// last entries deleted and audit_head rewritten to match.
func (db *DB) CheckAuditAnchor(ctx context.Context, want audit.Head) (*audit.Finding, error) {
	var hash string
	err := db.sql.QueryRowContext(ctx, `SELECT hash FROM audit_log WHERE seq = $1`, want.Seq).Scan(&hash)
	found := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("audit anchor: %w", err)
	}
	return audit.CheckAnchor(want, found, hash), nil
}
