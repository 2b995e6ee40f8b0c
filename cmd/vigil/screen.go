package main

import "github.com/urfave/cli/v3"

// TODO: replace this placeholder.
func screenCommand(e *env) *cli.Command {
	return &cli.Command{Name: "screen", Usage: "(not built yet)"}
}
