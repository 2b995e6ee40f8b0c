package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/vigil-screening/vigil/export"
	"github.com/vigil-screening/vigil/service"
)

func exportCommand(e *env) *cli.Command {
	var cmds []*cli.Command
	for _, table := range service.ExportTables() {
		cmds = append(cmds, &cli.Command{
			Name:      table,
			Usage:     "export every " + strings.TrimSuffix(table, "s") + " row as CSV, XLSX or JSON Lines",
			UsageText: "vigil export " + table + " [--format csv|xlsx|jsonl] [--out FILE]",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "format", Value: "csv", Usage: "csv, xlsx or jsonl"},
				&cli.StringFlag{Name: "out", Value: "-", Usage: "output file (written whole or not at all); - for stdout"},
			},
			Action: func(ctx context.Context, cmd *cli.Command) error {
				f, err := export.ParseFormat(cmd.String("format"))
				if err != nil {
					return err
				}
				out := cmd.String("out")
				if f == export.XLSX && (out == "-" || out == "") {
					if tty, ok := e.stdout.(*os.File); ok && term.IsTerminal(int(tty.Fd())) {
						return fmt.Errorf("--format xlsx writes a binary file: give --out FILE")
					}
				}
				return withService(ctx, e, cmd, func(svc *service.Service) error {
					n, err := exportTo(out, e.stdout, func(w io.Writer) (int64, error) {
						return svc.ExportTable(ctx, operator(), table, f, w)
					})
					if err != nil {
						return fmt.Errorf("export %s: %w", table, err)
					}
					fmt.Fprintf(e.stderr, "exported %d %s rows\n", n, table)
					return nil
				})
			},
		})
	}
	return &cli.Command{
		Name:     "export",
		Usage:    "export alerts, screenings, subjects or the audit trail as CSV, XLSX or JSON Lines",
		Commands: cmds,
	}
}

// exportTo runs write into the file path, or stdout for "-". A file is
// written under a temporary name and renamed into place only when the
// export finished, so a failed export never leaves a partial file that
// looks whole.
func exportTo(path string, stdout io.Writer, write func(io.Writer) (int64, error)) (int64, error) {
	if path == "-" || path == "" {
		bw := bufio.NewWriterSize(stdout, 256<<10)
		n, err := write(bw)
		if ferr := bw.Flush(); err == nil {
			err = ferr
		}
		return n, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 256<<10)
	n, err := write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	return n, os.Rename(tmp.Name(), path)
}
