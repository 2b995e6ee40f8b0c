package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/subject"
)

func compareCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "compare",
		Usage: "score pairs of subjects against each other, with explanations",
		UsageText: `vigil compare [--in FILE] [--out FILE] [--lists DIR]

Input is JSON Lines, one pair a line: {"id": ..., "a": {subject}, "b": {subject}}.
Output is one line per pair: {"id": ..., "score": ..., "explanation": {...}}.
With --lists, name parts are weighed by their rarity in the lists.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "in", Value: "-", Usage: "pairs file (JSON Lines); - for stdin"},
			&cli.StringFlag{Name: "out", Value: "-", Usage: "results file (JSON Lines); - for stdout"},
			listsFlag(false),
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			svc, err := compareService(ctx, e, cmd.String("lists"))
			if err != nil {
				return err
			}
			return e.compareFile(ctx, svc, cmd.String("in"), cmd.String("out"))
		},
	}
}

// compareService returns a service over the lists in dir, or over none
// when dir is empty (names are then weighed without the lists'
// vocabulary).
func compareService(ctx context.Context, e *env, dir string) (*service.Service, error) {
	svc := service.New(service.Config{Logger: e.log})
	if dir != "" {
		l, err := service.LoadFiles(ctx, dir, e.log, screen.Config{})
		if err != nil {
			return nil, err
		}
		svc.SetLists(l.Lists())
		return svc, nil
	}
	eng, err := screen.New(nil, screen.Config{})
	if err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	svc.SetLists(&service.Lists{Engine: eng})
	return svc, nil
}

func (e *env) compareFile(ctx context.Context, svc *service.Service, in, out string) error {
	f, name, closeIn, err := e.openInput(in)
	if err != nil {
		return err
	}
	defer closeIn()
	w, closeOut, err := e.openOutput(out)
	if err != nil {
		return err
	}
	n, bad, err := comparePairs(ctx, svc, f, name, w, func(line int, err error) {
		e.log.Warn("skipped malformed pair", "line", line, "err", err)
	})
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "compared %d pairs, %d malformed\n", n, bad)
	return rowsOutcome("pairs", n, bad)
}

// comparePairs reads pairs line by line and writes one result line each.
// A malformed pair (a line too long, not JSON, a side without a name) gets
// {"id", "error"} naming the file and line, and a warning; other errors
// stop.
func comparePairs(ctx context.Context, svc *service.Service, r io.Reader, name string, w io.Writer, warn func(int, error)) (n, bad int, err error) {
	rd := subject.NewPairReader(r, name)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return n, bad, nil
		}
		if err != nil {
			return n, bad, err
		}
		n++
		res := vigil.Comparison{ID: row.ID}
		if row.Err == nil {
			var hit vigil.Hit
			if hit, err = svc.Compare(ctx, operator(), row.A, row.B); err != nil {
				return n, bad, fmt.Errorf("%s:%d: %w", name, row.Line, err)
			}
			res.Score, res.Explanation = hit.Score, &hit.Explanation
		} else {
			bad++
			warn(row.Line, row.Err)
			res.Error = row.Err.Error()
		}
		if err := enc.Encode(res); err != nil {
			return n, bad, fmt.Errorf("write result: %w", err)
		}
	}
}
