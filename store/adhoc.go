package store

import (
	"context"
	"sync"

	"github.com/vigil-screening/vigil"
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
// the statement failed and its entries are not in the trail (adHocLanded).
func (db *DB) recordAdHoc(ctx context.Context, jobs []job) (rs []*ScreeningResult, ok bool) {
	k := &db.head
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.head.Hash == "" {
		return nil, false
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
		if err := fillDetails(e, adHocDetailsOf(j.s, rs[i], j.request), ""); err != nil {
			return nil, false
		}
		if err := e.Seal(prev); err != nil {
			return nil, false
		}
		prev = e.Hash
		seqs[i], ats[i], actors[i], actions[i], objects[i], det[i], ph[i], hs[i] = e.Seq, at, e.Actor, string(e.Action), e.Object, string(e.Details), e.PrevHash, e.Hash
	}
	to := audit.Head{Seq: from.Seq + int64(n), Hash: prev}
	st, err := db.prepared(ctx, adHocAppend)
	if err != nil {
		return nil, false
	}
	var moved, appended int
	err = st.QueryRowContext(ctx, to.Seq, to.Hash, from.Seq, from.Hash, seqs, ats, actors, actions, objects, det, ph, hs).Scan(&moved, &appended)
	if err != nil {
		// The statement commits itself, so an error (a connection lost
		// after the server ran it) does not say that it did not: recording
		// the group again would write every entry twice. Look.
		if landed, lerr := db.adHocLanded(ctx, to); lerr == nil && landed {
			k.head = to
			return rs, true
		}
	}
	if err != nil || moved != 1 || appended != n {
		// Stale (or failed): forget the head; the ordinary transaction
		// that records this group reads the real one and notes it.
		k.head = audit.Head{}
		return nil, false
	}
	k.head = to
	return rs, true
}

// adHocLanded reports whether the entries of an ad hoc group whose
// statement failed were committed after all: whether the last of them,
// to, is in the trail. It first waits for the head's row lock, so that a
// statement still running on the server (its client gone) has committed
// or rolled back before the trail is read. A statement the server had
// not yet begun when the lock was taken escapes this; the group is then
// recorded again (two entries for one screening, the chain intact).
func (db *DB) adHocLanded(ctx context.Context, to audit.Head) (bool, error) {
	t, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer t.Rollback()
	var seq int64
	if err := t.QueryRowContext(ctx, `SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE`).Scan(&seq); err != nil {
		return false, err
	}
	// A statement of its own: under READ COMMITTED it sees what
	// committed while the lock was awaited.
	var landed bool
	if err := t.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit_log WHERE seq = $1 AND hash = $2)`, to.Seq, to.Hash).Scan(&landed); err != nil {
		return false, err
	}
	return landed, t.Commit()
}

// adHocDetails is screeningDetails of an ad hoc screening, with the
// request id, as a struct whose fields are in key order: json.Marshal
// writes it in canonical form already (the same bytes as the map, which
// CanonicalDetails would sort), without building and sorting a map.
// TestAdHocDetailsSameAsMap holds the two to the same bytes.
type adHocDetails struct {
	Alerts      []int64       `json:"alerts"`
	AsOf        string        `json:"as_of,omitempty"`
	Editions    []string      `json:"editions"`
	Existing    []int64       `json:"existing"`
	Hits        []hitSummary  `json:"hits"`
	RequestID   string        `json:"request_id,omitempty"`
	ScreeningID int64         `json:"screening_id"`
	Subject     vigil.Subject `json:"subject"`
	Suppressed  []vigil.Ref   `json:"suppressed"`
	Threshold   float64       `json:"threshold"`
}

func adHocDetailsOf(s *Screening, r *ScreeningResult, requestID string) *adHocDetails {
	hits := make([]hitSummary, len(s.Hits))
	for i, h := range s.Hits {
		hits[i] = hitSummary{h.List, h.SourceID, h.Score}
	}
	return &adHocDetails{
		Alerts: r.Alerts, AsOf: s.AsOf, Editions: s.Editions, Existing: r.Existing, Hits: hits,
		RequestID: requestID, ScreeningID: r.ScreeningID, Subject: s.Subject, Suppressed: r.Suppressed,
		Threshold: s.Threshold,
	}
}
