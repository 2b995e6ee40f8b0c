package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/lab/bench"
)

// benchCommand wires `vigil bench` to the measurement harness in lab/bench.
func benchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "measure load time, memory, batch throughput and API latency",
		UsageText: `vigil bench --lists DIR [--eval FILE] [--out FILE.json|FILE.md]
vigil [--db postgres://...] bench --recorded --lists DIR [--requests N] [--clients N]
vigil [--db postgres://...] bench --audited --lists DIR [--eval FILE] [--runs N] [--requests N] [--clients N]

Without --eval, the subjects are the primary names of listed persons.
--recorded measures recorded screenings (subject, screening, alerts and
audit entry stored) over loopback HTTP: against a fresh SQLite database in
a temporary folder, or against --db, which should be a scratch database.`,
		Flags: []cli.Flag{
			listsFlag(true),
			&cli.StringFlag{Name: "eval", Usage: "subjects file (CSV or JSON Lines) for the batch and latency runs"},
			&cli.StringFlag{Name: "out", Usage: "also write the report to this file, as JSON (.json) or Markdown (.md)"},
			&cli.IntFlag{Name: "runs", Value: 3, Usage: "batch runs; the median is reported"},
			&cli.IntFlag{Name: "requests", Value: 4000, Usage: "API requests in the latency run"},
			&cli.IntFlag{Name: "clients", Value: 8, Usage: "concurrent API clients"},
			&cli.BoolFlag{Name: "recorded", Usage: "measure recorded screenings with alerts against the database instead"},
			&cli.DurationFlag{Name: "linger", Value: -1, Usage: "--audited: the store's group-commit linger (default: the store's)"},
			&cli.BoolFlag{Name: "observed", Usage: "measure the API's throughput without and with /metrics and the access log, in alternating rounds (--runs of --requests)"},
			&cli.BoolFlag{Name: "audited", Usage: "measure POST /v1/screen unaudited and audited (SQLite, and --db PostgreSQL) in alternating rounds"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the whole run to this file (go tool pprof; --audited labels each mode)"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if path := cmd.String("cpuprofile"); path != "" {
				f, err := os.Create(path)
				if err != nil {
					return fmt.Errorf("bench: %w", err)
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return fmt.Errorf("bench: %w", err)
				}
				defer pprof.StopCPUProfile()
			}
			cfg := bench.Config{
				Lists: cmd.String("lists"), Eval: cmd.String("eval"), Runs: int(cmd.Int("runs")),
				Requests: int(cmd.Int("requests")), Clients: int(cmd.Int("clients")), DSN: cmd.String("db"),
				Linger: cmd.Duration("linger"),
			}
			if cmd.Bool("observed") {
				rep, err := bench.RunObserved(ctx, cfg, e.log)
				if err != nil {
					return err
				}
				_, err = fmt.Fprint(e.stdout, rep.Text())
				return err
			}
			if cmd.Bool("audited") {
				rep, err := bench.RunAudited(ctx, cfg, e.log)
				if err != nil {
					return err
				}
				_, err = fmt.Fprint(e.stdout, rep.Text())
				return err
			}
			if cmd.Bool("recorded") {
				if cfg.Eval != "" || cmd.String("out") != "" {
					return errors.New("bench --recorded: --eval and --out are not supported; the subjects are listed persons' names")
				}
				rep, err := bench.RunRecorded(ctx, cfg, e.log)
				if err != nil {
					return err
				}
				_, err = fmt.Fprint(e.stdout, rep.Text())
				return err
			}
			rep, err := bench.Run(ctx, cfg, e.log)
			if err != nil {
				return err
			}
			if out := cmd.String("out"); out != "" {
				if err := rep.Write(out); err != nil {
					return err
				}
			}
			_, err = fmt.Fprint(e.stdout, rep.Text())
			return err
		},
	}
}
