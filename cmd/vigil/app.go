package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/urfave/cli/v3"
)

// env carries what every command needs: its output streams and logger.
// Commands take it instead of reaching for globals, so tests can run the
// whole program in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	// args is the command line, to tell flags given there from those set
	// by their environment variable; settings is where each setting of
	// the running command came from (see configure).
	args     []string
	settings *settings
}

// run is the whole program with an empty standard input, as tests call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runIO(ctx, args, strings.NewReader(""), stdout, stderr)
}

// runIO is the whole program: it parses args and runs the chosen command.
func runIO(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, args: args,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	root := &cli.Command{
		Name:      "vigil",
		Usage:     "screen people and organisations against watchlists",
		Version:   version(),
		Writer:    stdout,
		ErrWriter: stderr,
		Flags:     withEnv(rootFlags()),
		Commands:  commands(e),
	}
	configureAll(e, root.Commands)
	usageErrors([]*cli.Command{root})
	// The exit status is main's to choose (exitCode): never let the
	// library exit the process.
	root.ExitErrHandler = func(context.Context, *cli.Command, error) {}
	return root.Run(ctx, args)
}

// rootFlags are the flags of every command.
func rootFlags() []cli.Flag {
	return append(append([]cli.Flag{configFlag()}, logFlags()...),
		&cli.StringFlag{Name: "data-dir", Value: "vigil-data", Sources: cli.EnvVars("VIGIL_DATA_DIR"), Usage: "folder for the database and downloaded lists"},
		&cli.StringFlag{Name: "db", Sources: cli.EnvVars("VIGIL_DB"), Usage: "database: a postgres:// URL, or empty for SQLite in the data folder"},
	)
}

// configureAll makes every command that runs apply the configuration
// (file, then logger) before its action.
func configureAll(e *env, cmds []*cli.Command) {
	for _, c := range cmds {
		if c.Action != nil && c.Before == nil {
			c.Before = e.configure
		}
		configureAll(e, c.Commands)
	}
}

// dataDir returns the --data-dir flag, creating the folder.
func dataDir(cmd *cli.Command) (string, error) {
	d := cmd.String("data-dir")
	return d, os.MkdirAll(d, 0o750)
}

// listsFlag is the one --lists flag of every command: a folder (or a
// file) of list editions, their formats recognised by content. serve
// imports it into the database (with --open, screens against it); screen,
// compare, eval and bench load it into memory.
func listsFlag(required bool) cli.Flag {
	return &cli.StringFlag{Name: "lists", Sources: cli.EnvVars("VIGIL_LISTS"), Required: required,
		Usage: "folder (or file) of list editions, formats recognised by content, e.g. ../shared/data/lists/current"}
}
