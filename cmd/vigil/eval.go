package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/lab/evalset"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
)

// evalCommand measures the engine on labelled CSV files.
func evalCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "measure recall, top-1 accuracy and false alerts on labelled CSV files",
		ArgsUsage: "FILE...",
		Flags: []cli.Flag{
			listsFlag(true),
			&cli.FloatFlag{Name: "threshold", Value: screen.DefaultThreshold, Usage: "alert threshold"},
			&cli.IntFlag{Name: "examples", Value: 3, Usage: "examples of misses shown per treatment"},
			&cli.IntFlag{Name: "candidates", Value: 0, Usage: "listed names scored per query (0: the engine's default)"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() == 0 {
				return errors.New("eval: want one or more labelled CSV files")
			}
			eng, err := loadEngine(ctx, e, cmd.String("lists"), screen.Config{Candidates: int(cmd.Int("candidates"))})
			if err != nil {
				return err
			}
			for _, path := range cmd.Args().Slice() {
				cases, err := evalset.ReadFile(path)
				if err != nil {
					return err
				}
				outs, took := evalset.Run(ctx, eng, cases)
				evalset.Print(e.stdout, filepath.Base(path), outs, took, cmd.Float("threshold"), int(cmd.Int("examples")))
			}
			return nil
		},
	}
}

// loadEngine loads every edition in dir, indexes all their records and
// prints what it loaded.
func loadEngine(ctx context.Context, e *env, dir string, cfg screen.Config) (*screen.Engine, error) {
	l, err := service.LoadFiles(ctx, dir, e.log, cfg)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	for _, s := range l.Snapshots {
		fmt.Fprintf(e.stdout, "loaded %-14s %-10s %6d records\n", s.Source, s.Edition, s.Len())
	}
	fmt.Fprintf(e.stdout, "%d records from %d lists: loaded in %v, indexed in %v\n", l.Records, len(l.Snapshots),
		l.LoadTime.Round(time.Millisecond), l.IndexTime.Round(time.Millisecond))
	return l.Engine, nil
}
