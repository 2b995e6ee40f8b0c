package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

func serveCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the HTTP JSON API",
		UsageText: `vigil serve [--lists DIR] [--addr 127.0.0.1:8080] [--db postgres://...]
vigil serve --open --lists DIR

The server opens the database (SQLite in --data-dir, or --db), creates the
first admin on first start and prints its API key once, imports --lists
(with the checks of "vigil lists import") and screens against the latest
stored edition of each list: a restart without --lists works from the
database alone. It listens at once; /readyz turns ready when the lists are
loaded. --open serves screening only, from the files, without API keys or
database: for local use. See docs/api.md.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "lists", Sources: cli.EnvVars("VIGIL_LISTS"), Usage: "folder of list files to import (required with --open)"},
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Sources: cli.EnvVars("VIGIL_ADDR"), Usage: "address to listen on"},
			&cli.BoolFlag{Name: "open", Usage: "serve screening only, from the files, without authentication or database (local use only)"},
			&cli.StringSliceFlag{Name: "high-impact", Value: review.DefaultPolicy().HighImpactLists, Sources: cli.EnvVars("VIGIL_HIGH_IMPACT"),
				Usage: "lists on which closing an alert as false positive or inconclusive also needs a second reviewer"},
			&cli.DurationFlag{Name: "reload", Value: time.Minute, Sources: cli.EnvVars("VIGIL_RELOAD"),
				Usage: "how often to look for new list editions in the database and swap them in (0: never; SIGHUP always does)"},
		}, checkFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			dir := cmd.String("lists")
			if cmd.Bool("open") {
				if dir == "" {
					return errors.New("serve --open: --lists DIR is required")
				}
				return e.serve(ctx, cmd.String("addr"), httpapi.Config{Logger: e.log}, func(ctx context.Context) (*httpapi.Lists, error) {
					l, err := loadLists(ctx, e, dir, screen.Config{})
					if err != nil {
						return nil, err
					}
					return &httpapi.Lists{Engine: l.engine, Snapshots: metas(l.snaps)}, nil
				}, nil)
			}
			checks, err := checksFrom(cmd)
			if err != nil {
				return err
			}
			db, err := openStore(ctx, cmd, store.WithPolicy(review.Policy{HighImpactLists: cmd.StringSlice("high-impact")}))
			if err != nil {
				return err
			}
			defer db.Close()
			if err := e.bootstrap(ctx, db); err != nil {
				return err
			}
			hup := make(chan os.Signal, 1)
			signal.Notify(hup, syscall.SIGHUP)
			defer signal.Stop(hup)
			w := &watcher{e: e, db: db, every: cmd.Duration("reload"), hup: hup}
			cfg := httpapi.Config{Logger: e.log, Auth: db, Store: db}
			return e.serve(ctx, cmd.String("addr"), cfg, func(ctx context.Context) (*httpapi.Lists, error) {
				if dir != "" {
					if err := e.importLists(ctx, db, dir, checks); err != nil {
						return nil, err
					}
				}
				return w.load(ctx)
			}, w.watch)
		},
	}
}

// openStore opens the database named by the global --db and --data-dir flags.
func openStore(ctx context.Context, cmd *cli.Command, opts ...store.Option) (*store.DB, error) {
	dir, err := dataDir(cmd)
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	db, err := store.Open(ctx, cmd.String("db"), dir, opts...)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// bootstrap creates the first admin on first start and prints its API
// key, once, to stderr.
func (e *env) bootstrap(ctx context.Context, db *store.DB) error {
	key, err := db.Bootstrap(ctx)
	if err != nil {
		return fmt.Errorf("create the first admin: %w", err)
	}
	if key != "" {
		fmt.Fprintf(e.stderr, "First start: created the user \"admin\". Its API key is shown this once; keep it safe:\n\n    %s\n\n", key)
	}
	return nil
}

// importLists imports the editions in dir with the checks of "vigil lists
// import". An edition that fails the checks is logged and leaves the
// edition in force. A file that cannot be read as a list (damaged, cut
// short) is an error, as is a failure of the folder or the database: the
// server must not start on fewer lists than it was given.
func (e *env) importLists(ctx context.Context, db *store.DB, dir string, checks source.Checks) error {
	rep, err := source.Import(ctx, db, dir, checks)
	if err != nil {
		return fmt.Errorf("import %s: %w", dir, err)
	}
	for _, f := range rep.Unrecognised {
		e.log.Warn("not recognised as any list format; skipped", "file", f)
	}
	if len(rep.Results) == 0 {
		return fmt.Errorf("import %s: no list edition found", dir)
	}
	var unreadable []string
	for _, r := range rep.Results {
		if r.Status == source.Rejected {
			e.log.Error("list edition REJECTED; the edition in force stays", "source", r.Source, "edition", r.Edition,
				"path", r.Path, "reason", r.Reason)
			if r.Unreadable {
				unreadable = append(unreadable, r.Path+": "+r.Reason)
			}
			continue
		}
		e.log.Info("list edition", "source", r.Source, "edition", r.Edition, "status", r.Status, "records", r.Records, "hash", short(r.Hash))
	}
	if len(unreadable) > 0 {
		return fmt.Errorf("import %s: %d file(s) could not be read as lists; repair or remove them:\n%s",
			dir, len(unreadable), strings.Join(unreadable, "\n"))
	}
	return nil
}

// editionStore is where a server reads its lists from: the database.
type editionStore interface {
	// LatestSnapshots returns the latest stored edition of each list,
	// with its records.
	LatestSnapshots(ctx context.Context) ([]*snapshot.Snapshot, error)
	// ListSnapshots lists the stored editions without their records.
	ListSnapshots(ctx context.Context) ([]snapshot.Meta, error)
}

// storedLists builds the engine from the latest stored edition of each
// list.
func (e *env) storedLists(ctx context.Context, db editionStore) (*httpapi.Lists, error) {
	start := time.Now()
	snaps, err := db.LatestSnapshots(ctx)
	if err != nil {
		return nil, fmt.Errorf("load lists from the database: %w", err)
	}
	if len(snaps) == 0 {
		return nil, errors.New("no list editions in the database: download the official lists with 'vigil lists fetch', " +
			"import a folder of list files with 'vigil lists import DIR', or start with --lists DIR")
	}
	eng, records, err := indexSnapshots(snaps, screen.Config{})
	if err != nil {
		return nil, err
	}
	e.log.Info("lists loaded from the database", "lists", len(snaps), "records", records, "took", time.Since(start).Round(time.Millisecond))
	return &httpapi.Lists{Engine: eng, Snapshots: metas(snaps)}, nil
}

// serve listens on addr, loads the lists in the background and answers
// requests until ctx is cancelled. A failure to load the lists stops it.
// Once the lists are in place, watch (when not nil) runs in the
// background until ctx ends, to swap in new lists.
func (e *env) serve(ctx context.Context, addr string, cfg httpapi.Config, load func(context.Context) (*httpapi.Lists, error),
	watch func(context.Context, *httpapi.Server)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := httpapi.New(cfg)
	e.log.Info("listening", "addr", "http://"+ln.Addr().String(), "auth", cfg.Auth != nil, "database", cfg.Store != nil)

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		l, err := load(ctx)
		if err != nil {
			cancel(err)
			return
		}
		srv.SetLists(l)
		settle()
		e.log.Info("ready")
		if watch != nil {
			watch(ctx, srv)
		}
	}()
	err = srv.Serve(ctx, ln)
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return err
}

// settle returns the garbage left by parsing the list files to the
// operating system, so that a long-running server does not keep it
// resident.
func settle() { debug.FreeOSMemory() }

func metas(snaps []*snapshot.Snapshot) []snapshot.Meta {
	m := make([]snapshot.Meta, len(snaps))
	for i, s := range snaps {
		m[i] = s.Meta()
	}
	return m
}
