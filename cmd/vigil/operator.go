package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/jobs"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// operator is who the commands run on the machine act as:
// auth.Operator, named "cli:USER@HOST" after the operating-system user
// and the host. Whoever can run them can open the database anyway, but
// the audit trail should still say which account on which machine did
// it. The names come from the operating system and can be set by whoever
// runs the command; they identify, they do not authenticate.
func operator() auth.Principal {
	return auth.Operator(osUser() + "@" + hostName())
}

// osUser returns the name of the operating-system user running vigil.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return cleanName(u.Username)
	}
	for _, v := range []string{"USER", "USERNAME", "LOGNAME"} {
		if s := os.Getenv(v); s != "" {
			return cleanName(s)
		}
	}
	return fmt.Sprintf("uid%d", os.Getuid())
}

// hostName returns the machine's host name, or "unknown-host".
func hostName() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return cleanName(h)
	}
	return "unknown-host"
}

// cleanName keeps a name short and printable for the audit trail.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '@' || r == ':' {
			return '_'
		}
		return r
	}, strings.ToValidUTF8(s, "_"))
	if len(s) > 64 {
		s = strings.ToValidUTF8(s[:64], "")
	}
	return s
}

// openStore opens the database named by the global --db and --data-dir
// flags.
func openStore(ctx context.Context, cmd *cli.Command, opts ...store.Option) (*store.DB, error) {
	dir, err := dataDir(cmd)
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	opts = append([]store.Option{store.WithQueue(jobs.NewQueue)}, opts...)
	db, err := store.Open(ctx, cmd.String("db"), dir, opts...)
	if errors.Is(err, store.ErrPendingMigrations) {
		return nil, fmt.Errorf("open database: %w.\nBack it up, then run \"vigil db migrate\" with the same --data-dir or --db "+
			"(\"vigil db status\" lists the migrations), or start the server with \"vigil serve --migrate\"", err)
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// withService opens the database of the global flags, runs fn with a
// service over it and closes the database.
func withService(ctx context.Context, e *env, cmd *cli.Command, fn func(svc *service.Service) error, opts ...func(*service.Config)) error {
	db, err := openStore(ctx, cmd)
	if err != nil {
		return err
	}
	cfg := service.Config{Store: db, Logger: e.log}
	for _, o := range opts {
		o(&cfg)
	}
	err = fn(service.New(cfg))
	if cerr := db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close database: %w", cerr)
	}
	return err
}
