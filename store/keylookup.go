package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// keyRow is what the database says of an API key and its user.
type keyRow struct {
	userID                         int64
	username, roles, hash, revoked string
	kind                           string // keyKindKey, or an unexchanged activation
	disabled, found                bool
	err                            error
}

// keyLookups lets concurrent requests with the same API key share one
// database lookup, without weakening what a lookup proves: a request only
// ever uses a lookup that started after it arrived, so a key revoked (or
// a user disabled) before a request arrives is refused exactly as when
// each request looked its key up alone. Per key id, at most one lookup
// runs; requests arriving meanwhile join the next one, which starts when
// the running one ends. Under load from one client with many connections
// (the usual integration) that turns one query per request into one per
// round of requests.
type keyLookups struct {
	mu   sync.Mutex
	byID map[string]*keyFlights
	// queries counts the lookups that went to the database (KeyQueries).
	queries atomic.Int64
	// valid holds the last row each key's lookup returned, when it
	// authenticated (AuthenticateLater).
	valid map[string]keyRow
}

// maxValidKeys bounds keyLookups.valid: past it, the map starts again.
const maxValidKeys = 4096

// note keeps the row a lookup of key id returned, or forgets the key
// when the row does not authenticate. k.mu must be held.
func (k *keyLookups) note(id string, r keyRow) {
	if !r.valid() {
		delete(k.valid, id)
		return
	}
	if k.valid == nil || len(k.valid) >= maxValidKeys {
		k.valid = map[string]keyRow{}
	}
	k.valid[id] = r
}

// lastValid returns the row the last lookup of key id returned, if it
// authenticated.
func (k *keyLookups) lastValid(id string) (keyRow, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	r, ok := k.valid[id]
	return r, ok
}

// KeyQueries returns how many API-key lookups went to the database: with
// the number of authenticated requests, how far they were shared.
func (db *DB) KeyQueries() int64 { return db.keys.queries.Load() }

type keyFlights struct {
	running, pending *keyLookup
}

type keyLookup struct {
	done chan struct{}
	row  keyRow
}

// lookupKey returns the stored row of key id, from a lookup that started
// after the call.
func (db *DB) lookupKey(ctx context.Context, id string) keyRow {
	k := &db.keys
	k.mu.Lock()
	if k.byID == nil {
		k.byID = map[string]*keyFlights{}
	}
	f := k.byID[id]
	if f == nil {
		f = &keyFlights{}
		k.byID[id] = f
	}
	if b := f.pending; b != nil { // not started yet: join it
		k.mu.Unlock()
		select {
		case <-b.done:
			return b.row
		case <-ctx.Done():
			return keyRow{err: ctx.Err()}
		}
	}
	b := &keyLookup{done: make(chan struct{})}
	prev := f.running
	if prev == nil {
		f.running = b
	} else {
		f.pending = b
	}
	k.mu.Unlock()
	if prev != nil {
		<-prev.done // one lookup's time at most; the joiners wait on b
		k.mu.Lock()
		f.pending, f.running = nil, b
		k.mu.Unlock()
	}
	// The lookup serves every joiner: the leader's cancellation must not
	// fail theirs. On PostgreSQL a time limit keeps a lost connection from
	// holding them all; SQLite has no network, and its readers never wait
	// for a lock in WAL mode, so its lookups get a context that cannot end,
	// for which neither database/sql nor the driver start a watching
	// goroutine per query.
	lctx, cancel := context.WithoutCancel(ctx), context.CancelFunc(func() {})
	if db.dialect == dialectPostgres {
		lctx, cancel = context.WithTimeout(lctx, 30*time.Second)
	}
	k.queries.Add(1)
	b.row = db.queryKey(lctx, id)
	cancel()
	k.mu.Lock()
	k.note(id, b.row)
	f.running = nil
	if f.pending == nil {
		delete(k.byID, id)
	}
	k.mu.Unlock()
	close(b.done)
	return b.row
}

// queryKeyNoted is a lookup of key id that starts now, counted and
// kept as lookupKey's are, for the group commit (confirmKeys): it needs
// a lookup that starts after its jobs arrived, which one already
// running may not have.
func (db *DB) queryKeyNoted(ctx context.Context, id string) keyRow {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	db.keys.queries.Add(1)
	r := db.queryKey(lctx, id)
	db.keys.mu.Lock()
	db.keys.note(id, r)
	db.keys.mu.Unlock()
	return r
}

const keyQuery = `SELECT u.id, u.username, u.roles, u.disabled, k.secret_hash, k.revoked_at, k.kind
	FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.id = $1`

func (db *DB) queryKey(ctx context.Context, id string) keyRow {
	var r keyRow
	st, err := db.prepared(ctx, keyQuery)
	if err != nil {
		r.err = fmt.Errorf("authenticate: %w", err)
		return r
	}
	err = st.QueryRowContext(ctx, id).Scan(&r.userID, &r.username, &r.roles, &r.disabled, &r.hash, &r.revoked, &r.kind)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		r.err = fmt.Errorf("authenticate: %w", err)
	default:
		r.found = true
	}
	return r
}
