package subject

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/country"
)

// Result is the outcome of screening one subject: its hits at or above the
// threshold, best first, or the error that kept it from being screened.
type Result struct {
	ID    string
	Hits  []vigil.Hit
	Error string
	// Warnings name input values that were read but could not be compared
	// (a nationality Vigil does not know), so that a clean result is never
	// mistaken for a full one.
	Warnings []string
}

// MarshalJSON writes {"id": ..., "hits": [...]} (an empty array when there
// are no hits, "warnings" when there are any), or {"id": ..., "error":
// "..."} for a failed row.
func (r Result) MarshalJSON() ([]byte, error) {
	if r.Error != "" {
		return json.Marshal(struct {
			ID    string `json:"id"`
			Error string `json:"error"`
		}{r.ID, r.Error})
	}
	hits := r.Hits
	if hits == nil {
		hits = []vigil.Hit{}
	}
	return json.Marshal(struct {
		ID       string      `json:"id"`
		Hits     []vigil.Hit `json:"hits"`
		Warnings []string    `json:"warnings,omitempty"`
	}{r.ID, hits, r.Warnings})
}

// Warnings lists the values of s that screening cannot compare: countries
// that name no known country. Such values are not errors — the subject is
// still screened on everything else — but the caller must see them.
func Warnings(s vigil.Subject) []string {
	var out []string
	for _, f := range []struct{ name, value string }{{"nationality", s.Nationality}, {"country", s.Country}} {
		if v := strings.TrimSpace(f.value); v != "" {
			if _, ok := country.Code(v); !ok {
				out = append(out, fmt.Sprintf("%s: %q is not a country Vigil knows; it was not compared", f.name, v))
			}
		}
	}
	return out
}

// Screener screens one subject; *screen.Engine is one.
type Screener interface {
	Screen(ctx context.Context, s vigil.Subject, opts vigil.Options) ([]vigil.Hit, error)
}

// ScreenAll screens the rows that next returns, on workers goroutines, and
// calls emit with each row's result in input order. next returns io.EOF at
// the end. Malformed rows (Row.Err set) and subjects the engine rejects as
// invalid become results with Error set; any other error of next, the
// engine or emit stops the run and is returned.
func ScreenAll(ctx context.Context, sc Screener, opts vigil.Options, workers int, next func() (Row, error), emit func(Row, Result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers = max(workers, 1)

	type job struct {
		row  Row
		res  Result
		err  error
		done chan struct{}
	}
	jobs := make(chan *job)
	order := make(chan *job, workers*8)

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				j.res, j.err = screenRow(ctx, sc, j.row.Subject, opts)
				close(j.done)
			}
		})
	}

	var readErr error
	go func() {
		defer close(order)
		defer close(jobs)
		for {
			row, err := next()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					readErr = err
				}
				return
			}
			j := &job{row: row, done: make(chan struct{})}
			if row.Err != nil {
				j.res = Result{ID: row.Subject.ID, Error: row.Err.Error()}
				close(j.done)
			}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			if row.Err != nil {
				continue
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()

	var firstErr error
	for j := range order {
		if firstErr != nil {
			continue // drain so the reader can finish
		}
		select {
		case <-j.done:
			firstErr = j.err
		case <-ctx.Done():
			firstErr = ctx.Err()
		}
		if firstErr == nil {
			firstErr = emit(j.row, j.res)
		}
		if firstErr != nil {
			cancel()
		}
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return readErr
}

// screenRow screens one subject. An Invalid error from the engine is the
// subject's fault and becomes the result's Error; others are returned.
func screenRow(ctx context.Context, sc Screener, s vigil.Subject, opts vigil.Options) (Result, error) {
	hits, err := sc.Screen(ctx, s, opts)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Invalid {
			return Result{ID: s.ID, Error: apperr.MessageOf(err)}, nil
		}
		return Result{}, err
	}
	return Result{ID: s.ID, Hits: hits, Warnings: Warnings(s)}, nil
}

// SliceRows returns a next function for ScreenAll over rows.
func SliceRows(rows []Row) func() (Row, error) {
	i := 0
	return func() (Row, error) {
		if i >= len(rows) {
			return Row{}, io.EOF
		}
		i++
		return rows[i-1], nil
	}
}
