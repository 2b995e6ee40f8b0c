package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/review"
)

// Reads for the pages of the web application: the alert queue in keyset
// pages (as fast on the thousandth page as on the first: no OFFSET, no
// COUNT), alert counts for the dashboard, the audit trail by actor,
// action or object, and subjects by id.

// QueueSort orders the alert queue.
type QueueSort string

// Orders of the alert queue.
const (
	SortOldest  QueueSort = "oldest"  // raised first first
	SortNewest  QueueSort = "newest"  // raised last first
	SortScore   QueueSort = "score"   // highest score first
	SortUpdated QueueSort = "updated" // changed last first
)

// ValidSort reports whether s is one of the queue's orders.
func ValidSort(s QueueSort) bool {
	return s == SortOldest || s == SortNewest || s == SortScore || s == SortUpdated
}

// QueueFilter selects a page of the alert queue.
type QueueFilter struct {
	Status review.Status
	// Assignee keeps the alerts of one user; Unassigned those of nobody.
	Assignee   string
	Unassigned bool
	SubjectID  string
	List       string
	MinScore   float64
	// OlderThan keeps alerts raised before this time (zero: any).
	OlderThan time.Time
	Sort      QueueSort
	// After is the cursor of the page before (QueuePage.Next); "" is the
	// first page.
	After string
	// Limit is 1 to 200; 0 means 50.
	Limit int
}

// QueuePage is a page of the queue and the cursor of the next ("" at the
// end).
type QueuePage struct {
	Alerts []*review.Alert
	Next   string
}

// AlertQueue returns a page of the alerts f selects in f's order.
func (db *DB) AlertQueue(ctx context.Context, f QueueFilter) (*QueuePage, error) {
	if f.Sort == "" {
		f.Sort = SortOldest
	}
	if !ValidSort(f.Sort) {
		return nil, apperr.Field("sort", "want oldest, newest, score or updated")
	}
	if f.Limit == 0 {
		f.Limit = 50
	}
	if f.Limit < 1 || f.Limit > 200 {
		return nil, apperr.Field("limit", "want 1 to 200")
	}
	for field, v := range map[string]string{"assignee": f.Assignee, "subject": f.SubjectID, "list": f.List, "after": f.After} {
		if err := checkText(field, v, 200); err != nil {
			return nil, err
		}
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Status != "" {
		where = append(where, "a.status = "+arg(string(f.Status)))
	}
	switch {
	case f.Unassigned:
		where = append(where, "a.assignee = ''")
	case f.Assignee != "":
		where = append(where, "a.assignee = "+arg(f.Assignee))
	}
	if f.SubjectID != "" {
		// The subject's row id first: the (subject_id, id) index then
		// gives its alerts in order.
		where = append(where, "a.subject_id = (SELECT id FROM subjects WHERE external_id = "+arg(f.SubjectID)+")")
	}
	if f.List != "" {
		where = append(where, "EXISTS (SELECT 1 FROM alert_records r WHERE r.alert_id = a.id AND r.list = "+arg(f.List)+")")
	}
	// The score and age filters are checked on the rows the order's index
	// gives ("+a.score" and "a.created_at || ''" keep the planner from
	// ranging over their own indexes and sorting what it finds): walking
	// the order and stopping at the page's end is what keeps a page fast
	// whatever the table's size.
	if f.MinScore > 0 {
		where = append(where, "+a.score >= "+arg(f.MinScore))
	}
	if !f.OlderThan.IsZero() {
		where = append(where, "a.created_at || '' < "+arg(fmtTime(f.OlderThan)))
	}
	// The key of each order: its column (none for id alone) and direction.
	col, desc := map[QueueSort]string{SortScore: "a.score", SortUpdated: "a.updated_at"}[f.Sort], f.Sort != SortOldest
	if f.After != "" {
		cond, err := afterCondition(f.After, col, desc, arg)
		if err != nil {
			return nil, err
		}
		where = append(where, cond)
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	order := "a.id" + dir
	if col != "" {
		order = col + dir + ", a.id" + dir
	}
	q := "SELECT " + alertColumns
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY " + order + " LIMIT " + strconv.Itoa(f.Limit+1)
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("alert queue: %w", err)
	}
	defer rows.Close()
	page := &QueuePage{}
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, fmt.Errorf("alert queue: %w", err)
		}
		page.Alerts = append(page.Alerts, &a.Alert)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("alert queue: %w", err)
	}
	if len(page.Alerts) > f.Limit {
		page.Alerts = page.Alerts[:f.Limit]
		last := page.Alerts[f.Limit-1]
		switch f.Sort {
		case SortScore:
			page.Next = strconv.FormatFloat(last.Score, 'g', -1, 64) + "_" + strconv.FormatInt(last.ID, 10)
		case SortUpdated:
			page.Next = fmtTime(last.UpdatedAt) + "_" + strconv.FormatInt(last.ID, 10)
		default:
			page.Next = strconv.FormatInt(last.ID, 10)
		}
	}
	return page, nil
}

// afterCondition is the keyset condition of a cursor: the rows after
// (key, id) in the order.
func afterCondition(after, col string, desc bool, arg func(any) string) (string, error) {
	bad := apperr.Field("after", "not a cursor of this order: start again from the first page")
	op := " > "
	if desc {
		op = " < "
	}
	if col == "" {
		id, err := strconv.ParseInt(after, 10, 64)
		if err != nil {
			return "", bad
		}
		return "a.id" + op + arg(id), nil
	}
	key, idText, ok := strings.Cut(after, "_")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil {
		return "", bad
	}
	var v any = key
	if col == "a.score" {
		f, err := strconv.ParseFloat(key, 64)
		if err != nil {
			return "", bad
		}
		v = f
	} else if _, err := time.Parse(audit.TimeFormat, key); err != nil {
		return "", bad
	}
	// A row-value comparison: both databases range over the (col, id)
	// index with it.
	return "(" + col + ", a.id)" + op + "(" + arg(v) + ", " + arg(id) + ")", nil
}

// AuditQuery selects entries of the audit trail, newest first.
type AuditQuery struct {
	Actor  string
	Action audit.Action
	Object string
	// From (inclusive) and To (exclusive) bound the time; zero is open.
	From, To time.Time
	// Before is the sequence number the page starts below (0: the newest).
	Before int64
	// Limit is 1 to 500; 0 means 100.
	Limit int
}

// AuditEntries returns a page of the entries q selects, newest first.
func (db *DB) AuditEntries(ctx context.Context, q AuditQuery) ([]*audit.Entry, error) {
	if q.Limit == 0 {
		q.Limit = 100
	}
	if q.Limit < 1 || q.Limit > 500 {
		return nil, apperr.Field("limit", "want 1 to 500")
	}
	for field, v := range map[string]string{"actor": q.Actor, "action": string(q.Action), "object": q.Object} {
		if err := checkText(field, v, 300); err != nil {
			return nil, err
		}
	}
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if q.Actor != "" {
		add("actor = ?", q.Actor)
	}
	if q.Action != "" {
		add("action = ?", string(q.Action))
	}
	if q.Object != "" {
		add("object = ?", q.Object)
	}
	if !q.From.IsZero() {
		add("at >= ?", fmtTime(q.From))
	}
	if !q.To.IsZero() {
		add("at < ?", fmtTime(q.To))
	}
	if q.Before > 0 {
		add("seq < ?", q.Before)
	}
	sqlq := `SELECT seq, at, actor, action, object, details, prev_hash, hash FROM audit_log`
	if len(where) > 0 {
		sqlq += " WHERE " + strings.Join(where, " AND ")
	}
	sqlq += " ORDER BY seq DESC LIMIT " + strconv.Itoa(q.Limit)
	var out []*audit.Entry
	err := db.scanAudit(ctx, db.sql, sqlq, args, func(e *audit.Entry) (bool, error) {
		out = append(out, e)
		return true, nil
	})
	return out, err
}

// SubjectSummary is a recorded subject as a search lists it.
type SubjectSummary struct {
	ID        string
	Attrs     vigil.Subject
	CreatedAt time.Time
	UpdatedAt time.Time
}

// SearchSubjects returns up to limit subjects whose id starts with
// prefix, in id order, after the id after.
func (db *DB) SearchSubjects(ctx context.Context, prefix, after string, limit int) ([]SubjectSummary, error) {
	if err := checkText("q", prefix, 200); err != nil {
		return nil, err
	}
	if err := checkText("after", after, 200); err != nil {
		return nil, err
	}
	if limit < 1 || limit > 200 {
		return nil, apperr.Field("limit", "want 1 to 200")
	}
	lo := prefix
	if after > lo {
		lo = after
	}
	// A prefix is a range of the unique index: ids >= prefix and below
	// the prefix followed by the highest character.
	q := `SELECT external_id, attrs, created_at, updated_at FROM subjects WHERE external_id >= $1 AND external_id <> $2`
	args := []any{lo, after}
	if prefix != "" {
		q += ` AND external_id < $3`
		args = append(args, prefix+"\U0010FFFF")
	}
	q += ` ORDER BY external_id LIMIT ` + strconv.Itoa(limit)
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("search subjects: %w", err)
	}
	defer rows.Close()
	var out []SubjectSummary
	for rows.Next() {
		var s SubjectSummary
		var attrs, created, updated string
		if err := rows.Scan(&s.ID, &attrs, &created, &updated); err != nil {
			return nil, fmt.Errorf("search subjects: %w", err)
		}
		if err := json.Unmarshal([]byte(attrs), &s.Attrs); err != nil {
			return nil, fmt.Errorf("subject %s: %w", s.ID, err)
		}
		s.CreatedAt, s.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, s)
	}
	return out, rows.Err()
}
