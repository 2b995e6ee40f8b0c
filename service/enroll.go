package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/subject"
)

// Enrolment: recording a population of subjects in bulk (vigil subjects
// import, POST /v1/subjects/batch). Each subject is screened as it is
// recorded, like a recorded screening, and is monitored from then on.
// Enrolment is idempotent on the subject's external id: a subject
// recorded before with the same attributes is skipped (not screened
// again: monitoring keeps it current); one whose attributes changed is
// screened and recorded again, with its history. Writes are batched:
// store.MaxBatch screenings per transaction, written while the next batch
// is screened.

// EnrollRowError is a row that could not be enrolled.
type EnrollRowError struct {
	Line  int    `json:"line"`
	ID    string `json:"id,omitempty"`
	Error string `json:"error"`
}

// EnrollSummary is what an enrolment did, so far or in all.
type EnrollSummary struct {
	Read      int `json:"read"`
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Invalid   int `json:"invalid"`
	Alerts    int `json:"alerts"`
	// Errors are the first 100 rows that could not be enrolled.
	Errors  []EnrollRowError `json:"errors,omitempty"`
	Seconds float64          `json:"seconds"`
}

const maxEnrollErrors = 100

func (s *EnrollSummary) fail(line int, id, msg string) {
	s.Invalid++
	if len(s.Errors) < maxEnrollErrors {
		s.Errors = append(s.Errors, EnrollRowError{Line: line, ID: id, Error: msg})
	}
}

// EnrollSubjects records and screens the subjects next returns (io.EOF at
// the end), in batches, and calls progress (when not nil) after each
// batch is written. A row without an id, or malformed, is counted as
// invalid and reported; it does not stop the rest. Any other error (the
// database, the engine) stops the enrolment: the batches written before
// it stay, and enrolling the same file again goes on where it stopped.
func (s *Service) EnrollSubjects(ctx context.Context, p auth.Principal, next func() (subject.Row, error), progress func(EnrollSummary)) (*EnrollSummary, error) {
	db, err := s.store(p, auth.ActionScreen)
	if err != nil {
		return nil, err
	}
	l, err := s.inForce()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	sum := &EnrollSummary{}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The writer records batches while the next is screened.
	type batch struct {
		recs    []store.Screening
		created int
	}
	writes := make(chan batch, 1)
	werr := make(chan error, 1)
	go func() {
		defer close(werr)
		for b := range writes {
			res, err := db.RecordScreenings(ctx, p, b.recs)
			if err != nil {
				werr <- err
				cancel()
				for range writes { // let the reader finish
				}
				return
			}
			for _, r := range res {
				sum.Alerts += len(r.Alerts)
			}
			if progress != nil {
				progress(sum.snapshot(start))
			}
		}
	}()
	var readErr error
	eds := editions(l, nil)
	opts := vigil.Options{Threshold: s.threshold, Limit: RecordedLimit}
	for readErr == nil {
		rows := make([]subject.Row, 0, store.MaxBatch)
		for len(rows) < store.MaxBatch {
			row, err := next()
			if errors.Is(err, io.EOF) {
				readErr = io.EOF
				break
			}
			if err != nil {
				readErr = err
				break
			}
			rows = append(rows, row)
		}
		if len(rows) == 0 {
			break
		}
		recs, err := s.enrollBatch(ctx, db, l, eds, opts, rows, sum)
		if err != nil {
			readErr = err
			break
		}
		if len(recs) > 0 {
			select {
			case writes <- batch{recs: recs}:
			case <-ctx.Done():
				readErr = ctx.Err()
			}
		}
	}
	close(writes)
	if err := <-werr; err != nil {
		return sum, fmt.Errorf("enrolment stopped after %d rows (what was written before stays; enrol the same input again to go on): %w", sum.Read, err)
	}
	if readErr != nil && !errors.Is(readErr, io.EOF) {
		return sum, fmt.Errorf("enrolment stopped after %d rows (what was written before stays): %w", sum.Read, readErr)
	}
	*sum = sum.snapshot(start)
	return sum, nil
}

func (s EnrollSummary) snapshot(start time.Time) EnrollSummary {
	s.Seconds = time.Since(start).Seconds()
	s.Errors = append([]EnrollRowError(nil), s.Errors...)
	return s
}

// enrollBatch sorts out one batch: invalid rows, subjects recorded before
// with the same attributes, and the rest screened in parallel into
// screenings to record.
func (s *Service) enrollBatch(ctx context.Context, db *store.DB, l *Lists, eds []string, opts vigil.Options, rows []subject.Row, sum *EnrollSummary) ([]store.Screening, error) {
	sum.Read += len(rows)
	ids := make([]string, 0, len(rows))
	valid := rows[:0:0]
	seen := map[string]bool{}
	for _, r := range rows {
		id := strings.TrimSpace(r.Subject.ID)
		switch {
		case r.Err != nil:
			sum.fail(r.Line, id, r.Err.Error())
		case id == "" || r.NoID:
			sum.fail(r.Line, "", "no id: every enrolled subject needs the caller's id (column id)")
		case len(id) > 200:
			sum.fail(r.Line, "", "id longer than 200 bytes")
		case seen[id]:
			sum.fail(r.Line, id, "id given twice in one batch of the input")
		default:
			seen[id] = true
			r.Subject.ID = id
			valid = append(valid, r)
			ids = append(ids, id)
		}
	}
	known, err := db.SubjectFingerprints(ctx, ids)
	if err != nil {
		return nil, err
	}
	todo := valid[:0:0]
	for _, r := range valid {
		fp, ok := known[r.Subject.ID]
		switch {
		case !ok:
			sum.Created++
		case fp == store.SubjectFingerprint(r.Subject):
			sum.Unchanged++
			continue
		default:
			sum.Updated++
		}
		todo = append(todo, r)
	}
	var out []store.Screening
	err = ScreenAll(ctx, l.Engine, opts, s.workers, SliceRows(todo), func(row subject.Row, res vigil.Result) error {
		if res.Error != "" {
			sum.fail(row.Line, row.Subject.ID, res.Error)
			return nil
		}
		out = append(out, store.Screening{SubjectID: row.Subject.ID, Subject: row.Subject, Editions: eds,
			Threshold: s.threshold, Engine: screen.Version, Hits: withRecords(l.Engine, res.Hits)})
		return nil
	})
	return out, err
}
