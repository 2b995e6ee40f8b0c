package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/service"
)

func usersCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "users",
		Usage: "add, list and disable users, and set their passwords",
		Commands: []*cli.Command{
			usersAddCommand(e),
			{
				Name:  "list",
				Usage: "list users",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						users, err := svc.Users(ctx, operator())
						if err != nil {
							return err
						}
						w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
						fmt.Fprintln(w, "NAME\tROLES\tSTATUS\tPASSWORD\tCREATED")
						for _, u := range users {
							status, pw := "active", "no"
							if u.Disabled {
								status = "disabled"
							}
							if u.HasPassword {
								pw = "set"
							}
							fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", u.Username, joinRoles(u.Roles), status, pw, u.CreatedAt.Format("2006-01-02 15:04"))
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
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						if err := svc.DisableUser(ctx, operator(), cmd.Args().First()); err != nil {
							return err
						}
						fmt.Fprintf(e.stdout, "disabled user %s\n", cmd.Args().First())
						return nil
					})
				},
			},
			usersPasswdCommand(e),
		},
	}
}

func usersAddCommand(e *env) *cli.Command {
	return &cli.Command{
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
			return withService(ctx, e, cmd, func(svc *service.Service) error {
				u, err := svc.CreateUser(ctx, operator(), cmd.Args().First(), roles)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "added user %s (%s)\n", u.Username, joinRoles(u.Roles))
				return nil
			})
		},
	}
}

// usersPasswdCommand sets a user's password, for signing in to the web
// pages. It reads the password from the terminal (twice, without echo),
// or the first line of standard input when that is not a terminal.
func usersPasswdCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "passwd",
		Usage:     "set a user's password (read from the terminal, or the first line of standard input)",
		ArgsUsage: "NAME",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return errors.New("users passwd: want one user name")
			}
			pw, err := e.readPassword()
			if err != nil {
				return err
			}
			return withService(ctx, e, cmd, func(svc *service.Service) error {
				if err := svc.SetPassword(ctx, operator(), cmd.Args().First(), pw); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "set the password of %s\n", cmd.Args().First())
				return nil
			})
		},
	}
}

// readPassword reads a new password: twice without echo from a terminal,
// else the first line of standard input.
func (e *env) readPassword() (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "New password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		fmt.Fprint(e.stderr, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if string(a) != string(b) {
			return "", errors.New("the passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(io.LimitReader(e.stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("users passwd: no password on standard input")
	}
	return line, nil
}

func joinRoles(roles []auth.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}
