package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/service"
)

func auditCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "audit",
		Usage: "verify and export the audit trail",
		Commands: []*cli.Command{
			{
				Name: "verify",
				Usage: "check the hash chain (naming the first altered, missing or reordered entry) and that the tables " +
					"hold the state the trail describes (naming each difference); with --expect-head, also that the chain " +
					"still holds that entry unchanged",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "expect-head", Usage: "a head printed earlier by \"vigil audit head\" (SEQ:HASH) and kept outside the database"},
					&cli.IntFlag{Name: "max-differences", Value: 20, Usage: "list at most this many differences (all are counted)"},
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					var want *audit.Head
					if s := cmd.String("expect-head"); s != "" {
						h, err := audit.ParseHead(s)
						if err != nil {
							return fmt.Errorf("--expect-head: %w", err)
						}
						want = &h
					}
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						return verifyAudit(ctx, e, svc, want, int(cmd.Int("max-differences")))
					})
				},
			},
			{
				Name: "head",
				Usage: "print the chain's head (SEQ:HASH) to keep outside the database; " +
					"\"vigil audit verify --expect-head\" then proves nothing up to it was removed or rewritten",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						h, err := svc.AuditHead(ctx, operator())
						if err != nil {
							return err
						}
						fmt.Fprintln(e.stdout, h)
						return nil
					})
				},
			},
			{
				Name:  "export",
				Usage: "write the audit trail as JSON Lines",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "out", Usage: "file to write (default: standard output)"},
					&cli.StringFlag{Name: "from", Usage: "first day or time to include (2006-01-02 or RFC 3339)"},
					&cli.StringFlag{Name: "to", Usage: "day or time to stop before (2006-01-02 or RFC 3339)"},
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					from, err := parseWhen(cmd.String("from"))
					if err != nil {
						return fmt.Errorf("--from: %w", err)
					}
					to, err := parseWhen(cmd.String("to"))
					if err != nil {
						return fmt.Errorf("--to: %w", err)
					}
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						return exportAudit(ctx, e, svc, cmd.String("out"), from, to)
					})
				},
			},
		},
	}
}

// verifyAudit checks the chain and the state it binds and, when want is
// set, that the chain still holds that entry unchanged. It prints the
// report and fails when anything is wrong.
func verifyAudit(ctx context.Context, e *env, svc *service.Service, want *audit.Head, limit int) error {
	v, err := svc.Verify(ctx, operator(), limit)
	if err != nil {
		return err
	}
	var problems []error
	switch {
	case v.Finding != nil:
		fmt.Fprintln(e.stdout, v.Finding.Error())
		problems = append(problems, v.Finding)
	case want != nil:
		f, err := svc.CheckAuditAnchor(ctx, operator(), *want)
		if err != nil {
			return err
		}
		if f != nil {
			fmt.Fprintln(e.stdout, f.Error())
			problems = append(problems, f)
			break
		}
		fmt.Fprintf(e.stdout, "audit chain intact: %d entries, including the expected head %d\n", v.Entries, want.Seq)
	default:
		fmt.Fprintf(e.stdout, "audit chain intact: %d entries (its end is checked only against a head kept outside the database: "+
			"see \"vigil audit head\" and --expect-head)\n", v.Entries)
	}
	fmt.Fprintln(e.stdout, v.State.Summary())
	for _, d := range v.State.Differences {
		fmt.Fprintln(e.stdout, "  "+d.String())
	}
	if more := v.State.Total - int64(len(v.State.Differences)); more > 0 {
		fmt.Fprintf(e.stdout, "  ... and %d more (--max-differences)\n", more)
	}
	if !v.State.Consistent {
		problems = append(problems, fmt.Errorf("the tables differ from the audit trail: %s", audit.Plural(v.State.Total, "difference", "differences")))
	}
	return errors.Join(problems...)
}

func exportAudit(ctx context.Context, e *env, svc *service.Service, out string, from, to time.Time) error {
	var w io.Writer = e.stdout
	var f *os.File
	if out != "" {
		var err error
		if f, err = os.Create(out); err != nil {
			return fmt.Errorf("audit export: %w", err)
		}
		w = f
	}
	n, err := svc.ExportAudit(ctx, operator(), w, from, to)
	if f != nil {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("audit export: %w", cerr)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d audit entries\n", n)
	return nil
}

// parseWhen reads a day or an RFC 3339 time; "" is the zero time.
func parseWhen(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}
