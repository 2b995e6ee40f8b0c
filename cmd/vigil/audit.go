package main

import "github.com/urfave/cli/v3"

// TODO: replace this placeholder.
func auditCommand(e *env) *cli.Command {
	return &cli.Command{Name: "audit", Usage: "(not built yet)"}
}
