package service

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

// Continuous vetting (docs/monitoring.md): the re-vetting runs that
// screen an accepted edition's changes, or every record in force,
// against the monitored subjects, through the monitored-subject index
// (monitor_index.go).

// Monitor configures continuous vetting.
type Monitor struct {
	// Retention is how long a subject stays monitored after its first
	// screening; 0 means five years. A subject's own end overrides it.
	Retention time.Duration
	// ChunkSize is how many listed records one re-vetting job looks at;
	// 0 means 200.
	ChunkSize int
	// CandidateThreshold is the score at which the reverse query takes a
	// subject as a candidate, to be screened again at the alert
	// threshold; 0 means 0.1 below the alert threshold.
	CandidateThreshold float64
	// ChunkDelay holds each chunk between its screening and its commit:
	// fault injection for the tests that kill a server mid-chunk (the
	// hidden flag --revet-chunk-delay). 0 in production.
	ChunkDelay time.Duration
}

// DefaultRetention is the monitoring retention when none is configured.
const DefaultRetention = 5 * 365 * 24 * time.Hour

func (s *Service) retention() time.Duration {
	if s.monitor.Retention > 0 {
		return s.monitor.Retention
	}
	return DefaultRetention
}

func (s *Service) chunkSize() int {
	if s.monitor.ChunkSize > 0 {
		return s.monitor.ChunkSize
	}
	return 200
}

func (s *Service) candidateThreshold() float64 {
	if t := s.monitor.CandidateThreshold; t > 0 {
		return t
	}
	return max(s.threshold-0.1, 0.3)
}

// Revet is a re-vetting run and its progress.
type Revet = store.Revet

// revetWork is what a run looks at: the listed records, in a fixed order
// (the chunks are slices of it), and the cause of each.
type revetWork struct {
	records []*entity.Entity
	causes  map[string]*store.Cause // by record key
	delta   *snapshot.Delta         // delta runs
	meta    *snapshot.Meta          // the edition of a delta run
}

// revetCache keeps the work of the last runs, so that the chunks of one
// run do not each compute its difference again.
type revetCache struct {
	mu   sync.Mutex
	runs map[int64]*revetWork
	keys []int64
}

func (c *revetCache) get(id int64) *revetWork {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.runs[id]
}

func (c *revetCache) put(id int64, w *revetWork) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.runs == nil {
		c.runs = map[int64]*revetWork{}
	}
	if _, ok := c.runs[id]; !ok {
		c.keys = append(c.keys, id)
	}
	c.runs[id] = w
	for len(c.keys) > 4 {
		delete(c.runs, c.keys[0])
		c.keys = c.keys[1:]
	}
}

// work computes what a run looks at: for a delta run, the records the
// edition added or changed in a field screening compares; for a full
// run, every record of the editions in force when it was planned (their
// snapshot ids are kept in the run's edition column).
func (s *Service) work(ctx context.Context, db *store.DB, r *store.Revet) (*revetWork, error) {
	if w := s.cache.get(r.ID); w != nil {
		return w, nil
	}
	w := &revetWork{causes: map[string]*store.Cause{}}
	switch r.Kind {
	case store.RevetDelta:
		snap, err := db.Snapshot(ctx, r.SnapshotID)
		if err != nil {
			return nil, err
		}
		var old []*entity.Entity
		if r.PrevID > 0 {
			prev, err := db.Snapshot(ctx, r.PrevID)
			if err != nil {
				return nil, err
			}
			old = prev.Entities()
		}
		d := snapshot.Diff(old, snap.Entities())
		meta := snap.Meta()
		w.delta, w.meta = &d, &meta
		for _, e := range d.Added {
			w.causes[e.Key()] = &store.Cause{Kind: "listing_added", Text: fmt.Sprintf("added to %s in the edition of %s", snap.Source, snap.Edition),
				Source: snap.Source, Edition: snap.Edition, SnapshotID: snap.ID, Record: e.Key(), RevetID: r.ID}
		}
		for _, c := range d.Changed {
			if !c.AffectsMatching() {
				continue
			}
			w.causes[c.New.Key()] = &store.Cause{Kind: "listing_changed",
				Text:   fmt.Sprintf("%s changed in the edition of %s of %s: %s", c.New.Key(), snap.Edition, snap.Source, describeChange(c)),
				Source: snap.Source, Edition: snap.Edition, SnapshotID: snap.ID, Record: c.New.Key(), RevetID: r.ID}
		}
		w.records = d.Rescreen()
	case store.RevetFull:
		var ids []int64
		for _, f := range strings.Split(r.Edition, ",") {
			if id, err := strconv.ParseInt(f, 10, 64); err == nil {
				ids = append(ids, id)
			}
		}
		text := fmt.Sprintf("full re-screen %d (threshold %g, %s)", r.ID, r.Threshold, r.Engine)
		for _, id := range ids {
			snap, err := db.Snapshot(ctx, id)
			if err != nil {
				return nil, err
			}
			for _, e := range snap.All() {
				w.records = append(w.records, e)
				w.causes[e.Key()] = &store.Cause{Kind: "rescreen", Text: text, Source: snap.Source, Edition: snap.Edition,
					SnapshotID: snap.ID, Record: e.Key(), RevetID: r.ID}
			}
		}
		slices.SortStableFunc(w.records, func(a, b *entity.Entity) int { return cmp.Or(cmp.Compare(a.List, b.List), cmp.Compare(a.ID, b.ID)) })
	default:
		return nil, fmt.Errorf("re-vetting run %d: unknown kind %q", r.ID, r.Kind)
	}
	s.cache.put(r.ID, w)
	return w, nil
}

// describeChange says in words what changed in a record: "alias added,
// date of birth changed".
func describeChange(c snapshot.Change) string {
	var out []string
	for _, f := range c.Fields {
		what := strings.ReplaceAll(f.Field, "_", " ")
		switch f.Field {
		case "names":
			what = "alias"
		case "birth_dates":
			what = "date of birth"
		case "documents":
			what = "document"
		case "nationalities":
			what = "nationality"
		}
		switch {
		case len(f.Added) > 0 && len(f.Removed) > 0:
			out = append(out, what+" changed")
		case len(f.Added) > 0:
			out = append(out, what+" added")
		default:
			out = append(out, what+" removed")
		}
	}
	return strings.Join(out, ", ")
}

// PlanRevet plans a re-vetting run (the job an accepted edition or a
// full re-screen queues): it computes what to look at, annotates the
// alerts behind records the edition removed or changed, and queues one
// job per chunk. Running it again does nothing more.
func (s *Service) PlanRevet(ctx context.Context, p auth.Principal, id int64) error {
	db, err := s.store(p, auth.ActionRevet)
	if err != nil {
		return err
	}
	r, err := db.Revet(ctx, id)
	if err != nil {
		return err
	}
	if r.Status != store.RevetPending {
		return nil
	}
	if r.Kind == store.RevetDelta {
		prev, err := db.PreviousEdition(ctx, r.SnapshotID)
		if err != nil {
			return err
		}
		if prev != nil {
			r.PrevID = prev.ID
		}
	}
	if r.Kind == store.RevetFull {
		l, err := s.inForce()
		if err != nil {
			return err
		}
		ids := make([]string, len(l.Editions))
		for i, m := range l.Editions {
			ids[i] = strconv.FormatInt(m.ID, 10)
		}
		r.Edition = strings.Join(ids, ",")
		if err := db.SetRevetEditions(ctx, id, r.Edition); err != nil {
			return err
		}
	}
	w, err := s.work(ctx, db, r)
	if err != nil {
		return err
	}
	if w.delta != nil {
		n, err := s.annotate(ctx, db, p, r, w)
		if err != nil {
			return err
		}
		if err := db.SetRevetAnnotated(ctx, id, n); err != nil {
			return err
		}
	}
	size := s.chunkSize()
	chunks := (len(w.records) + size - 1) / size
	threshold, engine := s.threshold, screen.Version
	if r.Kind == store.RevetFull {
		threshold, engine = r.Threshold, r.Engine
	}
	// With nobody monitored there is nothing to look at.
	if monitored, _, err := db.MonitorCounts(ctx, s.retention()); err != nil {
		return err
	} else if monitored == 0 {
		chunks = 0
	}
	return db.SetRevetPlan(ctx, id, store.RevetPlan{PrevID: r.PrevID, Records: len(w.records), Chunks: chunks, Threshold: threshold, Engine: engine})
}

// annotate puts back in review, with a note saying what changed, every
// alert that is open, in review or confirmed and covers a record the
// edition removed or changed. Each annotation is made once per run and
// record.
func (s *Service) annotate(ctx context.Context, db *store.DB, p auth.Principal, r *store.Revet, w *revetWork) (int, error) {
	n := 0
	m := w.meta
	one := func(rec *entity.Entity, kind, text string) error {
		ref := review.Ref{List: rec.List, SourceID: rec.ID}
		ids, err := db.AlertsOnRecord(ctx, ref)
		if err != nil {
			return err
		}
		for _, aid := range ids {
			key := fmt.Sprintf("revet:%d:%d:%s", r.ID, aid, rec.Key())
			if len(key) > 200 {
				key = key[:200]
			}
			c := store.Cause{Kind: kind, Text: text, Source: m.Source, Edition: m.Edition, SnapshotID: m.ID, Record: rec.Key(), RevetID: r.ID}
			done, err := db.AnnotateListingChange(ctx, p, aid, key, c)
			if err != nil {
				return fmt.Errorf("annotate alert %d: %w", aid, err)
			}
			if done {
				n++
			}
		}
		return nil
	}
	for _, rec := range w.delta.Removed {
		text := fmt.Sprintf("%s (%s) was removed from %s in the edition of %s: delisted. Review whether the alert still stands.",
			rec.Key(), rec.PrimaryName(), m.Source, m.Edition)
		if err := one(rec, "delisted", text); err != nil {
			return n, err
		}
	}
	for _, c := range w.delta.Changed {
		text := fmt.Sprintf("%s (%s) changed in the edition of %s of %s: %s. Review whether the alert still stands.",
			c.New.Key(), c.New.PrimaryName(), m.Edition, m.Source, describeChange(c))
		if err := one(c.New, "amended", text); err != nil {
			return n, err
		}
	}
	return n, nil
}

// RevetChunk runs one chunk of a re-vetting run: the chunk's records are
// queried against the monitored-subject index, the candidates that are
// monitored are screened again against the lists in force, and the hits
// on the chunk's records are recorded as screenings (raising alerts that
// name their cause), with the chunk's completion, in one transaction. A
// chunk done before does nothing.
func (s *Service) RevetChunk(ctx context.Context, p auth.Principal, id int64, chunk int) (*store.ChunkResult, error) {
	db, err := s.store(p, auth.ActionRevet)
	if err != nil {
		return nil, err
	}
	if done, err := db.ChunkDone(ctx, id, chunk); err != nil || done {
		return &store.ChunkResult{Replayed: done}, err
	}
	r, err := db.Revet(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Status == store.RevetPending {
		return nil, fmt.Errorf("re-vetting run %d is not planned yet", id)
	}
	l, err := s.listsWith(ctx, r.SnapshotID)
	if err != nil {
		return nil, err
	}
	w, err := s.work(ctx, db, r)
	if err != nil {
		return nil, err
	}
	size := s.chunkSize()
	lo := chunk * size
	if chunk < 0 || lo >= len(w.records) {
		return nil, apperr.New(apperr.Invalid, "re-vetting run %d has no chunk %d", id, chunk)
	}
	recs := w.records[lo:min(lo+size, len(w.records))]
	screenings, cands, err := s.revetRecords(ctx, db, l, r, recs, w.causes)
	if err != nil {
		return nil, err
	}
	if d := s.monitor.ChunkDelay; d > 0 {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(d):
		}
	}
	return db.RecordChunk(ctx, p, id, chunk, cands, screenings)
}

// listsWith returns the lists in force once they hold the snapshot id
// (or a later edition of its source), reloading them if needed.
func (s *Service) listsWith(ctx context.Context, snapshotID int64) (*Lists, error) {
	has := func(l *Lists) bool {
		if snapshotID == 0 {
			return true
		}
		for _, m := range l.Editions {
			if m.ID >= snapshotID {
				return true
			}
		}
		return false
	}
	if l, err := s.inForce(); err == nil && has(l) {
		return l, nil
	}
	if _, err := s.Reload(ctx); err != nil {
		return nil, err
	}
	l, err := s.inForce()
	if err != nil {
		return nil, err
	}
	if !has(l) {
		return nil, fmt.Errorf("the lists in force do not hold edition %d yet", snapshotID)
	}
	return l, nil
}

// revetRecords screens the monitored subjects that the records may match
// and returns the screenings to record (only subjects with a hit on one
// of the records) and how many candidates the reverse query found.
func (s *Service) revetRecords(ctx context.Context, db *store.DB, l *Lists, r *store.Revet, recs []*entity.Entity, causes map[string]*store.Cause) ([]store.Screening, int, error) {
	engines, err := s.subjectEngines(ctx, db)
	if err != nil || len(engines) == 0 {
		return nil, 0, err
	}
	cands, err := candidates(ctx, engines, recs, s.candidateThreshold(), s.workers)
	if err != nil {
		return nil, 0, err
	}
	ids := make([]int64, 0, len(cands))
	for id := range cands {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	subs, err := db.MonitoredByRowID(ctx, ids, s.retention())
	if err != nil {
		return nil, 0, err
	}
	inChunk := make(map[string]bool, len(recs))
	for _, e := range recs {
		inChunk[e.Key()] = true
	}
	threshold, engine := s.threshold, screen.Version
	onlyNew := r.Kind == store.RevetFull
	if onlyNew {
		threshold, engine = r.Threshold, r.Engine
	}
	rows := make([]int64, len(subs))
	for i, m := range subs {
		rows[i] = m.RowID
	}
	alerted, err := db.AlertedRecords(ctx, rows, !onlyNew)
	if err != nil {
		return nil, 0, err
	}
	eds := editions(l, nil)
	// The candidates are screened on all the service's workers: a run's
	// chunks are worked one at a time.
	opts := vigil.Options{Threshold: threshold, Limit: RecordedLimit}
	kept := make([][]store.Hit, len(subs))
	err = forEach(ctx, len(subs), s.workers, func(i int) error {
		m := subs[i]
		hits, err := l.Engine.Screen(ctx, m.Subject, opts)
		if err != nil {
			return ctx.Err() // nil unless the run is stopping: a subject the engine refuses is skipped
		}
		for _, h := range withRecords(l.Engine, hits) {
			cause := hitCause(h, inChunk, causes)
			if cause == nil {
				continue
			}
			if covered(h, alerted[m.RowID]) {
				continue // a full re-screen: any alert; a delta: one decided (and annotated)
			}
			h.Cause = cause
			kept[i] = append(kept[i], h)
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	var out []store.Screening
	for i, m := range subs {
		if len(kept[i]) > 0 {
			out = append(out, store.Screening{SubjectID: m.ExtID, Subject: m.Subject, Editions: eds, Threshold: threshold, Engine: engine, Hits: kept[i]})
		}
	}
	return out, len(cands), nil
}

// hitCause returns the cause of a hit when it concerns a record of the
// chunk: its own record, or else one of its identity's other records.
func hitCause(h store.Hit, inChunk map[string]bool, causes map[string]*store.Cause) *store.Cause {
	key := h.List + "/" + h.SourceID
	if inChunk[key] {
		return causes[key]
	}
	for _, a := range h.Also {
		if k := a.List + "/" + a.SourceID; inChunk[k] {
			return causes[k]
		}
	}
	return nil
}

// covered reports whether any record of the hit's identity is covered by
// an alert of the subject already.
func covered(h store.Hit, alerted map[review.Ref]bool) bool {
	if alerted[review.Ref{List: h.List, SourceID: h.SourceID}] {
		return true
	}
	for _, a := range h.Also {
		if alerted[review.Ref{List: a.List, SourceID: a.SourceID}] {
			return true
		}
	}
	return false
}

// Rescreen starts a full re-screen of the monitored subjects against
// every record in force, at the alert threshold and with the engine now
// (after a change of either, or of the matching rules): chunked,
// resumable jobs that raise only alerts on records no alert of the
// subject covers yet.
func (s *Service) Rescreen(ctx context.Context, p auth.Principal, reason string) (*Revet, error) {
	db, err := s.store(p, auth.ActionRescreen)
	if err != nil {
		return nil, err
	}
	if _, err := s.inForce(); err != nil {
		return nil, err
	}
	return db.StartRescreen(ctx, p, s.threshold, screen.Version, reason)
}

// Revets returns the latest re-vetting runs with their progress.
func (s *Service) Revets(ctx context.Context, p auth.Principal, limit int) ([]*Revet, error) {
	db, err := s.store(p, auth.ActionViewJobs)
	if err != nil {
		return nil, err
	}
	return db.Revets(ctx, limit)
}

// RevetRun returns one re-vetting run with its progress.
func (s *Service) RevetRun(ctx context.Context, p auth.Principal, id int64) (*Revet, error) {
	db, err := s.store(p, auth.ActionViewJobs)
	if err != nil {
		return nil, err
	}
	return db.Revet(ctx, id)
}

// QueuePendingRevets queues the plans of runs written while no job queue
// ran (vigil serve calls it at start).
func (s *Service) QueuePendingRevets(ctx context.Context, p auth.Principal) (int, error) {
	db, err := s.store(p, auth.ActionRevet)
	if err != nil {
		return 0, err
	}
	return db.QueuePendingRevets(ctx)
}

// Monitoring returns a subject's monitoring under the deployment's
// retention.
func (s *Service) Monitoring(ctx context.Context, p auth.Principal, id string) (*store.Monitor, error) {
	action := auth.ActionViewSubject
	if !auth.Allowed(p, action) {
		action = auth.ActionMonitor // who manages monitoring may see it
	}
	db, err := s.store(p, action)
	if err != nil {
		return nil, err
	}
	return db.Monitoring(ctx, id, s.retention())
}

// SetMonitoring sets when a subject's monitoring ends (zero: never),
// overriding the retention; audited with the reason.
func (s *Service) SetMonitoring(ctx context.Context, p auth.Principal, id string, until time.Time, reason string) (*store.Monitor, error) {
	db, err := s.store(p, auth.ActionMonitor)
	if err != nil {
		return nil, err
	}
	return db.SetMonitoring(ctx, p, id, until, reason, s.retention())
}

// EndMonitoring ends a subject's monitoring now; audited with the reason.
func (s *Service) EndMonitoring(ctx context.Context, p auth.Principal, id, reason string) (*store.Monitor, error) {
	db, err := s.store(p, auth.ActionMonitor)
	if err != nil {
		return nil, err
	}
	return db.EndMonitoring(ctx, p, id, reason, s.retention())
}

// ExpireMonitoring ends, audited, the monitoring of every subject whose
// retention (or own end) has passed, in batches, and returns how many.
func (s *Service) ExpireMonitoring(ctx context.Context, p auth.Principal) (int, error) {
	db, err := s.store(p, auth.ActionRevet)
	if err != nil {
		return 0, err
	}
	total := 0
	for {
		n, err := db.ExpireMonitoring(ctx, p, s.retention(), store.MaxBatch)
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
}
