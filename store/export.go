package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/vigil-screening/vigil/export"
)

// ExportPage is how many rows one keyset page of an export reads.
const ExportPage = 1000

// ExportTables are the tables that can be exported.
var ExportTables = []string{"alerts", "screenings", "subjects", "audit"}

// exportTable is one exportable table: its columns and the keyset query
// of a page (rows with key > $1, in key order, at most $2), whose first
// column is the key.
type exportTable struct {
	cols  []export.Column
	query string
	scan  func(*sql.Rows) (key int64, row []any, err error)
}

var exportTables = map[string]exportTable{
	"alerts": {
		cols: []export.Column{{Name: "id", Kind: export.Int}, {Name: "version", Kind: export.Int}, {Name: "subject_id", Kind: export.Text},
			{Name: "list", Kind: export.Text}, {Name: "source_id", Kind: export.Text}, {Name: "listed_name", Kind: export.Text},
			{Name: "status", Kind: export.Text}, {Name: "score", Kind: export.Float}, {Name: "assignee", Kind: export.Text},
			{Name: "disposition", Kind: export.Text}, {Name: "reason", Kind: export.Text}, {Name: "closed_by", Kind: export.Text},
			{Name: "approved_by", Kind: export.Text}, {Name: "screening_id", Kind: export.Int},
			{Name: "created_at", Kind: export.Time}, {Name: "updated_at", Kind: export.Time}},
		query: `SELECT a.id, a.version, s.external_id, a.list, a.source_id, a.hit, a.status, a.score, a.assignee,
			a.disposition, a.reason, a.closed_by, a.approved_by, a.screening_id, a.created_at, a.updated_at
			FROM alerts a JOIN subjects s ON s.id = a.subject_id WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
		scan: func(rows *sql.Rows) (int64, []any, error) {
			var id, version, screening int64
			var subject, list, sourceID, hit, status, assignee, disp, reason, closedBy, approvedBy, created, updated string
			var score float64
			if err := rows.Scan(&id, &version, &subject, &list, &sourceID, &hit, &status, &score, &assignee,
				&disp, &reason, &closedBy, &approvedBy, &screening, &created, &updated); err != nil {
				return 0, nil, err
			}
			var h struct {
				Name string `json:"name"`
			}
			_ = json.Unmarshal([]byte(hit), &h) // the name is a convenience; the hit itself is in the API
			return id, []any{id, version, subject, list, sourceID, h.Name, status, score, assignee, disp, reason,
				closedBy, approvedBy, screening, parseTime(created), parseTime(updated)}, nil
		},
	},
	"screenings": {
		cols: []export.Column{{Name: "id", Kind: export.Int}, {Name: "subject_id", Kind: export.Text}, {Name: "actor", Kind: export.Text},
			{Name: "at", Kind: export.Time}, {Name: "threshold", Kind: export.Float}, {Name: "hits", Kind: export.Int},
			{Name: "top_score", Kind: export.Float}, {Name: "top_list", Kind: export.Text}, {Name: "top_source_id", Kind: export.Text},
			{Name: "editions", Kind: export.JSON}},
		query: `SELECT sc.id, s.external_id, sc.actor, sc.at, sc.threshold, sc.hits, sc.editions
			FROM screenings sc JOIN subjects s ON s.id = sc.subject_id WHERE sc.id > $1 ORDER BY sc.id LIMIT $2`,
		scan: func(rows *sql.Rows) (int64, []any, error) {
			var id int64
			var subject, actor, at, hits, editions string
			var threshold float64
			if err := rows.Scan(&id, &subject, &actor, &at, &threshold, &hits, &editions); err != nil {
				return 0, nil, err
			}
			var hs []struct {
				Score    float64 `json:"score"`
				List     string  `json:"list"`
				SourceID string  `json:"source_id"`
			}
			if err := json.Unmarshal([]byte(hits), &hs); err != nil {
				return 0, nil, fmt.Errorf("screening %d: hits: %w", id, err)
			}
			var top any = nil
			var topList, topID string
			for i, h := range hs {
				if i == 0 || h.Score > top.(float64) {
					top, topList, topID = h.Score, h.List, h.SourceID
				}
			}
			return id, []any{id, subject, actor, parseTime(at), threshold, int64(len(hs)), top, topList, topID, json.RawMessage(editions)}, nil
		},
	},
	"subjects": {
		cols: []export.Column{{Name: "id", Kind: export.Text}, {Name: "type", Kind: export.Text}, {Name: "name", Kind: export.Text},
			{Name: "date_of_birth", Kind: export.Text}, {Name: "nationality", Kind: export.Text}, {Name: "country", Kind: export.Text},
			{Name: "attributes", Kind: export.JSON}, {Name: "created_at", Kind: export.Time}, {Name: "updated_at", Kind: export.Time}},
		query: `SELECT id, external_id, attrs, created_at, updated_at FROM subjects WHERE id > $1 ORDER BY id LIMIT $2`,
		scan: func(rows *sql.Rows) (int64, []any, error) {
			var key int64
			var ext, attrs, created, updated string
			if err := rows.Scan(&key, &ext, &attrs, &created, &updated); err != nil {
				return 0, nil, err
			}
			var a struct {
				Type        string `json:"type"`
				Name        string `json:"name"`
				First       string `json:"first_name"`
				Middle      string `json:"middle_name"`
				Last        string `json:"last_name"`
				DateOfBirth string `json:"date_of_birth"`
				Nationality string `json:"nationality"`
				Country     string `json:"country"`
			}
			if err := json.Unmarshal([]byte(attrs), &a); err != nil {
				return 0, nil, fmt.Errorf("subject %q: attributes: %w", ext, err)
			}
			name := a.Name
			if name == "" {
				name = joinNonEmpty(a.First, a.Middle, a.Last)
			}
			return key, []any{ext, a.Type, name, a.DateOfBirth, a.Nationality, a.Country, json.RawMessage(attrs),
				parseTime(created), parseTime(updated)}, nil
		},
	},
	"audit": {
		cols: []export.Column{{Name: "seq", Kind: export.Int}, {Name: "at", Kind: export.Time}, {Name: "actor", Kind: export.Text},
			{Name: "action", Kind: export.Text}, {Name: "object", Kind: export.Text}, {Name: "details", Kind: export.JSON},
			{Name: "prev_hash", Kind: export.Text}, {Name: "hash", Kind: export.Text}},
		query: `SELECT seq, at, actor, action, object, details, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
		scan: func(rows *sql.Rows) (int64, []any, error) {
			var seq int64
			var at, actor, action, object, details, prev, hash string
			if err := rows.Scan(&seq, &at, &actor, &action, &object, &details, &prev, &hash); err != nil {
				return 0, nil, err
			}
			return seq, []any{seq, parseTime(at), actor, action, object, json.RawMessage(details), prev, hash}, nil
		},
	},
}

func joinNonEmpty(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += " "
		}
		out += p
	}
	return out
}

// ExportColumns returns the columns of an exportable table, or false.
func ExportColumns(table string) ([]export.Column, bool) {
	t, ok := exportTables[table]
	return t.cols, ok
}

// ExportRows calls fn with every row of table, in key order, reading
// pages of ExportPage rows by keyset (key > the last key read), so that
// no more than a page is in memory and no page waits on another's
// cursor. Rows added while the export runs may be included when their key
// is above the last one read; none is read twice.
func (db *DB) ExportRows(ctx context.Context, table string, fn func(row []any) error) error {
	t, ok := exportTables[table]
	if !ok {
		return fmt.Errorf("export: no table %q", table)
	}
	var last int64
	for {
		n, err := db.exportPage(ctx, t, &last, fn)
		if err != nil {
			return fmt.Errorf("export %s: %w", table, err)
		}
		if n < ExportPage {
			return nil
		}
	}
}

// exportPage reads the page after *last into memory, closes the query,
// then hands its rows to fn (so that fn, which writes to a client, never
// holds a database cursor open).
func (db *DB) exportPage(ctx context.Context, t exportTable, last *int64, fn func(row []any) error) (int, error) {
	rows, err := db.sql.QueryContext(ctx, t.query, *last, ExportPage)
	if err != nil {
		return 0, err
	}
	page := make([][]any, 0, ExportPage)
	for rows.Next() {
		key, row, err := t.scan(rows)
		if err != nil {
			rows.Close()
			return 0, err
		}
		*last = key
		page = append(page, row)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return 0, err
	}
	rows.Close()
	for _, row := range page {
		if err := fn(row); err != nil {
			return 0, err
		}
	}
	return len(page), nil
}
