package main

import "github.com/urfave/cli/v3"

// TODO: replace this placeholder.
func keysCommand(e *env) *cli.Command {
	return &cli.Command{Name: "keys", Usage: "(not built yet)"}
}
