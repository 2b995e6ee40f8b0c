package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"runtime/debug"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

func serveCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the HTTP JSON API",
		UsageText: `vigil serve --lists DIR [--addr 127.0.0.1:8080] [--open]

The server listens at once; /readyz turns ready when the lists are loaded.
Requests authenticate with API keys ("vigil keys"); --open runs without
them, for local use only. See docs/api.md.`,
		Flags: []cli.Flag{
			listsFlag(),
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Sources: cli.EnvVars("VIGIL_ADDR"), Usage: "address to listen on"},
			&cli.BoolFlag{Name: "open", Usage: "serve without authentication (local use only)"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			cfg := httpapi.Config{Logger: e.log}
			if !cmd.Bool("open") {
				db, err := openStore(ctx, cmd)
				if err != nil {
					return err
				}
				defer db.Close()
				cfg.Auth = db
			}
			return e.serve(ctx, cmd.String("addr"), cmd.String("lists"), cfg)
		},
	}
}

// openStore opens the database named by the global --db and --data-dir flags.
func openStore(ctx context.Context, cmd *cli.Command) (*store.DB, error) {
	dir, err := dataDir(cmd)
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	db, err := store.Open(ctx, cmd.String("db"), dir)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// serve listens on addr, loads the lists in the background and answers
// requests until ctx is cancelled. A failure to load the lists stops it.
func (e *env) serve(ctx context.Context, addr, lists string, cfg httpapi.Config) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := httpapi.New(cfg)
	e.log.Info("listening", "addr", "http://"+ln.Addr().String(), "auth", cfg.Auth != nil)

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		l, err := loadLists(ctx, e, lists)
		if err != nil {
			cancel(err)
			return
		}
		srv.SetLists(&httpapi.Lists{Engine: l.engine, Snapshots: metas(l.snaps)})
		settle()
		e.log.Info("ready")
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
