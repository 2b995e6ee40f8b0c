package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/service"
)

// firstStart prepares a new database: the user "admin" and, with
// --first-user, a first screening user, each with an API key, for the
// server to print once it is ready (printFirstStart). On a database with
// users it does nothing and returns nil.
func (e *env) firstStart(ctx context.Context, cmd *cli.Command, svc *service.Service) (*service.FirstStart, error) {
	user := cmd.String("first-user")
	first, err := svc.Bootstrap(ctx, user)
	if err != nil {
		if first != nil { // the admin exists: never lose its key
			printFirstStart(e.stderr, first, invocation(cmd), cmd.String("addr"))
		}
		return nil, fmt.Errorf("first start: %w", err)
	}
	if first == nil && user != "" {
		e.log.Info("the database has users already; --first-user is ignored", "first-user", user)
	}
	return first, nil
}

// printFirstStart writes what a first start created and what to do next,
// set apart from the log lines: the keys, shown this once, and commands
// that work as printed.
func printFirstStart(w io.Writer, first *service.FirstStart, vigil, addr string) {
	line := strings.Repeat("=", 78)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s\nVigil: first start. The database is new; it has the user \"admin\".\n\n", line)
	fmt.Fprintf(&b, "  admin's API key, shown this once (keep it safe):\n\n      %s\n\n", first.AdminKey)
	b.WriteString("  The admin manages users and keys; it cannot screen: duties are separate.\n\n")
	key := "vgl_..."
	if first.User != "" {
		fmt.Fprintf(&b, "  %s (roles screener and analyst) screens and reviews. Its API key, shown this once:\n\n      %s\n\n",
			first.User, first.UserKey)
		key = first.UserKey
	} else {
		b.WriteString("  To screen, create a user who may screen, and its key (printed once; for a user\n")
		b.WriteString("  who reviews it is a one-time activation that the user exchanges for their key):\n\n")
		fmt.Fprintf(&b, "      %s users add alice --role screener --role analyst\n", vigil)
		fmt.Fprintf(&b, "      %s keys create --user alice > activation.txt\n", vigil)
		fmt.Fprintf(&b, "      %s keys activate < activation.txt   (run by alice; prints her key)\n\n", vigil)
		b.WriteString("  (or give --first-user NAME to the first start of a new database, which does both).\n\n")
	}
	b.WriteString("  Once the log says \"ready\", screen a name:\n\n")
	fmt.Fprintf(&b, "      curl -H 'Authorization: Bearer %s' -d '{\"name\": \"Ayman al-Zawahiri\"}' http://%s/v1/screen\n", key, addr)
	fmt.Fprintf(&b, "%s\n\n", line)
	fmt.Fprint(w, b.String())
}

// invocation is how to run vigil again on the same database: the program
// as it was started ("go run ./cmd/vigil" under go run) with the same
// --data-dir or --db.
func invocation(cmd *cli.Command) string {
	prog := "vigil"
	if arg0 := os.Args[0]; strings.Contains(arg0, "go-build") {
		prog = "go run ./cmd/vigil"
	} else if strings.ContainsRune(arg0, '/') {
		prog = shellQuote(arg0)
	}
	if dsn := cmd.String("db"); dsn != "" {
		if u, err := url.Parse(dsn); err == nil && u.User != nil {
			if _, hasPassword := u.User.Password(); hasPassword {
				return prog + ` --db "$VIGIL_DB"` // not the password, in a terminal or a log
			}
		}
		return prog + " --db " + shellQuote(dsn)
	}
	return prog + " --data-dir " + shellQuote(cmd.String("data-dir"))
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@=+,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
