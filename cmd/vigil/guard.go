package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/httpapi"
)

// guardFlags protect the API: rate limits, CORS, TLS.
func guardFlags() []cli.Flag {
	return []cli.Flag{
		&cli.FloatFlag{Name: "rate-limit", Sources: cli.EnvVars("VIGIL_RATE_LIMIT"),
			Usage: "requests a second allowed to each API key (answered 429 with Retry-After above it); 0: no limit"},
		&cli.IntFlag{Name: "rate-burst", Sources: cli.EnvVars("VIGIL_RATE_BURST"),
			Usage: "requests an API key may send at once above --rate-limit; 0: one second's worth"},
		&cli.StringSliceFlag{Name: "cors-origin", Sources: cli.EnvVars("VIGIL_CORS_ORIGIN"),
			Usage: "origin whose browser pages may call the API, e.g. https://screening.example.org (repeatable; * for any)"},
		&cli.StringFlag{Name: "tls-cert", Sources: cli.EnvVars("VIGIL_TLS_CERT"),
			Usage: "PEM certificate (chain) to serve HTTPS with, for deployments without a proxy; needs --tls-key"},
		&cli.StringFlag{Name: "tls-key", Sources: cli.EnvVars("VIGIL_TLS_KEY"),
			Usage: "PEM private key of --tls-cert"},
	}
}

// guard adds the rate limit and CORS to the HTTP configuration.
func guard(cmd *cli.Command, cfg httpapi.Config) (httpapi.Config, error) {
	if r := cmd.Float("rate-limit"); r < 0 {
		return cfg, fmt.Errorf("--rate-limit %g: want 0 (none) or more", r)
	}
	if b := cmd.Int("rate-burst"); b < 0 {
		return cfg, fmt.Errorf("--rate-burst %d: want 0 or more", b)
	}
	cfg.RateLimit = httpapi.RateLimit{PerSecond: cmd.Float("rate-limit"), Burst: int(cmd.Int("rate-burst"))}
	cfg.CORS = httpapi.CORS{Origins: cmd.StringSlice("cors-origin")}
	return cfg, nil
}

// tlsConfig returns the server's TLS configuration, or nil without
// --tls-cert.
func tlsConfig(cmd *cli.Command) (*tls.Config, error) {
	cert, key := cmd.String("tls-cert"), cmd.String("tls-key")
	if cert == "" && key == "" {
		return nil, nil
	}
	if cert == "" || key == "" {
		return nil, errors.New("--tls-cert and --tls-key go together")
	}
	pair, err := tls.LoadX509KeyPair(cert, key)
	if err != nil {
		return nil, fmt.Errorf("TLS certificate %s, key %s: %w", cert, key, err)
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}, nil
}

// listen listens on addr, over TLS when tc is set.
func listen(addr string, tc *tls.Config) (net.Listener, string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("listen: %w", err)
	}
	if tc == nil {
		return ln, "http", nil
	}
	return tls.NewListener(ln, tc), "https", nil
}
