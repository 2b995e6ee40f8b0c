package main

import "github.com/urfave/cli/v3"

// commands lists every sub-command; each lives in its own file.
func commands(e *env) []*cli.Command {
	return []*cli.Command{
		listsCommand(e),
		screenCommand(e),
		compareCommand(e),
		evalCommand(e),
		benchCommand(e),
		serveCommand(e),
		usersCommand(e),
		keysCommand(e),
		auditCommand(e),
		dbCommand(e),
		jobsCommand(e),
		webhooksCommand(e),
		configCommand(e),
		healthcheckCommand(e),
		subjectsCommand(e),
		rescreenCommand(e),
		networkCommand(e),
		exportCommand(e),
		reportCommand(e),
	}
}
