package store

import (
	"context"
	"slices"
	"sync/atomic"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
)

// An audited screening need not look its API key up on its own: the
// transaction that records it starts after the request arrived and ends
// before it is answered, so one lookup there, for the whole group of
// screenings it commits, proves as much as a lookup per request did (a
// lookup that started after the request arrived: lookupKey). The request
// is authenticated at once from the row the key's last lookup returned
// (AuthenticateLater) and carries a KeyCheck; the group commit looks the
// group's keys up and records only the screenings whose key's row is
// still the one they were authenticated with. Whatever else answers the
// request first confirms it with a lookup of its own (KeyCheck.Confirm).

// KeyCheck is an authentication that rests on an earlier lookup of the
// key and holds only once confirmed by a lookup that started after the
// request arrived.
type KeyCheck struct {
	db        *DB
	id        string
	row       keyRow
	confirmed atomic.Bool
}

type keyCheckKey struct{}

// WithKeyCheck returns ctx carrying c: a screening recorded with it (the
// group commit) confirms c in the transaction's group.
func WithKeyCheck(ctx context.Context, c *KeyCheck) context.Context {
	if c == nil {
		return ctx
	}
	return context.WithValue(ctx, keyCheckKey{}, c)
}

func keyCheckFrom(ctx context.Context) *KeyCheck {
	c, _ := ctx.Value(keyCheckKey{}).(*KeyCheck)
	return c
}

// AuthenticateLater is Authenticate, but from the row the key's last
// lookup returned when there is one: the principal then holds only once
// the returned check is confirmed (nil: a lookup of its own was made).
func (db *DB) AuthenticateLater(ctx context.Context, apiKey string) (auth.Principal, *KeyCheck, error) {
	if !auth.IsActivation(apiKey) {
		if id, secret, err := auth.ParseKey(apiKey); err == nil {
			if row, ok := db.keys.lastValid(id); ok && auth.SecretMatches(secret, row.hash) {
				return row.principal(), &KeyCheck{db: db, id: id, row: row}, nil
			}
		}
	}
	p, err := db.Authenticate(ctx, apiKey)
	return p, nil, err
}

// Confirm looks the key up (unless the group commit did) and reports
// whether its row is still the one the request was authenticated with.
func (c *KeyCheck) Confirm(ctx context.Context) error {
	if c == nil || c.confirmed.Load() {
		return nil
	}
	return c.settle(c.db.lookupKey(ctx, c.id))
}

// settle compares a lookup that started after the request arrived with
// the row the request was authenticated with.
func (c *KeyCheck) settle(now keyRow) error {
	if now.err != nil {
		return now.err
	}
	if now == c.row {
		c.confirmed.Store(true)
		return nil
	}
	if now.valid() {
		// Still a key, changed (its user's roles, say) since the
		// principal was taken from it: the request may have been allowed
		// on the old roles. It is not answered; sent again, it is
		// authenticated on the new row.
		return apperr.New(apperr.Unavailable, "the API key's user changed while the request ran: send it again")
	}
	return apperr.New(apperr.Unauthorized, "invalid API key")
}

// valid reports whether the row authenticates its key's holder (the
// secret aside).
func (r keyRow) valid() bool {
	return r.err == nil && r.found && !r.disabled && r.revoked == "" && r.kind == keyKindKey
}

func (r keyRow) principal() auth.Principal {
	return auth.Principal{UserID: r.userID, Username: r.username, Roles: splitRoles(r.roles)}
}

// confirmKeys confirms the key checks of the jobs with one lookup per
// key, started now (after every job's request arrived), answers the jobs
// whose check fails and leaves the others in *live.
func (g *groupCommit) confirmKeys(ctx context.Context, live *[]*waiter) {
	var rows map[string]keyRow
	out := (*live)[:0]
	defer func() { *live = out }()
	for _, w := range *live {
		c := w.job.check
		if c == nil || c.confirmed.Load() {
			out = append(out, w)
			continue
		}
		row, ok := rows[c.id]
		if !ok {
			if rows == nil {
				rows = map[string]keyRow{}
			}
			row = g.db.queryKeyNoted(ctx, c.id)
			rows[c.id] = row
		}
		if err := c.settle(row); err != nil {
			w.done <- outcome{err: err}
			continue
		}
		out = append(out, w)
	}
}

// adHocKeys are the key checks of an ad hoc group that its statement
// confirms (adHocAppendKeyed): one per key, as parallel arrays.
type adHocKeys struct {
	checks                                       []*KeyCheck
	ids, usernames, roles, hashes, revoked, kind []string
	users                                        []int64
	disabled                                     []bool
}

// keysOf collects the jobs' key checks not yet confirmed, one per key
// and row: two requests with one key authenticated from different rows
// are both sent, and then both cannot match.
func keysOf(jobs []job) *adHocKeys {
	type idRow struct {
		id  string
		row keyRow
	}
	var k *adHocKeys
	var seen []idRow
	for _, j := range jobs {
		c := j.check
		if c == nil || c.confirmed.Load() {
			continue
		}
		if k == nil {
			k = &adHocKeys{}
		}
		k.checks = append(k.checks, c)
		if slices.Contains(seen, idRow{c.id, c.row}) {
			continue
		}
		seen = append(seen, idRow{c.id, c.row})
		r := c.row
		k.ids, k.usernames, k.roles, k.hashes = append(k.ids, c.id), append(k.usernames, r.username), append(k.roles, r.roles), append(k.hashes, r.hash)
		k.revoked, k.kind, k.users, k.disabled = append(k.revoked, r.revoked), append(k.kind, r.kind), append(k.users, r.userID), append(k.disabled, r.disabled)
	}
	return k
}
