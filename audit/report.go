package audit

import (
	"fmt"
	"slices"
	"strings"
)

// Problems a Difference reports, besides Missing (the trail implies a row
// the table does not have).
const (
	Changed Problem = "changed" // a column holds another value than the trail implies
	Extra   Problem = "extra"   // the table has a row the trail does not describe
	// Inconsistent: an entry found, or deleted, a value the trail does not
	// imply, so the row was changed outside the trail before that entry,
	// even if a later entry put it right.
	Inconsistent Problem = "inconsistent"
	// Unreadable: an entry's details do not decode (the chain tells
	// whether it was altered).
	Unreadable Problem = "unreadable"
)

// Difference is one way the tables differ from the state the trail
// describes.
type Difference struct {
	Problem Problem `json:"problem"`
	Table   string  `json:"table"`
	Row     string  `json:"row"`
	Column  string  `json:"column,omitempty"`
	// Found is the value in the table (for an extra row, a summary of its
	// columns); Want is the value the trail implies.
	Found string `json:"found,omitempty"`
	Want  string `json:"want,omitempty"`
	// Seq is the entry that implies Want, when there is one.
	Seq int64 `json:"seq,omitempty"`
}

func (d Difference) String() string {
	where := d.Table + "/" + d.Row
	if d.Column != "" {
		where += " " + d.Column
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s:", d.Problem, where)
	switch d.Problem {
	case Missing:
		b.WriteString(" not in the table")
	case Extra:
		fmt.Fprintf(&b, " not in the trail (%s)", d.Found)
	case Inconsistent:
		fmt.Fprintf(&b, " entry %d found %s where the trail implies %s", d.Seq, show(d.Found), show(d.Want))
		return b.String()
	case Unreadable:
		fmt.Fprintf(&b, " %s", d.Found)
		return b.String()
	default:
		fmt.Fprintf(&b, " the table has %s, the trail implies %s", show(d.Found), show(d.Want))
	}
	if d.Seq != 0 {
		fmt.Fprintf(&b, " (entry %d)", d.Seq)
	}
	return b.String()
}

func show(v string) string {
	switch v {
	case Unknown:
		return "(unknown)"
	case "":
		return `""`
	}
	if len(v) > 80 {
		v = v[:77] + "..."
	}
	return fmt.Sprintf("%q", v)
}

// StateReport says whether the tables hold the state the trail describes.
type StateReport struct {
	// Consistent is true when no difference was found.
	Consistent bool `json:"consistent"`
	// Rows is the number of stored rows compared.
	Rows int64 `json:"rows"`
	// Differences are the first differences found (at most the limit
	// given to NewStateReport); Total counts them all.
	Differences []Difference `json:"differences,omitempty"`
	Total       int64        `json:"total_differences"`
	// Unchecked counts, by table, the rows written by entries from before
	// the trail bound the state: their columns are checked only as far as
	// later entries set them.
	Unchecked map[string]int64 `json:"unchecked,omitempty"`
	// UnknownActions counts entries of actions this verifier does not know
	// how to replay (written by a newer version), by action.
	UnknownActions map[string]int64 `json:"unknown_actions,omitempty"`

	limit int
}

// NewStateReport returns an empty report that lists at most limit
// differences (at least 1).
func NewStateReport(limit int) *StateReport {
	return &StateReport{Consistent: true, limit: max(limit, 1)}
}

// Add counts a difference and lists it if the limit allows.
func (r *StateReport) Add(d Difference) {
	r.Consistent = false
	r.Total++
	if len(r.Differences) < r.limit {
		r.Differences = append(r.Differences, d)
	}
}

// AddUnchecked counts a row written before the binding.
func (r *StateReport) AddUnchecked(table string) {
	if r.Unchecked == nil {
		r.Unchecked = map[string]int64{}
	}
	r.Unchecked[table]++
}

// AddUnknownAction counts an entry the verifier cannot replay.
func (r *StateReport) AddUnknownAction(a Action) {
	if r.UnknownActions == nil {
		r.UnknownActions = map[string]int64{}
	}
	r.UnknownActions[string(a)]++
}

// Summary is one line: consistent or how many differences, and what was
// not checked.
func (r *StateReport) Summary() string {
	var b strings.Builder
	if r.Consistent {
		fmt.Fprintf(&b, "state consistent: no differences in %s", Plural(r.Rows, "row", "rows"))
	} else {
		fmt.Fprintf(&b, "state differs from the trail: %s in %d rows compared", Plural(r.Total, "difference", "differences"), r.Rows)
	}
	if n, detail := counts(r.Unchecked); n > 0 {
		fmt.Fprintf(&b, "; %s not checked because their entries predate the binding (%s)", Plural(n, "row", "rows"), detail)
	}
	if n, detail := counts(r.UnknownActions); n > 0 {
		fmt.Fprintf(&b, "; %s of actions this version cannot replay (%s)", Plural(n, "entry", "entries"), detail)
	}
	return b.String()
}

// Plural writes n and the noun, one or many.
func Plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func counts(m map[string]int64) (int64, string) {
	var n int64
	var parts []string
	for k, v := range m {
		n += v
		parts = append(parts, fmt.Sprintf("%s %d", k, v))
	}
	slices.Sort(parts)
	return n, strings.Join(parts, ", ")
}
