package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/subject"
)

// monitorFlags configure continuous vetting (docs/monitoring.md).
func monitorFlags() []cli.Flag {
	return []cli.Flag{
		&cli.DurationFlag{Name: "monitor-retention", Sources: cli.EnvVars("VIGIL_MONITOR_RETENTION"), DefaultText: "43800h",
			Usage: "how long a subject stays monitored after its first screening (default 5 years, 43800h)"},
		&cli.IntFlag{Name: "revet-chunk-size", DefaultText: "200", Usage: "listed records per re-vetting job (default 200)"},
		// Fault injection for the tests that kill a server mid-chunk.
		&cli.DurationFlag{Name: "revet-chunk-delay", Hidden: true},
	}
}

func monitorConfig(cmd *cli.Command) service.Monitor {
	return service.Monitor{Retention: cmd.Duration("monitor-retention"), ChunkSize: int(cmd.Int("revet-chunk-size")),
		ChunkDelay: cmd.Duration("revet-chunk-delay")}
}

// withMonitor opens the database and runs fn with a service configured
// for monitoring; lists says whether fn needs the lists in force.
func withMonitor(ctx context.Context, e *env, cmd *cli.Command, lists bool, fn func(svc *service.Service) error) error {
	db, err := openStore(ctx, cmd)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := service.New(service.Config{Store: db, Logger: e.log, Monitor: monitorConfig(cmd)})
	if lists {
		if err := svc.LoadStored(ctx); err != nil {
			return err
		}
	}
	return fn(svc)
}

// subjectsCommand enrols and manages monitored subjects.
func subjectsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "subjects",
		Usage: "enrol subjects for continuous vetting and manage their monitoring",
		Commands: []*cli.Command{
			{
				Name:      "import",
				Usage:     "record and screen every subject of a CSV or JSON Lines file (same columns as vigil screen); idempotent on the id column",
				ArgsUsage: "FILE",
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "format", Usage: "csv or jsonl (default: detected)"},
					&cli.BoolFlag{Name: "quiet", Usage: "no progress line"},
				}, monitorFlags()...),
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.Args().Len() != 1 {
						return fmt.Errorf("subjects import: want one FILE (or - for standard input)")
					}
					return withMonitor(ctx, e, cmd, true, func(svc *service.Service) error {
						return e.importSubjects(ctx, cmd, svc, cmd.Args().First())
					})
				},
			},
			{
				Name:      "monitoring",
				Usage:     "show a subject's monitoring: since, until, whether it is active",
				ArgsUsage: "ID",
				Flags:     monitorFlags(),
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return withMonitor(ctx, e, cmd, false, func(svc *service.Service) error {
						m, err := svc.Monitoring(ctx, operator(), cmd.Args().First())
						if err != nil {
							return err
						}
						printMonitor(e.stdout, m)
						return nil
					})
				},
			},
			{
				Name:      "monitor",
				Usage:     "set when a subject's monitoring ends (overrides the retention; audited)",
				ArgsUsage: "ID",
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "until", Usage: "date (2031-12-31) or 'never'", Required: true},
					&cli.StringFlag{Name: "reason", Usage: "why (kept in the audit trail)", Required: true},
				}, monitorFlags()...),
				Action: func(ctx context.Context, cmd *cli.Command) error {
					var until time.Time
					if u := cmd.String("until"); u != "never" {
						t, err := time.Parse(time.DateOnly, u)
						if err != nil {
							return fmt.Errorf("--until %q: want a date like 2031-12-31, or never", u)
						}
						until = t
					}
					return withMonitor(ctx, e, cmd, false, func(svc *service.Service) error {
						m, err := svc.SetMonitoring(ctx, operator(), cmd.Args().First(), until, cmd.String("reason"))
						if err != nil {
							return err
						}
						printMonitor(e.stdout, m)
						return nil
					})
				},
			},
			{
				Name:      "end",
				Usage:     "end a subject's monitoring now (audited; its alerts stay)",
				ArgsUsage: "ID",
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "reason", Usage: "why (kept in the audit trail)", Required: true},
				}, monitorFlags()...),
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return withMonitor(ctx, e, cmd, false, func(svc *service.Service) error {
						m, err := svc.EndMonitoring(ctx, operator(), cmd.Args().First(), cmd.String("reason"))
						if err != nil {
							return err
						}
						printMonitor(e.stdout, m)
						return nil
					})
				},
			},
		},
	}
}

func printMonitor(w io.Writer, m *store.Monitor) {
	until := "never"
	if !m.Until.IsZero() {
		until = m.Until.Format(time.DateOnly)
	}
	if m.Override {
		until += " (set for this subject)"
	}
	state := "monitored"
	switch {
	case !m.EndedAt.IsZero():
		state = fmt.Sprintf("ended %s by %s: %s", m.EndedAt.Format(time.RFC3339), m.EndedBy, m.Reason)
	case !m.Active:
		state = "not monitored: the retention has passed"
	}
	fmt.Fprintf(w, "subject %s\n  since  %s\n  until  %s\n  state  %s\n", m.SubjectID, m.Since.Format(time.RFC3339), until, state)
}

// importSubjects enrols a file, with a progress line on standard error.
func (e *env) importSubjects(ctx context.Context, cmd *cli.Command, svc *service.Service, path string) error {
	format, err := subject.ParseFormat(cmd.String("format"))
	if err != nil {
		return err
	}
	var in io.Reader = os.Stdin
	name := "standard input"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("subjects import: %w", err)
		}
		defer f.Close()
		in, name = f, path
	}
	rd, err := subject.NewReader(in, name, format)
	if err != nil {
		return fmt.Errorf("subjects import: %w", err)
	}
	progress := func(s service.EnrollSummary) {
		if cmd.Bool("quiet") {
			return
		}
		rate := float64(s.Read) / max(s.Seconds, 0.001)
		fmt.Fprintf(e.stderr, "\r%d read: %d new, %d updated, %d unchanged, %d invalid, %d alerts  (%.0f subjects/s)   ",
			s.Read, s.Created, s.Updated, s.Unchanged, s.Invalid, s.Alerts, rate)
	}
	sum, err := svc.EnrollSubjects(ctx, operator(), rd.Next, progress)
	if !cmd.Bool("quiet") {
		fmt.Fprintln(e.stderr)
	}
	if sum != nil {
		printEnroll(e.stdout, name, sum)
	}
	if err != nil {
		return err
	}
	if sum.Invalid > 0 {
		return fmt.Errorf("%d row(s) of %s could not be enrolled (see above); the others were", sum.Invalid, name)
	}
	return nil
}

func printEnroll(w io.Writer, name string, s *service.EnrollSummary) {
	fmt.Fprintf(w, "%s: %d subjects read in %.1f s (%.0f/s): %d new, %d updated, %d unchanged (already recorded), %d invalid; %d alert(s) raised\n",
		name, s.Read, s.Seconds, float64(s.Read)/max(s.Seconds, 0.001), s.Created, s.Updated, s.Unchanged, s.Invalid, s.Alerts)
	for _, r := range s.Errors {
		fmt.Fprintf(w, "  line %d %s: %s\n", r.Line, r.ID, r.Error)
	}
	if s.Invalid > len(s.Errors) {
		fmt.Fprintf(w, "  ... and %d more\n", s.Invalid-len(s.Errors))
	}
}

// rescreenCommand starts a full re-screen, or shows the re-vetting runs.
func rescreenCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "rescreen",
		Usage: "re-screen every monitored subject against every record in force (after a change of threshold, rules or engine): queued as jobs that vigil serve works; raises only new alerts",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "reason", Usage: "why (kept in the audit trail)", Required: true},
			&cli.BoolFlag{Name: "wait", Usage: "wait until the run is done, showing its progress (a server must be working the jobs)"},
		}, monitorFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			return withMonitor(ctx, e, cmd, true, func(svc *service.Service) error {
				r, err := svc.Rescreen(ctx, operator(), cmd.String("reason"))
				if err != nil {
					return fmt.Errorf("rescreen: %w", err)
				}
				fmt.Fprintf(e.stdout, "re-screen %d queued (threshold %g, %s); 'vigil jobs' shows its progress\n", r.ID, r.Threshold, r.Engine)
				if !cmd.Bool("wait") {
					return nil
				}
				for {
					r, err = svc.RevetRun(ctx, operator(), r.ID)
					if err != nil {
						return err
					}
					fmt.Fprintf(e.stderr, "\r%s: %d of %d chunks, %d screened, %d alerts   ", r.Status, r.ChunksDone, r.Chunks, r.Screened, r.Alerts)
					if r.Status == store.RevetDone || r.Status == store.RevetFailed {
						fmt.Fprintln(e.stderr)
						if r.Status == store.RevetFailed {
							return errors.New("re-screen failed: " + r.Error)
						}
						return nil
					}
					select {
					case <-ctx.Done():
						return ctx.Err()
					case <-time.After(time.Second):
					}
				}
			})
		},
	}
}

// printRevets prints the re-vetting runs with their progress.
func printRevets(w io.Writer, runs []*store.Revet) {
	if len(runs) == 0 {
		return
	}
	fmt.Fprintln(w, "\nre-vetting runs:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tKIND\tCAUSE\tSTATUS\tCHUNKS\tRECORDS\tCANDIDATES\tSCREENED\tALERTS\tANNOTATED\tSTARTED")
	for _, r := range runs {
		cause := r.Source + " " + r.Edition
		if r.Kind == store.RevetFull {
			cause = fmt.Sprintf("threshold %g, %s", r.Threshold, r.Engine)
		}
		status := r.Status
		if r.Error != "" {
			status += ": " + firstLine(r.Error)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d/%d\t%d\t%d\t%d\t%d\t%d\t%s\n", r.ID, r.Kind, strings.TrimSpace(cause), status,
			r.ChunksDone, r.Chunks, r.Records, r.Candidates, r.Screened, r.Alerts, r.Annotated, r.CreatedAt.Format(time.RFC3339))
	}
	tw.Flush()
}
