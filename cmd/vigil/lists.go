package main

import "github.com/urfave/cli/v3"

// TODO: replace this placeholder.
func listsCommand(e *env) *cli.Command {
	return &cli.Command{Name: "lists", Usage: "(not built yet)"}
}
