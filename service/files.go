package service

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
)

// Loaded is the lists read from files (serve --open, vigil screen, eval,
// bench): the editions, the engine over their records, and what reading
// and indexing took.
type Loaded struct {
	Engine    *screen.Engine
	Snapshots []*snapshot.Snapshot
	Records   int
	LoadTime  time.Duration // reading and parsing the files
	IndexTime time.Duration // building the engine's index
}

// Lists returns the loaded lists, to put in force with SetLists.
func (l *Loaded) Lists() *Lists {
	return &Lists{Engine: l.Engine, Editions: metas(l.Snapshots), Snapshots: l.Snapshots}
}

// LoadFiles reads every list edition in dir (a folder or a file, formats
// recognised by content) and indexes their records. A file that looks
// like a damaged list, or an edition that does not read completely, is an
// error naming it: nothing is screened against fewer lists than given.
// Files unrelated to the lists are logged and skipped.
func LoadFiles(ctx context.Context, dir string, log *slog.Logger, cfg screen.Config) (*Loaded, error) {
	start := time.Now()
	snaps, err := source.LoadDirLog(ctx, dir, log)
	if err != nil {
		return nil, fmt.Errorf("load lists: %w", err)
	}
	if len(snaps) == 0 {
		return nil, fmt.Errorf("load lists: no list files found in %s", dir)
	}
	l := &Loaded{Snapshots: snaps, LoadTime: time.Since(start)}
	start = time.Now()
	l.Engine, l.Records = BuildEngine(snaps, cfg)
	l.IndexTime = time.Since(start)
	if log != nil {
		log.Info("lists loaded", "lists", len(snaps), "records", l.Records,
			"load", l.LoadTime.Round(time.Millisecond), "index", l.IndexTime.Round(time.Millisecond))
	}
	return l, nil
}

// BuildEngine builds one engine over the records of every snapshot and
// returns it with the number of records.
func BuildEngine(snaps []*snapshot.Snapshot, cfg screen.Config) (*screen.Engine, int) {
	stores := make([]*packed.Store, 0, len(snaps))
	n := 0
	for _, s := range snaps {
		if s.Len() > 0 {
			stores = append(stores, s.Records)
			n += s.Len()
		}
	}
	return screen.NewPackedSet(stores, cfg), n
}
