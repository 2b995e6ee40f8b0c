package service

import (
	"cmp"
	"context"
	"errors"
	"io"
	"slices"
	"sync"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/subject"
)

// Screener screens one subject; *screen.Engine is one.
type Screener interface {
	Screen(ctx context.Context, s vigil.Subject, opts vigil.Options) ([]vigil.Hit, error)
}

// ScreenAll is the batch pipeline behind ScreenBatch and ScreenRows: it
// screens the rows that next returns, on workers goroutines, and calls
// emit with each row's result in input order. next returns io.EOF at
// the end. Malformed rows (Row.Err set) and subjects the engine rejects as
// invalid become results with Error set; any other error of next, the
// engine or emit stops the run and is returned.
func ScreenAll(ctx context.Context, sc Screener, opts vigil.Options, workers int, next func() (subject.Row, error), emit func(subject.Row, vigil.Result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers = max(workers, 1)

	type job struct {
		row  subject.Row
		res  vigil.Result
		err  error
		done chan struct{}
	}
	jobs := make(chan *job)
	order := make(chan *job, workers*8)

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				j.res, j.err = screenNames(ctx, sc, j.row, opts)
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
				j.res = vigil.Result{ID: row.Subject.ID, Error: row.Err.Error()}
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
func screenRow(ctx context.Context, sc Screener, s vigil.Subject, opts vigil.Options) (vigil.Result, error) {
	hits, err := sc.Screen(ctx, s, opts)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Invalid {
			return vigil.Result{ID: s.ID, Error: apperr.MessageOf(err)}, nil
		}
		return vigil.Result{}, err
	}
	return vigil.Result{ID: s.ID, Hits: hits, Warnings: s.Warnings()}, nil
}

// screenNames screens a row's subject and, when the row has further
// names (Row.Also), each of them, and merges the hits: each listed record
// once, with its best score, sorted by score and cut to the limit.
func screenNames(ctx context.Context, sc Screener, row subject.Row, opts vigil.Options) (vigil.Result, error) {
	res, err := screenRow(ctx, sc, row.Subject, opts)
	if err != nil || res.Error != "" || len(row.Also) == 0 {
		return res, err
	}
	best := map[vigil.Ref]int{}
	for i, h := range res.Hits {
		best[vigil.Ref{List: h.List, SourceID: h.SourceID}] = i
	}
	for _, alias := range row.Also {
		more, err := screenRow(ctx, sc, alias, opts)
		if err != nil {
			return vigil.Result{}, err
		}
		if more.Error != "" {
			return vigil.Result{ID: row.Subject.ID, Error: more.Error}, nil
		}
		for _, h := range more.Hits {
			ref := vigil.Ref{List: h.List, SourceID: h.SourceID}
			if i, ok := best[ref]; !ok {
				best[ref] = len(res.Hits)
				res.Hits = append(res.Hits, h)
			} else if h.Score > res.Hits[i].Score {
				res.Hits[i] = h
			}
		}
	}
	slices.SortStableFunc(res.Hits, func(a, b vigil.Hit) int { return cmp.Compare(b.Score, a.Score) })
	limit := opts.Limit
	if limit == 0 {
		limit = 10
	}
	if len(res.Hits) > limit {
		res.Hits = res.Hits[:limit]
	}
	return res, nil
}

// SliceRows returns a next function for ScreenAll over rows.
func SliceRows(rows []subject.Row) func() (subject.Row, error) {
	i := 0
	return func() (subject.Row, error) {
		if i >= len(rows) {
			return subject.Row{}, io.EOF
		}
		i++
		return rows[i-1], nil
	}
}
