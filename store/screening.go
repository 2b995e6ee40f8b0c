package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/requestid"
	"github.com/vigil-screening/vigil/review"
)

// Screening is one screening to record.
type Screening struct {
	// IdempotencyKey, when set, makes a re-sent request return the first
	// result and write nothing.
	IdempotencyKey string `json:"-"`
	// SubjectID is the caller's external id of the subject. Empty means an
	// ad hoc screening: only the audit entry is written.
	SubjectID string        `json:"subject_id,omitempty"`
	Subject   vigil.Subject `json:"subject"`
	// Editions are the hashes of the snapshots screened against.
	Editions []string `json:"editions"`
	// Threshold is the alert threshold, in (0, 1]: policy the caller
	// hands down (the service's), not the store's.
	Threshold float64 `json:"threshold,omitempty"`
	// Engine names the engine version and rules that screened (see
	// docs/monitoring.md): kept with the screening, so that a change of
	// engine, rules or threshold shows which screenings it concerns.
	Engine string `json:"engine,omitempty"`
	Hits   []Hit  `json:"hits"`
	// AsOf, for an ad hoc screening against the editions in force on a
	// past date (YYYY-MM-DD), names that date in the audit entry.
	AsOf string `json:"as_of,omitempty"`

	// subjectJSON is Subject as json.Marshal writes it, kept by
	// checkScreening so that the audit entry of an ad hoc screening does
	// not encode it again.
	subjectJSON json.RawMessage
}

// Hit is a screening hit with the list record it points to, which is
// attached to any alert it raises.
type Hit struct {
	vigil.Hit
	Record *entity.Entity `json:"record"`
	// AlsoRecords are the records named by Hit.Also, as far as the caller
	// knows them. A record missing here is never taken as unchanged since
	// a false-positive decision, so such a hit alerts again.
	AlsoRecords []*entity.Entity `json:"also_records,omitempty"`
	// Cause, when set, says what made Vigil look again (a listing added
	// or changed in an edition, a full re-screen): it is kept on the
	// alert the hit raises.
	Cause *Cause `json:"cause,omitempty"`
}

// ScreeningResult says what recording a screening did.
type ScreeningResult struct {
	ScreeningID int64 `json:"screening_id,omitempty"` // 0 for ad hoc
	// Alerts are the alerts raised; Existing the open alerts that already
	// covered a hit; Suppressed the hits remembered as false positives.
	Alerts     []int64     `json:"alerts,omitempty"`
	Existing   []int64     `json:"existing,omitempty"`
	Suppressed []vigil.Ref `json:"suppressed,omitempty"`
	// Replayed is true when an idempotency key returned an earlier result.
	Replayed bool `json:"replayed,omitempty"`
}

// MaxBatch is the most screenings RecordScreenings records in one call.
const MaxBatch = 1000

const maxAlso = 100 // records of one identity on other lists

// RecordScreening records one screening in one transaction: the subject
// (created or updated, with history), the screening, its alerts and the
// audit entry. Ad hoc screenings (no SubjectID) write only the audit entry.
//
// Concurrent calls share transactions (see group.go): on PostgreSQL every
// transaction waits for the audit chain's head, so committing many
// screenings at once is what makes throughput. If a shared transaction
// fails, each screening is retried in a transaction of its own, so one
// request's error never fails another's. If ctx ends while the screening
// waits, the caller gets ctx's error although the screening may still be
// committed: retry with the same idempotency key to learn its result.
func (db *DB) RecordScreening(ctx context.Context, actor auth.Principal, s Screening) (*ScreeningResult, error) {
	if err := checkScreening(&s); err != nil {
		return nil, err
	}
	j, err := newJob(ctx, actor, &s, nil)
	if err != nil {
		return nil, err
	}
	return db.group.submit(ctx, j)
}

// RecordScreenings records up to 1000 screenings in one transaction: all
// are written or none. Results are in input order.
func (db *DB) RecordScreenings(ctx context.Context, actor auth.Principal, batch []Screening) ([]*ScreeningResult, error) {
	if len(batch) > MaxBatch {
		return nil, apperr.New(apperr.TooLarge, "at most %d screenings per batch", MaxBatch)
	}
	jobs := make([]job, len(batch))
	for i := range batch {
		if err := checkScreening(&batch[i]); err != nil {
			return nil, fmt.Errorf("screening %d: %w", i, err)
		}
		j, err := newJob(ctx, actor, &batch[i], nil)
		if err != nil {
			return nil, fmt.Errorf("screening %d: %w", i, err)
		}
		jobs[i] = j
	}
	return db.recordJobs(ctx, jobs)
}

// job is one screening to record and who asked for it.
type job struct {
	actor  auth.Principal
	s      *Screening
	ticket *Ticket // its announcement, if any
	// request is the id of the request that asked for the screening: a
	// group commit records the screenings of many requests in one
	// transaction, each audit entry naming its own.
	request string
	// details, when not nil, are the canonical details of the audit
	// entry of an ad hoc screening (adHocEntryDetails), encoded by the
	// caller's goroutine before the job reaches the serial writer.
	details json.RawMessage
	// check, when not nil, is the key check the screening's request
	// carries (WithKeyCheck): the group commit confirms it first.
	check *KeyCheck
}

// adHocEntryDetails returns the canonical details of the audit entry of
// an ad hoc screening: they depend on nothing the transaction learns (an
// ad hoc screening's result is empty), so they can be encoded before it.
//
// It writes them canonical at once (adHocEntry): only the subject, whose
// keys are in no order, is made canonical, not the whole entry again.
// TestAdHocDetailsSameAsMap holds the bytes to those of the map that
// fillDetails makes canonical.
func adHocEntryDetails(s *Screening, requestID string) (json.RawMessage, error) {
	subject := s.subjectJSON
	if subject == nil {
		var err error
		if subject, err = json.Marshal(s.Subject); err != nil {
			return nil, fmt.Errorf("audit %s: %w", audit.ActionScreenAdHoc, err)
		}
	}
	subject, err := audit.CanonicalDetails(subject)
	if err != nil {
		return nil, err
	}
	hits := make([]adHocHit, len(s.Hits))
	for i, h := range s.Hits {
		hits[i] = adHocHit{h.List, h.Score, h.SourceID}
	}
	raw, err := json.Marshal(&adHocEntry{AsOf: s.AsOf, Editions: s.Editions, Hits: hits,
		RequestID: requestID, Subject: subject, Threshold: s.Threshold})
	if err != nil {
		return nil, fmt.Errorf("audit %s: %w", audit.ActionScreenAdHoc, err)
	}
	return raw, nil
}

// adHocEntry is adHocDetails of an ad hoc screening's empty result, every
// object's keys in order (the subject made canonical before), so that
// json.Marshal writes the canonical form itself: its strings and numbers
// are written as CanonicalDetails writes them (by json.Marshal's rules).
type adHocEntry struct {
	Alerts      []int64         `json:"alerts"` // always null
	AsOf        string          `json:"as_of,omitempty"`
	Editions    []string        `json:"editions"`
	Existing    []int64         `json:"existing"` // always null
	Hits        []adHocHit      `json:"hits"`
	RequestID   string          `json:"request_id,omitempty"`
	ScreeningID int64           `json:"screening_id"` // always 0
	Subject     json.RawMessage `json:"subject"`
	Suppressed  []vigil.Ref     `json:"suppressed"` // always null
	Threshold   float64         `json:"threshold"`
}

// adHocHit is hitSummary with its keys in order.
type adHocHit struct {
	List     string  `json:"list"`
	Score    float64 `json:"score"`
	SourceID string  `json:"source_id"`
}

// newJob is the job of a checked screening, with its ad hoc details
// encoded (adHocEntryDetails).
func newJob(ctx context.Context, actor auth.Principal, s *Screening, t *Ticket) (job, error) {
	j := job{actor: actor, s: s, ticket: t, request: requestid.From(ctx), check: keyCheckFrom(ctx)}
	if s.SubjectID == "" {
		var err error
		if j.details, err = adHocEntryDetails(s, j.request); err != nil {
			return j, err
		}
	}
	return j, nil
}

// recordJobs records checked screenings in one transaction.
func (db *DB) recordJobs(ctx context.Context, jobs []job) ([]*ScreeningResult, error) {
	order := recordOrder(jobs)
	out := make([]*ScreeningResult, len(jobs))
	err := db.inTx(ctx, func(tx *tx) error {
		pre, err := tx.prewrite(ctx, jobs, order)
		if err != nil {
			return err
		}
		for _, i := range order {
			jctx := ctx
			if id := jobs[i].request; id != requestid.From(ctx) {
				jctx = requestid.With(ctx, id)
			}
			r, err := db.recordOne(jctx, tx, jobs[i].actor, jobs[i].s, at(pre, i), jobs[i].details)
			if err != nil && len(jobs) > 1 {
				return fmt.Errorf("screening %d: %w", i, err)
			}
			if err != nil {
				return err
			}
			out[i] = r
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// recordOrder is the order to record jobs in: by subject id, so that
// concurrent batches lock subjects in one order and cannot deadlock.
func recordOrder(jobs []job) []int {
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(jobs[a].s.SubjectID, jobs[b].s.SubjectID) })
	return order
}

func checkScreening(s *Screening) error {
	if err := checkText("subject_id", s.SubjectID, 200); err != nil {
		return err
	}
	if err := checkText("idempotency_key", s.IdempotencyKey, 200); err != nil {
		return err
	}
	if s.Threshold <= 0 || s.Threshold > 1 {
		return apperr.Field("threshold", "want a number above 0 and at most 1")
	}
	if err := checkText("engine", s.Engine, 200); err != nil {
		return err
	}
	b, err := json.Marshal(s.Subject)
	if err != nil || len(b) > 64<<10 {
		return apperr.Field("subject", "attributes larger than 64 KiB")
	}
	s.subjectJSON = b
	if len(s.Hits) > 1000 {
		return apperr.Field("hits", "more than 1000 hits")
	}
	for i, h := range s.Hits {
		if h.List == "" || h.SourceID == "" {
			return apperr.Field("hits", "hit %d has no list or source id", i)
		}
		if checkText("hits", h.List, 200) != nil || checkText("hits", h.SourceID, 200) != nil {
			return apperr.Field("hits", "hit %d: list or source id is not short valid UTF-8 text", i)
		}
		if len(h.Also) > maxAlso || len(h.AlsoRecords) > maxAlso {
			return apperr.Field("hits", "hit %d has more than %d other records", i, maxAlso)
		}
		for _, r := range h.Also {
			if r.List == "" || r.SourceID == "" || checkText("hits", r.List, 200) != nil || checkText("hits", r.SourceID, 200) != nil {
				return apperr.Field("hits", "hit %d: an also record has no list or source id, or not short valid UTF-8 text", i)
			}
		}
		if s.SubjectID != "" && h.Score >= s.Threshold && h.Record == nil {
			return apperr.Field("hits", "hit %d (%s/%s) has no list record", i, h.List, h.SourceID)
		}
	}
	return nil
}

// at is pre[i], or nil when pre is.
func at(pre []*prewritten, i int) *prewritten {
	if pre == nil {
		return nil
	}
	return pre[i]
}

// recordOne records one screening in tx. pre, when not nil, is its
// subject and screening rows, written already (prewrite); details, when
// not nil, the audit entry's details of an ad hoc screening
// (adHocEntryDetails).
func (db *DB) recordOne(ctx context.Context, tx *tx, actor auth.Principal, s *Screening, pre *prewritten, details json.RawMessage) (*ScreeningResult, error) {
	var res ScreeningResult
	replay, err := tx.claimKey(ctx, actor, s.IdempotencyKey, "screening", s, &res)
	if err != nil || replay {
		res.Replayed = replay
		return &res, err
	}
	if s.SubjectID == "" {
		e := tx.reserveAudit(ctx, actor, audit.ActionScreenAdHoc, "screening/ad_hoc")
		if details != nil {
			e.Details = details
		} else if e.Details, err = adHocEntryDetails(s, tx.requests[e]); err != nil {
			return nil, err
		}
		return &res, tx.saveResult(ctx, actor, s.IdempotencyKey, &res)
	}
	entry := tx.reserveAudit(ctx, actor, audit.ActionScreenRecord, "subject/"+s.SubjectID)
	var subj *subjectRow
	b := &screeningBind{}
	if pre != nil {
		bind := pre.bind
		subj, res.ScreeningID, b = pre.subj, pre.screeningID, &bind
	} else {
		if subj, err = tx.upsertSubject(ctx, actor, s.SubjectID, s.Subject); err != nil {
			return nil, err
		}
		if res.ScreeningID, err = tx.insertScreening(ctx, actor, subj, s, b); err != nil {
			return nil, err
		}
	}
	var memory review.Memory
	for _, h := range s.Hits {
		if h.Score < s.Threshold {
			continue
		}
		if memory == nil && !subj.isNew {
			if memory, err = tx.fpMemory(ctx, subj.id); err != nil {
				return nil, err
			}
		}
		if err := tx.raiseAlert(ctx, actor, subj, res.ScreeningID, &h, memory, &res, b); err != nil {
			return nil, err
		}
	}
	b.Subject = subj.bind()
	d := screeningDetails(s, &res)
	d["bind"] = b
	if err := tx.fillAudit(entry, d); err != nil {
		return nil, err
	}
	return &res, tx.saveResult(ctx, actor, s.IdempotencyKey, &res)
}

type hitSummary struct {
	List     string  `json:"list"`
	SourceID string  `json:"source_id"`
	Score    float64 `json:"score"`
}

// screeningDetails is what the audit trail keeps of a screening: the
// query, the editions, every hit's identity and score, and the outcome.
func screeningDetails(s *Screening, r *ScreeningResult) map[string]any {
	hits := make([]hitSummary, len(s.Hits))
	for i, h := range s.Hits {
		hits[i] = hitSummary{h.List, h.SourceID, h.Score}
	}
	d := map[string]any{
		"subject": s.Subject, "editions": s.Editions, "threshold": s.Threshold, "hits": hits,
		"screening_id": r.ScreeningID, "alerts": r.Alerts, "existing": r.Existing, "suppressed": r.Suppressed,
	}
	if s.AsOf != "" {
		d["as_of"] = s.AsOf
	}
	return d
}

func (tx *tx) insertScreening(ctx context.Context, actor auth.Principal, subj *subjectRow, s *Screening, b *screeningBind) (int64, error) {
	editions, err := json.Marshal(s.Editions)
	if err != nil {
		return 0, err
	}
	hits, err := json.Marshal(s.Hits)
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO screenings (subject_id, actor, at, editions, threshold, hits, engine)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		subj.id, actorName(actor), fmtTime(tx.now), string(editions), s.Threshold, string(hits), s.Engine).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert screening: %w", err)
	}
	b.Editions, b.Hits, b.Engine = digest(string(editions)), digest(string(hits)), s.Engine
	return id, nil
}

// ScreeningRecord is a stored screening.
type ScreeningRecord struct {
	ID        int64     `json:"id"`
	Actor     string    `json:"actor"`
	At        time.Time `json:"at"`
	Editions  []string  `json:"editions"`
	Threshold float64   `json:"threshold"`
	Engine    string    `json:"engine,omitempty"`
	Hits      []Hit     `json:"hits"`
	Alerts    int       `json:"alerts"` // alerts it raised
}
