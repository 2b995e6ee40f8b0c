package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/ftmjson"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
)

// resultWriter writes each result as one JSON line (Vigil's own shape).
func resultWriter(w io.Writer) func(vigil.Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return func(res vigil.Result) error { return enc.Encode(res) }
}

// ftmHitWriter writes each hit as one FtM entity line: the listed record
// with its score, whether it is a match (at or above the threshold of
// the run, or the default alert threshold), its features and Vigil's
// explanation, and "query", the subject's id. Subjects without hits and
// malformed rows write nothing (the latter are logged).
func ftmHitWriter(ctx context.Context, svc *service.Service, w io.Writer, opts vigil.Options) func(vigil.Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	threshold := opts.Threshold
	if threshold == 0 {
		threshold = screen.DefaultThreshold
	}
	return func(res vigil.Result) error {
		for _, h := range res.Hits {
			recs, err := svc.Entities(ctx, operator(), []vigil.Ref{{List: h.List, SourceID: h.SourceID}})
			if err != nil {
				return err
			}
			var sc ftmjson.Scored
			if len(recs) > 0 {
				sc = ftmjson.FromHit(h, recs[0], threshold)
			} else {
				sc = ftmjson.FromHit(h, nil, threshold)
			}
			sc.Query = res.ID
			if err := enc.Encode(sc); err != nil {
				return err
			}
		}
		return nil
	}
}

// countsText writes counts by name: "Address: 3, Sanction: 10".
func countsText(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s: %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func listsExportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write the listed records in force (or of list files) as FtM or Vigil JSON Lines",
		UsageText: "vigil lists export [--format ftm|jsonl] [--list NAME ...] [--lists DIR] [--out FILE]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "ftm", Usage: "ftm (FollowTheMoney entities) or jsonl (Vigil's records)"},
			&cli.StringSliceFlag{Name: "list", Usage: "list to export (repeatable; default all)"},
			&cli.StringFlag{Name: "lists", Usage: "read list files from this folder instead of the database's editions in force"},
			&cli.StringFlag{Name: "out", Value: "-", Usage: "output file; - for stdout"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			format := cmd.String("format")
			if format != "ftm" && format != "jsonl" {
				return fmt.Errorf("--format %q: want ftm or jsonl", format)
			}
			w, closeOut, err := e.openOutput(cmd.String("out"))
			if err != nil {
				return err
			}
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			n := 0
			emit := func(ent *entity.Entity) error {
				n++
				if format == "ftm" {
					return enc.Encode(ftmjson.FromEntity(ent))
				}
				return enc.Encode(ent)
			}
			lists := cmd.StringSlice("list")
			if dir := cmd.String("lists"); dir != "" {
				err = exportFiles(ctx, dir, lists, emit)
			} else {
				err = withService(ctx, e, cmd, func(svc *service.Service) error {
					return svc.ListedRecords(ctx, operator(), lists, emit)
				})
			}
			if cerr := closeOut(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("lists export: %w", err)
			}
			fmt.Fprintf(e.stderr, "exported %d records\n", n)
			return nil
		},
	}
}

// exportFiles emits the records of the list files in dir.
func exportFiles(ctx context.Context, dir string, lists []string, emit func(*entity.Entity) error) error {
	snaps, err := source.LoadDir(ctx, dir)
	if err != nil {
		return err
	}
	for _, name := range lists {
		if !slices.ContainsFunc(snaps, func(s *snapshot.Snapshot) bool { return s.Source == name }) {
			return fmt.Errorf("no list %q in %s", name, dir)
		}
	}
	for _, s := range snaps {
		if len(lists) > 0 && !slices.Contains(lists, s.Source) {
			continue
		}
		for _, ent := range s.All() {
			if err := emit(ent); err != nil {
				return err
			}
		}
	}
	return nil
}
