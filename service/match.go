package service

import (
	"cmp"
	"context"
	"slices"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/subject"
)

// ListedHit is a hit with the listed record it points to, as the lists in
// force hold it now (nil if it is no longer there).
type ListedHit struct {
	vigil.Hit
	Record *entity.Entity
}

// MaxMatchSubjects is the most subjects one Match call screens, all
// queries' names together.
const MaxMatchSubjects = 2000

// Match screens queries ad hoc, each query being one identity given under
// one or more names (an FtM example entity with aliases): every name is
// screened with the query's other attributes, and each listed record is
// answered once per query, with the best of its scores. Hits come sorted
// by score, at most opts.Limit per query. Every screening is audited as
// an ad hoc one when there is a database, one entry per name screened.
func (s *Service) Match(ctx context.Context, p auth.Principal, queries [][]vigil.Subject, opts vigil.Options) ([][]ListedHit, error) {
	if err := allow(p, auth.ActionScreen); err != nil {
		return nil, err
	}
	l, opts, err := s.options(opts)
	if err != nil {
		return nil, err
	}
	var rows []subject.Row
	var owner []int // query index of each row
	for q, subs := range queries {
		for _, sub := range subs {
			rows = append(rows, subject.Row{Line: len(rows) + 1, Subject: sub})
			owner = append(owner, q)
		}
	}
	byQuery := make([]map[vigil.Ref]vigil.Hit, len(queries))
	for i := range byQuery {
		byQuery[i] = map[vigil.Ref]vigil.Hit{}
	}
	var audited []store.Screening
	var failed error
	err = ScreenAll(ctx, l.Engine, opts, s.workers, SliceRows(rows), func(row subject.Row, res vigil.Result) error {
		if res.Error != "" {
			if failed == nil {
				failed = apperr.New(apperr.Invalid, "query %s: %s", row.Subject.ID, res.Error)
			}
			return nil
		}
		if s.db != nil {
			audited = append(audited, s.adHoc(l, opts, row.Subject, res.Hits))
		}
		best := byQuery[owner[row.Line-1]]
		for _, h := range res.Hits {
			ref := vigil.Ref{List: h.List, SourceID: h.SourceID}
			if have, ok := best[ref]; !ok || h.Score > have.Score {
				best[ref] = h
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if failed != nil {
		return nil, failed
	}
	for len(audited) > 0 {
		n := min(len(audited), store.MaxBatch)
		if _, err := s.db.RecordScreenings(ctx, p, audited[:n]); err != nil {
			return nil, err
		}
		audited = audited[n:]
	}
	limit := opts.Limit
	if limit == 0 {
		limit = 10
	}
	out := make([][]ListedHit, len(queries))
	for q, best := range byQuery {
		hits := make([]vigil.Hit, 0, len(best))
		for _, h := range best {
			hits = append(hits, h)
		}
		slices.SortFunc(hits, func(a, b vigil.Hit) int {
			return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.List, b.List), cmp.Compare(a.SourceID, b.SourceID))
		})
		if len(hits) > limit {
			hits = hits[:limit]
		}
		out[q] = make([]ListedHit, len(hits))
		for i, h := range hits {
			out[q][i] = ListedHit{Hit: h, Record: l.Engine.Entity(h.List, h.SourceID)}
		}
	}
	return out, nil
}

// Entities returns the records of the lists in force that the given
// (list, id) pairs name, skipping those not there; the caller's
// permission to read list records is checked first.
func (s *Service) Entities(ctx context.Context, p auth.Principal, refs []vigil.Ref) ([]*entity.Entity, error) {
	if err := allow(p, auth.ActionViewEntity); err != nil {
		return nil, err
	}
	l, err := s.inForce()
	if err != nil {
		return nil, err
	}
	var out []*entity.Entity
	for _, r := range refs {
		if e := l.Engine.Entity(r.List, r.SourceID); e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// ListedRecords calls emit with every record of the editions in force in
// the database, list by list in the order of the editions, restricted to
// the lists named when any are (an unknown name is an Invalid error).
// The editions in force are read whole, as the engine reads them.
func (s *Service) ListedRecords(ctx context.Context, p auth.Principal, lists []string, emit func(*entity.Entity) error) error {
	if err := allow(p, auth.ActionViewEntity); err != nil {
		return err
	}
	if s.editions == nil {
		return apperr.New(apperr.Unavailable, "no database: give the list files instead")
	}
	snaps, err := s.editions.InForceSnapshots(ctx)
	if err != nil {
		return err
	}
	for _, name := range lists {
		if !slices.ContainsFunc(snaps, func(sn *snapshot.Snapshot) bool { return sn.Source == name }) {
			return apperr.Field("lists", "no list %q in force", name)
		}
	}
	for _, sn := range snaps {
		if len(lists) > 0 && !slices.Contains(lists, sn.Source) {
			continue
		}
		for _, e := range sn.All() {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := emit(e); err != nil {
				return err
			}
		}
	}
	return nil
}
