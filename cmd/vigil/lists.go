package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
)

// listsCommand groups the commands that load, fetch and inspect list editions.
func listsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "lists",
		Usage: "load, fetch and inspect watchlist editions",
		Commands: []*cli.Command{
			listsImportCommand(e),
			listsFetchCommand(e),
			listsStatusCommand(e),
			listsDiffCommand(e),
			listsSourcesCommand(e),
			listsRefreshesCommand(e),
			listsExportCommand(e),
		},
	}
}

// checkFlags are the sanity-check flags of import and fetch.
func checkFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "force", Usage: "accept editions that lost too many records or are older than the one in force"},
		&cli.FloatFlag{Name: "max-drop", Value: source.DefaultMaxDrop, Usage: "largest share of records an edition may lose against the one in force"},
	}
}

func checksFrom(cmd *cli.Command) (source.Checks, error) {
	c := source.Checks{MaxDrop: cmd.Float("max-drop"), Force: cmd.Bool("force")}
	if c.MaxDrop < 0 || c.MaxDrop > 1 {
		return c, fmt.Errorf("--max-drop %v: want a share between 0 and 1", c.MaxDrop)
	}
	return c, nil
}

func listsImportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "load the list editions in a folder and store those that pass the checks",
		ArgsUsage: "DIR",
		Flags:     checkFlags(),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return errors.New("lists import: want one folder or file")
			}
			checks, err := checksFrom(cmd)
			if err != nil {
				return err
			}
			return withService(ctx, e, cmd, func(svc *service.Service) error {
				return e.importDir(ctx, svc, cmd.Args().First(), checks)
			})
		},
	}
}

// importDir imports dir under the one import policy (see
// service.ImportLists), prints one line per edition and fails when the
// policy says so.
func (e *env) importDir(ctx context.Context, svc *service.Service, dir string, checks source.Checks) error {
	rep, err := svc.ImportLists(ctx, operator(), dir, checks)
	if rep != nil {
		for _, f := range rep.Skipped {
			fmt.Fprintf(e.stderr, "warning: %s: not recognised as any list format; skipped\n", f)
		}
		printReport(e.stdout, rep)
	}
	if err == nil && rep != nil && len(rep.Results) == 0 {
		return fmt.Errorf("lists import: no list edition found in %s", dir)
	}
	return err
}

// printReport prints one line per edition of an import.
func printReport(w io.Writer, rep *service.ImportReport) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tEDITION\tSTATUS\tRECORDS\tHASH\tPATH")
	for _, r := range rep.Results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", r.Source, r.Edition, r.Status, r.Records, short(r.Hash), r.Path)
	}
	tw.Flush()
	for _, r := range rep.Results {
		if r.Status == source.Rejected {
			fmt.Fprintf(w, "rejected %s: %s\n", r.Path, r.Reason)
		}
		for _, warning := range r.Warnings {
			fmt.Fprintf(w, "warning %s: %s\n", r.Path, warning)
		}
	}
}

func listsStatusCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "show the stored editions of each source; * marks the edition in force",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			return withService(ctx, e, cmd, func(svc *service.Service) error {
				eds, err := svc.Editions(ctx, operator())
				if err != nil {
					return fmt.Errorf("lists status: %w", err)
				}
				printStatus(e.stdout, eds)
				return nil
			})
		},
	}
}

// printStatus prints the stored editions, by source, in the order they
// were accepted; "*" marks the one in force.
func printStatus(w io.Writer, eds []service.Edition) {
	sorted := slices.Clone(eds)
	slices.SortStableFunc(sorted, func(a, b service.Edition) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.ID, b.ID))
	})
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "IN FORCE\tSOURCE\tFORMAT\tEDITION\tRECORDS\tHASH\tACCEPTED AT")
	for _, m := range sorted {
		mark := ""
		if m.InForce {
			mark = "*"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", mark, m.Source, m.Format, m.Edition, m.Records, short(m.Hash), m.LoadedAt.UTC().Format(time.RFC3339))
	}
	tw.Flush()
}

// short returns the first 12 characters of a hash.
func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

func listsSourcesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "sources",
		Usage: "list the known sources and their official download addresses",
		Flags: []cli.Flag{&cli.StringFlag{Name: "sources", Sources: cli.EnvVars("VIGIL_SOURCES"),
			Usage: "JSON file of sources replacing or adding to the registry (as for serve --refresh)"}},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			srcs, err := sourcesFrom(cmd)
			if err != nil {
				return err
			}
			for _, s := range srcs {
				fmt.Fprintf(e.stdout, "%s\t%s (%s), format %s\n", s.Name, s.Title, s.Publisher, s.Format)
				if s.Retired != "" {
					fmt.Fprintf(e.stdout, "\tretired %s, replaced by %s: not fetched\n", s.Retired, s.ReplacedBy)
				}
				for _, d := range s.Downloads {
					fmt.Fprintf(e.stdout, "\t%s\n", d.URL)
				}
				if s.Delta != nil {
					fmt.Fprintf(e.stdout, "\tfull export %s\n\tdelta index %s\n", s.Delta.Entities, s.Delta.Index)
				}
			}
			return nil
		},
	}
}

func listsFetchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "fetch",
		Usage: "download the official files into <data-dir>/downloads and import them",
		Flags: append(checkFlags(),
			&cli.StringSliceFlag{Name: "source", Usage: "source to fetch (repeatable; default all, see 'lists sources')"},
			&cli.DurationFlag{Name: "timeout", Value: 10 * time.Minute, Usage: "time limit for each file"},
			&cli.BoolFlag{Name: "no-import", Usage: "only download; do not import"},
		),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			srcs, err := fetchSources(cmd.StringSlice("source"))
			if err != nil {
				return err
			}
			checks, err := checksFrom(cmd)
			if err != nil {
				return err
			}
			dir, err := dataDir(cmd)
			if err != nil {
				return err
			}
			fetched, fetchErr := fetchAll(ctx, e, source.NewFetcher(cmd.Duration("timeout")), filepath.Join(dir, "downloads"), srcs)
			if cmd.Bool("no-import") || len(fetched) == 0 {
				return fetchErr
			}
			err = withService(ctx, e, cmd, func(svc *service.Service) error {
				for _, d := range fetched {
					if err := e.importDir(ctx, svc, d, checks); err != nil {
						fetchErr = errors.Join(fetchErr, err)
					}
				}
				return nil
			})
			return errors.Join(fetchErr, err)
		},
	}
}

// fetchSources returns the named sources, or all when names is empty.
func fetchSources(names []string) ([]source.Source, error) {
	if len(names) == 0 {
		return source.Current(), nil
	}
	var srcs []source.Source
	for _, n := range names {
		s, ok := source.Lookup(n)
		if !ok {
			return nil, fmt.Errorf("unknown source %q (see 'vigil lists sources')", n)
		}
		srcs = append(srcs, s)
	}
	return srcs, nil
}

// fetchAll fetches each source into downloads/<source>, going on after a
// failure (printed to stderr); it returns the folders fetched, and an
// error when any source failed.
func fetchAll(ctx context.Context, e *env, f *source.Fetcher, downloads string, srcs []source.Source) ([]string, error) {
	var dirs []string
	failed := 0
	for _, s := range srcs {
		dir := filepath.Join(downloads, s.Name)
		m, err := f.Fetch(ctx, dir, s)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "error: %v\n", err)
			continue
		}
		var state []string
		for _, ff := range m.Files {
			st := "downloaded"
			if ff.Unchanged {
				st = "not modified"
			}
			state = append(state, fmt.Sprintf("%s %s (%d bytes)", ff.File, st, ff.Size))
		}
		fmt.Fprintf(e.stdout, "fetched %s: %s\n", s.Name, strings.Join(state, ", "))
		dirs = append(dirs, dir)
	}
	if failed > 0 {
		return dirs, fmt.Errorf("%d of %d sources could not be fetched; their previous files stay", failed, len(srcs))
	}
	return dirs, nil
}

func listsDiffCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "show what changed between two editions of the same source",
		ArgsUsage: "OLD NEW",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "show the old and new values of each changed field"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 2 {
				return errors.New("lists diff: want two editions, OLD and NEW (folders or files)")
			}
			old, err := loadOne(ctx, e, cmd.Args().Get(0))
			if err != nil {
				return err
			}
			next, err := loadOne(ctx, e, cmd.Args().Get(1))
			if err != nil {
				return err
			}
			if old.Source != next.Source {
				return fmt.Errorf("lists diff: %s is %s but %s is %s; compare editions of one source", cmd.Args().Get(0), old.Source, cmd.Args().Get(1), next.Source)
			}
			fmt.Fprintf(e.stdout, "%s: %s (%s) -> %s (%s)\n", old.Source, old.Edition, short(old.Hash), next.Edition, short(next.Hash))
			return snapshot.Diff(old.Entities(), next.Entities()).WriteText(e.stdout, cmd.Bool("verbose"))
		},
	}
}

// loadOne loads path, which must hold exactly one edition.
func loadOne(ctx context.Context, e *env, path string) (*snapshot.Snapshot, error) {
	snaps, err := source.LoadDirLog(ctx, path, e.log)
	if err != nil {
		return nil, err
	}
	if len(snaps) != 1 {
		return nil, fmt.Errorf("%s holds %d editions; give a folder or file of exactly one", path, len(snaps))
	}
	return snaps[0], nil
}
