package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/store"

	"github.com/vigil-screening/vigil/auth"
)

// cliActor is who the audit trail names for commands run on the server
// itself, "cli:USER@HOST": whoever can run them can open the database
// anyway, but the trail should still say which account on which machine
// did it. The names come from the operating system and can be set by
// whoever runs the command; they identify, they do not authenticate.
func cliActor() auth.Principal {
	return auth.Principal{Username: "cli:" + osUser() + "@" + hostName()}
}

// osUser returns the name of the operating-system user running vigil.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return cleanName(u.Username)
	}
	for _, v := range []string{"USER", "USERNAME", "LOGNAME"} {
		if s := os.Getenv(v); s != "" {
			return cleanName(s)
		}
	}
	return fmt.Sprintf("uid%d", os.Getuid())
}

// hostName returns the machine's host name, or "unknown-host".
func hostName() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return cleanName(h)
	}
	return "unknown-host"
}

// cleanName keeps a name short and printable for the audit trail.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '@' || r == ':' {
			return '_'
		}
		return r
	}, strings.ToValidUTF8(s, "_"))
	if len(s) > 64 {
		s = strings.ToValidUTF8(s[:64], "")
	}
	return s
}

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
						u, err := db.CreateUser(ctx, cliActor(), cmd.Args().First(), roles)
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
						if err := db.DisableUser(ctx, cliActor(), cmd.Args().First()); err != nil {
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
