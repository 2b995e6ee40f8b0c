package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/internal/requestid"
)

// logFlags choose the format and level of the log (on standard error).
func logFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "log-format", Value: "text", Sources: cli.EnvVars("VIGIL_LOG_FORMAT"),
			Usage: "log format: text (key=value) or json (one object a line)"},
		&cli.StringFlag{Name: "log-level", Value: "info", Sources: cli.EnvVars("VIGIL_LOG_LEVEL"),
			Usage: "least level logged: debug, info, warn or error"},
	}
}

// newLogger returns the logger of the given format and level writing to
// w; every line logged with a request's context carries its request_id.
func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	var h slog.Handler
	switch strings.ToLower(format) {
	case "text", "":
		h = slog.NewTextHandler(w, opts)
	case "json":
		h = slog.NewJSONHandler(w, opts)
	default:
		return nil, fmt.Errorf("--log-format %q: want text or json", format)
	}
	return slog.New(requestid.NewHandler(h)), nil
}

// setLogger builds the logger from the flags, before any command runs.
func (e *env) setLogger(ctx context.Context, cmd *cli.Command) (context.Context, error) {
	log, err := newLogger(e.stderr, cmd.String("log-format"), cmd.String("log-level"))
	if err != nil {
		return ctx, err
	}
	e.log = log
	return ctx, nil
}
