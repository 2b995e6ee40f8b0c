package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/service"
)

func keysCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "keys",
		Usage: "create, list and revoke API keys",
		Commands: []*cli.Command{
			{
				Name:  "create",
				Usage: "create an API key for a user and print it (it is shown only once)",
				Flags: []cli.Flag{&cli.StringFlag{Name: "user", Required: true, Usage: "the user the key acts as"}},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						k, key, err := svc.CreateKey(ctx, operator(), cmd.String("user"))
						if err != nil {
							return err
						}
						if k.Kind == "activation" {
							fmt.Fprintf(e.stderr, "%s reviews alerts: this is a one-time activation, not a key (valid until %s).\n"+
								"Give it to %s alone; they exchange it for a key only they see:\n"+
								"  vigil keys activate   (reads it from standard input), or POST /v1/keys/activate\n",
								k.Username, k.ExpiresAt.Format("2006-01-02 15:04 MST"), k.Username)
						} else {
							fmt.Fprintf(e.stderr, "created key %s for %s; it is shown only once:\n", k.ID, k.Username)
						}
						fmt.Fprintln(e.stdout, key)
						return nil
					})
				},
			},
			{
				Name:  "list",
				Usage: "list API keys (never their secrets)",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						keys, err := svc.Keys(ctx, operator())
						if err != nil {
							return err
						}
						w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
						fmt.Fprintln(w, "ID\tUSER\tSTATUS\tCREATED")
						for _, k := range keys {
							status := "active"
							switch {
							case k.Kind == "activation" && k.Revoked:
								status = "activation used or voided"
							case k.Kind == "activation":
								status = "activation pending until " + k.ExpiresAt.Format("2006-01-02 15:04")
							case k.Revoked:
								status = "revoked"
							}
							fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", k.ID, k.Username, status, k.CreatedAt.Format("2006-01-02 15:04"))
						}
						return w.Flush()
					})
				},
			},
			{
				Name:  "activate",
				Usage: "exchange a one-time activation (vga_..., read from standard input) for your API key, printed once",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					line, err := bufio.NewReader(io.LimitReader(e.stdin, 4096)).ReadString('\n')
					if err != nil && !errors.Is(err, io.EOF) {
						return fmt.Errorf("keys activate: read the activation: %w", err)
					}
					act := strings.TrimSpace(line)
					if act == "" {
						return errors.New("keys activate: no activation on standard input")
					}
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						k, key, err := svc.Activate(ctx, act)
						if err != nil {
							return err
						}
						fmt.Fprintf(e.stderr, "created key %s for %s; it is shown only once:\n", k.ID, k.Username)
						fmt.Fprintln(e.stdout, key)
						return nil
					})
				},
			},
			{
				Name:      "revoke",
				Usage:     "revoke an API key",
				ArgsUsage: "ID",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.NArg() != 1 {
						return errors.New("keys revoke: want one key id")
					}
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						if err := svc.RevokeKey(ctx, operator(), cmd.Args().First()); err != nil {
							return err
						}
						fmt.Fprintf(e.stdout, "revoked key %s\n", cmd.Args().First())
						return nil
					})
				},
			},
		},
	}
}
