package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/web"
)

func serveCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the HTTP JSON API and the reviewers' web pages",
		UsageText: `vigil serve [--lists DIR] [--first-user NAME] [--addr 127.0.0.1:8080] [--db postgres://...]
vigil serve --open --lists DIR

The server opens the database (SQLite in --data-dir, or --db), creates the
first admin on first start and prints its API key once (with --first-user,
also a first screening user and its key), imports --lists (as "vigil lists
import" does) and screens against the stored editions in force: a restart
without --lists works from the database alone. It listens at once;
/readyz turns ready when the lists are loaded. --open serves screening
only, from the files, without API keys or database: for local use. See
docs/api.md.`,
		Flags: withEnv(append([]cli.Flag{
			listsFlag(false),
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Sources: cli.EnvVars("VIGIL_ADDR"), Usage: "address to listen on"},
			&cli.BoolFlag{Name: "open", Usage: "serve screening only, from the files, without authentication or database (local use only)"},
			&cli.BoolFlag{Name: "migrate", Sources: cli.EnvVars("VIGIL_MIGRATE"),
				Usage: "apply the database's pending schema migrations before serving (as \"vigil db migrate\" does)"},
			&cli.StringFlag{Name: "first-user", Sources: cli.EnvVars("VIGIL_FIRST_USER"),
				Usage: "on a new database, also create this screening user (roles screener and analyst) and print its API key once"},
			&cli.StringSliceFlag{Name: "high-impact", Value: review.DefaultPolicy().HighImpactLists, Sources: cli.EnvVars("VIGIL_HIGH_IMPACT"),
				Usage: "lists on which closing an alert as false positive or inconclusive also needs a second reviewer"},
			&cli.DurationFlag{Name: "reload", Value: time.Minute, Sources: cli.EnvVars("VIGIL_RELOAD"),
				Usage: "how often to look for new list editions in the database and swap them in (0: never; SIGHUP always does)"},
			&cli.IntFlag{Name: "max-body", Value: 1 << 20, Sources: cli.EnvVars("VIGIL_MAX_BODY"),
				Usage: "largest request body in bytes the API reads (413 beyond); a batch of 1,000 subjects with many documents needs more"},
			&cli.DurationFlag{Name: "group-linger", Value: store.DefaultLinger, Sources: cli.EnvVars("VIGIL_GROUP_LINGER"),
				Usage: "how long a commit of audited screenings waits for those still being computed, so that they share it (0: never waits; more: fewer commits under load, slower answers on an idle server)"},
			&cli.FloatFlag{Name: "alert-threshold", Value: screen.DefaultThreshold, Sources: cli.EnvVars("VIGIL_ALERT_THRESHOLD"),
				Usage: "score at or above which a recorded screening raises an alert (0 < t <= 1)"},
		}, append(append(append(append(append(checkFlags(), jobFlags()...), observeFlags()...), monitorFlags()...), oidcFlags()...), guardFlags()...)...)),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Bool("open") {
				return e.serveOpen(ctx, cmd)
			}
			return e.serveStore(ctx, cmd)
		},
	}
}

// serveOpen serves screening against the files of --lists, without
// database or authentication.
func (e *env) serveOpen(ctx context.Context, cmd *cli.Command) error {
	dir := cmd.String("lists")
	if dir == "" {
		return errors.New("serve --open: --lists DIR is required")
	}
	obs := newObservability(cmd)
	svc := service.New(service.Config{Logger: e.log, Observer: obs.observer()})
	obs.watch(svc, nil)
	return e.serve(ctx, serving{cmd: cmd, addr: cmd.String("addr"), svc: svc, http: obs.http(cmd, httpapi.Config{Logger: e.log, MaxBody: int64(cmd.Int("max-body"))}),
		load: func(ctx context.Context) error {
			l, err := service.LoadFiles(ctx, dir, e.log, screen.Config{})
			if err != nil {
				return err
			}
			svc.SetLists(l.Lists())
			e.log.Info("ready")
			return nil
		}})
}

// serveStore serves the whole API over the database.
func (e *env) serveStore(ctx context.Context, cmd *cli.Command) error {
	checks, err := checksFrom(cmd)
	if err != nil {
		return err
	}
	if t := cmd.Float("alert-threshold"); !(t > 0 && t <= 1) {
		return fmt.Errorf("--alert-threshold %g: want a score above 0 and at most 1", t)
	}
	opts := []store.Option{store.WithPolicy(review.Policy{HighImpactLists: cmd.StringSlice("high-impact")})}
	if cmd.Bool("migrate") {
		opts = append(opts, store.WithMigrate())
	}
	linger := cmd.Duration("group-linger")
	if linger < 0 || linger > time.Second {
		return fmt.Errorf("--group-linger %s: want 0 to 1s", linger)
	}
	opts = append(opts, store.WithLinger(linger))
	refresh, err := refreshConfig(cmd, checks)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, cmd, opts...)
	if err != nil {
		return err
	}
	defer db.Close()
	obs := newObservability(cmd)
	svc := service.New(service.Config{Store: db, Logger: e.log, Refresh: refresh, Hooks: hooksConfig(cmd), Observer: obs.observer(), Monitor: monitorConfig(cmd),
		Threshold: cmd.Float("alert-threshold")})
	obs.watch(svc, db)
	runner, err := e.newRunner(cmd, db, svc)
	if err != nil {
		return err
	}
	first, err := e.firstStart(ctx, cmd, svc)
	if err != nil {
		return err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	dir := cmd.String("lists")
	pages, err := web.New(web.Config{Service: svc, Logger: e.log, OIDC: oidcConfig(cmd)})
	if err != nil {
		return err
	}
	return e.serve(ctx, serving{cmd: cmd, addr: cmd.String("addr"), svc: svc, http: obs.http(cmd, httpapi.Config{Logger: e.log, Auth: svc, Pages: pages, MaxBody: int64(cmd.Int("max-body"))}),
		listening: func(addr string) {
			if first != nil {
				printFirstStart(e.stderr, first, invocation(cmd), addr)
			}
		},
		load: func(ctx context.Context) error {
			if dir != "" {
				// Start degraded when a rejected file's source keeps an
				// earlier edition; refuse when it has none (startpolicy.go).
				rep, _, err := svc.ImportAtStart(ctx, operator(), dir, checks)
				e.logImport(rep)
				if err != nil {
					return err
				}
			}
			err := svc.LoadStored(ctx)
			if errors.Is(err, service.ErrNoEditions) && cmd.Bool("refresh") {
				e.log.Warn("no list editions yet: screening is served once the scheduled refresh has imported some")
				return nil
			}
			if err == nil {
				e.log.Info("ready")
			}
			return err
		},
		watch: func(ctx context.Context) { svc.Watch(ctx, cmd.Duration("reload"), hup) },
		jobs: func(ctx context.Context) (func(), error) {
			// Re-vetting runs written while no server ran (an import from
			// the command line) are queued now.
			if n, err := svc.QueuePendingRevets(ctx, service.System); err != nil {
				return nil, err
			} else if n > 0 {
				e.log.Info("queued pending re-vetting runs", "runs", n)
			}
			// So are the network alerts owed by changes made without one.
			if n, err := svc.QueuePendingNetworkVets(ctx, service.System); err != nil {
				return nil, err
			} else if n > 0 {
				e.log.Info("queued pending network vets", "vets", n)
			}
			return e.startJobs(ctx, runner)
		},
	})
}

// logImport logs each edition an import found, and the files it skipped.
func (e *env) logImport(rep *service.ImportReport) {
	if rep == nil {
		return
	}
	for _, f := range rep.Skipped {
		e.log.Warn("not recognised as any list format; skipped", "file", f)
	}
	for _, r := range rep.Results {
		e.log.Info("list edition", "source", r.Source, "edition", r.Edition, "status", r.Status, "records", r.Records,
			"hash", short(r.Hash), "path", r.Path)
		for _, w := range r.Warnings {
			e.log.Warn("list edition read with a warning", "source", r.Source, "warning", w)
		}
	}
}

// serving is what serve runs.
type serving struct {
	cmd  *cli.Command // for the HTTP guards (rate limit, CORS, TLS)
	addr string
	svc  *service.Service
	http httpapi.Config
	// load puts lists in force and logs "ready"; a failure stops the
	// server.
	load func(ctx context.Context) error
	// listening, when set, is told the address listened on.
	listening func(addr string)
	// watch, when set, runs once the lists are in force, until the server
	// stops: to swap in new lists.
	watch func(ctx context.Context)
	// jobs, when set, starts the background jobs (before the lists are
	// loaded: a refresh may bring the first ones); the function it
	// returns stops them, after the HTTP server has stopped.
	jobs func(ctx context.Context) (stop func(), err error)
}

// serve listens, loads the lists in the background and answers requests
// until ctx is cancelled. /readyz turns ready once the lists are in force.
func (e *env) serve(ctx context.Context, s serving) error {
	tc, err := tlsConfig(s.cmd)
	if err != nil {
		return err
	}
	if s.http, err = guard(s.cmd, s.http); err != nil {
		return err
	}
	ln, scheme, err := listen(s.addr, tc)
	if err != nil {
		return err
	}
	s.http.Service = s.svc
	srv := httpapi.New(s.http)
	e.log.Info("listening", "addr", scheme+"://"+ln.Addr().String(), "auth", s.http.Auth != nil, "database", s.svc.HasStore())
	if s.listening != nil {
		s.listening(ln.Addr().String())
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stopJobs := make(chan func(), 1)
	go func() {
		defer close(stopJobs)
		if s.jobs != nil {
			stop, err := s.jobs(ctx)
			if err != nil {
				cancel(err)
				return
			}
			stopJobs <- stop
		}
		if err := s.load(ctx); err != nil {
			cancel(err)
			return
		}
		if s.watch != nil {
			s.watch(ctx)
		}
	}()
	err = srv.Serve(ctx, ln)
	// HTTP first (no new requests, open ones finished), then the workers.
	cancel(nil)
	if stop := <-stopJobs; stop != nil {
		stop()
	}
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return err
}
