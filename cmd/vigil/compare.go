package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/screen"
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
			&cli.StringFlag{Name: "lists", Sources: cli.EnvVars("VIGIL_LISTS"), Usage: "folder of list files (optional)"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			eng, err := compareEngine(ctx, e, cmd.String("lists"))
			if err != nil {
				return err
			}
			return e.compareFile(ctx, eng, cmd.String("in"), cmd.String("out"))
		},
	}
}

// compareEngine indexes the lists in dir, or none when dir is empty.
func compareEngine(ctx context.Context, e *env, dir string) (*screen.Engine, error) {
	if dir != "" {
		l, err := loadLists(ctx, e, dir, screen.Config{})
		if err != nil {
			return nil, err
		}
		return l.engine, nil
	}
	eng, err := screen.New(nil, screen.Config{})
	if err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	return eng, nil
}

func (e *env) compareFile(ctx context.Context, c subject.Comparer, in, out string) error {
	f, name, closeIn, err := e.openInput(in)
	if err != nil {
		return err
	}
	defer closeIn()
	w, closeOut, err := e.openOutput(out)
	if err != nil {
		return err
	}
	n, bad, err := comparePairs(ctx, c, f, name, w, func(line int, err error) {
		e.log.Warn("skipped malformed pair", "line", line, "err", err)
	})
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "compared %d pairs, %d malformed\n", n, bad)
	return nil
}

// comparePairs reads pairs line by line and writes one result line each.
// A malformed pair gets {"id", "error"} and a warning; other errors stop.
func comparePairs(ctx context.Context, c subject.Comparer, r io.Reader, name string, w io.Writer, warn func(int, error)) (n, bad int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), subject.MaxLine)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	line := 0
	for sc.Scan() {
		line++
		data := bytes.TrimSpace(sc.Bytes())
		if len(data) == 0 {
			continue
		}
		n++
		res, err := comparePair(ctx, c, data, line)
		if err != nil {
			if apperr.CodeOf(err) != apperr.Invalid {
				return n, bad, fmt.Errorf("%s:%d: %w", name, line, err)
			}
			bad++
			err = fmt.Errorf("%s:%d: %s", name, line, apperr.MessageOf(err))
			warn(line, err)
			res.Error = err.Error()
		}
		if err := enc.Encode(res); err != nil {
			return n, bad, fmt.Errorf("write result: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line longer than %d bytes", subject.MaxLine)
		}
		return n, bad, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return n, bad, nil
}

func comparePair(ctx context.Context, c subject.Comparer, data []byte, line int) (subject.Comparison, error) {
	fallback := strconv.Itoa(line)
	var p subject.Pair
	if err := subject.DecodeJSON(bytes.NewReader(data), &p); err != nil {
		return subject.Comparison{ID: fallback}, err
	}
	return subject.Compare(ctx, c, p, fallback)
}
