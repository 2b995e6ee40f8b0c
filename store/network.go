package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
)

// EdgeInput is a relationship the organisation asserts. The service
// validates it (relation type, share, confidence, known ends) before the
// store writes it.
type EdgeInput struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Relation string `json:"relation"`
	// Share is the percentage owned, "" when not known.
	Share      string `json:"share,omitempty"`
	Confidence string `json:"confidence"`
	Start      string `json:"start,omitempty"`
	End        string `json:"end,omitempty"`
	// Source names the statement ("import:links.csv:12", "api", a case
	// number); StatedOn is when it was stated or observed.
	Source   string `json:"source"`
	StatedOn string `json:"stated_on,omitempty"`
	Note     string `json:"note,omitempty"`
}

// Edge is a stored relationship.
type Edge struct {
	ID int64 `json:"id"`
	EdgeInput
	AssertedBy    string     `json:"asserted_by"`
	CreatedAt     time.Time  `json:"created_at"`
	RetractedBy   string     `json:"retracted_by,omitempty"`
	RetractedAt   *time.Time `json:"retracted_at,omitempty"`
	RetractReason string     `json:"retract_reason,omitempty"`
}

// edgeBind is what asserting an edge wrote beyond the entry's details
// (which carry the EdgeInput): the row's id.
type edgeBind struct {
	ID int64 `json:"id"`
}

// Asserted says what AssertEdges did.
type Asserted struct {
	// Added are the edges written; Existing the statements already
	// recorded (same ends, relation and source), which were not written
	// again.
	Added    []Edge `json:"added"`
	Existing []Edge `json:"existing,omitempty"`
	// Vet is the network vet written with the edges added (0 when none
	// was added): their network alerts are owed until it is done.
	Vet int64 `json:"-"`
}

func (e *EdgeInput) check() error {
	for _, f := range []struct {
		name, v string
		max     int
	}{{"from", e.From, 500}, {"to", e.To, 500}, {"relation", e.Relation, 50}, {"share", e.Share, 30}, {"confidence", e.Confidence, 30},
		{"start", e.Start, 30}, {"end", e.End, 30}, {"source", e.Source, 500}, {"stated_on", e.StatedOn, 30}, {"note", e.Note, 2000}} {
		if err := checkText(f.name, f.v, f.max); err != nil {
			return err
		}
	}
	if e.From == "" || e.To == "" || e.Relation == "" || e.Source == "" || e.Confidence == "" {
		return apperr.New(apperr.Invalid, "an edge needs from, to, relation, confidence and source")
	}
	return nil
}

// AssertEdges writes the edges in one transaction, each with its audit
// entry; a statement already recorded is left as it is and returned in
// Existing. Nothing is written when one edge cannot be.
func (db *DB) AssertEdges(ctx context.Context, actor auth.Principal, edges []EdgeInput) (*Asserted, error) {
	for i := range edges {
		if err := edges[i].check(); err != nil {
			return nil, fmt.Errorf("edge %d: %w", i+1, err)
		}
	}
	out := &Asserted{}
	err := db.inTx(ctx, func(tx *tx) (err error) {
		out.Added, out.Existing, out.Vet = nil, nil, 0
		var conflicts []string
		for i, in := range edges {
			old, err := tx.edgeByStatement(ctx, in)
			if err == nil {
				if d := differences(old.EdgeInput, in); d != "" {
					conflicts = append(conflicts, fmt.Sprintf("edge %d: %s -%s-> %s from source %q is recorded already (edge %d) with other values (%s): "+
						"a statement is not changed in place; retract edge %d and assert the new one, or give it its own source",
						i+1, in.From, in.Relation, in.To, in.Source, old.ID, d, old.ID))
					continue
				}
				out.Existing = append(out.Existing, *old)
				continue
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			var id int64
			now := fmtTime(tx.now)
			err = tx.QueryRowContext(ctx, `INSERT INTO network_edges (from_node, to_node, relation, share, confidence, start_date, end_date,
				source, stated_on, note, asserted_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
				in.From, in.To, in.Relation, in.Share, in.Confidence, in.Start, in.End, in.Source, in.StatedOn, in.Note, actorName(actor), now).Scan(&id)
			if err != nil {
				return fmt.Errorf("assert edge %s -%s-> %s: %w", in.From, in.Relation, in.To, err)
			}
			out.Added = append(out.Added, Edge{ID: id, EdgeInput: in, AssertedBy: actorName(actor), CreatedAt: tx.now})
			if err := tx.appendAudit(ctx, actor, audit.ActionEdgeAssert, fmt.Sprintf("edge/%d", id),
				map[string]any{"edge": in, "bind": edgeBind{ID: id}}); err != nil {
				return err
			}
		}
		if len(conflicts) > 0 {
			return apperr.New(apperr.Conflict, "%s", strings.Join(conflicts, "; "))
		}
		if len(out.Added) == 0 {
			return nil
		}
		out.Vet, err = tx.planNetworkVet(ctx, actor, NetVetLinks, subjectsOf(out.Added), nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// differences names the fields in which a statement asserted again
// differs from the one recorded (same ends, relation and source), with
// both values: `start "2019-03-01" recorded, "2020-01-01" given`; "" when
// it is the same statement.
func differences(old, in EdgeInput) string {
	var out []string
	for _, f := range []struct{ name, old, in string }{{"share", old.Share, in.Share}, {"confidence", old.Confidence, in.Confidence},
		{"start", old.Start, in.Start}, {"end", old.End, in.End}, {"date", old.StatedOn, in.StatedOn}, {"note", old.Note, in.Note}} {
		if f.old != f.in {
			out = append(out, fmt.Sprintf("%s %q recorded, %q given", f.name, f.old, f.in))
		}
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "; ")
}

const edgeColumns = `id, from_node, to_node, relation, share, confidence, start_date, end_date, source, stated_on, note,
	asserted_by, created_at, retracted_by, retracted_at, retract_reason FROM network_edges`

func scanEdge(sc scanner) (*Edge, error) {
	var e Edge
	var created, retracted string
	if err := sc.Scan(&e.ID, &e.From, &e.To, &e.Relation, &e.Share, &e.Confidence, &e.Start, &e.End, &e.Source, &e.StatedOn, &e.Note,
		&e.AssertedBy, &created, &e.RetractedBy, &retracted, &e.RetractReason); err != nil {
		return nil, err
	}
	e.CreatedAt = parseTime(created)
	if retracted != "" {
		t := parseTime(retracted)
		e.RetractedAt = &t
	}
	return &e, nil
}

func (tx *tx) edgeByStatement(ctx context.Context, in EdgeInput) (*Edge, error) {
	return scanEdge(tx.QueryRowContext(ctx, `SELECT `+edgeColumns+` WHERE from_node = $1 AND to_node = $2 AND relation = $3 AND source = $4`,
		in.From, in.To, in.Relation, in.Source))
}

// RetractEdge marks an edge as retracted (it is kept, with who retracted
// it, when and why, and no longer counts).
func (db *DB) RetractEdge(ctx context.Context, actor auth.Principal, id int64, reason string) (*Edge, error) {
	if err := checkText("reason", reason, 2000); err != nil {
		return nil, err
	}
	if strings.TrimSpace(reason) == "" {
		return nil, apperr.Field("reason", "a retraction needs a reason")
	}
	var out *Edge
	err := db.inTx(ctx, func(tx *tx) error {
		e, err := scanEdge(tx.QueryRowContext(ctx, `SELECT `+edgeColumns+` WHERE id = $1`, id))
		if err != nil {
			return notFound(err, "edge %d", id)
		}
		if e.RetractedAt != nil {
			return apperr.New(apperr.Conflict, "edge %d was retracted already, by %s", id, e.RetractedBy)
		}
		now := fmtTime(tx.now)
		if _, err := tx.ExecContext(ctx, `UPDATE network_edges SET retracted_by = $1, retracted_at = $2, retract_reason = $3 WHERE id = $4`,
			actorName(actor), now, reason, id); err != nil {
			return fmt.Errorf("retract edge %d: %w", id, err)
		}
		e.RetractedBy, e.RetractedAt, e.RetractReason = actorName(actor), &tx.now, reason
		out = e
		return tx.appendAudit(ctx, actor, audit.ActionEdgeRetract, fmt.Sprintf("edge/%d", id), map[string]any{"reason": reason})
	})
	return out, err
}

// Edge returns one stored edge.
func (db *DB) Edge(ctx context.Context, id int64) (*Edge, error) {
	e, err := scanEdge(db.sql.QueryRowContext(ctx, `SELECT `+edgeColumns+` WHERE id = $1`, id))
	if err != nil {
		return nil, notFound(err, "edge %d", id)
	}
	return e, nil
}

// EdgesOf returns the stored edges that touch node, retracted ones too,
// oldest first.
func (db *DB) EdgesOf(ctx context.Context, node string) ([]Edge, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+edgeColumns+` WHERE from_node = $1 OR to_node = $1 ORDER BY id`, node)
	if err != nil {
		return nil, fmt.Errorf("edges of %s: %w", node, err)
	}
	defer rows.Close()
	var out []Edge
	for rows.Next() {
		e, err := scanEdge(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

// EachEdge calls fn for every edge in force (not retracted), by id.
func (db *DB) EachEdge(ctx context.Context, fn func(*Edge) error) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+edgeColumns+` WHERE retracted_at = '' ORDER BY id`)
	if err != nil {
		return fmt.Errorf("edges: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEdge(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ValueInput is a contact value of a subject.
type ValueInput struct {
	Subject string `json:"subject"`
	// Kind is phone, email, address or identifier.
	Kind  string `json:"kind"`
	Value string `json:"value"`
	// Normalized is the form compared (the service makes it).
	Normalized string `json:"normalized"`
	Source     string `json:"source"`
}

// Value is a stored contact value.
type Value struct {
	ID int64 `json:"id"`
	ValueInput
	AssertedBy string    `json:"asserted_by"`
	CreatedAt  time.Time `json:"created_at"`
}

// AssertValues writes contact values in one transaction, each audited;
// a value already recorded for the subject is not written again. It
// returns how many were added and how many were there already, and the
// network vet written with the values added (0 when none was).
func (db *DB) AssertValues(ctx context.Context, actor auth.Principal, vals []ValueInput) (added, existing int, vet int64, err error) {
	for i, v := range vals {
		for _, f := range []struct{ name, v string }{{"subject", v.Subject}, {"kind", v.Kind}, {"value", v.Value}, {"normalized", v.Normalized}, {"source", v.Source}} {
			if err := checkText(f.name, f.v, 1000); err != nil {
				return 0, 0, 0, fmt.Errorf("value %d: %w", i+1, err)
			}
			if f.v == "" {
				return 0, 0, 0, fmt.Errorf("value %d: %w", i+1, apperr.Field(f.name, "empty"))
			}
		}
	}
	err = db.inTx(ctx, func(tx *tx) error {
		added, existing, vet = 0, 0, 0
		var touched []string
		for _, v := range vals {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM network_values WHERE subject = $1 AND kind = $2 AND normalized = $3`,
				v.Subject, v.Kind, v.Normalized).Scan(&n); err != nil {
				return fmt.Errorf("value of %s: %w", v.Subject, err)
			}
			if n > 0 {
				existing++
				continue
			}
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO network_values (subject, kind, value, normalized, source, asserted_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, v.Subject, v.Kind, v.Value, v.Normalized, v.Source, actorName(actor), fmtTime(tx.now)).Scan(&id); err != nil {
				return fmt.Errorf("value of %s: %w", v.Subject, err)
			}
			added++
			touched = append(touched, v.Subject)
			if err := tx.appendAudit(ctx, actor, audit.ActionValueAssert, fmt.Sprintf("value/%d", id),
				map[string]any{"value": v, "bind": edgeBind{ID: id}}); err != nil {
				return err
			}
		}
		if added == 0 {
			return nil
		}
		var err error
		vet, err = tx.planNetworkVet(ctx, actor, NetVetLinks, slices.Compact(slices.Sorted(slices.Values(touched))), nil)
		return err
	})
	return added, existing, vet, err
}

// EachValue calls fn for every contact value, ordered by kind and
// normalized value so that those shared come together.
func (db *DB) EachValue(ctx context.Context, fn func(*Value) error) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, subject, kind, value, normalized, source, asserted_by, created_at
		FROM network_values ORDER BY kind, normalized, id`)
	if err != nil {
		return fmt.Errorf("values: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v Value
		var created string
		if err := rows.Scan(&v.ID, &v.Subject, &v.Kind, &v.Value, &v.Normalized, &v.Source, &v.AssertedBy, &created); err != nil {
			return err
		}
		v.CreatedAt = parseTime(created)
		if err := fn(&v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachSubject calls fn for every recorded subject with its current
// attributes, by id.
func (db *DB) EachSubject(ctx context.Context, fn func(extID string, s vigil.Subject) error) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT external_id, attrs FROM subjects ORDER BY id`)
	if err != nil {
		return fmt.Errorf("subjects: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, raw string
		if err := rows.Scan(&id, &raw); err != nil {
			return err
		}
		var s vigil.Subject
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return fmt.Errorf("subject %s: %w", id, err)
		}
		if err := fn(id, s); err != nil {
			return err
		}
	}
	return rows.Err()
}

// MissingSubjects returns the external ids of ids that are no recorded subject.
func (db *DB) MissingSubjects(ctx context.Context, ids []string) ([]string, error) {
	var missing []string
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		var n int
		if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM subjects WHERE external_id = $1`, id).Scan(&n); err != nil {
			return nil, fmt.Errorf("subject %s: %w", id, err)
		}
		if n == 0 {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

// NetworkVersion changes whenever anything the graph is built from has
// changed: an edge asserted or retracted, a value asserted, a subject
// recorded or its attributes changed.
func (db *DB) NetworkVersion(ctx context.Context) (string, error) {
	var e, r, v, s int64
	err := db.sql.QueryRowContext(ctx, `SELECT (SELECT COALESCE(MAX(id), 0) FROM network_edges),
		(SELECT COUNT(*) FROM network_edges WHERE retracted_at <> ''), (SELECT COALESCE(MAX(id), 0) FROM network_values),
		(SELECT COALESCE(MAX(id), 0) FROM subject_versions)`).Scan(&e, &r, &v, &s)
	if err != nil {
		return "", fmt.Errorf("network version: %w", err)
	}
	return fmt.Sprintf("%d.%d.%d.%d", e, r, v, s), nil
}

// replay of the network entries (see replay.go).

func (r *replayer) edge(e *audit.Entry) error {
	var d struct {
		Edge   EdgeInput `json:"edge"`
		Reason string    `json:"reason"`
		Bind   *edgeBind `json:"bind"`
	}
	id, err := decodeAt(e, "edge/", &d)
	if err != nil {
		return err
	}
	key := rowKey(id)
	if e.Action == audit.ActionEdgeRetract {
		return r.update(e.Seq, "network_edges", key, audit.Values{"retracted_by": e.Actor, "retracted_at": fmtTime(e.At), "retract_reason": d.Reason})
	}
	if d.Bind == nil || strconv.FormatInt(d.Bind.ID, 10) != id {
		return &badEntry{fmt.Errorf("%s entry without its bind", e.Action)}
	}
	in := d.Edge
	return r.out.Write(e.Seq, "network_edges", key, audit.Values{"from_node": in.From, "to_node": in.To, "relation": in.Relation,
		"share": in.Share, "confidence": in.Confidence, "start_date": in.Start, "end_date": in.End, "source": in.Source,
		"stated_on": in.StatedOn, "note": in.Note, "asserted_by": e.Actor, "created_at": fmtTime(e.At),
		"retracted_by": "", "retracted_at": "", "retract_reason": ""})
}

func (r *replayer) value(e *audit.Entry) error {
	var d struct {
		Value ValueInput `json:"value"`
		Bind  *edgeBind  `json:"bind"`
	}
	id, err := decodeAt(e, "value/", &d)
	if err != nil {
		return err
	}
	if d.Bind == nil || strconv.FormatInt(d.Bind.ID, 10) != id {
		return &badEntry{fmt.Errorf("%s entry without its bind", e.Action)}
	}
	v := d.Value
	return r.out.Write(e.Seq, "network_values", rowKey(id), audit.Values{"subject": v.Subject, "kind": v.Kind, "value": v.Value,
		"normalized": v.Normalized, "source": v.Source, "asserted_by": e.Actor, "created_at": fmtTime(e.At)})
}
