package service

import (
	"context"
	"slices"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/subject"
)

// MaxLimit is the most hits an ad hoc screening may ask for.
const MaxLimit = 100

// Screen screens one subject against the lists in force, ad hoc: when
// there is a database, the audit trail keeps the query, the editions and
// every hit's identity and score, and nothing else is recorded. A
// re-sent request with the same idempotency key returns the first result
// and writes nothing.
func (s *Service) Screen(ctx context.Context, p auth.Principal, sub vigil.Subject, opts vigil.Options, idempotencyKey string) (vigil.Result, error) {
	if err := allow(p, auth.ActionScreen); err != nil {
		return vigil.Result{}, err
	}
	l, opts, err := s.options(opts)
	if err != nil {
		return vigil.Result{}, err
	}
	var ticket *store.Ticket
	if s.db != nil {
		// Announced before screening, so that the store's writer waits
		// for this audit entry and commits it with its neighbours'.
		ticket = s.db.Announce()
		defer ticket.Cancel()
	}
	hits, err := l.Engine.Screen(ctx, sub, opts)
	if err != nil {
		return vigil.Result{}, err
	}
	if s.db != nil {
		rec := s.adHoc(l, opts, sub, hits)
		rec.IdempotencyKey = idempotencyKey
		if _, err := ticket.Record(ctx, p, rec); err != nil {
			return vigil.Result{}, err
		}
	}
	s.observe.Screened("ad_hoc", 1, min(len(hits), 1))
	return vigil.Result{ID: sub.ID, Hits: hits, Warnings: sub.Warnings()}, nil
}

// ScreenBatch screens many subjects ad hoc, in parallel, and returns their
// results in order; a subject the engine refuses gets a result with Error
// set. As with Screen, each screening is audited when there is a
// database.
func (s *Service) ScreenBatch(ctx context.Context, p auth.Principal, subs []vigil.Subject, opts vigil.Options) ([]vigil.Result, error) {
	if err := allow(p, auth.ActionScreen); err != nil {
		return nil, err
	}
	l, opts, err := s.options(opts)
	if err != nil {
		return nil, err
	}
	rows := make([]subject.Row, len(subs))
	for i, sub := range subs {
		rows[i] = subject.Row{Line: i + 1, Subject: sub}
	}
	results := make([]vigil.Result, 0, len(subs))
	var audited []store.Screening
	err = ScreenAll(ctx, l.Engine, opts, s.workers, SliceRows(rows), func(row subject.Row, res vigil.Result) error {
		results = append(results, res)
		if res.Error == "" && s.db != nil {
			audited = append(audited, s.adHoc(l, opts, row.Subject, res.Hits))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for len(audited) > 0 {
		n := min(len(audited), store.MaxBatch)
		if _, err := s.db.RecordScreenings(ctx, p, audited[:n]); err != nil {
			return nil, err
		}
		audited = audited[n:]
	}
	screened, withHits := 0, 0
	for _, r := range results {
		if r.Error == "" {
			screened++
			withHits += min(len(r.Hits), 1)
		}
	}
	s.observe.Screened("batch", screened, withHits)
	return results, nil
}

// ScreenRows screens the rows next returns (a file read by package
// subject), in parallel, and calls emit with each row's result in input
// order. Malformed rows become results with Error set. Nothing is
// recorded or audited: this is screening from files, without a database.
func (s *Service) ScreenRows(ctx context.Context, p auth.Principal, opts vigil.Options, next func() (subject.Row, error), emit func(subject.Row, vigil.Result) error) error {
	if err := allow(p, auth.ActionScreen); err != nil {
		return err
	}
	l, opts, err := s.options(opts)
	if err != nil {
		return err
	}
	return ScreenAll(ctx, l.Engine, opts, s.workers, next, emit)
}

// Compare scores subject b as if it were a listed record against a, with
// the vocabulary of the lists in force.
func (s *Service) Compare(ctx context.Context, p auth.Principal, a, b vigil.Subject) (vigil.Hit, error) {
	if err := allow(p, auth.ActionCompare); err != nil {
		return vigil.Hit{}, err
	}
	l, err := s.inForce()
	if err != nil {
		return vigil.Hit{}, err
	}
	return l.Engine.Compare(ctx, a, b)
}

// options validates the options of an ad hoc screening against the lists
// in force, and fills in the alert threshold when none is given.
func (s *Service) options(opts vigil.Options) (*Lists, vigil.Options, error) {
	l, err := s.inForce()
	if err != nil {
		return nil, opts, err
	}
	opts, err = s.optionsFor(l, opts)
	return l, opts, err
}

// optionsFor validates the options of an ad hoc screening against lists l.
func (s *Service) optionsFor(l *Lists, opts vigil.Options) (vigil.Options, error) {
	if t := opts.Threshold; t < 0 || t > 1 {
		return opts, apperr.Field("threshold", "%g is not in (0, 1]", t)
	}
	if n := opts.Limit; n < 0 || n > MaxLimit {
		return opts, apperr.Field("limit", "%d is not in 1..%d", n, MaxLimit)
	}
	for _, name := range opts.Lists {
		if !slices.ContainsFunc(l.Editions, func(m snapshot.Meta) bool { return m.Source == name }) {
			return opts, apperr.Field("lists", "unknown list %q; see the lists in force (GET /v1/lists)", name)
		}
	}
	if opts.Threshold == 0 {
		opts.Threshold = s.threshold
	}
	return opts, nil
}

// adHoc is the audit record of an ad hoc screening.
func (s *Service) adHoc(l *Lists, opts vigil.Options, sub vigil.Subject, hits []vigil.Hit) store.Screening {
	return store.Screening{Subject: sub, Editions: editions(l, opts.Lists), Threshold: opts.Threshold, Hits: withRecords(l.Engine, hits)}
}

// editions returns the hashes of the snapshots a screening ran against:
// all in force, or those of the lists it was restricted to.
func editions(l *Lists, lists []string) []string {
	out := []string{}
	for _, m := range l.Editions {
		if len(lists) == 0 || slices.Contains(lists, m.Source) {
			out = append(out, m.Hash)
		}
	}
	return out
}

// withRecords attaches to each hit the list record it points to and those
// of its Also (the same identity on other lists), as they are now: an
// alert keeps that version, and false-positive memory compares with it.
func withRecords(eng Engine, hits []vigil.Hit) []store.Hit {
	out := make([]store.Hit, len(hits))
	for i, h := range hits {
		out[i] = store.Hit{Hit: h, Record: eng.Entity(h.List, h.SourceID)}
		for _, ref := range h.Also {
			if e := eng.Entity(ref.List, ref.SourceID); e != nil {
				out[i].AlsoRecords = append(out[i].AlsoRecords, e)
			}
		}
	}
	return out
}
