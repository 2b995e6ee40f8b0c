package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/service"
)

// webhooksCommand manages webhooks: vigil serve sends the deliveries.
func webhooksCommand(e *env) *cli.Command {
	idAction := func(fn func(ctx context.Context, svc *service.Service, id int64) error) cli.ActionFunc {
		return func(ctx context.Context, cmd *cli.Command) error {
			id, err := strconv.ParseInt(cmd.Args().First(), 10, 64)
			if cmd.NArg() != 1 || err != nil || id <= 0 {
				return fmt.Errorf("webhooks %s: want one webhook id (see 'vigil webhooks list')", cmd.Name)
			}
			return withService(ctx, e, cmd, func(svc *service.Service) error { return fn(ctx, svc, id) })
		}
	}
	return &cli.Command{
		Name:  "webhooks",
		Usage: "register addresses told about new and reopened alerts and accepted editions (vigil serve sends them)",
		Commands: []*cli.Command{
			{
				Name:      "add",
				Usage:     "register an address; prints its signing secret, shown only once",
				ArgsUsage: "URL",
				Flags: []cli.Flag{&cli.StringSliceFlag{Name: "event",
					Usage: "an event to send: alert.created, alert.reopened, edition.accepted (repeatable; default all)"}},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.NArg() != 1 {
						return fmt.Errorf("webhooks add: want one URL")
					}
					var events []service.EventType
					for _, ev := range cmd.StringSlice("event") {
						events = append(events, service.EventType(ev))
					}
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						h, err := svc.CreateWebhook(ctx, operator(), cmd.Args().First(), events)
						if err != nil {
							return err
						}
						fmt.Fprintf(e.stderr, "webhook %d for %s (%s); its signing secret is shown only once:\n", h.ID, h.URL, joinEvents(h.Events))
						fmt.Fprintln(e.stdout, h.Secret)
						return nil
					})
				},
			},
			{
				Name:  "list",
				Usage: "list the webhooks (never their secrets)",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						hooks, err := svc.Webhooks(ctx, operator())
						if err != nil {
							return err
						}
						tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
						fmt.Fprintln(tw, "ID\tURL\tEVENTS\tSTATE\tFAILURES")
						for _, h := range hooks {
							state := "enabled"
							if !h.Enabled {
								state = "disabled: " + h.DisabledReason
							}
							fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\n", h.ID, h.URL, joinEvents(h.Events), state, h.Failures)
						}
						return tw.Flush()
					})
				},
			},
			{
				Name: "disable", Usage: "disable a webhook: its pending deliveries are skipped", ArgsUsage: "ID",
				Action: idAction(func(ctx context.Context, svc *service.Service, id int64) error {
					_, err := svc.SetWebhookEnabled(ctx, operator(), id, false)
					return err
				}),
			},
			{
				Name: "enable", Usage: "enable a webhook again", ArgsUsage: "ID",
				Action: idAction(func(ctx context.Context, svc *service.Service, id int64) error {
					_, err := svc.SetWebhookEnabled(ctx, operator(), id, true)
					return err
				}),
			},
			{
				Name: "test", Usage: "queue a webhook.test delivery (a running vigil serve sends it)", ArgsUsage: "ID",
				Action: idAction(func(ctx context.Context, svc *service.Service, id int64) error {
					d, err := svc.TestWebhook(ctx, operator(), id)
					if err == nil {
						fmt.Fprintf(e.stdout, "queued delivery %s\n", d.UID)
					}
					return err
				}),
			},
			{
				Name: "deliveries", Usage: "show a webhook's latest deliveries", ArgsUsage: "ID",
				Action: idAction(func(ctx context.Context, svc *service.Service, id int64) error {
					ds, err := svc.Deliveries(ctx, operator(), id, 50)
					if err != nil {
						return err
					}
					tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "CREATED\tDELIVERY\tEVENT\tSTATUS\tATTEMPTS\tLAST\tERROR")
					for _, d := range ds {
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", d.CreatedAt.Format(time.RFC3339), d.UID, d.EventType, d.Status,
							d.Attempts, d.LastCode, firstLine(d.LastError))
					}
					return tw.Flush()
				}),
			},
		},
	}
}

func joinEvents(events []service.EventType) string {
	s := make([]string, len(events))
	for i, ev := range events {
		s[i] = string(ev)
	}
	return strings.Join(s, ",")
}
