package main

import "github.com/urfave/cli/v3"

// TODO: replace this placeholder.
func serveCommand(e *env) *cli.Command {
	return &cli.Command{Name: "serve", Usage: "(not built yet)"}
}
