package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/store"
)

// dbCommand groups the database's maintenance: migrations are an explicit
// operator action, not a side effect of starting (except on a new, empty
// database, which gets its schema at once).
func dbCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "db",
		Usage: "show and apply the database's schema migrations",
		Commands: []*cli.Command{
			{
				Name:  "migrate",
				Usage: "apply the migrations the database lacks (back it up first)",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					dir, err := dataDir(cmd)
					if err != nil {
						return err
					}
					applied, err := store.Migrate(ctx, cmd.String("db"), dir)
					for _, m := range applied {
						fmt.Fprintf(e.stdout, "applied %05d %s\n", m.Version, m.Name)
					}
					if err != nil {
						return err
					}
					if len(applied) == 0 {
						fmt.Fprintln(e.stdout, "the schema is up to date; nothing to apply")
					}
					return nil
				},
			},
			{
				Name:  "status",
				Usage: "list the schema migrations and whether each is applied",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					dir, err := dataDir(cmd)
					if err != nil {
						return err
					}
					status, err := store.SchemaStatus(ctx, cmd.String("db"), dir)
					if err != nil {
						return err
					}
					tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "VERSION\tMIGRATION\tSTATE\tAPPLIED AT")
					pending := 0
					for _, m := range status {
						state, at := "pending", ""
						if m.Applied {
							state, at = "applied", m.AppliedAt.UTC().Format(time.RFC3339)
						} else {
							pending++
						}
						fmt.Fprintf(tw, "%05d\t%s\t%s\t%s\n", m.Version, m.Name, state, at)
					}
					tw.Flush()
					if pending > 0 {
						fmt.Fprintf(e.stdout, "%d migration(s) pending: run \"vigil db migrate\" with the same --data-dir or --db\n", pending)
					}
					return nil
				},
			},
		},
	}
}
