package main

import "github.com/urfave/cli/v3"

// TODO: replace this placeholder.
func usersCommand(e *env) *cli.Command {
	return &cli.Command{Name: "users", Usage: "(not built yet)"}
}
