package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/store"

	"github.com/vigil-screening/vigil/auth"
)

// cliActor is who the audit trail names for commands run on the server
// itself: whoever can run them can open the database anyway.
var cliActor = auth.Principal{Username: "cli"}

func usersCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "users",
		Usage: "add, list and disable users",
		Commands: []*cli.Command{
			{
				Name:      "add",
				Usage:     "add a user with one or more roles",
				ArgsUsage: "NAME",
				Flags: []cli.Flag{&cli.StringSliceFlag{Name: "role", Required: true,
					Usage: "role: screener, analyst, supervisor, auditor or admin (repeat, or separate with commas)"}},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.NArg() != 1 {
						return errors.New("users add: want one user name")
					}
					var roles []auth.Role
					for _, r := range cmd.StringSlice("role") {
						for p := range strings.SplitSeq(r, ",") {
							roles = append(roles, auth.Role(strings.TrimSpace(p)))
						}
					}
					return withStore(ctx, cmd, func(db *store.DB) error {
						u, err := db.CreateUser(ctx, cliActor, cmd.Args().First(), roles)
						if err != nil {
							return err
						}
						fmt.Fprintf(e.stdout, "added user %s (%s)\n", u.Username, joinRoles(u.Roles))
						return nil
					})
				},
			},
			{
				Name:  "list",
				Usage: "list users",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return withStore(ctx, cmd, func(db *store.DB) error {
						users, err := db.ListUsers(ctx)
						if err != nil {
							return err
						}
						w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
						fmt.Fprintln(w, "NAME\tROLES\tSTATUS\tCREATED")
						for _, u := range users {
							status := "active"
							if u.Disabled {
								status = "disabled"
							}
							fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", u.Username, joinRoles(u.Roles), status, u.CreatedAt.Format("2006-01-02 15:04"))
						}
						return w.Flush()
					})
				},
			},
			{
				Name:      "disable",
				Usage:     "disable a user; their API keys stop working",
				ArgsUsage: "NAME",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.NArg() != 1 {
						return errors.New("users disable: want one user name")
					}
					return withStore(ctx, cmd, func(db *store.DB) error {
						if err := db.DisableUser(ctx, cliActor, cmd.Args().First()); err != nil {
							return err
						}
						fmt.Fprintf(e.stdout, "disabled user %s\n", cmd.Args().First())
						return nil
					})
				},
			},
		},
	}
}

func joinRoles(roles []auth.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}
