package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/store"
)

// The monitored-subject index: the reverse direction of screening. The
// engine that screens subjects against listed records is built here over
// the recorded subjects instead, each as a record of the list "subjects"
// whose id is the subject's row id; a listed record's names are then the
// queries, and the subjects they find are the candidates that re-vetting
// screens again, in the usual direction, against the lists in force.
// Finding the candidates of one listed record costs one query of each of
// its names: re-vetting a delta costs in proportion to the delta, not to
// the population.
//
// The index is built once per process (from all recorded subjects,
// paged) and kept: a base over the subjects up to a subject version, and
// tail layers over those created or changed since, each a small engine
// over the subjects recorded since the layer before (its cost is that
// of the new subjects). Past maxLayers layers they are merged into one;
// when the tail holds a quarter of the base (and at least tailRebuild
// subjects), the base is built again. A changed subject may sit in an
// older layer with its old name: it is only found as a candidate more
// often; its current attributes are read when it is screened again.

const subjectList = "subjects"

// tailRebuild is the least tail size at which the base is rebuilt, and
// maxLayers the most tail layers kept before they are merged.
const (
	tailRebuild = 50_000
	maxLayers   = 8
)

// reverseCandidates is how many subject names one listed name scores in
// the reverse query (the engine's Config.Candidates; 64 for screening):
// a listed name shared by more monitored people than this finds the
// closest this many.
const reverseCandidates = 2048

type subjectIndex struct {
	mu          sync.Mutex
	base        *screen.Engine
	baseVersion int64 // subjects changed after this subject version are in the tail
	baseN       int
	tails       []*screen.Engine
	tailVersion int64 // the last subject version the tail covers
	tailN       int
}

// subjectEngines returns the engines over the recorded subjects, brought
// up to date: the base and the tail layers.
func (s *Service) subjectEngines(ctx context.Context, db *store.DB) ([]*screen.Engine, error) {
	ix := &s.subjects
	ix.mu.Lock()
	defer ix.mu.Unlock()
	v, err := db.LastSubjectVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("subject index: %w", err)
	}
	switch {
	case ix.baseVersion == 0 && v > 0:
		err = s.buildBase(ctx, db, ix, v)
	case v > ix.tailVersion:
		err = s.extendTail(ctx, db, ix, v)
	}
	if err != nil {
		return nil, fmt.Errorf("subject index: %w", err)
	}
	var out []*screen.Engine
	if ix.base != nil {
		out = append(out, ix.base)
	}
	return append(out, ix.tails...), nil
}

// extendTail adds a layer over the subjects recorded since the tail's
// version; it merges the layers, or rebuilds the base, when they grow.
func (s *Service) extendTail(ctx context.Context, db *store.DB, ix *subjectIndex, v int64) error {
	changed, err := db.SubjectsChangedAfter(ctx, ix.tailVersion)
	if err != nil {
		return err
	}
	if ix.tailN+len(changed) >= max(tailRebuild, ix.baseN/4) {
		return s.buildBase(ctx, db, ix, v)
	}
	if len(ix.tails) >= maxLayers {
		if changed, err = db.SubjectsChangedAfter(ctx, ix.baseVersion); err != nil {
			return err
		}
		ix.tails, ix.tailN = nil, 0
	}
	eng, err := subjectEngine(changed)
	if err != nil {
		return err
	}
	if eng != nil {
		ix.tails = append(ix.tails, eng)
	}
	ix.tailN += len(changed)
	ix.tailVersion = v
	return nil
}

// buildBase builds the base from every recorded subject, paged; the
// subjects recorded while it reads come again in the tail.
func (s *Service) buildBase(ctx context.Context, db *store.DB, ix *subjectIndex, version int64) error {
	start := time.Now()
	var ents []*entity.Entity
	var after int64
	for {
		page, err := db.SubjectsAfter(ctx, after, 10_000)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			break
		}
		for _, m := range page {
			if e := subjectRecord(m); e != nil {
				ents = append(ents, e)
			}
		}
		after = page[len(page)-1].RowID
	}
	eng, err := newSubjectEngine(ents)
	if err != nil {
		return err
	}
	ix.base, ix.baseN, ix.baseVersion = eng, len(ents), version
	ix.tails, ix.tailN, ix.tailVersion = nil, 0, version
	s.log.Info("monitored-subject index built", "subjects", len(ents), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

func subjectEngine(subs []store.MonitoredSubject) (*screen.Engine, error) {
	ents := make([]*entity.Entity, 0, len(subs))
	for _, m := range subs {
		if e := subjectRecord(m); e != nil {
			ents = append(ents, e)
		}
	}
	return newSubjectEngine(ents)
}

func newSubjectEngine(ents []*entity.Entity) (*screen.Engine, error) {
	if len(ents) == 0 {
		return nil, nil
	}
	return screen.New(ents, screen.Config{Candidates: reverseCandidates})
}

// subjectRecord is a subject as a record of the index: its name and the
// identifiers the engine finds records by (documents, crypto addresses,
// IMO number). Dates and countries are left out: the candidates are
// screened again in full, and a qualifier could only lower the recall of
// the reverse query.
func subjectRecord(m store.MonitoredSubject) *entity.Entity {
	sub := m.Subject
	name := strings.TrimSpace(sub.Name)
	if name == "" {
		name = strings.Join(strings.Fields(sub.FirstName+" "+sub.MiddleName+" "+sub.LastName), " ")
	}
	if name == "" && len(sub.Documents) == 0 && len(sub.Crypto) == 0 && sub.IMO == "" {
		return nil
	}
	e := &entity.Entity{List: subjectList, ID: strconv.FormatInt(m.RowID, 10), Kind: sub.Kind, Documents: sub.Documents}
	if name != "" {
		e.Names = []entity.Name{{Full: name, Type: entity.NamePrimary}}
	}
	for _, c := range sub.Crypto {
		e.EnsureMore().Crypto = append(e.Crypto(), entity.CryptoAddress{Address: c})
	}
	if sub.IMO != "" {
		e.Vessel = &entity.Vessel{IMO: sub.IMO}
	}
	return e
}

// maxQueryNames is the most names of one listed record queried.
const maxQueryNames = 40

// candidates returns the row ids of the subjects that any name or
// identifier of the listed records may match, by the reverse query at
// the candidate threshold, on up to workers goroutines.
func candidates(ctx context.Context, engines []*screen.Engine, recs []*entity.Entity, threshold float64, workers int) (map[int64]bool, error) {
	opts := vigil.Options{Threshold: threshold, Limit: reverseCandidates}
	found := make([][]int64, len(recs))
	err := forEach(ctx, len(recs), workers, func(i int) error {
		for _, q := range recordQueries(recs[i]) {
			for _, eng := range engines {
				hits, err := eng.Screen(ctx, q, opts)
				if err != nil {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					continue // a name the engine cannot read finds nothing
				}
				for _, h := range hits {
					if id, err := strconv.ParseInt(h.SourceID, 10, 64); err == nil {
						found[i] = append(found[i], id)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := map[int64]bool{}
	for _, ids := range found {
		for _, id := range ids {
			out[id] = true
		}
	}
	return out, nil
}

// recordQueries turns a listed record into queries: one per name, the
// first with the record's identifiers.
func recordQueries(rec *entity.Entity) []vigil.Subject {
	var out []vigil.Subject
	seen := map[string]bool{}
	for _, n := range rec.Names {
		full := strings.TrimSpace(n.Full)
		if full == "" {
			var parts []string
			for _, p := range n.Parts {
				parts = append(parts, p.Value)
			}
			full = strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
		}
		if full == "" || seen[full] {
			continue
		}
		seen[full] = true
		out = append(out, vigil.Subject{Kind: rec.Kind, Name: full})
		if len(out) == maxQueryNames {
			break
		}
	}
	var ids vigil.Subject
	ids.Kind, ids.Documents = rec.Kind, rec.Documents
	for _, c := range rec.Crypto() {
		ids.Crypto = append(ids.Crypto, c.Address)
	}
	if rec.Vessel != nil {
		ids.IMO = rec.Vessel.IMO
	}
	if len(ids.Documents) > 0 || len(ids.Crypto) > 0 || ids.IMO != "" {
		if len(out) > 0 {
			ids.Name = out[0].Name
		}
		out = append(out, ids)
	}
	return out
}

// WarmSubjectIndex builds the monitored-subject index now (or brings its
// tail up to date) and returns how many subjects base and tail hold, so
// that the first re-vetting after a start does not pay for the build.
func (s *Service) WarmSubjectIndex(ctx context.Context) (base, tail int, err error) {
	db, err := s.database()
	if err != nil {
		return 0, 0, err
	}
	if _, err := s.subjectEngines(ctx, db); err != nil {
		return 0, 0, err
	}
	s.subjects.mu.Lock()
	defer s.subjects.mu.Unlock()
	return s.subjects.baseN, s.subjects.tailN, nil
}
