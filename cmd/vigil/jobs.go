package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// jobFlags configure the background jobs of vigil serve: the scheduled
// refresh of the lists and the job runner.
func jobFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "refresh", Sources: cli.EnvVars("VIGIL_REFRESH"),
			Usage: "fetch the official lists from their publishers on a schedule (hourly for UN, OFAC, UK, EU; daily for the others) and import them"},
		&cli.StringSliceFlag{Name: "refresh-source", Sources: cli.EnvVars("VIGIL_REFRESH_SOURCE"),
			Usage: "with --refresh, the sources to refresh (repeatable; default all, see 'vigil lists sources')"},
		&cli.StringSliceFlag{Name: "refresh-every", Sources: cli.EnvVars("VIGIL_REFRESH_EVERY"),
			Usage: "with --refresh, a source's interval as NAME=DURATION, e.g. us_csl=6h (repeatable)"},
		&cli.StringFlag{Name: "sources", Sources: cli.EnvVars("VIGIL_SOURCES"),
			Usage: "JSON file of sources replacing or adding to the registry's download addresses (a mirror, a delta feed)"},
		&cli.DurationFlag{Name: "fetch-timeout", Value: 10 * time.Minute, Usage: "time limit for downloading each file"},
		&cli.DurationFlag{Name: "jobs-rescue-after", Value: time.Hour, Sources: cli.EnvVars("VIGIL_JOBS_RESCUE_AFTER"),
			Usage: "how long a job may run before it is taken for the job of a dead process and retried"},
		&cli.DurationFlag{Name: "jobs-poll", Value: time.Second, Sources: cli.EnvVars("VIGIL_JOBS_POLL"),
			Usage: "how often each job queue looks for new jobs"},
		&cli.DurationFlag{Name: "jobs-retry-base", Sources: cli.EnvVars("VIGIL_JOBS_RETRY_BASE"),
			Usage: "first retry delay of a failed job (doubling at each attempt); default each kind's own"},
		&cli.IntFlag{Name: "webhook-max-failures", Value: service.DefaultMaxFailures, Sources: cli.EnvVars("VIGIL_WEBHOOK_MAX_FAILURES"),
			Usage: "failed delivery attempts in a row after which a webhook is disabled (0: never)"},
		&cli.DurationFlag{Name: "webhook-timeout", Value: 10 * time.Second, Usage: "time limit of one delivery attempt"},
	}
}

// sourcesFrom returns the registry, with the --sources file applied.
func sourcesFrom(cmd *cli.Command) ([]source.Source, error) {
	if f := cmd.String("sources"); f != "" {
		return source.ReadSources(f)
	}
	return source.Sources(), nil
}

// refreshConfig is the service's configuration for fetching lists.
func refreshConfig(cmd *cli.Command, checks source.Checks) (service.Refresh, error) {
	srcs, err := sourcesFrom(cmd)
	if err != nil {
		return service.Refresh{}, err
	}
	dir, err := dataDir(cmd)
	if err != nil {
		return service.Refresh{}, err
	}
	return service.Refresh{Dir: filepath.Join(dir, "downloads"), Sources: srcs,
		Fetcher: source.NewFetcher(cmd.Duration("fetch-timeout")), Checks: checks}, nil
}

// hooksConfig is the service's configuration for sending deliveries.
func hooksConfig(cmd *cli.Command) service.Hooks {
	n := int(cmd.Int("webhook-max-failures"))
	if n == 0 {
		n = -1 // never
	}
	return service.Hooks{Client: &http.Client{Timeout: cmd.Duration("webhook-timeout")}, MaxFailures: n}
}

// newRunner returns the job runner of vigil serve.
func (e *env) newRunner(cmd *cli.Command, db *store.DB, svc *service.Service) (*jobs.Runner, error) {
	var schedules []jobs.Schedule
	if cmd.Bool("refresh") {
		every, err := parseEvery(cmd.StringSlice("refresh-every"))
		if err != nil {
			return nil, err
		}
		names := cmd.StringSlice("refresh-source")
		if len(names) == 0 {
			for _, s := range svc.RefreshSources() {
				if s.Retired == "" {
					names = append(names, s.Name)
				}
			}
		}
		schedules = jobs.DefaultSchedules(names, every)
	}
	return jobs.New(jobs.Config{
		Store: db, Service: svc, Logger: e.log, Schedules: schedules,
		RescueAfter: cmd.Duration("jobs-rescue-after"), PollInterval: cmd.Duration("jobs-poll"),
		RetryBase: cmd.Duration("jobs-retry-base"),
	})
}

// parseEvery reads NAME=DURATION pairs.
func parseEvery(pairs []string) (map[string]time.Duration, error) {
	out := map[string]time.Duration{}
	for _, p := range pairs {
		name, d, ok := strings.Cut(p, "=")
		if !ok {
			return nil, fmt.Errorf("--refresh-every %q: want NAME=DURATION, e.g. us_csl=6h", p)
		}
		dur, err := time.ParseDuration(d)
		if err != nil || dur < time.Minute {
			return nil, fmt.Errorf("--refresh-every %q: want a duration of a minute or more, e.g. 6h", p)
		}
		out[name] = dur
	}
	return out, nil
}

// startJobs starts the runner once the lists are in force; the returned
// function stops it, letting running jobs finish for up to grace.
func (e *env) startJobs(ctx context.Context, r *jobs.Runner) (stop func(), err error) {
	if err := r.Start(ctx); err != nil {
		return nil, err
	}
	return func() {
		if err := r.Stop(30 * time.Second); err != nil {
			e.log.Error("stopping the jobs", "err", err)
		}
	}, nil
}

// jobsCommand shows the background jobs.
func jobsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "jobs",
		Usage: "show the background jobs: counts by kind and state, and the latest failures",
		Flags: []cli.Flag{&cli.IntFlag{Name: "failures", Value: 20, Usage: "how many of the latest failures to show"}},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			return withService(ctx, e, cmd, func(svc *service.Service) error {
				st, err := svc.Jobs(ctx, operator(), int(cmd.Int("failures")))
				if err != nil {
					return fmt.Errorf("jobs: %w", err)
				}
				printJobs(e.stdout, st)
				runs, err := svc.Revets(ctx, operator(), 10)
				if err != nil {
					return fmt.Errorf("jobs: %w", err)
				}
				printRevets(e.stdout, runs)
				if st.NetworkVets[store.NetVetFailed] > 0 || st.NetworkVets[store.NetVetPending] > 0 {
					fmt.Fprintf(e.stdout, "\nnetwork vets: %d pending, %d failed (vigil network vets)\n",
						st.NetworkVets[store.NetVetPending], st.NetworkVets[store.NetVetFailed])
				}
				if len(st.FailedNetworkVets) > 0 {
					fmt.Fprintln(e.stdout, "failed network vets (their alerts are not raised; vigil network vets retry ID):")
					printNetworkVets(e.stdout, st.FailedNetworkVets)
				}
				return nil
			})
		},
	}
}

// printJobs prints the counts as a table of kinds by state, then the
// failures.
func printJobs(w io.Writer, st *service.JobState) {
	states := []string{"available", "scheduled", "running", "retryable", "completed", "discarded", "cancelled"}
	byKind := map[string]map[string]int64{}
	var kinds []string
	for _, c := range st.Counts {
		if byKind[c.Kind] == nil {
			byKind[c.Kind] = map[string]int64{}
			kinds = append(kinds, c.Kind)
		}
		byKind[c.Kind][c.State] += c.Count
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\t"+strings.ToUpper(strings.Join(states, "\t")))
	for _, k := range kinds {
		row := []string{k}
		for _, s := range states {
			row = append(row, strconv.FormatInt(byKind[k][s], 10))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
	if len(kinds) == 0 {
		fmt.Fprintln(w, "no jobs")
	}
	if len(st.Failures) == 0 {
		return
	}
	fmt.Fprintln(w, "\nlatest failures:")
	for _, f := range st.Failures {
		next := ""
		if !f.NextAt.IsZero() {
			next = ", next try " + f.NextAt.Format(time.RFC3339)
		}
		fmt.Fprintf(w, "  job %d %s %s (attempt %d of %d%s) at %s: %s\n    args %s\n", f.ID, f.Kind, f.State, f.Attempt, f.MaxAttempts, next,
			f.AttemptedAt.Format(time.RFC3339), f.Error, f.Args)
	}
}

// listsRefreshesCommand shows the latest attempts to refresh the lists.
func listsRefreshesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "refreshes",
		Usage: "show the latest attempts of vigil serve --refresh to fetch and import the lists",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "source", Usage: "only this source"},
			&cli.IntFlag{Name: "limit", Value: 20, Usage: "how many attempts"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			return withService(ctx, e, cmd, func(svc *service.Service) error {
				as, err := svc.RefreshAttempts(ctx, operator(), cmd.String("source"), int(cmd.Int("limit")))
				if err != nil {
					return fmt.Errorf("lists refreshes: %w", err)
				}
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "STARTED\tSOURCE\tSTATUS\tHTTP\tBYTES\tEDITION\tERROR")
				for _, a := range as {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", a.StartedAt.Format(time.RFC3339), a.Source, a.Status, a.HTTPStatus,
						a.Bytes, a.Edition, firstLine(a.Error))
				}
				return tw.Flush()
			})
		},
	}
}

// firstLine returns s up to its first line break.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
