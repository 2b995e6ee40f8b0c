package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/audit"
)

// Verification is what Verify found.
type Verification struct {
	// Entries is the number of entries read, and Finding the first break
	// in their hash chain (nil when the chain is intact).
	Entries int64          `json:"entries"`
	Finding *audit.Finding `json:"finding,omitempty"`
	// State compares the tables with the state the trail describes.
	State *audit.StateReport `json:"state"`
}

// Verify checks the audit trail and the state it binds, in one read-only
// snapshot of the database: it walks the chain (as VerifyAudit does) and
// at the same time replays the entries in sequence order into the state
// they describe; then it reads every bound table and compares each row
// with that state. A row changed, deleted or added outside the store's
// API shows as a difference naming the table, the row, the column, the
// value in the table and the value the trail implies. At most limit
// differences are listed; the report counts them all.
//
// Nothing here catches entries deleted from the end of the chain together
// with the rows they describe and audit_head rewound: only a head kept
// outside the database does (CheckAuditAnchor).
func (db *DB) Verify(ctx context.Context, limit int) (*Verification, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect == dialectPostgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	t, err := db.sql.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("audit verify: %w", err)
	}
	defer t.Rollback()
	out := &Verification{State: audit.NewStateReport(limit)}
	r := newReplayer(out.State)
	if err := db.replayTrail(ctx, t, r, out); err != nil {
		return nil, err
	}
	if err := db.compareTables(ctx, t, r); err != nil {
		return nil, err
	}
	return out, nil
}

// replayTrail reads the chain up to its head once, checking the hashes
// and replaying each entry.
func (db *DB) replayTrail(ctx context.Context, t *sql.Tx, r *replayer, out *Verification) error {
	var headSeq int64
	var headHash string
	if err := t.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	for _, bt := range boundTables { // room for what the trail will describe
		var n int
		if err := t.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+bt.Name).Scan(&n); err != nil {
			return fmt.Errorf("audit verify: count %s: %w", bt.Name, err)
		}
		r.state.Reserve(bt.Name, n)
	}
	v := &audit.Verifier{Locate: db.locateAudit(ctx)}
	err := db.scanAudit(ctx, t, `SELECT seq, at, actor, action, object, details, prev_hash, hash FROM audit_log WHERE seq <= $1 ORDER BY seq`,
		[]any{headSeq}, func(e *audit.Entry) (bool, error) {
			out.Entries++
			if out.Finding == nil {
				f, err := v.Next(e)
				if err != nil {
					return false, err
				}
				out.Finding = f
			}
			return true, r.apply(e)
		})
	if err != nil || out.Finding != nil {
		return err
	}
	var beyond int64
	if err := t.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE seq > $1`, headSeq).Scan(&beyond); err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	out.Finding = v.End(headSeq+beyond, headHash)
	return nil
}

// fixedDiff is a stored row whose fixed columns differ from those entry
// seq wrote.
type fixedDiff struct {
	table, key string
	seq        int64
	stored     audit.Values
}

// compareTables reads every bound table and compares it with the state.
func (db *DB) compareTables(ctx context.Context, t *sql.Tx, r *replayer) error {
	rep := r.report
	var fixed []fixedDiff
	for _, bt := range boundTables {
		err := scanTable(ctx, t, bt, func(key string, v audit.Values) error {
			rep.Rows++
			m, err := r.state.Compare(bt.Name, key, v)
			if err != nil {
				return err
			}
			switch {
			case !m.Known && r.unchecked(bt.Name, v):
				rep.AddUnchecked(bt.Name)
			case !m.Known:
				rep.Add(audit.Difference{Problem: audit.Extra, Table: bt.Name, Row: key, Found: bt.summary(v), Want: "no such row"})
			case m.Legacy:
				rep.AddUnchecked(bt.Name)
			}
			if m.FixedSeq != 0 {
				fixed = append(fixed, fixedDiff{bt.Name, key, m.FixedSeq, maps.Clone(v)})
			}
			for _, d := range m.Changed {
				rep.Add(d)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if err := db.nameFixed(ctx, t, r, fixed); err != nil {
		return err
	}
	if err := db.compareSessions(ctx, t, r); err != nil {
		return err
	}
	if err := compareTally(ctx, t, rep); err != nil {
		return err
	}
	r.state.Missing(func(table, key string, seq int64) {
		rep.Add(audit.Difference{Problem: audit.Missing, Table: table, Row: key, Want: "a row", Seq: seq})
	})
	// List the differences table by table (the trail's own first).
	rank := map[string]int{}
	for i, bt := range boundTables {
		rank[bt.Name] = i + 1
	}
	rank["alert_tally"] = len(boundTables) + 1
	slices.SortStableFunc(rep.Differences, func(a, b audit.Difference) int { return rank[a.Table] - rank[b.Table] })
	return nil
}

// unchecked says whether a row the trail does not name may have been
// written before the binding, when entries did not name every row they
// wrote: versions of subjects, and the records and false-positive memory
// of alerts raised or closed by such entries.
func (r *replayer) unchecked(table string, v audit.Values) bool {
	if table == "network_vets" { // bound since migration 94
		return r.netVetUnchecked(v)
	}
	if r.legacy == 0 {
		return false
	}
	switch table {
	case "alert_records", "fp_memory":
		return r.state.IsLegacy("alerts", v["alert_id"])
	case "subject_versions":
		id, err := strconv.ParseInt(v["id"], 10, 64)
		return err == nil && (r.firstVersion == 0 || id < r.firstVersion)
	}
	return false
}

// nameFixed re-reads the entries that wrote rows whose fixed columns
// differ and names each column that does.
func (db *DB) nameFixed(ctx context.Context, t *sql.Tx, r *replayer, rows []fixedDiff) error {
	slices.SortStableFunc(rows, func(a, b fixedDiff) int { return int(a.seq - b.seq) })
	var e *audit.Entry
	for _, row := range rows {
		if e == nil || e.Seq != row.seq {
			e = nil
			err := db.scanAudit(ctx, t, `SELECT seq, at, actor, action, object, details, prev_hash, hash FROM audit_log WHERE seq = $1`,
				[]any{row.seq}, func(got *audit.Entry) (bool, error) {
					e = got
					return false, nil
				})
			if err != nil {
				return err
			}
		}
		c := &capture{table: row.table, key: row.key}
		if e != nil {
			var bad *badEntry
			if err := (&replayer{out: c}).dispatch(e); err != nil && !errors.As(err, &bad) {
				return err
			}
		}
		if c.v == nil {
			r.report.Add(audit.Difference{Problem: audit.Changed, Table: row.table, Row: row.key,
				Found: "other values", Want: fmt.Sprintf("the columns entry %d wrote", row.seq), Seq: row.seq})
			continue
		}
		for _, d := range r.state.DiffFixed(row.table, row.key, row.seq, row.stored, c.v) {
			r.report.Add(d)
		}
	}
	return nil
}

// capture keeps the columns one entry wrote to one row.
type capture struct {
	table, key string
	v          audit.Values
}

func (c *capture) Write(_ int64, table, key string, v audit.Values) error {
	if table == c.table && key == c.key {
		c.v = v
	}
	return nil
}

func (c *capture) Update(int64, string, string, audit.Values) error { return nil }
func (c *capture) Legacy(string, string) error                      { return nil }
func (c *capture) Delete(string, string) (bool, error)              { return true, nil }

// scanTable calls fn with the key and the columns (keys included) of
// every row of a bound table, in the form the replay gives them. The
// Values are reused from row to row.
func scanTable(ctx context.Context, t *sql.Tx, bt boundTable, fn func(key string, v audit.Values) error) error {
	cols := slices.Concat(bt.Key, bt.Fixed, bt.Mutable)
	exprs := slices.Clone(cols)
	for i, c := range exprs {
		if slices.Contains(bt.Bools, c) {
			exprs[i] = "CASE WHEN " + c + " THEN 'true' ELSE 'false' END" // SQLite keeps 1 and 0
		}
	}
	q := "SELECT " + strings.Join(exprs, ", ") + " FROM " + bt.Name + " ORDER BY " + strings.Join(bt.Key, ", ")
	rows, err := t.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("audit verify: read %s: %w", bt.Name, err)
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	digested := make([]bool, len(cols))
	for i, c := range cols {
		ptrs[i], digested[i] = &vals[i], slices.Contains(bt.Digested, c)
	}
	v := make(audit.Values, len(cols)) // reused: fn must copy what it keeps
	keys := make([]string, len(bt.Key))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("audit verify: read %s: %w", bt.Name, err)
		}
		for i, c := range cols {
			s := text(vals[i])
			if digested[i] {
				s = hashed(digest(s))
			}
			v[c] = s
		}
		for i, k := range bt.Key {
			keys[i] = v[k]
		}
		if err := fn(rowKey(keys...), v); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("audit verify: read %s: %w", bt.Name, err)
	}
	return nil
}

// text is a scanned value as the replay writes it.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return itoa(x)
	case float64:
		return ftoa(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// summary lists a row's columns briefly, for a row the trail does not
// have.
func (bt boundTable) summary(v audit.Values) string {
	var parts []string
	for _, c := range slices.Concat(bt.Fixed, bt.Mutable) {
		s := v[c]
		if strings.HasPrefix(s, "sha256:") {
			s = s[:len("sha256:")+12] + "…"
		} else if len(s) > 40 {
			s = s[:37] + "..."
		}
		parts = append(parts, c+"="+s)
	}
	out := strings.Join(parts, " ")
	if len(out) > 300 {
		out = out[:297] + "..."
	}
	return out
}
