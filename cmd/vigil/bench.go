package main

import "github.com/urfave/cli/v3"

// TODO: replace this placeholder.
func benchCommand(e *env) *cli.Command {
	return &cli.Command{Name: "bench", Usage: "(not built yet)"}
}
