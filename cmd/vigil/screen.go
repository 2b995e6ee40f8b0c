package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/subject"
)

func screenCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "screen",
		Usage:     "screen subjects from a CSV or JSON Lines file, writing one JSON line of hits per subject",
		UsageText: "vigil screen (--lists DIR | --as-of YYYY-MM-DD) [--in FILE] [--out FILE] [--format auto|csv|jsonl|ftm] [--out-format vigil|ftm] [--threshold T] [--limit N] [--workers N]",
		Flags: []cli.Flag{
			listsFlag(false),
			&cli.StringFlag{Name: "as-of", Usage: "screen against the editions stored in the database (--db/--data-dir) that were in force on this date (YYYY-MM-DD), instead of --lists; audited"},
			&cli.StringFlag{Name: "in", Value: "-", Usage: "subjects file (CSV or JSON Lines); - for stdin"},
			&cli.StringFlag{Name: "out", Value: "-", Usage: "results file (JSON Lines); - for stdout"},
			&cli.StringFlag{Name: "format", Value: "auto", Usage: "input format: auto, csv, jsonl or ftm (FollowTheMoney JSON Lines)"},
			&cli.StringFlag{Name: "out-format", Value: "vigil", Usage: "output: vigil (one JSON line of hits per subject) or ftm (one FtM entity line per hit, scored and explained)"},
			&cli.FloatFlag{Name: "threshold", Usage: fmt.Sprintf("lowest score reported (default %.2f)", screen.DefaultThreshold)},
			&cli.IntFlag{Name: "limit", Value: 10, Usage: "most hits per subject"},
			&cli.IntFlag{Name: "workers", Value: runtime.GOMAXPROCS(0), Usage: "screening goroutines"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			format, err := subject.ParseFormat(cmd.String("format"))
			if err != nil {
				return err
			}
			out := cmd.String("out-format")
			if out != "vigil" && out != "ftm" {
				return fmt.Errorf("--out-format %q: want vigil or ftm", out)
			}
			opts := vigil.Options{Threshold: cmd.Float("threshold"), Limit: int(cmd.Int("limit"))}
			if opts.Threshold < 0 || opts.Threshold > 1 {
				return fmt.Errorf("--threshold %g is not in 0..1", opts.Threshold)
			}
			if date := cmd.String("as-of"); date != "" {
				if cmd.String("lists") != "" {
					return usageError(fmt.Errorf("--as-of screens against the stored editions: give --lists or --as-of, not both"))
				}
				if out == "ftm" {
					return usageError(fmt.Errorf("--as-of writes vigil results only; --out-format ftm is not supported with it"))
				}
				db, err := openStore(ctx, cmd)
				if err != nil {
					return err
				}
				defer db.Close()
				svc := service.New(service.Config{Store: db, Logger: e.log, Workers: int(cmd.Int("workers"))})
				return e.screenFile(ctx, svc, cmd.String("in"), cmd.String("out"), format, false, opts, date)
			}
			if cmd.String("lists") == "" {
				return usageError(fmt.Errorf(`flag "lists" not set: give --lists DIR (the list files to screen against) or --as-of DATE (the stored editions in force on that date)`))
			}
			l, err := service.LoadFiles(ctx, cmd.String("lists"), e.log, screen.Config{})
			if err != nil {
				return err
			}
			svc := service.New(service.Config{Logger: e.log, Workers: int(cmd.Int("workers"))})
			svc.SetLists(l.Lists())
			return e.screenFile(ctx, svc, cmd.String("in"), cmd.String("out"), format, out == "ftm", opts, "")
		},
	}
}

// screenStats sums up a screening run.
type screenStats struct {
	rows, errors, alerts int
	elapsed              time.Duration
	editions             []snapshot.Meta // those screened against, with --as-of
}

func (s screenStats) String() string {
	rate := float64(s.rows) / max(s.elapsed.Seconds(), 1e-9)
	return fmt.Sprintf("screened %d subjects in %s (%.0f/s): %d with hits, %d malformed rows",
		s.rows, s.elapsed.Round(time.Millisecond), rate, s.alerts, s.errors)
}

// screenFile screens the subjects of in and writes their results to out.
func (e *env) screenFile(ctx context.Context, svc *service.Service, in, out string, format subject.Format, ftmOut bool, opts vigil.Options, asOf string) error {
	f, name, closeIn, err := e.openInput(in)
	if err != nil {
		return err
	}
	defer closeIn()
	bar := e.progress(f)
	rd, err := subject.NewReader(f, name, format)
	if err != nil {
		return err
	}
	w, closeOut, err := e.openOutput(out)
	if err != nil {
		return err
	}
	write := resultWriter(w)
	if ftmOut {
		write = ftmHitWriter(ctx, svc, w, opts)
	}
	stats, err := screenRows(ctx, svc, rd, write, opts, asOf, func(row subject.Row) {
		if row.Err != nil {
			e.log.Warn("skipped malformed row", "line", row.Line, "err", row.Err)
		}
		if bar != nil {
			_ = bar.Add(1)
		}
	})
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(e.stderr)
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, stats)
	if asOf != "" {
		fmt.Fprintf(e.stderr, "as of %s, against the editions then in force:\n", asOf)
		for _, m := range stats.editions {
			fmt.Fprintf(e.stderr, "  %s %s (snapshot %d, accepted %s, %d records)\n", m.Source, m.Edition, m.ID, m.LoadedAt.UTC().Format(time.RFC3339), m.Records)
		}
	}
	if sk := rd.Skipped(); len(sk) > 0 {
		fmt.Fprintf(e.stderr, "skipped FtM entities that are not subjects: %s\n", countsText(sk))
	}
	return rowsOutcome("rows", stats.rows, stats.errors)
}

// screenRows screens every row of rd and writes one JSON line per row to
// w, in input order. each is called for every row written.
func screenRows(ctx context.Context, svc *service.Service, rd *subject.Reader, write func(vigil.Result) error, opts vigil.Options, asOf string, each func(subject.Row)) (screenStats, error) {
	var stats screenStats
	start := time.Now()
	emit := func(row subject.Row, res vigil.Result) error {
		stats.rows++
		switch {
		case res.Error != "":
			stats.errors++
		case len(res.Hits) > 0:
			stats.alerts++
		}
		each(row)
		if err := write(res); err != nil {
			return fmt.Errorf("write result: %w", err)
		}
		return nil
	}
	var err error
	if asOf != "" {
		stats.editions, err = svc.ScreenRowsAsOf(ctx, operator(), opts, asOf, rd.Next, emit)
	} else {
		err = svc.ScreenRows(ctx, operator(), opts, rd.Next, emit)
	}
	stats.elapsed = time.Since(start)
	return stats, err
}

// openInput opens a file, or stdin for "-".
func (e *env) openInput(path string) (r io.Reader, name string, closeFn func(), err error) {
	if path == "-" || path == "" {
		return e.stdin, "stdin", func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", nil, fmt.Errorf("open subjects: %w", err)
	}
	return f, path, func() { f.Close() }, nil
}

// countLines counts the lines of a regular file, for the progress bar,
// and rewinds it. It returns -1 when f cannot be rewound.
func countLines(f *os.File) int64 {
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return -1
	}
	var n int64
	buf := make([]byte, 256<<10)
	for {
		k, err := f.Read(buf)
		n += int64(bytes.Count(buf[:k], []byte("\n")))
		if err != nil {
			break
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return -1
	}
	return max(n-1, 1)
}

// openOutput creates a file, or writes to stdout for "-". The returned
// close function flushes and closes.
func (e *env) openOutput(path string) (io.Writer, func() error, error) {
	if path == "-" || path == "" {
		bw := bufio.NewWriter(e.stdout)
		return bw, bw.Flush, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("create results file: %w", err)
	}
	bw := bufio.NewWriter(f)
	return bw, func() error {
		if err := bw.Flush(); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		return f.Close()
	}, nil
}

// progress returns a progress bar on stderr when it is a terminal, else
// nil. When in is a regular file the bar knows the total and shows an ETA.
func (e *env) progress(r io.Reader) *progressbar.ProgressBar {
	tty, ok := e.stderr.(*os.File)
	in, isFile := r.(*os.File)
	if !ok || !isFile || !term.IsTerminal(int(tty.Fd())) {
		return nil
	}
	return progressbar.NewOptions64(countLines(in),
		progressbar.OptionSetWriter(tty),
		progressbar.OptionSetDescription("screening"),
		progressbar.OptionSetItsString("subjects"),
		progressbar.OptionShowIts(),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
}
