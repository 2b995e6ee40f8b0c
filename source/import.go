package source

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/vigil-screening/vigil/snapshot"
)

// SnapshotStore keeps accepted snapshots. The store package implements it
// (the service hands it the actor of the import).
type SnapshotStore interface {
	// SaveSnapshot stores an accepted snapshot with its records; it
	// becomes the edition in force of its source.
	SaveSnapshot(ctx context.Context, s *snapshot.Snapshot) error
	// InForceSnapshot returns the snapshot in force for a source (the last
	// accepted), or (nil, nil) when there is none. Import needs its Hash,
	// Edition and record count: from its records, or when it comes
	// without them, from the matching entry of ListSnapshots.
	InForceSnapshot(ctx context.Context, source string) (*snapshot.Snapshot, error)
	// ListSnapshots lists the stored snapshots without their records.
	ListSnapshots(ctx context.Context) ([]snapshot.Meta, error)
}

// Status is the outcome of importing one edition.
type Status string

// Import outcomes.
const (
	Accepted  Status = "accepted"
	Rejected  Status = "rejected"
	Unchanged Status = "unchanged"
	// Known is an edition stored before but not the one in force: an
	// older edition imported again. It is not stored twice.
	Known Status = "known"
)

// Result is the outcome for one edition found by Import.
type Result struct {
	Source  string
	Edition string
	Path    string
	Status  Status
	Records int
	Hash    string
	// Reason says why an edition was rejected.
	Reason string
	// Unreadable is set for a rejection because the files could not be
	// read as a complete edition (damaged, cut short, not a list), as
	// opposed to an edition that read but failed the sanity checks.
	Unreadable bool
	// Warnings are what the reader worked around (snapshot.Warnings).
	Warnings []string
}

// Report is what Import did.
type Report struct {
	Results      []Result
	Unrecognised []string
}

// Count returns how many results have the given status.
func (r Report) Count(s Status) int {
	n := 0
	for _, res := range r.Results {
		if res.Status == s {
			n++
		}
	}
	return n
}

// Import loads every edition in dir, checks each against the stored
// edition in force of its source and saves those that pass (each then is
// the edition in force). Editions of one
// source are taken oldest first, each checked against the one before.
// An edition with the same hash as the one in force is unchanged, one
// with the hash of an older stored one is known; neither is saved again.
// Rejections, including files that look like damaged lists, are reported,
// not returned as errors; the error is for failures of the folder or the
// store.
func Import(ctx context.Context, st SnapshotStore, dir string, opts Checks) (Report, error) {
	l, err := Load(ctx, dir)
	if err != nil {
		return Report{}, err
	}
	return ImportLoaded(ctx, st, l, opts)
}

// ImportLoaded is Import of editions already loaded.
func ImportLoaded(ctx context.Context, st SnapshotStore, l *Loaded, opts Checks) (Report, error) {
	rep := Report{Unrecognised: l.Unrecognised}
	for _, f := range l.Failed {
		rep.Results = append(rep.Results, Result{Source: f.Source, Path: f.Path, Status: Rejected, Reason: f.Err.Error(), Unreadable: true})
	}
	sort.SliceStable(l.Editions, func(i, j int) bool {
		a, b := l.Editions[i].Snapshot, l.Editions[j].Snapshot
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Edition < b.Edition
	})
	for _, ed := range l.Editions {
		res, err := importOne(ctx, st, ed, opts)
		if err != nil {
			return rep, err
		}
		rep.Results = append(rep.Results, res)
	}
	return rep, nil
}

// importOne checks one loaded snapshot against the store and saves it
// when accepted.
func importOne(ctx context.Context, st SnapshotStore, ed LoadedEdition, opts Checks) (Result, error) {
	s := ed.Snapshot
	res := Result{Source: s.Source, Edition: s.Edition, Path: ed.Path, Records: s.Len(), Hash: s.Hash, Warnings: s.Warnings}
	latest, err := st.InForceSnapshot(ctx, s.Source)
	if err != nil {
		return res, fmt.Errorf("import %s: edition in force: %w", s.Source, err)
	}
	var prev *Previous
	if latest != nil {
		if latest.Hash == s.Hash {
			res.Status = Unchanged
			return res, nil
		}
		known, err := isStored(ctx, st, s)
		if err != nil {
			return res, err
		}
		if known {
			res.Status, res.Reason = Known, "stored before, but not the edition in force; not stored again"
			return res, nil
		}
		if prev, err = previous(ctx, st, latest); err != nil {
			return res, err
		}
	}
	if err := Accept(prev, s, opts); err != nil {
		if !errors.Is(err, ErrRejected) {
			return res, err
		}
		res.Status, res.Reason = Rejected, err.Error()
		return res, nil
	}
	if err := st.SaveSnapshot(ctx, s); err != nil {
		return res, fmt.Errorf("import %s edition %s: save: %w", s.Source, s.Edition, err)
	}
	res.Status = Accepted
	return res, nil
}

// isStored reports whether the store already holds an edition of s's
// source with s's hash.
func isStored(ctx context.Context, st SnapshotStore, s *snapshot.Snapshot) (bool, error) {
	metas, err := st.ListSnapshots(ctx)
	if err != nil {
		return false, fmt.Errorf("import %s: list snapshots: %w", s.Source, err)
	}
	for _, m := range metas {
		if m.Source == s.Source && m.Hash == s.Hash {
			return true, nil
		}
	}
	return false, nil
}

// previous describes the latest stored snapshot for the drop checks. Its
// record count comes from its records, or, when the store returned it
// without them, from the store's listing; names and addresses can only
// be counted from its records.
func previous(ctx context.Context, st SnapshotStore, latest *snapshot.Snapshot) (*Previous, error) {
	prev := PreviousOf(latest)
	if prev.Records > 0 {
		return prev, nil
	}
	metas, err := st.ListSnapshots(ctx)
	if err != nil {
		return nil, fmt.Errorf("import %s: list snapshots: %w", latest.Source, err)
	}
	for _, lm := range metas {
		if lm.Source == latest.Source && lm.Hash == latest.Hash && lm.Records > 0 {
			prev.Records = lm.Records
			return prev, nil
		}
	}
	return nil, fmt.Errorf("import %s: the store knows no record count for the latest snapshot %s", latest.Source, latest.Hash)
}
