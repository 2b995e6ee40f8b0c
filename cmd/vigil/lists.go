package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
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
			st, closeStore, err := openSnapshotStore(ctx, cmd)
			if err != nil {
				return err
			}
			defer closeStore()
			return importDir(ctx, e, st, cmd.Args().First(), checks)
		},
	}
}

// importDir imports dir into st and prints the outcome of each edition.
// It fails when an edition was rejected.
func importDir(ctx context.Context, e *env, st source.SnapshotStore, dir string, checks source.Checks) error {
	rep, err := source.Import(ctx, st, dir, checks)
	if err != nil {
		return err
	}
	for _, f := range rep.Unrecognised {
		fmt.Fprintf(e.stderr, "warning: %s: not recognised as any list format; skipped\n", f)
	}
	if len(rep.Results) == 0 {
		return fmt.Errorf("%s: no list edition found", dir)
	}
	printReport(e.stdout, rep)
	if n := rep.Count(source.Rejected); n > 0 {
		return fmt.Errorf("%d edition(s) rejected; their lists keep the edition in force. %s", n, summary(rep))
	}
	return nil
}

// summary says what happened to the editions that were not rejected.
func summary(rep source.Report) string {
	ok := len(rep.Results) - rep.Count(source.Rejected)
	if ok == 0 {
		return "Nothing was imported."
	}
	return fmt.Sprintf("The other %d edition(s) were imported: %d accepted, %d unchanged, %d known.",
		ok, rep.Count(source.Accepted), rep.Count(source.Unchanged), rep.Count(source.Known))
}

// printReport prints one line per edition of an import.
func printReport(w io.Writer, rep source.Report) {
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
	}
}

func listsStatusCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "show the stored editions of each source",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			st, closeStore, err := openSnapshotStore(ctx, cmd)
			if err != nil {
				return err
			}
			defer closeStore()
			metas, err := st.ListSnapshots(ctx)
			if err != nil {
				return fmt.Errorf("lists status: %w", err)
			}
			printStatus(e.stdout, metas)
			return nil
		},
	}
}

// printStatus prints the stored snapshots, by source, newest load last.
func printStatus(w io.Writer, metas []snapshot.Meta) {
	sorted := append([]snapshot.Meta(nil), metas...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Source != sorted[j].Source {
			return sorted[i].Source < sorted[j].Source
		}
		return sorted[i].LoadedAt.Before(sorted[j].LoadedAt)
	})
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tFORMAT\tEDITION\tRECORDS\tHASH\tLOADED AT")
	for _, m := range sorted {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", m.Source, m.Format, m.Edition, m.Records, short(m.Hash), m.LoadedAt.UTC().Format(time.RFC3339))
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
		Action: func(ctx context.Context, cmd *cli.Command) error {
			for _, s := range source.Sources() {
				fmt.Fprintf(e.stdout, "%s\t%s (%s), format %s\n", s.Name, s.Title, s.Publisher, s.Format)
				for _, d := range s.Downloads {
					fmt.Fprintf(e.stdout, "\t%s\n", d.URL)
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
			st, closeStore, err := openSnapshotStore(ctx, cmd)
			if err != nil {
				return errors.Join(fetchErr, err)
			}
			defer closeStore()
			for _, d := range fetched {
				if err := importDir(ctx, e, st, d, checks); err != nil {
					fetchErr = errors.Join(fetchErr, err)
				}
			}
			return fetchErr
		},
	}
}

// fetchSources returns the named sources, or all when names is empty.
func fetchSources(names []string) ([]source.Source, error) {
	if len(names) == 0 {
		return source.Sources(), nil
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

// openSnapshotStore opens the database holding the snapshots and returns
// it with its close function.
func openSnapshotStore(ctx context.Context, cmd *cli.Command) (source.SnapshotStore, func() error, error) {
	dir, err := dataDir(cmd)
	if err != nil {
		return nil, nil, err
	}
	db, err := store.Open(ctx, cmd.String("db"), dir)
	if err != nil {
		return nil, nil, err
	}
	return db, db.Close, nil
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
			return snapshot.Diff(old.Entities, next.Entities).WriteText(e.stdout, cmd.Bool("verbose"))
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
