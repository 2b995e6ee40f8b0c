package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/service"
)

// reportCommand runs the reports over past screenings (docs/monitoring.md).
func reportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "reports over the recorded screenings",
		Commands: []*cli.Command{{
			Name:      "late-matches",
			Usage:     "which past screenings would alert today: subjects screened clean that match the editions in force now (or on --as-of), one JSON line each",
			UsageText: "vigil report late-matches [--since YYYY-MM-DD] [--as-of YYYY-MM-DD]",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "since", Usage: "only screenings recorded on or after this date"},
				&cli.StringFlag{Name: "as-of", Usage: "match against the editions in force on this date instead of now"},
			},
			Action: func(ctx context.Context, cmd *cli.Command) error {
				return withService(ctx, e, cmd, func(svc *service.Service) error {
					if cmd.String("as-of") == "" {
						if err := svc.LoadStored(ctx); err != nil {
							return err
						}
					}
					w := bufio.NewWriter(e.stdout)
					enc := json.NewEncoder(w)
					n := 0
					q := service.LateMatchQuery{Since: cmd.String("since"), AsOf: cmd.String("as-of"), Limit: service.MaxLateMatches}
					for {
						page, err := svc.LateMatches(ctx, operator(), q)
						if err != nil {
							return err
						}
						for _, m := range page.Matches {
							if err := enc.Encode(m); err != nil {
								return fmt.Errorf("write report: %w", err)
							}
							n++
						}
						if err := w.Flush(); err != nil {
							return fmt.Errorf("write report: %w", err)
						}
						if page.Next == 0 {
							break
						}
						q.After = page.Next
					}
					when := "now"
					if q.AsOf != "" {
						when = "as of " + q.AsOf
					}
					fmt.Fprintf(e.stderr, "%d subject(s) screened clean match the editions in force %s\n", n, when)
					return nil
				})
			},
		}},
	}
}
