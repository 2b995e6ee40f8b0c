package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/urfave/cli/v3"
)

// commit can be set at link time (-ldflags "-X main.commit=...") where
// the build has no VCS information (a container build without .git).
var commit string

// version returns the module version and the VCS revision the binary was
// built from, read from its build information.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (no build information)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	rev, at, modified := commit, "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if rev == "" {
				rev = s.Value
			}
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var b strings.Builder
	b.WriteString(v)
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		fmt.Fprintf(&b, " commit %s", rev)
		if modified {
			b.WriteString("+modified")
		}
		if at != "" {
			fmt.Fprintf(&b, " (%s)", at)
		}
	}
	fmt.Fprintf(&b, " %s", info.GoVersion)
	return b.String()
}

// healthcheckCommand asks a running server whether it is alive (or
// ready): for a container's HEALTHCHECK, where there is no curl.
func healthcheckCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "healthcheck",
		Usage: "ask the server at --addr whether it is alive (/healthz) or ready (--ready: /readyz); exit 1 when not",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Sources: cli.EnvVars("VIGIL_ADDR"), Usage: "address the server listens on (0.0.0.0 and :: are asked on the loopback)"},
			&cli.BoolFlag{Name: "ready", Usage: "ask /readyz (lists in force) instead of /healthz"},
			&cli.BoolFlag{Name: "tls", Sources: cli.EnvVars("VIGIL_HEALTHCHECK_TLS"), Usage: "the server speaks HTTPS (set when --tls-cert is; the certificate is not verified: the check is of liveness, on this host)"},
			&cli.StringFlag{Name: "tls-cert", Sources: cli.EnvVars("VIGIL_TLS_CERT"), Usage: "the server's certificate: when set, ask over HTTPS"},
			&cli.DurationFlag{Name: "timeout", Value: 3 * time.Second, Usage: "time limit of the check"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			host, port, err := net.SplitHostPort(cmd.String("addr"))
			if err != nil {
				return fmt.Errorf("healthcheck: --addr %q: %w", cmd.String("addr"), err)
			}
			if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
				host = "127.0.0.1"
			}
			scheme, client := "http", &http.Client{Timeout: cmd.Duration("timeout")}
			if cmd.Bool("tls") || cmd.String("tls-cert") != "" {
				scheme = "https"
				client.Transport = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}} //nolint:gosec // a liveness check of this host
			}
			path := "/healthz"
			if cmd.Bool("ready") {
				path = "/readyz"
			}
			url := scheme + "://" + net.JoinHostPort(host, port) + path
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err != nil {
				return err
			}
			resp, err := client.Do(req)
			if err != nil {
				return fmt.Errorf("healthcheck %s: %w", url, err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return errors.New("healthcheck " + url + ": " + resp.Status)
			}
			fmt.Fprintf(e.stdout, "%s: %s\n", url, resp.Status)
			return nil
		},
	}
}
