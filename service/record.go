package service

import (
	"context"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/store"
)

// RecordedLimit is how many hits a recorded screening keeps: every hit at
// or above the alert threshold raises an alert, so the limit is set far
// above what any real name reaches (the engine's default is 10).
const RecordedLimit = 1000

// Recorded is what a recorded screening did: the hits, the editions it ran
// against, and what recording it did (the screening id, the alerts
// raised, the open alerts that already covered a hit, the hits remembered
// as false positives).
type Recorded struct {
	SubjectID string `json:"subject_id"`
	*ScreeningResult
	Editions []string    `json:"editions"`
	Hits     []vigil.Hit `json:"hits"`
}

// RecordScreening screens a subject known by the caller's id against every
// list in force at the alert threshold, and records, in one transaction,
// the subject (with its history), the screening, the alerts of the hits at
// or above the threshold and the audit entry. What alerts is the
// service's policy: the caller cannot choose the threshold, the lists or
// the number of hits. A re-sent request with the same idempotency key
// returns the first result and writes nothing.
func (s *Service) RecordScreening(ctx context.Context, p auth.Principal, id string, sub vigil.Subject, idempotencyKey string) (*Recorded, error) {
	db, err := s.store(p, auth.ActionScreen)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(id) == "" || len(id) > 200 {
		return nil, apperr.Field("id", "want a subject id of 1 to 200 bytes")
	}
	sub.ID = id
	l, err := s.inForce()
	if err != nil {
		return nil, err
	}
	opts := vigil.Options{Threshold: s.threshold, Limit: RecordedLimit}
	ticket := db.Announce() // see Screen
	defer ticket.Cancel()
	hits, err := l.Engine.Screen(ctx, sub, opts)
	if err != nil {
		return nil, err
	}
	rec := store.Screening{
		IdempotencyKey: idempotencyKey, SubjectID: id, Subject: sub,
		Editions: editions(l, nil), Threshold: s.threshold, Engine: screen.Version, Hits: withRecords(l.Engine, hits),
	}
	res, err := ticket.Record(ctx, p, rec)
	if err != nil {
		return nil, err
	}
	if !res.Replayed {
		s.observe.Screened("recorded", 1, min(len(hits), 1))
		s.observe.AlertsRaised(len(res.Alerts))
	}
	if hits == nil {
		hits = []vigil.Hit{}
	}
	return &Recorded{SubjectID: id, ScreeningResult: res, Editions: rec.Editions, Hits: hits}, nil
}

// Subject returns a recorded subject with its attribute history and
// screenings; the view is audited.
func (s *Service) Subject(ctx context.Context, p auth.Principal, id string) (*SubjectRecord, error) {
	db, err := s.store(p, auth.ActionViewSubject)
	if err != nil {
		return nil, err
	}
	return db.GetSubject(ctx, p, id)
}
