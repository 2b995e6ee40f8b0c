package service

import (
	"context"
	"slices"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/subject"
)

// LateMatchQuery selects the late-matches report: the subjects whose
// latest clean recorded screening (at or after Since) has hits against
// the editions in force on AsOf ("" for now).
type LateMatchQuery struct {
	Since string // YYYY-MM-DD, "" for all time
	AsOf  string // YYYY-MM-DD, "" for the lists in force now
	After int64  // the cursor of the previous page, 0 for the first
	Limit int    // the most matches in a page, 1..MaxLateMatches (0: 100)
}

// MaxLateMatches bounds a page of the late-matches report.
const MaxLateMatches = 1000

// LateMatch is one subject screened clean and matched later.
type LateMatch struct {
	SubjectID   string    `json:"subject_id"`
	ScreeningID int64     `json:"screening_id"`
	ScreenedAt  time.Time `json:"screened_at"`
	// ScreenedEditions are the editions of the clean screening, as far as
	// they are still stored.
	ScreenedEditions []snapshot.Meta `json:"screened_editions"`
	// MatchedAsOf is the date of the lists it matches: today or the
	// query's as_of.
	MatchedAsOf string    `json:"matched_as_of"`
	Hits        []LateHit `json:"hits"`
}

// LateHit is a hit of a late match, with the first stored edition of its
// list that has the record (nil when not known).
type LateHit struct {
	vigil.Hit
	FirstListedIn *snapshot.Meta `json:"first_listed_in,omitempty"`
}

// LateMatchPage is a page of the report; Next is the cursor of the next
// page (0 when this is the last).
type LateMatchPage struct {
	Matches []LateMatch `json:"matches"`
	Next    int64       `json:"next,omitempty"`
}

// lateMatchScan is how many subjects are read at a time, and
// lateMatchMaxScan the most one request reads: a page may then hold fewer
// matches than asked, and only a page without "next" is the last.
const (
	lateMatchScan    = 500
	lateMatchMaxScan = 20_000
)

// LateMatches answers "which past screenings would alert today": it pages
// through the recorded subjects in row-id order, screens each one's latest
// clean screening's subject (as recorded now) against the editions in
// force now or on q.AsOf, at the alert threshold, and returns those with
// hits.
func (s *Service) LateMatches(ctx context.Context, p auth.Principal, q LateMatchQuery) (*LateMatchPage, error) {
	db, err := s.store(p, auth.ActionReport)
	if err != nil {
		return nil, err
	}
	var since time.Time
	if q.Since != "" {
		d, err := time.Parse(time.DateOnly, q.Since)
		if err != nil {
			return nil, apperr.Field("since", "%q: want a date YYYY-MM-DD", q.Since)
		}
		since = d
	}
	if q.Limit == 0 {
		q.Limit = 100
	}
	if q.Limit < 0 || q.Limit > MaxLateMatches {
		return nil, apperr.Field("limit", "%d is not in 1..%d", q.Limit, MaxLateMatches)
	}
	if q.After < 0 {
		return nil, apperr.Field("after", "%d is not a cursor", q.After)
	}
	var l *Lists
	asOf, until := q.AsOf, time.Now().UTC()
	if asOf == "" {
		if l, err = s.inForce(); err != nil {
			return nil, err
		}
		asOf = until.Format(time.DateOnly)
	} else {
		if l, err = s.listsAsOf(ctx, db, asOf); err != nil {
			return nil, err
		}
		until, _ = AsOfDay(asOf)
	}
	all, err := db.ListSnapshots(ctx)
	if err != nil {
		return nil, err
	}
	byHash := map[string]snapshot.Meta{}
	for _, m := range all {
		byHash[m.Hash] = m
	}
	first := firstListing{db: db, all: all, until: until, ids: map[int64]map[string]bool{}}
	opts := vigil.Options{Threshold: s.threshold, Limit: 10}
	page := &LateMatchPage{Matches: []LateMatch{}}
	after := q.After
	for scanned := 0; len(page.Matches) < q.Limit; scanned += lateMatchScan {
		if scanned >= lateMatchMaxScan {
			return page, nil // page.Next continues where this request stopped
		}
		clean, next, err := db.CleanScreenings(ctx, since, after, lateMatchScan)
		if err != nil {
			return nil, err
		}
		rows := make([]subject.Row, len(clean))
		for i, c := range clean {
			rows[i] = subject.Row{Line: i + 1, Subject: c.Subject}
		}
		results := make([]vigil.Result, 0, len(clean))
		err = ScreenAll(ctx, l.Engine, opts, s.workers, SliceRows(rows), func(_ subject.Row, res vigil.Result) error {
			results = append(results, res)
			return nil
		})
		if err != nil {
			return nil, err
		}
		for i, c := range clean {
			hits := results[i].Hits
			if results[i].Error != "" || len(hits) == 0 {
				continue // clean still, or a subject the engine refuses
			}
			m := LateMatch{SubjectID: c.ExtID, ScreeningID: c.ScreeningID, ScreenedAt: c.At, MatchedAsOf: asOf, ScreenedEditions: []snapshot.Meta{}}
			for _, h := range c.Editions {
				if e, ok := byHash[h]; ok {
					m.ScreenedEditions = append(m.ScreenedEditions, e)
				}
			}
			for _, h := range hits {
				fl, err := first.of(ctx, h.List, h.SourceID)
				if err != nil {
					return nil, err
				}
				m.Hits = append(m.Hits, LateHit{Hit: h, FirstListedIn: fl})
			}
			page.Matches = append(page.Matches, m)
			if len(page.Matches) == q.Limit {
				page.Next = c.RowID
				return page, nil
			}
		}
		if next == 0 {
			page.Next = 0
			return page, nil
		}
		after, page.Next = next, next
	}
	return page, nil
}

// firstListing finds the first stored edition of a list that has a
// record, reading each edition's record ids once.
type firstListing struct {
	db    *store.DB
	all   []snapshot.Meta
	until time.Time
	ids   map[int64]map[string]bool
}

func (f *firstListing) of(ctx context.Context, list, id string) (*snapshot.Meta, error) {
	var eds []snapshot.Meta
	for _, m := range f.all {
		if m.Source == list && !m.LoadedAt.After(f.until) {
			eds = append(eds, m)
		}
	}
	slices.SortFunc(eds, func(a, b snapshot.Meta) int { return int(a.ID - b.ID) })
	for _, m := range eds {
		set, ok := f.ids[m.ID]
		if !ok {
			snap, err := f.db.Snapshot(ctx, m.ID)
			if err != nil {
				return nil, err
			}
			set = make(map[string]bool, snap.Len())
			for i := range snap.Len() {
				set[snap.Records.ID(i)] = true
			}
			f.ids[m.ID] = set
		}
		if set[id] {
			return &m, nil
		}
	}
	return nil, nil
}
