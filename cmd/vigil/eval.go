package main

import "github.com/urfave/cli/v3"

// TODO: replace this placeholder.
func evalCommand(e *env) *cli.Command {
	return &cli.Command{Name: "eval", Usage: "(not built yet)"}
}
