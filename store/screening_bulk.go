package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/review"
)

// prewritten is what prewrite wrote for one screening: its subject (with
// the version when the attributes changed) and the screening row. The
// rest (alerts, the audit entry) recordOne writes as for any screening.
type prewritten struct {
	subj        *subjectRow
	screeningID int64
	bind        screeningBind // Editions, Hits and Engine
}

var (
	subjectsInsert = &bulkInsert{table: "subjects",
		cols:   []string{"external_id", "attrs", "fingerprint", "created_at", "updated_at"},
		types:  []string{"text", "text", "text", "text", "text"},
		suffix: "ON CONFLICT (external_id) DO UPDATE SET updated_at = excluded.updated_at RETURNING id, external_id"}
	versionsInsert = &bulkInsert{table: "subject_versions",
		cols:   []string{"subject_id", "attrs", "fingerprint", "actor", "at"},
		types:  []string{"bigint", "text", "text", "text", "text"},
		suffix: "RETURNING id, subject_id"}
	screeningsInsert = &bulkInsert{table: "screenings",
		cols:   []string{"subject_id", "actor", "at", "editions", "threshold", "hits", "engine"},
		types:  []string{"bigint", "text", "text", "text", "double precision", "text", "text"},
		suffix: "RETURNING id, subject_id"}
)

// prewrite writes, a table at a time, the subjects, versions and
// screening rows of the jobs that allow it: recorded screenings (a
// subject id) without an idempotency key whose subject no other job of
// the batch names. It writes exactly what upsertSubject and
// insertScreening would, and returns it by job index (nil for a job left
// to recordOne). order is the jobs' order of recording: rows are written
// in it, so that ids rise with the audit entries as when written one by
// one.
func (tx *tx) prewrite(ctx context.Context, jobs []job, order []int) ([]*prewritten, error) {
	count := make(map[string]int, len(jobs))
	for _, j := range jobs {
		count[j.s.SubjectID]++
	}
	todo := make([]int, 0, len(jobs))
	for _, i := range order {
		s := jobs[i].s
		if s.SubjectID != "" && s.IdempotencyKey == "" && count[s.SubjectID] == 1 {
			todo = append(todo, i)
		}
	}
	if len(todo) < 2 {
		return nil, nil // one statement per table either way
	}
	now := fmtTime(tx.now)
	pre := make([]*prewritten, len(jobs))
	raws := make(map[int]string, len(todo))
	byExt := make(map[string]int, len(todo))
	rows := make([][]any, 0, len(todo))
	for _, i := range todo {
		s := jobs[i].s
		attrs := review.SubjectAttrs(s.Subject)
		raw, err := json.Marshal(s.Subject)
		if err != nil {
			return nil, fmt.Errorf("subject %s: %w", s.SubjectID, err)
		}
		pre[i] = &prewritten{subj: &subjectRow{extID: s.SubjectID, attrs: attrs, fp: attrs.Fingerprint()}}
		raws[i], byExt[s.SubjectID] = string(raw), i
		rows = append(rows, []any{s.SubjectID, string(raw), pre[i].subj.fp, now, now})
	}
	err := tx.insert(ctx, subjectsInsert, rows, func(r *sql.Rows) error {
		var id int64
		var ext string
		if err := r.Scan(&id, &ext); err != nil {
			return err
		}
		i, ok := byExt[ext]
		if !ok {
			return fmt.Errorf("returned subject %q not in the batch", ext)
		}
		pre[i].subj.id = id
		return nil
	})
	if err != nil {
		return nil, err
	}
	bySubject := make(map[int64]int, len(todo))
	ids := make([]int64, 0, len(todo))
	for _, i := range todo {
		p := pre[i]
		if p.subj.id == 0 {
			return nil, fmt.Errorf("subject %s: no id returned", p.subj.extID)
		}
		bySubject[p.subj.id] = i
		ids = append(ids, p.subj.id)
	}
	last, err := tx.lastFingerprints(ctx, ids)
	if err != nil {
		return nil, err
	}

	// Versions, for the subjects that are new or whose attributes changed.
	rows = rows[:0]
	for _, i := range todo {
		subj := pre[i].subj
		lastFP := last[subj.id]
		if lastFP == subj.fp {
			continue
		}
		subj.isNew = lastFP == ""
		if !subj.isNew {
			_, err := tx.ExecContext(ctx, `UPDATE subjects SET attrs = $1, fingerprint = $2 WHERE id = $3`, raws[i], subj.fp, subj.id)
			if err != nil {
				return nil, fmt.Errorf("subject %s: %w", subj.extID, err)
			}
		}
		subj.attrsDigest = digest(raws[i])
		rows = append(rows, []any{subj.id, raws[i], subj.fp, actorName(jobs[i].actor), now})
	}
	err = tx.insert(ctx, versionsInsert, rows, returned(bySubject, func(i int, id int64) { pre[i].subj.version = id }))
	if err != nil {
		return nil, err
	}

	// Screenings.
	rows = rows[:0]
	for _, i := range todo {
		s, p := jobs[i].s, pre[i]
		if p.subj.attrsDigest != "" && p.subj.version == 0 {
			return nil, fmt.Errorf("subject %s: no version id returned", p.subj.extID)
		}
		editions, err := json.Marshal(s.Editions)
		if err != nil {
			return nil, err
		}
		hits, err := json.Marshal(s.Hits)
		if err != nil {
			return nil, err
		}
		p.bind = screeningBind{Editions: digest(string(editions)), Hits: digest(string(hits)), Engine: s.Engine}
		rows = append(rows, []any{p.subj.id, actorName(jobs[i].actor), now, string(editions), s.Threshold, string(hits), s.Engine})
	}
	err = tx.insert(ctx, screeningsInsert, rows, returned(bySubject, func(i int, id int64) { pre[i].screeningID = id }))
	if err != nil {
		return nil, err
	}
	for _, i := range todo {
		if pre[i].screeningID == 0 {
			return nil, fmt.Errorf("subject %s: no screening id returned", pre[i].subj.extID)
		}
	}
	return pre, nil
}

// returned scans the rows a RETURNING id, subject_id gives: set receives
// the id with the index of the job of that subject.
func returned(bySubject map[int64]int, set func(i int, id int64)) func(*sql.Rows) error {
	return func(r *sql.Rows) error {
		var id, subject int64
		if err := r.Scan(&id, &subject); err != nil {
			return err
		}
		i, ok := bySubject[subject]
		if !ok {
			return fmt.Errorf("returned a row of subject %d, not in the batch", subject)
		}
		set(i, id)
		return nil
	}
}

// lastFingerprints returns the fingerprint of the last version of each
// of the subjects (row ids) that has one.
func (tx *tx) lastFingerprints(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	scan := func(r *sql.Rows) error {
		var id int64
		var fp string
		if err := r.Scan(&id, &fp); err != nil {
			return err
		}
		out[id] = fp
		return nil
	}
	if tx.db.dialect == dialectPostgres {
		err := tx.bulkRun(ctx, "last versions", `SELECT DISTINCT ON (subject_id) subject_id, fingerprint FROM subject_versions
			WHERE subject_id = ANY($1::bigint[]) ORDER BY subject_id, id DESC`, []any{ids}, scan)
		return out, err
	}
	for len(ids) > 0 {
		n := chunk(len(ids))
		args := make([]any, n)
		for k, id := range ids[:n] {
			args[k] = id
		}
		// Anonymous parameters, as in bulk.go.
		err := tx.bulkRun(ctx, "last versions", `SELECT subject_id, fingerprint FROM subject_versions WHERE id IN
			(SELECT MAX(id) FROM subject_versions WHERE subject_id IN (?`+strings.Repeat(", ?", n-1)+`) GROUP BY subject_id)`, args, scan)
		if err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}
