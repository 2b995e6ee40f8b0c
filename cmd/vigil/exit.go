package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v3"
)

// Exit statuses of vigil (docs/operations.md, "Exit codes"):
const (
	exitOK      = 0 // the command did its job
	exitFailed  = 1 // it did not: an error, or nothing done (every row malformed, no input, nothing recognised)
	exitUsage   = 2 // the command line or the configuration is wrong; nothing was done
	exitPartial = 3 // it did its job for part of the input and skipped the rest (malformed rows), each named in the log
)

// exitError is an error that chooses the exit status. (It does not
// implement cli.ExitCoder, whose handler would exit the process from
// inside the library.)
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: exitUsage, err: err}
}

// partial reports that a command did part of its job.
func partial(format string, args ...any) error {
	return &exitError{code: exitPartial, err: fmt.Errorf(format, args...)}
}

// exitCode is the exit status for the error run returned.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var ec cli.ExitCoder // the library's own: unknown command ("No help topic")
	if errors.As(err, &ec) {
		return exitUsage
	}
	if strings.HasPrefix(err.Error(), "Required flag") {
		return exitUsage
	}
	return exitFailed
}

// usageErrors makes the library's usage errors (unknown flag, bad flag
// value) exit with exitUsage, on every command.
func usageErrors(cmds []*cli.Command) {
	for _, c := range cmds {
		c.OnUsageError = func(_ context.Context, _ *cli.Command, err error, _ bool) error { return usageError(err) }
		usageErrors(c.Commands)
	}
}

// rowsOutcome is the error of a command that read n rows of which bad
// were malformed.
func rowsOutcome(what string, n, bad int) error {
	switch {
	case n == 0:
		return fmt.Errorf("no %s in the input", what)
	case bad == n:
		return fmt.Errorf("all %d %s malformed: nothing done (see the log for each)", n, what)
	case bad > 0:
		return partial("%d of %d %s malformed and skipped (see the log for each); the others were done", bad, n, what)
	}
	return nil
}
