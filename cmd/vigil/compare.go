package main

import "github.com/urfave/cli/v3"

// TODO: replace this placeholder.
func compareCommand(e *env) *cli.Command {
	return &cli.Command{Name: "compare", Usage: "(not built yet)"}
}
